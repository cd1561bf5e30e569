/**
 * Runs convertFile over many inputs with `jobs` in flight. Text inputs: jobs = 1 runs in this
 * thread; more use worker threads, so CPU-bound stages (decoding, restoration) use every core
 * and each worker loads the restoration model once. Scans and PDFs then run one at a time in
 * this thread, sharing one OCR pool of `jobs` Tesseract workers made once for the whole batch
 * (OCR parallelises over pages; a pool per file would reload the Vietnamese model each time).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { convertFile, type BatchSettings, type FileOutcome, type FileRuntime } from './convert-file.js';
import { failedRow } from '../emit/sheets.js';
import { INPUT_EXTENSIONS } from './inputs.js';
import type { InputFile } from './inputs.js';

export type OnOutcome = (file: InputFile, outcome: FileOutcome) => void;
/** A scanned page of `file` was read: `done` of `total` pages (OCR inputs only). */
export type OnPage = (file: InputFile, done: number, total: number) => void;

export function defaultJobs(files: number): number {
  return Math.max(1, Math.min(availableParallelism(), files));
}

export async function runPool(files: InputFile[], settings: BatchSettings, jobs: number, onOutcome: OnOutcome, onPage?: OnPage): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const record = (i: number, o: FileOutcome) => {
    outcomes[i] = o;
    onOutcome(files[i]!, o);
  };
  const textIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [] : [i]));
  const ocrIdx = files.flatMap((f, i) => (isOcrKind(f.abs) ? [i] : []));
  const workers = Math.min(jobs, textIdx.length);
  if (workers <= 1) {
    for (const i of textIdx) record(i, await safeConvert(files[i]!, settings));
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: workers }, () => workerLoop(() => textIdx[next++])));
  }
  if (ocrIdx.length) {
    const { createOcrEngine } = await import('../ingest/ocr/engine.js');
    let ocr;
    try {
      ocr = createOcrEngine({ jobs, engine: settings.ocrEngine });
    } catch (e) {
      // The engine asked for cannot run (no tesseract binary): each scan is an error row saying so.
      const message = `ocr/engine-unavailable: ${e instanceof Error ? e.message : String(e)}`;
      for (const i of ocrIdx) record(i, { row: failedRow(files[i]!.display, message), skipped: false });
      return outcomes;
    }
    try {
      for (const i of ocrIdx) {
        const onFilePage = onPage ? (done: number, total: number) => onPage(files[i]!, done, total) : undefined;
        record(i, await safeConvert(files[i]!, settings, { ingest: { ocr, onPage: onFilePage } }));
      }
    } finally {
      await ocr.terminate();
    }
  }
  return outcomes;

  async function workerLoop(take: () => number | undefined): Promise<void> {
    let worker = startWorker();
    try {
      for (let i = take(); i !== undefined; i = take()) {
        const { outcome, dead } = await ask(worker, i, files[i]!, settings);
        record(i, outcome);
        if (dead) worker = startWorker(); // a crashed worker takes only its own file down
      }
    } finally {
      await worker.terminate();
    }
  }
}

/** PDFs and images by name (the pipeline checks the bytes again); everything else is text. */
function isOcrKind(path: string): boolean {
  return INPUT_EXTENSIONS.test(path) && !/\.(txt|text)$/i.test(path);
}

async function safeConvert(file: InputFile, settings: BatchSettings, runtime?: FileRuntime): Promise<FileOutcome> {
  try {
    return await convertFile(file, settings, runtime);
  } catch (e) {
    return crashed(file, e instanceof Error ? e.message : String(e));
  }
}

function ask(worker: Worker, id: number, file: InputFile, settings: BatchSettings): Promise<{ outcome: FileOutcome; dead: boolean }> {
  return new Promise((resolve) => {
    const onMessage = (msg: { id: number; outcome?: FileOutcome; error?: string }) => {
      if (msg.id !== id) return;
      cleanup();
      resolve({ outcome: msg.outcome ?? crashed(file, msg.error ?? 'unknown worker error'), dead: false });
    };
    const onError = (e: Error) => {
      cleanup();
      resolve({ outcome: crashed(file, `worker failed: ${e.message}`), dead: true });
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, file, settings });
  });
}

function crashed(file: InputFile, message: string): FileOutcome {
  return {
    skipped: false,
    row: { path: file.display, status: 'error', error: `internal: ${message}`, kind: '', encoding: '', pages: null, paragraphs: null, characters: null, restored: '', diagnostics: null, sha256: '', outputs: [] },
  };
}

/**
 * The worker module next to this one. Built: worker.js. From source (tsx), loader hooks given
 * with --import do not reach worker threads on Node 20, so the worker registers tsx first.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}
