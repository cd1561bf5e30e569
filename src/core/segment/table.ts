/**
 * Tables rebuilt from text: the header row gives the columns (split on wide gaps, else where a
 * capitalised word starts a new header); numbered rows (1, 2, 3 …) open rows whose cells run on
 * over the following lines, split into columns on wide gaps where the text keeps them; a trailing
 * status word (Đạt, Có, Không …) fills a status column.
 */
import { foldKey, inCaseOf } from './fold.js';
import { isBlank, spanOf, type Provenance, type SegLine } from './lines.js';
import { authorityOf, isAnnexTitle, isRecipientsLabel } from './markers.js';

export interface Table {
  columns: string[];
  rows: string[][];
  /** The same cells in the text as read (before restoration), for provenance and re-reading. */
  originalRows: string[][];
  provenance: Provenance;
  confidence: number;
}

/** Where a piece of a cell lies in the line it was read from: [start, end) of the line's text. */
export interface CellPiece {
  page: number;
  line: number;
  start: number;
  end: number;
  /** The piece's text there, to check that the line has not changed since. */
  text: string;
}

/**
 * The pieces of each cell of a parsed table, [row][column] (column 0, the row number, has
 * none): a cell read again later can be written back into the lines it came from. Kept beside
 * the table, not in it, so the JSON table stays as the schema gives it.
 */
export const cellPieces = new WeakMap<Table, CellPiece[][][]>();

// A status column holds one of a few words, so a cell is written in its dictionary spelling
// whatever marks the restorer gave it ("Dắt", "Đất" → "Đạt"; "Co" → "Có").
const STATUS = ['Chưa hoàn thành', 'Hoàn thành', 'Chưa đạt', 'Đạt', 'Không', 'Có', 'Tốt', 'Khá', 'Trung bình', 'X']
  .map((word) => ({ word, key: foldKey(word) }));
/** Whether a cell is one of the status column's words in its dictionary spelling. */
export const isStatusWord = (cell: string) => STATUS.some((s) => s.word === cell);
const STATUS_HEADERS = ['MUC DO', 'KET QUA', 'TINH TRANG', 'DANH GIA', 'XEP LOAI', 'GHI CHU'];

/** Header cells of a row of column titles. */
export function splitHeaderRow(text: string): string[] {
  const t = text.trim();
  if (/\S\s{2,}\S/.test(t)) return t.split(/\s{2,}/);
  const cells: string[] = [];
  for (const word of t.split(/\s+/)) {
    const capitalised = /^\p{Lu}\p{Ll}/u.test(word) || /^(STT|TT|ĐVT)$/u.test(word);
    if (!cells.length || capitalised) cells.push(word);
    else cells[cells.length - 1] += ' ' + word;
  }
  return cells;
}

/** A trailing status word at the end of a row line: where it starts in `text`, and its spelling. */
function trailingStatus(text: string): { cut: number; status: string } | null {
  const key = foldKey(text.trimEnd());
  for (const { word, key: s } of STATUS) {
    if (key.endsWith(' ' + s) || key === s) {
      const cut = text.trimEnd().length - s.length;
      return { cut, status: inCaseOf(word, text.trimEnd().slice(cut)) };
    }
  }
  return null;
}

/**
 * The text as read behind spans of a line's restored text. Restoration replaces words one for
 * one and keeps the spaces, so the n-th word of one is the n-th word of the other; a line whose
 * word counts differ gives the restored span itself.
 */
