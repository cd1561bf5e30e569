/**
 * The invisible text layer over a page image (OCRmyPDF's way): text render mode 3, one text line
 * per OCR line so readers keep the reading order, each word stretched with horizontal scaling
 * (Tz) to span its box on a baseline common to the line, and an explicit space between words,
 * stretched over the gap, so text extraction and search see the word breaks. Drawn in the
 * page image's own pixels (y up) through one matrix from pixels to the page's user space.
 */
import {
  beginText, concatTransformationMatrix, endText, popGraphicsState, pushGraphicsState, setCharacterSqueeze,
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
    const top = Math.min(...line.map((w) => w.bbox[1]));
    const bottom = Math.max(...line.map((w) => w.bbox[3]));
    // The font's full height (ascender to descender) fills the line's box.
    const size = Math.max(bottom - top, 1) / em;
    const baseline = target.imageHeight - bottom - metrics.descent * size;
    ops.push(setFontAndSize(key, round(size)));
    line.forEach((word, i) => {
      const { width, glyphs } = shape(word.text);
      const boxWidth = word.bbox[2] - word.bbox[0];
      if (width > 0 && boxWidth > 0) {
        ops.push(setTextMatrix(1, 0, 0, 1, round(word.bbox[0]), round(baseline)), setCharacterSqueeze(round((100 * boxWidth) / (width * size))), showText(glyphs));
      }
      const next = line[i + 1];
      if (!next) return;
      // The space runs from this word's end to the next word's start (at least a sliver wide).
      const gap = Math.max(next.bbox[0] - word.bbox[2], size * 0.05);
      ops.push(setTextMatrix(1, 0, 0, 1, round(word.bbox[2]), round(baseline)), setCharacterSqueeze(round((100 * gap) / (space.width * size))), showText(space.glyphs));
    });
  }
  ops.push(endText(), popGraphicsState());
  target.page.pushOperators(...ops);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
