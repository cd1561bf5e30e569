/**
 * `baocao worker`: takes jobs from the queue and runs each through convertFile, the same code
 * path as `convert` (same outputs, atomic writes, manifests under the job's output folder on
 * shared storage). A bad input completes with its error row; a crash or a throw fails the attempt
 * and BullMQ retries it with backoff; a worker killed mid-job loses its lock, and the job is
 * picked up again by another worker (stalled-job recovery).
 */
import { stat } from 'node:fs/promises';
import { DelayedError, Worker, type Job } from 'bullmq';
import { prepareTmp } from '../batch/atomic.js';
import { prepareOutputDir } from '../batch/output-dir.js';
import { convertFile, type FileOutcome } from '../batch/convert-file.js';
import { BIG_FILE_BYTES, semaphore } from '../batch/pool.js';
import { openPath } from '../batch/inputs.js';
import { describeHolder, exclusiveHolder } from '../batch/output-lock.js';
import { enterFolder } from '../batch/queue-writers.js';
import { outputDriveFolding, RecordedNames } from '../batch/folded-names.js';
import { outputName } from '../batch/output-names.js';
import { failedRow } from '../emit/sheets.js';
import type { OcrPool } from '../ingest/ocr/pool.js';
import { connect, QUEUE_NAME } from './connection.js';
import { fromJobFile, type JobData } from './jobs.js';
import type { PageProgress } from './eta.js';

/**
 * Jobs a worker process holds at once unless told. One job at a time leaves the process idle on
 * every Redis round trip (take the job, renew its lock, store its result, fetch the next) and
 * every synced write. A second job overlaps those waits. bench:queue, 200 small reports, 2 workers
 * vs convert --jobs 2: 0.75 → 1.00 on a busy machine (load 4), 0.89 → 0.91 on a quiet one.
 */
export const DEFAULT_WORKER_CONCURRENCY = 2;

/** How long a job waits when a `convert` run holds its output folder before it is tried again. */
export const WAIT_FOR_CONVERT_MS = 10_000;

export interface WorkerOptions {
  /** Jobs at once in this process (default DEFAULT_WORKER_CONCURRENCY); also the size of its OCR pool. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken over after it (default 60 s). */
  lockSeconds?: number;
  onJob?: (data: JobData, outcome: FileOutcome) => void;
  /** Told when a job waits because a `convert` holds its output folder. */
  onWait?: (data: JobData, message: string) => void;
  /** Told when the worker's connection to Redis is up again (after a start or a loss). */
  onConnected?: () => void;
}

/** Jobs each worker's processor is running now (BullMQ counts only what it has fetched). */
const running = new WeakMap<Worker, { jobs: number; idle: (() => void)[] }>();

