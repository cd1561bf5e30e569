/**
 * Runs convertFile over many inputs with `jobs` in flight. Text inputs run in worker threads
 * (even with jobs = 1), so CPU-bound stages use every core, each worker loads the restoration
 * model once, and a file that runs past its time limit is stopped: its worker is terminated and
 * replaced, the file gets an `internal/timeout` error row and the batch goes on. Big text files
 * (≥ BIG_FILE_BYTES) are converted one at a time, so memory stays within one big document's
 * budget whatever the job count. Scans and PDFs then run in this thread, several files in flight
 * (ocr-files.ts), sharing one OCR pool of `jobs` Tesseract workers made once for the whole batch
 * (a pool per file would reload the Vietnamese model each time).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from './module-worker.js';
import type { BatchSettings, FileOutcome } from './convert-file.js';
import { convertOcrFiles, type OcrFilesOptions } from './ocr-files.js';
import { groupSync } from './group-sync.js';
import { appendDrop } from './state-log.js';
import { failedRow } from '../emit/sheets.js';
import { INPUT_EXTENSIONS } from './inputs.js';
import type { InputFile } from './inputs.js';

export type OnOutcome = (file: InputFile, outcome: FileOutcome) => void;
/** A scanned page of `file` was read: `done` of `total` pages (OCR inputs only). */
export type OnPage = (file: InputFile, done: number, total: number) => void;

/** Text files from this size on are held one at a time (a 16 MB text takes up to ~1 GB while converted). */
export const BIG_FILE_BYTES = 4 * 1024 * 1024;
/** Default time limit: a floor for any file, plus so much per MiB (a 16 MiB text then gets 7 min; it needs well under 1). */
export const TIMEOUT_FLOOR_SECONDS = 120;
export const TIMEOUT_SECONDS_PER_MIB = 20;
/**
 * Heap a worker may grow to (MB): a 16 MB report needs about 1 GB; a file that needs more (16 MB
 * of one-character lines) gets an internal/out-of-memory row instead of taking the machine's
 * memory. BAOCAO_WORKER_HEAP_MB overrides it.
 */
export function workerHeapMb(): number {
  const n = Number(process.env.BAOCAO_WORKER_HEAP_MB);
  return Number.isFinite(n) && n > 0 ? n : 1536;
}

/**
 * The cores, not capped by the number of files: a single scanned PDF still reads its pages on
 * every core (text workers are capped by the text files, OCR workers start only when pages wait).
 * bench:batch-ocr sweeps --jobs 1, 2, 3 on 2 cores (docs/batch-speed.md).
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The time limit for a file of `bytes` in ms; `seconds` as given (0: no limit), else by size. */
export function timeLimitMs(bytes: number, seconds?: number): number {
  if (seconds !== undefined) return seconds > 0 ? seconds * 1000 : Infinity;
  return (TIMEOUT_FLOOR_SECONDS + TIMEOUT_SECONDS_PER_MIB * (bytes / 1024 / 1024)) * 1000;
}

