/**
 * A fixed-size pool of tesseract.js workers (one per job, default: the cores), created once per
 * batch and shared by every scanned page of every file. Workers start lazily, so a batch with no
 * scans never loads the model; terminate() must be called once at the end of the batch.
 */
import { availableParallelism } from 'node:os';
import { createWorker, OEM, type Page, type Worker } from 'tesseract.js';
import { resolveOfflinePaths } from './offline-paths.js';
import { quietWorkerUrl } from './quiet-worker.js';
import type { OcrEngineName } from './engine-choice.js';
import { fromTsv, type OcrPageResult, type OcrSymbol } from './result.js';

/**
 * Page segmentation mode chosen by measurement (npm run bench:ocr -- --psm 3,4,6), raw syllable
 * accuracy on the devset scans, 12 pages per level:
 *   d1 (300 dpi): psm 3 99.28 %, psm 4 99.46 %, psm 6 99.00 %
 *   d3 (120 dpi): psm 3 95.53 %, psm 4 94.81 %, psm 6 95.51 %
 * psm 3 (automatic layout) is best on average and keeps two-column header rows on one line.
 */
export const DEFAULT_PSM = '3';

/**
 * Tesseract 5 reads every line whose confidence is low a second time, inverted (white on black),
 * and keeps the better: a second LSTM pass over the weak lines that archive pages (dark text on
 * light paper; reverse-video bands are not a thing in them) never win. Off in both engines: 3–5 %
 * of the recognition's CPU, the same words on the devset and real scans (docs/ocr-engines.md).
 */
export const TESSEDIT_DO_INVERT = '0';

export interface OcrPoolOptions {
  /** Number of workers; default: available cores. */
  jobs?: number;
  /** Tesseract page segmentation mode ('3' auto, '4' single column, '6' single block). */
  psm?: string;
  /** Called with each page's OCR time on its worker (ms), for progress and benchmarks. */
  onRecognized?: (ms: number) => void;
  /** A page taking longer fails with a diagnostic and its worker is replaced (default 300 s). */
  pageTimeoutMs?: number;
}


export interface OcrPool {
  readonly size: number;
  /** Which engine reads the pages: tesseract.js ('wasm') or the system tesseract ('native'). */
  readonly engine?: OcrEngineName;
  /** OCR one encoded image (PNG, JPEG, single-page TIFF, BMP, PNM). Rejects on failure. */
  recognize(image: Uint8Array, options?: RecognizeOptions): Promise<OcrPageResult>;
  terminate(): Promise<void>;
}

export interface RecognizeOptions {
  /** Page segmentation mode for this image only (default: the pool's). */
  psm?: string;
  /** Also give every character's box (`OcrPageResult.symbols`): for a small crop, it costs a full reading of a page. */
  symbols?: boolean;
  /**
   * The reading is no longer wanted (a request past its time or whose client left): a waiting page
   * leaves the queue, a page being read is dropped with its worker (a new one takes its place) or
   * its process killed; the promise rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

/** The rejection of an aborted reading: the signal's own reason, else an AbortError. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('the OCR reading was cancelled', 'AbortError');
}

/**
 * Queues a task unless its signal is aborted; a task aborted while it waits leaves the queue.
 * Shared by both pools: what they do with a task being read differs.
 */
export function enqueue(queue: OcrTask[], task: OcrTask, dispatch: () => void): void {
  const signal = task.options?.signal;
  if (signal?.aborted) return task.reject(abortReason(signal));
  if (!signal) {
    queue.push(task);
    return dispatch();
  }
  // The listener goes when the reading settles: one signal serves every page of a file (its time
  // limit), and a listener left behind would keep each page's image alive until the file ends.
  const onAbort = () => {
    const i = queue.indexOf(queued);
    if (i >= 0) queue.splice(i, 1), queued.reject(abortReason(signal));
  };
  const settled = () => signal.removeEventListener('abort', onAbort);
  const queued: OcrTask = {
    ...task,
    resolve: (r) => { settled(); task.resolve(r); },
    reject: (e) => { settled(); task.reject(e); },
  };
  signal.addEventListener('abort', onAbort, { once: true });
  queue.push(queued);
  dispatch();
}

/** Rejects when `signal` aborts (never when there is none); `off` removes the listener. */
export function whenAborted(signal: AbortSignal | undefined): { promise: Promise<never>; off: () => void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), off: () => undefined };
  let off = () => undefined as void;
  const promise = new Promise<never>((_, reject) => {
    const on = () => reject(abortReason(signal));
    if (signal.aborted) return on();
    signal.addEventListener('abort', on, { once: true });
    off = () => signal.removeEventListener('abort', on);
  });
  return { promise, off };
}

/** The Tesseract parameters of one job's options (tesseract.js restores the worker's own after the job). */
export function jobParameters(options: RecognizeOptions | undefined): Record<string, string> {
  return options?.psm ? { tessedit_pageseg_mode: options.psm } : {};
}

/** A page waiting for a worker (shared with the native pool, which queues the same way). */
export interface OcrTask {
  image: Uint8Array;
  options?: RecognizeOptions;
  resolve: (r: OcrPageResult) => void;
  reject: (e: unknown) => void;
}