export function startWorker(redisUrl: string, options: WorkerOptions = {}): Worker<JobData, FileOutcome> {
  const prepared = new Map<string, Promise<void>>();
  // Per output folder: the names recorded there, as its drive compares them (null: the drive tells all names apart).
  const recorded = new Map<string, RecordedNames | null>();
  const concurrency = options.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  // Big texts one at a time, as in convert: memory stays within one big document's budget.
  const big = semaphore(1);
  let ocr: OcrPool | undefined;
  const lockDuration = (options.lockSeconds ?? 60) * 1000;
  const connection = connect(redisUrl);
  if (options.onConnected) connection.on('ready', options.onConnected);
  const count = { jobs: 0, idle: [] as (() => void)[] };
  const worker = new Worker<JobData, FileOutcome>(
    QUEUE_NAME,
    async (job, token) => {
      count.jobs++;
      try {
        return await processJob(job, token);
      } finally {
        if (--count.jobs === 0) for (const done of count.idle.splice(0)) done();
      }
    },
    {
      connection,
      concurrency,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      maxStalledCount: 2,
    },
  );
  running.set(worker, count);
  worker.on('closed', () => {
    void ocr?.terminate();
    void connection.quit().catch(() => connection.disconnect());
  });
  return worker;

  async function processJob(job: Job<JobData, FileOutcome>, token: string | undefined): Promise<FileOutcome> {
    const { data } = job;
    const { settings } = data;
    const file = fromJobFile(data.file);
    // Once per output folder, however many of its jobs start together.
    if (!prepared.has(settings.outDir)) {
      prepared.set(settings.outDir, (async () => {
        prepareOutputDir(settings.outDir);
        await prepareTmp(settings.outDir, { sweep: false });
      })());
    }
    await prepared.get(settings.outDir)!.catch((e: Error) => {
      prepared.delete(settings.outDir);
      throw e;
    });
    // Seen by a `convert` of this folder from now on; a convert running already keeps the job waiting.
    const leave = enterFolder(settings.outDir);
    try {
      const holder = exclusiveHolder(settings.outDir);
      if (holder) {
        options.onWait?.(data, `output folder '${settings.outDir}' is in use by ${describeHolder(holder)}: the job waits ${WAIT_FOR_CONVERT_MS / 1000} s`);
        await job.moveToDelayed(Date.now() + WAIT_FOR_CONVERT_MS, token);
        throw new DelayedError(); // not an attempt: the job is tried again after the wait
      }
      // A twin written since the job was added (by a `convert`, or a job of an older baocao) is not overwritten.
      if (!recorded.has(settings.outDir)) {
        const folding = outputDriveFolding(settings.outDir);
        recorded.set(settings.outDir, folding.case || folding.unicode ? new RecordedNames(settings.outDir, folding) : null);
      }
      const twin = recorded.get(settings.outDir)?.twinOf(outputName(file.rel, settings.outDir));
      if (twin) {
        const refused: FileOutcome = { row: failedRow(file.display, twin), skipped: false };
        options.onJob?.(data, refused);
        return refused;
      }
      ocr ??= (await import('../ingest/ocr/engine.js')).createOcrEngineForFile({ jobs: concurrency, engine: settings.ocrEngine });
      const bytes = await stat(openPath(file)).then((s) => s.size, () => 0);
      const release = bytes >= BIG_FILE_BYTES ? await big.acquire() : undefined;
      const outcome = await convertFile(file, settings, { ingest: { ocr, onPage: pageProgress(job) } }).finally(() => release?.());
      options.onJob?.(data, outcome);
      return outcome;
    } finally {
      leave();
    }
  }
}

/**
 * Reports a scan's pages as the job's progress (eta.ts), at most once a second and at its last
 * page: `queue status` then gives the job's own ETA. A failed update (Redis away) is not the job's failure.
 */
export function pageProgress(job: Pick<Job, 'updateProgress'>): (done: number, total: number) => void {
  const began = performance.now();
  let last = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (now - last < 1000 && done < total) return;
    last = now;
    const progress: PageProgress = { pagesDone: done, pagesTotal: total, elapsedMs: Math.round(now - began) };
    void job.updateProgress(progress).catch(() => undefined);
  };
}

/**
 * A graceful stop: no new job is taken, the jobs running end (their outputs written), then the
 * worker closes. BullMQ's close() waits for Redis, which may be down for good: once no job runs,
 * the close gets `graceMs` to record the last results and the promise resolves anyway. A job whose
 * result could not be recorded is taken again by another worker, which finds its outputs in place.
 */
export async function stopWorker(worker: Worker, graceMs = 3000): Promise<void> {
  const closing = worker.close().then(() => true, () => true);
  const count = running.get(worker);
  const idle = () => (!count || count.jobs === 0 ? Promise.resolve() : new Promise<void>((r) => count.idle.push(r)));
  for (;;) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graced = idle().then(() => new Promise<false>((r) => (timer = setTimeout(() => r(false), graceMs))));
    const closed = await Promise.race([closing, graced]);
    clearTimeout(timer);
    // A job fetched just before the signal reaches the processor a moment later: wait for it too.
    if (closed || !count || count.jobs === 0) return;
  }
}
