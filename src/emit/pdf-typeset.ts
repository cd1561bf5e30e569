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

/** A line cut into rows no wider than `width`; an empty line stays one empty row. */
export function wrap(line: string, width: number, font: PDFFont): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, FONT_SIZE) <= width;
  if (fits(line)) return [line];
  const rows: string[] = [];
  let row = '';
  for (const piece of line.split(/(?<=\s)(?=\S)/)) {
    if (fits(row + piece.trimEnd())) { row += piece; continue; }
    if (row.trim() !== '') rows.push(row.trimEnd());
    row = '';
    let rest = piece;
    // A word wider than a whole line is cut where it stops fitting.
    while (!fits(rest.trimEnd())) {
      const chars = [...rest];
      let n = 1;
      while (n < chars.length && fits(chars.slice(0, n + 1).join(''))) n++;
      rows.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
    }
    row = rest;
  }
  if (row.trim() !== '' || rows.length === 0) rows.push(row.trimEnd());
  return rows;
}