export async function runPool(files: InputFile[], settings: BatchSettings, jobs: number, onOutcome: OnOutcome, onPage?: OnPage, ocrOptions: Omit<OcrFilesOptions, 'jobs'> = {}): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const record = (i: number, o: FileOutcome) => {
    outcomes[i] = o;
    onOutcome(files[i]!, o);
  };
  const textIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [] : [i]));
  const ocrIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [i] : []));
  const workers = Math.min(jobs, textIdx.length);
  const big = semaphore(1);
  let next = 0;
  // Text files are reported once their records are fsync'd, in groups (group-sync.ts).
  const synced = groupSync(record, { drop: (o) => { if (o.row.outputName) appendDrop(settings.outDir, o.row.outputName); } });
  try {
    await Promise.all(Array.from({ length: workers }, () => workerLoop(() => textIdx[next++])));
  } finally {
    await synced.close();
  }
  if (ocrIdx.length) {
    const { createOcrEngine } = await import('../ingest/ocr/engine.js');
    let ocr;
    try {
      ocr = createOcrEngine({ jobs, engine: settings.ocrEngine, onRecognized: ocrOptions.onRecognized });
    } catch (e) {
      // The engine asked for cannot run (no tesseract binary): each scan is an error row saying so.
      const message = `ocr/engine-unavailable: ${e instanceof Error ? e.message : String(e)}`;
      for (const i of ocrIdx) record(i, { row: failedRow(files[i]!.display, message), skipped: false });
      return outcomes;
    }
    try {
      await convertOcrFiles(files, ocrIdx, settings, ocr, { jobs, ...ocrOptions }, record, onPage && ((i, done, total) => onPage(files[i]!, done, total)));
    } finally {
      await ocr.terminate();
    }
  }
  return outcomes;

  async function workerLoop(take: () => number | undefined): Promise<void> {
    let worker = startWorker();
    try {
      for (let i = take(); i !== undefined; i = take()) {
        const bytes = sizeOf(files[i]!.abs);
        const release = bytes >= BIG_FILE_BYTES ? await big.acquire() : () => {};
        try {
          const { outcome, dead } = await ask(worker, i, files[i]!, settings, timeLimitMs(bytes, settings.timeoutSeconds));
          synced.add(i, outcome);
          // A crashed or stopped worker takes only its own file down; one that converted a big
          // file is replaced too, which gives its grown heap back at once.
          if (dead || bytes >= BIG_FILE_BYTES) {
            void worker.terminate();
            worker = startWorker();
          }
        } finally {
          release();
        }
      }
    } finally {
      await worker.terminate();
    }
  }
}

/** PDFs and images by name (the pipeline checks the bytes again); everything else is text. */
function isOcrKind(path: string): boolean {
  return INPUT_EXTENSIONS.test(path) && !/\.(txt|text|docx?)$/i.test(path);
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // convertFile reports the read error
  }
}

function ask(worker: Worker, id: number, file: InputFile, settings: BatchSettings, limitMs: number): Promise<{ outcome: FileOutcome; dead: boolean }> {
  return new Promise((resolve) => {
    const onMessage = (msg: { id: number; outcome?: FileOutcome; error?: string }) => {
      if (msg.id !== id) return;
      cleanup();
      resolve({ outcome: msg.outcome ?? crashed(file, msg.error ?? 'unknown worker error'), dead: false });
    };
    const onError = (e: Error) => {
      cleanup();
      const outOfMemory = (e as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const outcome = outOfMemory
        ? { skipped: false, row: failedRow(file.display, `internal/out-of-memory: conversion stopped: it needed more than the ${workerHeapMb()} MB a file may take (BAOCAO_WORKER_HEAP_MB)`, 'text') }
        : crashed(file, `worker failed: ${e.message}`);
      resolve({ outcome, dead: true });
    };
    const onExit = (code: number) => {
      cleanup();
      resolve({ outcome: crashed(file, `worker exited with code ${code}`), dead: true });
    };
    const timer = Number.isFinite(limitMs)
      ? setTimeout(() => {
          cleanup();
          const seconds = Math.round(limitMs / 1000);
          resolve({ outcome: { skipped: false, row: failedRow(file.display, `internal/timeout: conversion stopped after the ${seconds} s time limit for this file (--timeout; default ${TIMEOUT_FLOOR_SECONDS} s + ${TIMEOUT_SECONDS_PER_MIB} s per MiB)`, 'text') }, dead: true });
        }, limitMs)
      : undefined;
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, file, settings });
  });
}

function crashed(file: InputFile, message: string): FileOutcome {
  return { skipped: false, row: failedRow(file.display, `internal: ${message}`) };
}

/** At most `n` holders at once; acquire() resolves to the release function. */
export function semaphore(n: number): { acquire: () => Promise<() => void> } {
  let free = n;
  const waiting: (() => void)[] = [];
  const release = () => {
    const wake = waiting.shift();
    if (wake) wake();
    else free++;
  };
  return {
    acquire: () => new Promise((resolve) => {
      if (free > 0) { free--; resolve(release); } else waiting.push(() => resolve(release));
    }),
  };
}

function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'worker', { resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() } });
}
