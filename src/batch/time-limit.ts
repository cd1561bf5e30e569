/**
 * A file's time limit (--timeout): a text file's in its worker thread (pool.ts), a PDF's reading
 * in its PDF thread (ingest/ocr/pdf-thread-source.ts), a scan's OCR on the pool (ingest/ocr/ocr-clock.ts).
 */

/** Default time limit: a floor for any file, plus so much per MiB (a 16 MiB text then gets 7 min; it needs well under 1). */
export const TIMEOUT_FLOOR_SECONDS = 120;
export const TIMEOUT_SECONDS_PER_MIB = 20;

/** The time limit for a file of `bytes` in ms; `seconds` as given (0: no limit), else by size. */
export function timeLimitMs(bytes: number, seconds?: number): number {
  if (seconds !== undefined) return seconds > 0 ? seconds * 1000 : Infinity;
  return (TIMEOUT_FLOOR_SECONDS + TIMEOUT_SECONDS_PER_MIB * (bytes / 1024 / 1024)) * 1000;
}


/**
 * A scan's OCR gets, by default, the file's limit and a minute per page: a 128-page scan of 6 MiB
 * (about 2 CPU s a page) may take half an hour on a loaded machine and must not be cut short. A
 * `--timeout` given is the whole file's OCR limit.
 */
export const OCR_SECONDS_PER_PAGE = 60;

export function ocrTimeLimit(bytes: number, seconds?: number): { ocrTimeoutMs: number; ocrTimeoutPerPageMs: number } {
  return { ocrTimeoutMs: timeLimitMs(bytes, seconds), ocrTimeoutPerPageMs: seconds === undefined ? OCR_SECONDS_PER_PAGE * 1000 : 0 };
}

/**
 * A Word file is converted in a text worker, which the file's limit ends (pool.ts), though its
 * pictures may be read by OCR (ingest/word-pictures.ts): their OCR stops first, at this share of
 * the limit, so the text and the pictures read by then are kept instead of the worker being ended.
 */
export const WORD_PICTURES_SHARE = 0.75;

export function wordOcrTimeLimit(bytes: number, seconds?: number): { ocrTimeoutMs: number; ocrTimeoutPerPageMs: number } {
  const file = timeLimitMs(bytes, seconds);
  return { ocrTimeoutMs: Number.isFinite(file) ? file * WORD_PICTURES_SHARE : file, ocrTimeoutPerPageMs: 0 };
}
