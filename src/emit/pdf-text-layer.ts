/**
 * The invisible text layer over a page image (OCRmyPDF's way): text render mode 3, one text line
 * per OCR line so readers keep the reading order, each word stretched with horizontal scaling
 * (Tz) to span its box on one baseline for the line (fitted through the word boxes, so a skewed
 * scan's lines keep apart), and an explicit space between words,
 * stretched over the gap, so text extraction and search see the word breaks. Drawn in the
 * page image's own pixels (y up) through one matrix from pixels to the page's user space.
 */
import {
  beginText, concatTransformationMatrix, endText, moveText, popGraphicsState, pushGraphicsState, setCharacterSqueeze,
  setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode,
  type PDFFont, type PDFOperator, type PDFPage,
} from 'pdf-lib';
import { drawableText, type FontMetrics } from './pdf-font.js';
import type { PlacedWord } from './pdf-words.js';

/** Affine map [a b c d e f] from image pixels (origin bottom-left, y up) to the page's user space. */
export type PixelMatrix = [number, number, number, number, number, number];

export interface TextLayerPage {
  page: PDFPage;
  /** Height of the page image in pixels (word boxes count their y from its top). */
  imageHeight: number;
  /** Width of the page image in pixels, where known (a turned page's layer needs it: pdf-turned-page.ts). */
  imageWidth?: number;
  toUser: PixelMatrix;
}

/** Draws `lines` invisibly on the page; the page's existing content must leave the graphics state as it found it. */
export function drawTextLayer(target: TextLayerPage, lines: PlacedWord[][], font: PDFFont, metrics: FontMetrics): void {
  if (lines.length === 0) return;
  const key = target.page.node.newFontDictionary(font.name, font.ref);
  const em = metrics.ascent - metrics.descent;
  // Laying out a word with fontkit is the costly step, and administrative text repeats its words.
  const shaped = new Map<string, { width: number; glyphs: ReturnType<PDFFont['encodeText']> }>();
  const shape = (text: string) => {
    let s = shaped.get(text);
    if (!s) {
      const drawable = drawableText(text);
      shaped.set(text, (s = { width: font.widthOfTextAtSize(drawable, 1), glyphs: font.encodeText(drawable) }));
    }
    return s;
  };
  const space = shape(' ');
  const ops: PDFOperator[] = [pushGraphicsState(), concatTransformationMatrix(...target.toUser), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of lines) {
    const { centreAt, height } = lineGeometry(line);
    // The font's full height (ascender to descender) fills the text's height, centred on the line.
    const size = Math.max(height, 1) / em;
    // One horizontal baseline per line, through the middle of its fitted centre line: extractors
    // split slanted words and break lines at baseline steps, and on a skewed scan the lines'
    // own height (not their boxes', which the skew stretches) keeps them apart.
    const middle = (Math.min(...line.map((w) => w.bbox[0])) + Math.max(...line.map((w) => w.bbox[2]))) / 2;
    const baseline = round(target.imageHeight - (centreAt(middle) + height / 2 + metrics.descent * size));
    ops.push(setFontAndSize(key, Math.round(size * 100) / 100));
    // Each word starts where OCR boxed it (Tm for the line's first, then Td from the last start);
    // a space needs no move: it starts where its word's stretched glyphs end.
    let start: number | undefined;
    line.forEach((word, i) => {
      const { width, glyphs } = shape(word.text);
      const next = line[i + 1];
      const x1 = round(word.bbox[0]);
      // Boxes OCR drew touching keep a gap extractors read as a word break: the word gives up
      // the end of its box (at most half of it) to the space.
      const x2 = next ? Math.max(Math.min(word.bbox[2], next.bbox[0] - MIN_GAP * size), (x1 + word.bbox[2]) / 2) : word.bbox[2];
      if (!(width > 0 && x2 > x1)) return;
      ops.push(start === undefined ? setTextMatrix(1, 0, 0, 1, x1, baseline) : moveText(round(x1 - start), 0));
      start = x1;
      ops.push(setCharacterSqueeze(round((100 * (x2 - x1)) / (width * size))), showText(glyphs));
      if (!next) return;
      // The space runs from this word's end to the next word's start.
      const gap = Math.max(next.bbox[0] - x2, MIN_GAP * size * 0.5);
      ops.push(setCharacterSqueeze(round((100 * gap) / (space.width * size))), showText(space.glyphs));
    });
  }
  ops.push(endText(), popGraphicsState());
  target.page.pushOperators(...ops);
}

/** Positions are in image pixels and Tz in percent: a tenth is finer than any scan shows. */
const round = (x: number) => Math.round(x * 10) / 10;

/** The narrowest gap between words, in font sizes (pdftotext breaks words at 0.1). */
const MIN_GAP = 0.15;

/** A skewed scan's lines slope by at most this much (about 6°); steeper fits are noise. */
const MAX_SLOPE = 0.1;

/**
 * Where a line of word boxes runs (image pixels, y down): its slope (a skewed scan's lines
 * slope, and their boxes then stand taller than the text), the y of its centre line at any x
 * and the text's height across the line. The slope is the median of the slopes between word
 * centres (Theil–Sen: accents and descenders move single words, not the median); the height is
 * the median word height less what the slope adds over each word's width.
 */
export function lineGeometry(line: PlacedWord[]): { slope: number; centreAt: (x: number) => number; height: number } {
  const centres = line.map((w) => [(w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2] as const);
  const slopes: number[] = [];
  for (let i = 0; i < centres.length; i++) {
    for (let j = i + 1; j < centres.length; j++) {
      const dx = centres[j]![0] - centres[i]![0];
      if (Math.abs(dx) > 1) slopes.push((centres[j]![1] - centres[i]![1]) / dx);
    }
  }
  const slope = Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, median(slopes)));
  const intercept = median(centres.map(([x, y]) => y - slope * x));
  const height = median(line.map((w) => w.bbox[3] - w.bbox[1] - Math.abs(slope) * (w.bbox[2] - w.bbox[0])));
  return { slope, centreAt: (x) => intercept + slope * x, height: Math.max(height, 1) };
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
}
