/** A pool whose every reading carries one document's signal (apart from pool.ts: no tesseract.js loaded for it). */
import type { OcrPool } from './pool.js';

/** The same pool with `signal` on every reading asked of it (one document's readings, cancelled together). */
export function withSignal(pool: OcrPool, signal: AbortSignal): OcrPool {
  return {
    size: pool.size,
    engine: pool.engine,
    recognize: (image, options) => pool.recognize(image, { ...options, signal }),
    terminate: () => pool.terminate(),
  };
}
