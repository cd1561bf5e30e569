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
        const these: OcrWord[] = lineWords.map((w) => ({
          text: w.text.trim().normalize('NFC'),
          confidence: round1(w.confidence),
          bbox: [w.bbox.x0, w.bbox.y0, w.bbox.x1, w.bbox.y1],
          line: lineNo,
        }));
        words.push(...these);
        lines.push(lineText(these));
      }
    }
  }
  const confidence = words.length ? round1(words.reduce((s, w) => s + w.confidence, 0) / words.length) : 0;
  return { lines, words, confidence };
}

/** A line's words joined by one space, or by two across a column gap. */
export function lineText(words: Pick<OcrWord, 'text' | 'bbox'>[]): string {
  const height = median(words.map((w) => w.bbox[3] - w.bbox[1]));
  let text = '';
  words.forEach((w, k) => {
    const gap = k === 0 ? 0 : w.bbox[0] - words[k - 1]!.bbox[2];
    text += k === 0 ? w.text : (gap > COLUMN_GAP * height ? '  ' : ' ') + w.text;
  });
  return text;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}
