/** A pool whose every reading carries one document's signal (apart from pool.ts: no tesseract.js loaded for it). */
import type { OcrPool } from './pool.js';

/**
 * The same pool with `signal` on every reading asked of it (one document's readings, cancelled
 * together); a reading that carries a signal of its own (a file's OCR time limit) keeps it too.
 */
export function withSignal(pool: OcrPool, signal: AbortSignal): OcrPool {
  return {
    size: pool.size,
    engine: pool.engine,
    recognize: (image, options) => pool.recognize(image, { ...options, signal: options?.signal && options.signal !== signal ? AbortSignal.any([options.signal, signal]) : signal }),
    terminate: () => pool.terminate(),
  };
}
