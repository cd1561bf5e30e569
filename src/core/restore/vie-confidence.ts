/**
 * OCR word confidences located in a text: the restore stage reads text built from OCR pages
 * (lines joined by '\n', pages by '\f') or paragraphs re-flowed from those lines, and finds each
 * OCR word in it in reading order, so a decoded word can look up how sure the OCR engine was.
 */
import type { Page } from '../document.js';

export interface WordConfidence {
  start: number;
  end: number;
  /** OCR confidence 0..100. */
  confidence: number;
}

/** How far ahead of the previous word an OCR word may be found before it counts as missing. */
const MAX_SKIP = 80;

/** Finds the words, in order, in `text` from `from` on; words not found nearby are skipped. */
export function locateWords(text: string, words: readonly { text: string; confidence: number }[], from = 0, out: WordConfidence[] = []): WordConfidence[] {
  let at = from;
  for (const w of words) {
    if (!w.text) continue;
    const k = text.indexOf(w.text, at);
    if (k < 0 || k - at > MAX_SKIP) continue;
    out.push({ start: k, end: k + w.text.length, confidence: w.confidence });
    at = k + w.text.length;
  }
  return out;
}

/**
 * Spans of every OCR word in the document text built from `pages`. Pages read from a text layer
 * count as fully confident (one span over the whole page).
 */
export function documentConfidences(pages: readonly Page[]): WordConfidence[] {
  const out: WordConfidence[] = [];
  let offset = 0;
  for (const p of pages) {
    const text = p.lines.join('\n');
    if (p.method === 'ocr') locateWords(text, p.words ?? [], 0, []).forEach((s) => out.push({ start: s.start + offset, end: s.end + offset, confidence: s.confidence }));
    else if (text) out.push({ start: offset, end: offset + text.length, confidence: 100 });
    offset += text.length + 1;
  }
  return out;
}

/** The confidence of the span holding `offset` (spans sorted by start), or undefined. */
export function confidenceAt(spans: readonly WordConfidence[], offset: number): number | undefined {
  let a = 0, b = spans.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    const s = spans[m]!;
    if (offset < s.start) b = m - 1;
    else if (offset >= s.end) a = m + 1;
    else return s.confidence;
  }
  return undefined;
}