function originalSpans(line: SegLine): (from: number, to: number) => string {
  const words = (t: string) => [...t.matchAll(/\S+/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const a = words(line.text), b = words(line.original);
  if (a.length !== b.length) return (from, to) => line.text.slice(from, to).trim();
  return (from, to) => {
    const first = a.findIndex(([, end]) => end > from);
    let last = -1;
    a.forEach(([start], k) => { if (start < to) last = k; });
    return first < 0 || last < first ? '' : line.original.slice(b[first]![0], b[last]![1]);
  };
}

function endsTable(line: SegLine): boolean {
  return authorityOf(line.key) !== null || isRecipientsLabel(line.key) || isAnnexTitle(line.key, line.text);
}

/** The table whose header row is at or after `from`; null when no numbered row follows. */
export function parseTable(lines: readonly SegLine[], from: number, to: number): { table: Table; end: number } | null {
  let h = from;
  while (h < to && (isBlank(lines[h]!) || !/^\s*(STT|TT|SO TT)\b/.test(lines[h]!.key))) h++;
  if (h >= to) return null;
  const columns = splitHeaderRow(lines[h]!.text);
  const statusColumn = columns.length >= 3 && STATUS_HEADERS.some((s) => foldKey(columns[columns.length - 1]!).includes(s));
  // Columns between the number and the status; cells split on wide gaps when the text keeps them.
  const middle = Math.max(1, columns.length - 1 - (statusColumn ? 1 : 0));
  const rows: { n: string; cells: string[][]; originals: string[][]; pieces: CellPiece[][]; status: string; statusRead: string }[] = [];
  let i = h + 1, last = h;
  for (; i < to; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (endsTable(line)) break;
    const m = /^\s*(\d{1,3})[.)]?\s+(?=\S)/.exec(line.text);
    const expected = String(rows.length + 1);
    // The row's text as a span [from, to) of the line, so each cell can be found as read too.
    let from = 0, end = line.text.trimEnd().length;
    if (m && m[1] === expected) {
      rows.push({ n: m[1], cells: Array.from({ length: middle }, () => []), originals: Array.from({ length: middle }, () => []), pieces: Array.from({ length: middle + 2 }, () => []), status: '', statusRead: '' });
      from = m[0].length;
    } else if (!rows.length) continue;
    const row = rows[rows.length - 1]!;
    const originalSpan = originalSpans(line);
    const piece = (start: number, stop: number): CellPiece => ({ page: line.page, line: line.lineStart, start, end: stop, text: line.text.slice(start, stop) });
    // Only a line that is one visual line can take a cell back (see cellPieces).
    const single = line.lineStart === line.lineEnd;
    if (statusColumn && !row.status) {
      const st = trailingStatus(line.text.slice(0, end));
      if (st && st.cut >= from) {
        row.status = st.status; row.statusRead = originalSpan(st.cut, end);
        if (single) row.pieces[middle + 1]!.push(piece(st.cut, end));
        end = st.cut;
      }
    }
    const pieces = [...line.text.slice(from, end).matchAll(middle > 1 ? /\S+(?:\s\S+)*/g : /\S(?:.*\S)?/g)];
    // Extra pieces go to the last column; a continuation line with fewer pieces fills from the first.
    pieces.forEach((p, k) => {
      const at = from + p.index!;
      row.cells[Math.min(k, middle - 1)]!.push(p[0]);
      row.originals[Math.min(k, middle - 1)]!.push(originalSpan(at, at + p[0].length));
      if (single) row.pieces[Math.min(k, middle - 1) + 1]!.push(piece(at, at + p[0].length));
    });
    last = i;
  }
  if (!rows.length) return null;
  const joined = (parts: string[]) => parts.join(' ').replace(/\s+/g, ' ').trim();
  const cells = rows.map((r) => [r.n, ...r.cells.map(joined), ...(statusColumn ? [r.status] : [])]);
  const originalRows = rows.map((r) => [r.n, ...r.originals.map(joined), ...(statusColumn ? [r.statusRead] : [])]);
  const filled = statusColumn ? rows.filter((r) => r.status).length / rows.length : 1;
  const table = { columns, rows: cells, originalRows, provenance: spanOf(lines, h, last), confidence: +(0.6 + 0.4 * filled).toFixed(2) };
  cellPieces.set(table, rows.map((r) => (statusColumn ? r.pieces : r.pieces.slice(0, middle + 1))));
  return { table, end: last + 1 };
}
