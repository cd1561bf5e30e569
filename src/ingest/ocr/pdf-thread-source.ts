/**
 * A PdfSource read in a worker thread (pdf-thread.ts) within a time budget. pdf.js and the objects
 * reader are synchronous: a hostile PDF with a valid catalog (a bogus cross-reference table that
 * pdf.js rebuilds by tokenising the whole file, a page of millions of drawing operators) held the
 * event loop for 70-145 s, so `baocao serve` answered nobody and no timer could fire. Here the
 * work is off this thread: the budget (the time the thread spends on this file, summed over its
 * calls) is a timer that does fire, and the thread is terminated when it runs out or `signal`
 * aborts. A thread that finished its file cleanly is kept for the next one (starting one and
 * loading pdf.js costs more than reading a small PDF).
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import type { PageLayers } from './pdf-page-layers.js';
import type { PdfNotes, PdfOpened, PdfThreadAnswer, PdfThreadCall } from './pdf-thread-protocol.js';

/** The file's PDF reading ran past its time budget; its thread was stopped. */
export class PdfTimeoutError extends Error {
  override name = 'PdfTimeoutError';
}

export interface PdfBudget {
  /** Time the thread may spend on this file, in ms (Infinity: no limit). */
  ms: number;
  /** Aborted: the thread is stopped and every call rejects with the signal's reason. */
  signal?: AbortSignal;
}

type PageImage = { image: Uint8Array; source: 'embedded-jpeg' | 'embedded-ccitt' | 'embedded' | 'rendered'; pageSizePt?: [number, number] };
type Call = PdfThreadCall extends infer C ? (C extends unknown ? Omit<C, 'id'> : never) : never;

/** Threads that read a file to its end, ready for the next; at most MAX_IDLE are kept. */
const idle: Worker[] = [];
const MAX_IDLE = 4;

/** Resolves when a new thread has loaded its modules (or has failed to: the first call then says so). */
function ready(worker: Worker): Promise<Error | undefined> {
  worker.ref();
  return new Promise((resolve) => {
    const settle = (problem?: Error) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.unref();
      resolve(problem);
    };
    const onMessage = (a: PdfThreadAnswer) => { if (a.id === -1) settle(); };
    const onError = (e: Error) => settle(new Error(`the PDF reader could not start: ${e.message}`));
    const onExit = () => settle(new Error('the PDF reader could not start'));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export class ThreadPdfSource {
  private worker: Worker | undefined;
  private used = 0;
  private nextId = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private stopped: Error | undefined;
  private opened!: PdfOpened;
  private readonly onAbort = () => this.stop(this.budget.signal!.reason as Error);

  private constructor(private readonly budget: PdfBudget) {
    const reused = idle.pop();
    this.worker = reused ?? startModuleWorker(import.meta.url, 'pdf-thread');
    this.worker.unref();
    // A new thread's start (loading pdf.js) is not the file's time: calls wait for its 'ready'.
    if (!reused) this.chain = ready(this.worker).then((problem) => { if (problem) this.stop(problem); });
    budget.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /**
   * Opens `data`: bytes in a SharedArrayBuffer are shared with the thread, others copied to it (the
   * caller keeps its bytes, so they cannot be moved); rejects with pdf.js's error, PdfTimeoutError
   * or the signal's reason.
   */
  static async open(data: Uint8Array, budget: PdfBudget): Promise<ThreadPdfSource> {
    budget.signal?.throwIfAborted();
    const source = new ThreadPdfSource(budget);
    const shared = data.buffer instanceof SharedArrayBuffer;
    // A copy, never `data.slice()`: a Node Buffer's slice is a view of the same memory, and sending
    // it emptied the caller's Buffer (convert() left a PDF's bytes at length 0; the batch's
    // searchable PDF of a scan lost its page images).
    const bytes = shared ? data : new Uint8Array(data);
    try {
      source.opened = await source.call({ op: 'open', data: bytes }, shared ? [] : [bytes.buffer as ArrayBuffer]) as PdfOpened;
    } catch (e) {
      await source.close();
      throw e;
    }
    return source;
  }

  get pageCount(): number {
    return this.opened.pageCount;
  }

  /** The budget as said in messages: "120 s", "500 ms". */
  get budgetSaid(): string {
    return this.budget.ms < 1000 ? `${Math.round(this.budget.ms)} ms` : `${Math.round(this.budget.ms / 1000)} s`;
  }

  mayHaveText(n: number): boolean {
    return this.opened.fonts[n - 1] ?? true;
  }

  layersOf(n: number): PageLayers | undefined {
    return this.opened.layers[n - 1];
  }

  text(n: number): Promise<string> {
    return this.call({ op: 'text', page: n }) as Promise<string>;
  }

  stampedText(n: number): Promise<{ text: string; stamps: string[] } | null> {
    return this.call({ op: 'stampedText', page: n }) as Promise<{ text: string; stamps: string[] } | null>;
  }

  image(n: number, renderDpi: number): Promise<PageImage> {
    return this.call({ op: 'image', page: n, dpi: renderDpi }) as Promise<PageImage>;
  }

  notes(): Promise<PdfNotes> {
    return this.call({ op: 'notes' }) as Promise<PdfNotes>;
  }

  /** Lets the thread go: back to the idle ones when it is healthy, else it is already stopped. */
  async close(): Promise<void> {
    this.budget.signal?.removeEventListener('abort', this.onAbort);
    if (this.stopped || !this.worker) return;
    try {
      await this.call({ op: 'close' });
    } catch {
      return; // stopped by the call's budget
    }
    const worker = this.worker;
    this.worker = undefined;
    if (idle.length < MAX_IDLE) idle.push(worker);
    else void worker.terminate();
  }

  private stop(reason: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** One call at a time, so the budget is the thread's busy time; each waits its turn. */
  private call(call: Call, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const run = () => this.send(call, transfer);
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private send(call: Call, transfer: ArrayBuffer[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = this.worker!;
    const id = this.nextId++;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        this.used += performance.now() - started;
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        worker.unref();
        this.budget.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (e: Error) => { done(); this.stop(e); reject(e); };
      const onMessage = (a: PdfThreadAnswer) => {
        if (a.id !== id) return;
        done();
        if (!a.error) return resolve(a.value);
        const e = new Error(a.error.message);
        e.name = a.error.name; // PasswordException tells an encrypted file
        reject(e);
      };
      const onError = (e: Error) => fail(new Error(`the PDF reader stopped: ${e.message}`));
      const onExit = () => fail(this.stopped ?? new Error('the PDF reader stopped'));
      const onAbort = () => fail(this.budget.signal!.reason as Error);
      const left = this.budget.ms - this.used;
      if (left <= 0) return fail(this.timeout());
      if (Number.isFinite(left)) timer = setTimeout(() => fail(this.timeout()), left);
      // Held while a call waits (an unref'd thread would let the process exit under the caller's await).
      worker.ref();
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      this.budget.signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ ...call, id }, transfer);
    });
  }

  private timeout(): PdfTimeoutError {
    return new PdfTimeoutError(`reading the PDF took longer than its ${this.budgetSaid} time limit`);
  }
}
