/**
 * A scan's OCR time limit (the batch's --timeout for the file). Reading a scan is work on the shared
 * OCR pool and in this thread (decoding, straightening, reducing a page image), page after page; a
 * pathological file (a TIFF of hundreds of pages of noise, a huge noisy page) kept a batch busy for
 * hours. The clock runs only while the file has a page in progress: a file whose pages wait for a
 * page slot behind an earlier file's (batch/ocr-files.ts) is not charged for that wait. When the
 * time is up the clock's signal aborts: the pool drops the file's waiting pages and the worker
 * reading one of them (pool.ts replaces it), and no further page starts.
 */

/** The file's OCR ran past its time limit. */
export class OcrTimeoutError extends Error {
  override name = 'OcrTimeoutError';
}

export interface OcrClock {
  /** Aborted when the time is up or the caller's own signal aborts; undefined when neither can happen. */
  readonly signal: AbortSignal | undefined;
  /** Whether this clock's time ran out (rather than the caller's signal aborting). */
  readonly timedOut: boolean;
  /** The limit as said in messages: "120 s", "500 ms". */
  readonly said: string;
  /** A page starts: the clock runs until the returned function is called. */
  start(): () => void;
  /** Stops the timer (the file is done). */
  dispose(): void;
}

/** Limit in ms (undefined or Infinity: none); `outer` is the caller's own cancel. */
export function ocrClock(ms: number | undefined, outer?: AbortSignal): OcrClock {
  const limit = ms ?? Infinity;
  const said = limit < 1000 ? `${Math.round(limit)} ms` : `${+(limit / 1000).toFixed(limit < 10_000 ? 1 : 0)} s`;
  if (!Number.isFinite(limit)) return { signal: outer, timedOut: false, said, start: () => () => undefined, dispose: () => undefined };
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  let used = 0, running = 0, since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const expire = () => {
    timedOut = true;
    controller.abort(new OcrTimeoutError(`OCR of the file took longer than its ${said} time limit`));
  };
  const pause = () => {
    clearTimeout(timer);
    timer = undefined;
    used += performance.now() - since;
  };
  return {
    signal,
    get timedOut() { return timedOut; },
    said,
    start() {
      if (running++ === 0) {
        since = performance.now();
        if (!signal.aborted) timer = setTimeout(expire, Math.max(0, limit - used));
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        if (--running === 0) pause();
      };
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
