/**
 * OCR one page image into a working-document page. A failure becomes an empty page plus an
 * 'ocr/page-failed' diagnostic, so one unreadable page never stops a document or a batch.
 */
import type { Diagnostic, Page } from '../../core/document.js';
import type { OcrPool } from './pool.js';

export async function ocrPage(pool: OcrPool, image: Uint8Array, number: number): Promise<{ page: Page; diagnostics: Diagnostic[] }> {
  try {
    const r = await pool.recognize(image);
    const diagnostics: Diagnostic[] = [];
    if (r.words.length === 0) {
      diagnostics.push({ ruleId: 'ocr/empty-page', message: `OCR found no text on page ${number}`, severity: 'info', place: { page: number, line: 1 } });
    }
    return { page: { number, lines: r.lines, method: 'ocr', confidence: r.confidence, words: r.words }, diagnostics };
  } catch (err) {
    return {
      page: { number, lines: [], method: 'ocr', confidence: 0, words: [] },
      diagnostics: [{
        ruleId: 'ocr/page-failed',
        message: `OCR failed on page ${number}: ${err instanceof Error ? err.message : String(err)}`,
        severity: 'error',
        place: { page: number, line: 1 },
      }],
    };
  }
}
