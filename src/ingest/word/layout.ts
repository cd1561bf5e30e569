/**
 * A Word document's body as plain-text pages, laid out the way a text export of the printed page
 * reads: one line per paragraph (and per manual line break), and a table row as its cells side by
 * side, each cell's paragraphs on lines of their own, columns padded and parted by a wide gap.
 * That is the layout the segmenter already reads in text PDFs and OCR (the two-column header and
 * signature block, annex tables split on wide gaps), so Word needs no reader of its own there.
 */

export interface WordParagraph { kind: 'paragraph'; text: string }
export interface WordTable { kind: 'table'; rows: WordCell[][] }
export interface WordPageBreak { kind: 'page-break' }
export type WordBlock = WordParagraph | WordTable | WordPageBreak;
/** A table cell: its blocks (paragraphs, and tables nested in it). */
export interface WordCell { blocks: WordBlock[] }

/** Spaces between table columns: two or more are what the table and header readers split on. */
const COLUMN_GAP = 4;
/** A column is padded to its widest line up to this; longer lines push the next cell right. */
const MAX_COLUMN_WIDTH = 48;
/** A tab becomes a wide gap (tabs part the two halves of a header line typed without a table). */
const TAB = ' '.repeat(COLUMN_GAP);

/** Lines of pages: a page break starts a new page, unless the page is still empty. */
export function layoutPages(blocks: WordBlock[]): string[][] {
  const pages: string[][] = [[]];
  for (const block of blocks) {
    if (block.kind === 'page-break') {
      if (pages[pages.length - 1]!.length > 0) pages.push([]);
      continue;
    }
    pages[pages.length - 1]!.push(...blockLines(block));
  }
  while (pages.length > 1 && pages[pages.length - 1]!.every((l) => l.trim() === '')) pages.pop();
  return pages;
}

function blockLines(block: WordBlock): string[] {
  if (block.kind === 'paragraph') return block.text.split('\n').map((l) => l.replace(/\t/g, TAB).trimEnd());
  if (block.kind === 'table') return tableLines(block);
  return [];
}

function cellLines(cell: WordCell): string[] {
  const lines = cell.blocks.flatMap(blockLines).map((l) => l.trim());
  // Blank paragraphs at a cell's ends are spacing, not text.
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  while (lines.length && lines[0] === '') lines.shift();
  return lines;
}

function tableLines(table: WordTable): string[] {
  const rows = table.rows.map((row) => row.map(cellLines));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((lines, c) => {
      const widest = Math.min(MAX_COLUMN_WIDTH, Math.max(0, ...lines.map((l) => l.length)));
      widths[c] = Math.max(widths[c] ?? 0, widest);
    });
  }
  const out: string[] = [];
  for (const row of rows) {
    const height = Math.max(0, ...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      let line = '';
      row.forEach((lines, c) => {
        const piece = lines[k] ?? '';
        if (c > 0) line += ' '.repeat(COLUMN_GAP);
        line += c < row.length - 1 ? piece.padEnd(widths[c]!) : piece;
      });
      out.push(line.trimEnd());
    }
  }
  return out;
}
