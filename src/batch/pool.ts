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
import { startModuleWorker } from '../ingest/module-worker.js';
import type { BatchSettings, FileOutcome } from './convert-file.js';
import { convertOcrFiles, type OcrFilesOptions } from './ocr-files.js';
import { groupSync } from './group-sync.js';
import { appendDrop } from './state-log.js';
import { failedRow } from '../emit/sheets.js';
import { INPUT_EXTENSIONS, openPath } from './inputs.js';
import type { InputFile } from './inputs.js';
import { crashOutcome, runLane, type DeathKind, type TextJob } from './text-lane.js';
import { answerOcrAsk, type OcrReply, type PoolShape } from '../ingest/ocr/ocr-bridge.js';
import type { OcrPool } from '../ingest/ocr/pool.js';
import { TIMEOUT_FLOOR_SECONDS, TIMEOUT_SECONDS_PER_MIB, timeLimitMs } from './time-limit.js';

export { TIMEOUT_FLOOR_SECONDS, TIMEOUT_SECONDS_PER_MIB, timeLimitMs };

/** `i`: the file's place in the list given to runPool. */
export type OnOutcome = (file: InputFile, outcome: FileOutcome, i: number) => void;
/** A scanned page of `file` was read: `done` of `total` pages (OCR inputs only). */
export type OnPage = (file: InputFile, done: number, total: number) => void;

/** Text files from this size on are held one at a time (a 16 MB text takes up to ~1 GB while converted). */
export const BIG_FILE_BYTES = 4 * 1024 * 1024;
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
 * every core (text workers are capped by the text files, and by defaultTextWorkers when --jobs is
 * not given; OCR workers start only when pages wait).
 * bench:batch-ocr sweeps --jobs 1, 2, 3 on 2 cores (docs/batch-speed.md).
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Text files per text worker when --jobs is not given. A worker costs a start and its own
 * compilation of every hot function: on 2 cores a second one cost 11–38 % more CPU in every batch
 * measured (bench:text-jobs, docs/batch-speed.md "seventh pass"), and its wall time was behind
 * one worker's at 10–30 files (1.15–1.59), mixed at 100–300 (0.91–1.36), ahead at 1,000 (0.92).
 * So a second worker from 300 text files on.
 */
export const TEXT_FILES_PER_WORKER = 150;

/** Text workers for `textFiles` when --jobs is not given: one per TEXT_FILES_PER_WORKER files, at least one, at most `jobs`. */
export function defaultTextWorkers(textFiles: number, jobs = defaultJobs()): number {
  return Math.max(1, Math.min(jobs, Math.floor(textFiles / TEXT_FILES_PER_WORKER)));
}

/** `jobsGiven`: false when `jobs` is the default, so a small text batch gets fewer text workers (defaultTextWorkers). */
export async function runPool(files: InputFile[], settings: BatchSettings, jobs: number, onOutcome: OnOutcome, onPage?: OnPage, ocrOptions: Omit<OcrFilesOptions, 'jobs'> = {}, jobsGiven = true): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const record = (i: number, o: FileOutcome) => {
    outcomes[i] = o;
    onOutcome(files[i]!, o, i);
  };
  const textIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [] : [i]));
  const ocrIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [i] : []));
  const workers = Math.min(jobsGiven ? jobs : defaultTextWorkers(textIdx.length, jobs), textIdx.length);
  const big = semaphore(1);
  // Text files are reported once their records are fsync'd, in groups (group-sync.ts).
  const synced = groupSync(record, { drop: (o) => { if (o.row.outputName) appendDrop(settings.outDir, o.row.outputName); } });
  const queue = textQueue(files, textIdx, workers, settings.timeoutSeconds);
  const words = textIdx.some((i) => WORD_NAME.test(files[i]!.abs));
  // A Word file may be pasted scans read in its text worker (ingest/word-pictures.ts), and the PDF
  // writer draws page images: sharp's libraries are loaded here first, as its docs ask on glibc,
  // so a worker that ends after loading them cannot unload them under the others.
  if (settings.formats.includes('pdf') || words) await import('sharp').catch(() => undefined);
  // One OCR pool for the batch, made when first needed: by a text worker reading a Word file's
  // pictures (asked over its port, ocr-bridge.ts), else for the scans after the text files.
  const ocr = batchOcr(jobs, settings, ocrOptions.onRecognized);
  const shape = words ? await ocr.shape() : undefined;
  try {
    try {
      await Promise.all(Array.from({ length: workers }, () => runLane(settings, {
        take: queue.take,
        giveBack: queue.giveBack,
        done: (i, outcome) => synced.add(i, outcome),
        failure: deathRow,
        acquireBig: big.acquire,
        start: (state) => startWorker(state, shape),
        answerOcr: (ask, worker, signal) => void ocr.pool().then(
          (pool) => answerOcrAsk(ask, pool, signal, worker),
          (e: Error) => { if (!signal.aborted) worker.postMessage({ ocrReply: ask.ocr, error: e.message } satisfies OcrReply); },
        ),
      })));
    } finally {
      await synced.close();
    }
    if (ocrIdx.length) {
      let pool: OcrPool;
      try {
        pool = await ocr.pool();
      } catch (e) {
        // The engine asked for cannot run (no tesseract binary): each scan is an error row saying so.
        const message = `ocr/engine-unavailable: ${e instanceof Error ? e.message : String(e)}`;
        for (const i of ocrIdx) record(i, { row: failedRow(files[i]!.display, message), skipped: false });
        return outcomes;
      }
      await convertOcrFiles(files, ocrIdx, settings, pool, { jobs, ...ocrOptions }, record, onPage && ((i, done, total) => onPage(files[i]!, done, total)));
    }
  } finally {
    await ocr.terminate();
  }
  return outcomes;
}

