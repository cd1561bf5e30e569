/**
 * Worker threads for the service's conversions: restoration, and a scan's image work (decoding,
 * straightening, reducing, measuring), is CPU work that would block the event loop (no /healthz,
 * no 503s while a document is converted). Each worker loads the model once and converts one
 * document at a time; a scan's page readings are asked of the main thread's shared OCR pool
 * (ocr-bridge.ts). One that runs past the time limit is terminated (the request gets 504, its
 * readings leave the pool) and replaced, as is one that crashes.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../ingest/module-worker.js';
import type { OcrPool } from '../ingest/ocr/pool.js';
import { answerOcrAsk, isOcrAsk, type PoolShape } from '../ingest/ocr/ocr-bridge.js';
import type { Answer, ConvertRequest } from './respond.js';
import { movable } from './movable.js';

export class TimeoutError extends Error {}

/** A scan's conversion: the pool its pages are read on, and its PDF reading's limit. */
export interface ScanWork {
  pool: OcrPool;
  pdfTimeoutMs?: number;
}

/** What the worker is sent: the request, and for a scan what it needs to read it. */
export interface WorkerJob {
  id: number;
  request: ConvertRequest;
  scan?: PoolShape & { pdfTimeoutMs?: number };
}

export class ConvertWorkers {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 0;

  constructor(size: number, private readonly timeoutMs: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.start());
  }

  /** Callers hold an Admission ticket, so a worker is always idle here. */
  run(request: ConvertRequest, signal?: AbortSignal, scan?: ScanWork): Promise<Answer> {
    const worker = this.idle.pop() ?? this.start();
    const id = this.nextId++;
    // This conversion's page readings on the shared pool: cancelled whenever it ends, whyever.
    const readings = new AbortController();
    return new Promise((resolve, reject) => {
      const finish = (keep: boolean) => {
        clearTimeout(timer);
        readings.abort(new Error('the conversion ended'));
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (keep) this.idle.push(worker);
        else this.replace(worker);
      };
      const onMessage = (msg: { id: number; answer?: Answer; error?: string }) => {
        if (isOcrAsk(msg)) {
          if (scan) answerOcrAsk(msg, scan.pool, readings.signal, worker);
          return;
        }
        if (msg.id !== id) return;
        finish(true);
        if (msg.answer) resolve(msg.answer);
        else reject(new Error(msg.error ?? 'worker error'));
      };
      const onError = (e: Error) => {
        finish(false);
        reject(e);
      };
      const timer = setTimeout(() => {
        finish(false);
        reject(new TimeoutError(`conversion took longer than ${Math.round(this.timeoutMs / 1000)} s`));
      }, this.timeoutMs);
      // Its client left: the worker is replaced now rather than finishing a document nobody reads.
      const onAbort = () => {
        finish(false);
        reject(signal!.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage);
      worker.on('error', onError);
      const job: WorkerJob = { id, request, ...(scan ? { scan: { size: scan.pool.size, ...(scan.pool.engine ? { engine: scan.pool.engine } : {}), ...(scan.pdfTimeoutMs ? { pdfTimeoutMs: scan.pdfTimeoutMs } : {}) } } : {}) };
      // The upload is moved, not copied: a big scan was held twice during its conversion. The caller no longer reads it.
      worker.postMessage(job, movable(request.data));
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private replace(worker: Worker): void {
    this.all.delete(worker);
    void worker.terminate();
    this.idle.push(this.start());
  }

  private start(): Worker {
    const worker = startModuleWorker(import.meta.url, 'convert-worker');
    worker.unref();
    this.all.add(worker);
    return worker;
  }
}
