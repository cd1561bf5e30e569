/**
 * `baocao worker`: takes jobs from the queue and runs each through convertFile, the same code
 * path as `convert` (same outputs, atomic writes, manifests under the job's output folder on
 * shared storage). A bad input completes with its error row; a crash or a throw fails the attempt
 * and BullMQ retries it with backoff; a worker killed mid-job loses its lock, and the job is
 * picked up again by another worker (stalled-job recovery).
 */
import { Worker } from 'bullmq';
import { prepareTmp } from '../batch/atomic.js';
import { prepareOutputDir } from '../batch/output-dir.js';
import { convertFile, type FileOutcome } from '../batch/convert-file.js';
import type { OcrPool } from '../ingest/ocr/pool.js';
import { connect, QUEUE_NAME } from './connection.js';
import type { JobData } from './jobs.js';

export interface WorkerOptions {
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken over after it (default 60 s). */
  lockSeconds?: number;
  onJob?: (data: JobData, outcome: FileOutcome) => void;
}

export function startWorker(redisUrl: string, options: WorkerOptions = {}): Worker<JobData, FileOutcome> {
  const prepared = new Set<string>();
  let ocr: OcrPool | undefined;
  const lockDuration = (options.lockSeconds ?? 60) * 1000;
  const connection = connect(redisUrl);
  const worker = new Worker<JobData, FileOutcome>(
    QUEUE_NAME,
    async (job) => {
      const { file, settings } = job.data;
      if (!prepared.has(settings.outDir)) {
        prepareOutputDir(settings.outDir);
        await prepareTmp(settings.outDir, { sweep: false });
        prepared.add(settings.outDir);
      }
      ocr ??= (await import('../ingest/ocr/engine.js')).createOcrEngineForFile({ jobs: options.concurrency ?? 1, engine: settings.ocrEngine });
      const outcome = await convertFile(file, settings, { ingest: { ocr } });
      options.onJob?.(job.data, outcome);
      return outcome;
    },
    {
      connection,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, lockDuration / 2),
      maxStalledCount: 2,
    },
  );
  worker.on('closed', () => {
    void ocr?.terminate();
    void connection.quit().catch(() => connection.disconnect());
  });
  return worker;
}
