/**
 * Tesseract's block → paragraph → line → word tree, flattened into the working document's page
 * shape: visual lines (no blank lines between blocks) and words with confidence and bbox.
 */
import type { Page as TesseractPage } from 'tesseract.js';
import type { OcrWord } from '../../core/document.js';

/**
 * A gap wider than this many word heights separates two columns on one visual line (issuer |
 * national motto in a header row); it is written as two spaces, as in the ground-truth layout
 * text, while justified prose never stretches a space that far.
 */
const COLUMN_GAP = 2;

export interface OcrPageResult {
  /** Visual lines in reading order, NFC; words joined by one space, columns by two. */
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
        const height = median(lineWords.map((w) => w.bbox.y1 - w.bbox.y0));
        let lineText = '';
        lineWords.forEach((w, k) => {
          const text = w.text.trim().normalize('NFC');
          const gap = k === 0 ? 0 : w.bbox.x0 - lineWords[k - 1]!.bbox.x1;
          lineText += k === 0 ? text : (gap > COLUMN_GAP * height ? '  ' : ' ') + text;
          words.push({
            text,
            confidence: round1(w.confidence),
            bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1],
            line: lineNo,
          });
        });
        lines.push(lineText);
      }
    }
  }
  const confidence = words.length ? round1(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;
  return { lines, words, confidence };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}
