/**
 * A plain typeset PDF of a text: A4 with the margins and 13 pt type that Decree 30/2020 sets for
 * administrative documents, lines kept as they are and wrapped at word boundaries (a word wider
 * than the line is cut), a new page where the text has a form feed or the page is full.
 */
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { drawableText } from './pdf-font.js';

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const FONT_SIZE = 13;
const LEADING = FONT_SIZE * 1.35;

export function typeset(doc: PDFDocument, text: string, font: PDFFont): void {
  const width = A4[0] - MARGIN.left - MARGIN.right;
  for (const pageText of text.split('\f')) {
    let page: PDFPage = doc.addPage(A4);
    let y = A4[1] - MARGIN.top - FONT_SIZE;
    for (const line of pageText.replace(/\r\n?/g, '\n').split('\n')) {
      for (const row of wrap(drawableText(line.replace(/\t/g, '    ').trimEnd()), width, font)) {
        if (y < MARGIN.bottom) {
          page = doc.addPage(A4);
          y = A4[1] - MARGIN.top - FONT_SIZE;
        }
        if (row !== '') page.drawText(row, { x: MARGIN.left, y, size: FONT_SIZE, font });
        y -= LEADING;
      }
    }
  }
}

/**
 * A line cut into rows no wider than `width`, at spaces; a word wider than a whole row is cut
 * where it stops fitting. Widths are summed per character (cached), so a huge line costs linear
 * time. An empty line stays one empty row.
 */
export function wrap(line: string, width: number, font: PDFFont): string[] {
  const charWidth = widthsOf(font);
  const rows: string[] = [];
  let row = '', rowWidth = 0;
  const flush = () => { rows.push(row.trimEnd()); row = ''; rowWidth = 0; };
  for (const piece of line.match(/\s+|\S+/g) ?? []) {
    const pieceWidth = [...piece].reduce((w, ch) => w + charWidth(ch), 0);
    if (rowWidth + pieceWidth <= width || /^\s+$/.test(piece)) { row += piece; rowWidth += pieceWidth; continue; }
    if (row.trim() !== '') flush();
    else { row = ''; rowWidth = 0; }
    if (pieceWidth <= width) { row = piece; rowWidth = pieceWidth; continue; }
    for (const ch of piece) {
      const w = charWidth(ch);
      if (rowWidth + w > width && row !== '') flush();
      row += ch;
      rowWidth += w;
    }
  }
  if (row.trim() !== '' || rows.length === 0) rows.push(row.trimEnd());
  return rows;
}

const widthCache = new WeakMap<PDFFont, (ch: string) => number>();

function widthsOf(font: PDFFont): (ch: string) => number {
  let f = widthCache.get(font);
  if (!f) {
    const known = new Map<string, number>();
    f = (ch) => {
      let w = known.get(ch);
      if (w === undefined) known.set(ch, (w = font.widthOfTextAtSize(ch, FONT_SIZE)));
      return w;
    };
    widthCache.set(font, f);
  }
  return f;
}
