/**
 * The producer and the observer of the distributed batch: `queue add` (one job per input),
 * `queue status` (counts, failures with reasons, rate, ETA) and `queue collect` (documents.csv, the
 * batch tables and the workbook for everything done, from the jobs' results and stored rows).
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { prepareTmp } from '../batch/atomic.js';
import { writeBatchOutputs, type BatchEntry } from '../batch/batch-outputs.js';
import { batchOutputNames, recordTables } from '../batch/tables-record.js';
import { BatchSetupError, prepareOutputDir } from '../batch/output-dir.js';
import { COLLECT_COMMAND, lockOutputDir } from '../batch/output-lock.js';
import type { BatchSettings, FileOutcome } from '../batch/convert-file.js';
import { openPath, resolveInputs, type InputProblem } from '../batch/inputs.js';
import { inputsOverlapOutput } from '../batch/input-overlap.js';
import { foldedName, refuseNamesTheDriveCannotHold, recordedTwin, type NameFolding } from '../batch/folded-names.js';
import { outputName } from '../batch/output-names.js';
import { failedRow } from '../emit/sheets.js';
import { connectNow, QUEUE_NAME, unreachable } from './connection.js';
import { fileSha256 } from '../batch/file-sha256.js';
import { JOB_OPTIONS, jobId, toJobFile, type JobData } from './jobs.js';
import { isPageProgress, queueEtaSeconds } from './eta.js';

export interface AddSummary {
  added: number;
  /** Inputs whose job (same content, place and settings) was already in the queue. */
  already: number;
  problems: InputProblem[];
}

/**
 * Runs `use` with a queue on a connection made first (a Redis that does not answer is a
 * BatchSetupError naming it, not a wait for ever); a connection lost on the way is said the same way.
 */
async function withQueue<T>(redisUrl: string, use: (queue: Queue<JobData, FileOutcome>, redis: Redis) => Promise<T>): Promise<T> {
  const connection = await connectNow(redisUrl);
  let lost = '';
  connection.on('error', (e: Error) => (lost = e.message));
  const queue = new Queue<JobData, FileOutcome>(QUEUE_NAME, { connection });
  try {
    return await use(queue, connection);
  } catch (e) {
    if (e instanceof BatchSetupError || connection.status === 'ready') throw e;
    throw new BatchSetupError(unreachable(redisUrl, `lost: ${lost || (e as Error).message}`));
  } finally {
    // BullMQ leaves a connection it was given open; one that is down is dropped, not waited on.
    if (connection.status === 'ready') {
      await queue.close().catch(() => undefined);
      await connection.quit().catch(() => connection.disconnect());
    } else connection.disconnect();
  }
}

export async function addInputs(inputs: string[], settings: BatchSettings, redisUrl: string): Promise<AddSummary> {
  const listed = await resolveInputs(inputs);
  const overlap = inputsOverlapOutput(inputs, listed.files, settings.outDir);
  if (overlap) return { added: 0, already: 0, problems: [...listed.problems, { arg: settings.outDir, message: `nothing queued: ${overlap}` }] };
  // Made now, so the drive it is on can be asked how it compares names.
  prepareOutputDir(settings.outDir);
  const { files, refused, folding } = refuseNamesTheDriveCannotHold(listed.files, settings.outDir);
  const problems = [...listed.problems, ...refused];
  return withQueue(redisUrl, async (queue, redis) => {
    let added = 0, already = 0;
    const claim = nameClaims(redis, settings.outDir, folding);
    for (const file of files) {
      const sha = await fileSha256(openPath(file)).catch((e: Error) => {
        problems.push({ arg: file.display, message: `cannot read: ${e.message}` });
        return null;
      });
      if (!sha) continue;
      const twin = await claim?.(outputName(file.rel, settings.outDir));
      if (twin) { problems.push({ arg: file.display, message: twin }); continue; }
      const id = jobId(sha, file, settings);
      if (await queue.getJob(id)) { already++; continue; }
      await queue.add('convert', { file: toJobFile(file), settings }, { ...JOB_OPTIONS, jobId: id });
      added++;
    }
    return { added, already, problems };
  });
}

/**
 * On a drive that folds names, each output name queued for `outDir` is claimed in Redis under its
 * folded form: a twin added by another `queue add` call, before either job has written anything,
 * is refused here (the drive's records only show what workers have written). Null elsewhere.
 */
