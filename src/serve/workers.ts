/**
 * Worker threads for the service's text conversions: restoration is CPU work that would block the
 * event loop (no /healthz, no 503s while a document is restored). Each worker loads the model once
 * and converts one document at a time; one that runs past the time limit is terminated (the
 * request gets 504) and replaced, as is one that crashes.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../ingest/module-worker.js';
import type { Answer, ConvertRequest } from './respond.js';

export class TimeoutError extends Error {}

export class ConvertWorkers {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private nextId = 0;

  constructor(size: number, private readonly timeoutMs: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.start());
  }

  /** Callers hold an Admission ticket, so a worker is always idle here. */
  run(request: ConvertRequest, signal?: AbortSignal): Promise<Answer> {
    const worker = this.idle.pop() ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const finish = (keep: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (keep) this.idle.push(worker);
        else this.replace(worker);
      };
      const onMessage = (msg: { id: number; answer?: Answer; error?: string }) => {
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
      worker.postMessage({ id, request });
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
