/**
 * Tesseract's block → paragraph → line → word tree, flattened into the working document's page
 * shape: visual lines (no blank lines between blocks) and words with confidence and bbox.
 */
import type { Page as TesseractPage } from 'tesseract.js';
import type { OcrWord } from '../../core/document.js';

export interface OcrPageResult {
  /** Visual lines in reading order, NFC, words joined by one space. */
  lines: string[];
  /** Every word, with its 1-based line index into `lines`. */
  words: OcrWord[];
  /** Mean word confidence 0..100 (0 when nothing was read). */
  confidence: number;
}

export function toOcrPage(data: TesseractPage): OcrPageResult {
  const lines: string[] = [];
  const words: OcrWord[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const lineWords = line.words.filter((w) => w.text.trim() !== '');
        if (lineWords.length === 0) continue;
        const lineNo = lines.length + 1;
        const texts: string[] = [];
        for (const w of lineWords) {
          const text = w.text.trim().normalize('NFC');
          texts.push(text);
          words.push({
            text,
            confidence: round1(w.confidence),
            bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1],
            line: lineNo,
          });
        }
        lines.push(texts.join(' '));
      }
    }
  }
  const confidence = words.length ? round1(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;
  return { lines, words, confidence };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
