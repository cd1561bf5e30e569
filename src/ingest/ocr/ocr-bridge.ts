/**
 * One OCR pool on the main thread, read from worker threads. `serve` converts a scan in a worker
 * thread like a text file (decoding, straightening, reducing and measuring a page image are JS
 * pixel loops: ~2 CPU s on a 144-megapixel page, which on the main thread held /healthz and every
 * other request), and a batch's text workers read Word files' pictures; their page readings still
 * go to the one pool the main thread shares: the worker asks for each reading by message and the
 * main thread answers it.
 */
import type { OcrEngineName } from './engine-choice.js';
import type { OcrPageResult, } from './result.js';
import type { OcrPool, RecognizeOptions } from './pool.js';

/** What a worker needs of the main thread's pool to stand in for it. */
export interface PoolShape {
  size: number;
  engine?: OcrEngineName;
}

/** A reading asked by the worker (`ocr`: its number within the worker's life). */
export interface OcrAsk {
  ocr: number;
  image: Uint8Array;
  options: Pick<RecognizeOptions, 'psm' | 'symbols'>;
}

/** The main thread's answer to an OcrAsk. */
export interface OcrReply {
  ocrReply: number;
  result?: OcrPageResult;
  error?: string;
}

interface Port {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export const isOcrAsk = (msg: unknown): msg is OcrAsk => typeof (msg as OcrAsk | null)?.ocr === 'number';

/**
 * Worker side: a pool whose readings are asked of the main thread over `port`. A reading's own
 * signal only stops the wait here: the main thread cancels the request's readings in the pool.
 */
export function remoteOcrPool(port: Port, shape: PoolShape): OcrPool {
  const waiting = new Map<number, { resolve: (r: OcrPageResult) => void; reject: (e: Error) => void }>();
  let next = 0;
  port.on('message', (msg) => {
    const reply = msg as OcrReply;
    if (typeof reply?.ocrReply !== 'number') return;
    const w = waiting.get(reply.ocrReply);
    if (!w) return;
    waiting.delete(reply.ocrReply);
    if (reply.result) w.resolve(reply.result);
    else w.reject(new Error(reply.error ?? 'OCR reading failed'));
  });
  return {
    size: shape.size,
    ...(shape.engine ? { engine: shape.engine } : {}),
    recognize(image, options) {
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('the OCR reading was cancelled'));
      const id = next++;
      return new Promise<OcrPageResult>((resolve, reject) => {
        const onAbort = () => {
          waiting.delete(id);
          reject(signal!.reason instanceof Error ? signal!.reason : new Error('the OCR reading was cancelled'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const off = () => signal?.removeEventListener('abort', onAbort);
        waiting.set(id, { resolve: (r) => (off(), resolve(r)), reject: (e) => (off(), reject(e)) });
        const ask: OcrAsk = { ocr: id, image, options: { ...(options?.psm ? { psm: options.psm } : {}), ...(options?.symbols ? { symbols: true } : {}) } };
        port.postMessage(ask);
      });
    },
    // The pool is the main thread's: it ends it.
    terminate: async () => undefined,
  };
}

/**
 * Main side: reads `ask` on `pool` with the request's `signal` (past its time, or its client gone:
 * the pool drops the reading and kills its engine) and posts the answer back on `port`.
 */
export function answerOcrAsk(ask: OcrAsk, pool: OcrPool, signal: AbortSignal, port: Pick<Port, 'postMessage'>): void {
  pool.recognize(ask.image, { ...ask.options, signal }).then(
    (result) => {
      if (!signal.aborted) port.postMessage({ ocrReply: ask.ocr, result } satisfies OcrReply);
    },
    (e: unknown) => {
      if (!signal.aborted) port.postMessage({ ocrReply: ask.ocr, error: e instanceof Error ? e.message : String(e) } satisfies OcrReply);
    },
  );
}