export function nameClaims(client: Redis, outDir: string, folding: NameFolding): ((name: string) => Promise<string | null>) | null {
  if (!folding.case && !folding.unicode) return null;
  const key = `${QUEUE_NAME}:output-names:${outDir}`;
  return async (name) => {
    const folded = foldedName(name, folding);
    if (await client.hsetnx(key, folded, name)) return null;
    const claimed = await client.hget(key, folded);
    return claimed === null ? null : recordedTwin(name, folding, new Map([[folded, claimed]]), 'queued for');
  };
}

export interface QueueStatus {
  waiting: number;
  active: number;
  done: number;
  failed: number;
  delayed: number;
  failures: { path: string; reason: string }[];
  /** Jobs finished per second over the last minute of finishes (null before any). */
  rate: number | null;
  /** Active jobs reading a scan's pages, with how far they are. */
  reading: { path: string; pagesDone: number; pagesTotal: number }[];
  /** From the file rate, and from its own pace for a job reading pages (eta.ts). */
  etaSeconds: number | null;
}

export async function queueStatus(redisUrl: string): Promise<QueueStatus> {
  return withQueue(redisUrl, async (queue) => {
    const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
    const failed = await queue.getFailed(0, 99);
    const recent = await queue.getCompleted(0, 199);
    const times = recent.map((j) => j.finishedOn ?? 0).filter((t) => t > 0).sort((a, b) => b - a);
    const last = times[0] ?? 0;
    const window = times.filter((t) => t >= last - 60_000);
    const span = window.length > 1 ? (window[0]! - window.at(-1)!) / 1000 : 0;
    const rate = span > 0 ? (window.length - 1) / span : null;
    const waiting = (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
    const active = await queue.getActive(0, 999);
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
      active: c.active ?? 0,
      done: c.completed ?? 0,
      failed: c.failed ?? 0,
      delayed: c.delayed ?? 0,
      failures: failed.map((j) => ({ path: j.data.file.display, reason: j.failedReason ?? 'unknown' })),
      rate,
      reading: active.flatMap((j) => (isPageProgress(j.progress) ? [{ path: j.data.file.display, pagesDone: j.progress.pagesDone, pagesTotal: j.progress.pagesTotal }] : [])),
      etaSeconds: queueEtaSeconds({ rate, waiting, active: active.map((j) => j.progress) }),
    };
  });
}

/**
 * documents.csv under `outDir` for every job of that output folder: done jobs give their row,
 * failed ones an error row with the reason; one row per input, in path order.
 */
export async function collect(redisUrl: string, outDir: string, notice?: (message: string) => void): Promise<{ rows: number; pending: number; path: string; problems: string[] }> {
  return withQueue(redisUrl, async (queue) => {
    const rows = new Map<string, BatchEntry>();
    let settings: BatchSettings | undefined;
    const page = 500;
    for (const state of ['completed', 'failed'] as const) {
      for (let start = 0; ; start += page) {
        const jobs = await queue.getJobs([state], start, start + page - 1, true);
        for (const j of jobs) {
          if (!j?.data || j.data.settings.outDir !== outDir) continue;
          settings ??= j.data.settings;
          const row = state === 'completed' && j.returnvalue ? j.returnvalue.row : failedRow(j.data.file.display, `internal/queue: ${j.failedReason ?? 'failed'}`);
          rows.set(j.data.file.rel, { row, rel: row.status === 'error' ? undefined : (row.outputName ?? j.data.file.rel) });
        }
        if (jobs.length < page) break;
      }
    }
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    prepareOutputDir(outDir);
    // documents.csv and the batch tables are the whole folder's, as at the end of convert: one writer at a time.
    const lock = lockOutputDir(outDir, { command: COLLECT_COMMAND, notice });
    try {
      await prepareTmp(outDir, { sweep: false }); // workers may still be writing there
      const sorted = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
      // The batch tables and workbook as `convert` writes them, from the documents' stored rows.
      const formats = settings?.formats ?? ['json'];
      const problems = await writeBatchOutputs(sorted, { outDir, formats, archive: settings?.archive, durable: settings?.fsync !== false });
      // The tables as written, for `baocao verify`.
      await recordTables(outDir, batchOutputNames(formats), settings?.fsync !== false);
      return { rows: sorted.length, pending: Object.values(c).reduce((a, b) => a + b, 0), path: join(outDir, 'documents.csv'), problems };
    } finally {
      lock.release();
    }
  });
}