const WORD_NAME = /\.(docx?|rtf|odt|fodt)$/i;

/** PDFs and images by name (the pipeline checks the bytes again); everything else is text. */
function isOcrKind(path: string): boolean {
  return INPUT_EXTENSIONS.test(path) && !/\.(txt|text|docx?|rtf|odt|fodt)$/i.test(path);
}

function sizeOf(path: string | Buffer): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // convertFile reports the read error
  }
}

/** Text files in input order, handed out in chunks (a big file alone); jobs given back come first. */
function textQueue(files: InputFile[], textIdx: number[], workers: number, timeoutSeconds?: number): { take: () => TextJob[] | undefined; giveBack: (jobs: TextJob[]) => void } {
  let next = 0;
  const back: TextJob[] = [];
  // The next new job, made (its file's size looked up) when first peeked at.
  let held: TextJob | undefined;
  const job = (i: number): TextJob => {
    const bytes = sizeOf(openPath(files[i]!));
    return { i, file: files[i]!, limitMs: timeLimitMs(bytes, timeoutSeconds), big: bytes >= BIG_FILE_BYTES, bytes };
  };
  const peek = (): TextJob | undefined => back[0] ?? (next < textIdx.length ? (held ??= job(textIdx[next]!)) : undefined);
  const shift = (): TextJob => {
    if (back.length) return back.shift()!;
    const j = held ?? job(textIdx[next]!);
    held = undefined;
    next++;
    return j;
  };
  return {
    take: () => {
      const first = peek();
      if (!first) return undefined;
      shift();
      if (first.big) return [first];
      // Chunks shrink near the end so every worker still has a share of the last files.
      const left = back.length + textIdx.length - next;
      const size = Math.max(1, Math.min(CHUNK_FILES, Math.floor(left / (2 * workers))));
      const chunk = [first];
      let bytes = first.bytes;
      for (let j = peek(); j && !j.big && chunk.length < size && bytes + j.bytes <= CHUNK_BYTES; j = peek()) {
        chunk.push(shift());
        bytes += j.bytes;
      }
      return chunk;
    },
    giveBack: (jobs) => { back.unshift(...jobs); },
  };
}

/** Files per chunk sent to a worker, and the most bytes of input a chunk holds (see text-lane.ts). */
const CHUNK_FILES = 16;
const CHUNK_BYTES = 256 * 1024;

/** The row of a file whose worker was stopped or died while converting it. */
function deathRow(job: TextJob, kind: DeathKind, detail: string): FileOutcome {
  const file = job.file;
  if (kind === 'out-of-memory') return { skipped: false, row: failedRow(file.display, `internal/out-of-memory: conversion stopped: it needed more than the ${workerHeapMb()} MB a file may take (BAOCAO_WORKER_HEAP_MB)`, 'text') };
  if (kind === 'timeout') {
    const seconds = Math.round(job.limitMs / 1000);
    return { skipped: false, row: failedRow(file.display, `internal/timeout: conversion stopped after the ${seconds} s time limit for this file (--timeout; default ${TIMEOUT_FLOOR_SECONDS} s + ${TIMEOUT_SECONDS_PER_MIB} s per MiB)`, 'text') };
  }
  return crashOutcome(file.display, detail);
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

function startWorker(state: SharedArrayBuffer, ocr: PoolShape | undefined): Worker {
  return startModuleWorker(import.meta.url, 'worker', { workerData: { state, ...(ocr ? { ocr } : {}) }, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb() } });
}

/**
 * The batch's OCR pool, made on first use (a text-only batch never loads the OCR modules); its
 * shape (size, engine) is known before, for the text workers' stand-ins.
 */
function batchOcr(jobs: number, settings: BatchSettings, onRecognized?: (ms: number) => void): { shape(): Promise<PoolShape>; pool(): Promise<OcrPool>; terminate(): Promise<void> } {
  let made: Promise<OcrPool> | undefined;
  const engine = async () => (await import('../ingest/ocr/engine.js'));
  return {
    shape: async () => {
      try {
        return { size: jobs, engine: (await engine()).resolveOcrEngine(settings.ocrEngine) };
      } catch {
        return { size: jobs }; // the engine cannot run: each reading asked says why
      }
    },
    pool: () => (made ??= engine().then((m) => m.createOcrEngine({ jobs, engine: settings.ocrEngine, onRecognized }))),
    terminate: async () => {
      const pool = await made?.catch(() => undefined);
      await pool?.terminate();
    },
  };
}
