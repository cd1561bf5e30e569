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
  provenance: Provenance;
  confidence: number;
}

// A status column holds one of a few words, so a cell is written in its dictionary spelling
// whatever marks the restorer gave it ("Dắt", "Đất" → "Đạt"; "Co" → "Có").
const STATUS = ['Chưa hoàn thành', 'Hoàn thành', 'Chưa đạt', 'Đạt', 'Không', 'Có', 'Tốt', 'Khá', 'Trung bình', 'X']
  .map((word) => ({ word, key: foldKey(word) }));
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

/** A trailing status word at the end of a row line, with the text before it. */
function trailingStatus(text: string): { before: string; status: string } | null {
  const key = foldKey(text.trimEnd());
  for (const { word, key: s } of STATUS) {
    if (key.endsWith(' ' + s) || key === s) {
      const cut = text.trimEnd().length - s.length;
      return { before: text.slice(0, cut).trim(), status: inCaseOf(word, text.trimEnd().slice(cut)) };
    }
  }
  return null;
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
  const rows: { n: string; cells: string[][]; status: string }[] = [];
  let i = h + 1, last = h;
  for (; i < to; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    if (endsTable(line)) break;
    const m = /^\s*(\d{1,3})[.)]?\s+(?=\S)/.exec(line.text);
    const expected = String(rows.length + 1);
    let body = line.text.trim();
    if (m && m[1] === expected) {
      rows.push({ n: m[1], cells: Array.from({ length: middle }, () => []), status: '' });
      body = line.text.slice(m[0].length).trim();
    } else if (!rows.length) continue;
    const row = rows[rows.length - 1]!;
    if (statusColumn && !row.status) {
      const st = trailingStatus(body);
      if (st) { row.status = st.status; body = st.before; }
    }
    const pieces = middle > 1 ? body.split(/\s{2,}/).filter(Boolean) : [body].filter(Boolean);
    // Extra pieces go to the last column; a continuation line with fewer pieces fills from the first.
    pieces.forEach((p, k) => row.cells[Math.min(k, middle - 1)]!.push(p));
    last = i;
  }
  if (!rows.length) return null;
  const cells = rows.map((r) => {
    const row = [r.n, ...r.cells.map((parts) => parts.join(' ').replace(/\s+/g, ' ').trim())];
    if (statusColumn) row.push(r.status);
    return row;
  });
  const filled = statusColumn ? rows.filter((r) => r.status).length / rows.length : 1;
  return { table: { columns, rows: cells, provenance: spanOf(lines, h, last), confidence: +(0.6 + 0.4 * filled).toFixed(2) }, end: last + 1 };
}
