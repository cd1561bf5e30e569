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
/** Where a picture of the body stands; `key` names it as the picture readers do (its part in the package). */
export interface WordPictureMark { kind: 'picture'; key: string }
export type WordBlock = WordParagraph | WordTable | WordPageBreak | WordPictureMark;
/**
 * Where each marked picture stands among the laid-out lines: its page (1-based) and how many of that
 * page's lines come before it. A picture in a table or text box stands after the table's lines.
 */
export type PicturePlaces = Map<string, { page: number; line: number }>;
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
  return layoutWord(blocks).pages;
}

/** The pages' lines, and where the marked pictures stand among them (the first place of a picture drawn twice). */
export function layoutWord(blocks: WordBlock[]): { pages: string[][]; places: PicturePlaces } {
  const pages: string[][] = [[]];
  const places: PicturePlaces = new Map();
  const place = (key: string) => {
    if (!places.has(key)) places.set(key, { page: pages.length, line: pages[pages.length - 1]!.length });
  };
  for (const block of blocks) {
    if (block.kind === 'page-break') {
      if (pages[pages.length - 1]!.length > 0) pages.push([]);
      continue;
    }
    if (block.kind === 'picture') { place(block.key); continue; }
    pages[pages.length - 1]!.push(...blockLines(block));
    if (block.kind === 'table') for (const key of picturesIn(block)) place(key);
  }
  while (pages.length > 1 && pages[pages.length - 1]!.every((l) => l.trim() === '')) pages.pop();
  // A picture after the last text stands at the end of the last page kept.
  for (const [key, at] of places) if (at.page > pages.length) places.set(key, { page: pages.length, line: pages[pages.length - 1]!.length });
  return { pages, places };
}

function* picturesIn(table: WordTable): Generator<string> {
  for (const row of table.rows) for (const cell of row) for (const block of cell.blocks) {
    if (block.kind === 'picture') yield block.key;
    else if (block.kind === 'table') yield* picturesIn(block);
  }
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