export function createOcrPool(options: OcrPoolOptions = {}): OcrPool {
  const size = Math.max(1, Math.floor(options.jobs ?? availableParallelism()));
  const psm = options.psm ?? DEFAULT_PSM;
  const paths = resolveOfflinePaths();
  const idle: Worker[] = [];
  const queue: OcrTask[] = [];
  const all: Promise<Worker>[] = [];
  const settled = new Map<Promise<Worker>, Worker>();
  const pageTimeoutMs = options.pageTimeoutMs ?? 300_000;
  let closed = false;

  const spawn = async (): Promise<Worker> => {
    const worker = await createWorker('vie', OEM.LSTM_ONLY, {
      langPath: paths.langPath,
      // A URL where the typings say string: tesseract.js hands it to new Worker() as is.
      workerPath: quietWorkerUrl(paths.workerPath) as unknown as string,
      corePath: paths.corePath,
      cacheMethod: 'none',
      gzip: true,
      // Without a handler tesseract.js rethrows a failed job as an uncaught exception, which
      // would kill the batch; the job's own promise already carries the error.
      errorHandler: () => undefined,
    });
    // Keep Tesseract's inter-word spacing simple; the DPI guess is Tesseract's own (measured: telling
    // it 200 dpi for reduced pages lost 3 of 41 sections on devset level 1). Its progress notes
    // ("Estimating resolution as …") go to /dev/null inside the wasm, not to the user's console.
    await worker.setParameters({ tessedit_pageseg_mode: psm as never, preserve_interword_spaces: '0', tessedit_do_invert: TESSEDIT_DO_INVERT, debug_file: '/dev/null' } as never);
    return worker;
  };

  const run = (worker: Worker): void => {
    const task = queue.shift();
    if (!task) { idle.push(worker); return; }
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    // A worker that hangs (or whose thread died) must not hang the batch: after the timeout the
    // page fails and the worker is replaced.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`OCR took longer than ${pageTimeoutMs / 1000} s`)), pageTimeoutMs);
    });
    // tesseract.js cannot stop a job inside its worker: an aborted page drops the worker instead.
    const aborted = whenAborted(task.options?.signal);
    let dropped = false;
    aborted.promise.catch(() => (dropped = true));
    Promise.race([
      worker.recognize(
        Buffer.from(task.image.buffer, task.image.byteOffset, task.image.byteLength),
        // tesseract.js sets these for this job only and restores the worker's own afterwards.
        jobParameters(task.options) as never,
        { text: false, tsv: true, ...(task.options?.symbols ? { blocks: true } : {}) },
      ),
      timeout,
      aborted.promise,
    ]).then(
      (r) => {
        clearTimeout(timer);
        aborted.off();
        options.onRecognized?.(performance.now() - started);
        try {
          const page = fromTsv(r.data.tsv);
          task.resolve(task.options?.symbols ? { ...page, symbols: symbolsOfBlocks(r.data.blocks) } : page);
        } catch (err) { task.reject(err); }
        run(worker);
      },
      (err: unknown) => {
        clearTimeout(timer);
        aborted.off();
        task.reject(err);
        if (dropped || (err instanceof Error && err.message.startsWith('OCR took longer'))) {
          const i = all.findIndex((p) => settled.get(p) === worker);
          if (i >= 0) all.splice(i, 1);
          void worker.terminate().catch(() => undefined);
          if (queue.length) dispatch();
        } else {
          run(worker);
        }
      },
    );
  };

  const dispatch = (): void => {
    const worker = idle.pop();
    if (worker) { run(worker); return; }
    if (all.length < size) {
      const started = spawn();
      all.push(started);
      started.then((w) => { settled.set(started, w); run(w); }, (err) => {
        // A worker that cannot start fails the waiting task, never the process.
        all.splice(all.indexOf(started), 1);
        queue.shift()?.reject(err);
      });
    }
  };

  return {
    size,
    engine: 'wasm',
    recognize(image, options) {
      if (closed) return Promise.reject(new Error('OCR pool already terminated'));
      return new Promise<OcrPageResult>((resolve, reject) => enqueue(queue, { image, options, resolve, reject }, dispatch));
    },
    async terminate() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new Error('OCR pool terminated'));
      const workers = await Promise.allSettled(all);
      await Promise.all(workers.map((w) => (w.status === 'fulfilled' ? w.value.terminate() : undefined)));
    },
  };
}

/** The characters of tesseract.js's block tree, in reading order. */
export function symbolsOfBlocks(blocks: Page['blocks']): OcrSymbol[] {
  const out: OcrSymbol[] = [];
  for (const b of blocks ?? []) for (const p of b.paragraphs) for (const l of p.lines) for (const w of l.words) {
    for (const s of w.symbols) {
      const text = s.text.normalize('NFC');
      if (text.trim() !== '') out.push({ text, confidence: Math.max(0, Math.floor(s.confidence)), bbox: [s.bbox.x0, s.bbox.y0, s.bbox.x1, s.bbox.y1] });
    }
  }
  return out;
}
