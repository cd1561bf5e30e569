/** The OCR reading the pipeline itself got for a page (bench:real's "raw" row, bench:vie-real-errors). */
import type { OcrPool } from '../../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import type { Page } from '../../src/core/document.js';

/** `pool`, keeping each page it reads. */
export function recordingPool(pool: OcrPool, into: OcrPageResult[]): OcrPool {
  return { size: pool.size, terminate: () => pool.terminate(), recognize: async (image, o) => { const r = await pool.recognize(image, o); if (!o?.symbols) into.push(r); return r; } };
}

/** The pool's reading that became `page` (bench/ocr.ts): as many lines, the most of them the same. */
export function readingOf(page: Page, readings: OcrPageResult[]): OcrPageResult | undefined {
  const same = (r: OcrPageResult) => r.lines.filter((l, i) => l === page.lines[i]).length;
  // Page 1's header put in rows (column-rows.ts) changes its line count: then the reading sharing
  // most words with the page.
  const words = new Set(page.lines.join(' ').split(/\s+/));
  const shared = (r: OcrPageResult) => r.words.filter((w) => words.has(w.text)).length;
  return readings.filter((r) => r.lines.length === page.lines.length).sort((a, b) => same(b) - same(a))[0] ??
    [...readings].sort((a, b) => shared(b) - shared(a))[0];
}
