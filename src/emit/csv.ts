/**
 * CSV for spreadsheets, as fast-csv writes it: UTF-8 with BOM (Excel needs it to read UTF-8), CRLF rows and
 * RFC 4180 quoting. Text cells a spreadsheet would reinterpret get a leading apostrophe:
 * formulas (= + - @, tab, CR: OWASP CSV-injection guard), numbers that would lose digits
 * when read as numbers (leading zeros like 0125, more than 15 digits) and numbers that would be
 * read as a day and month (3-5, 1/2). Numeric columns are
 * written as plain numbers.
 */
import { CELL_LIMIT, fitCell } from './cell-limit.js';

export interface CsvColumn<Row> {
  header: string;
  type: 'text' | 'number';
  value: (row: Row) => string | number | null | undefined;
}

/** Starts of a text cell that Excel/LibreOffice would evaluate as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Digit strings a spreadsheet would turn into a number and lose: 0125, 007, 16+ digits; and a
 * number or range it would read as a day and month, or a month and year ("3-5", "1/2", "12/2023":
 * Excel opens them as 5-Mar, 2-Jan, Dec-23). A whole date (05/01/2024) is left as written.
 */
const LOSSY_NUMBER = /^\s*(0\d+([.,]\d+)?|\d{16,}|\d{1,4}\s*[/-]\s*\d{1,2}|\d{1,2}\s*[/-]\s*\d{4})\s*$/;

/** The text as it should sit in a spreadsheet cell. */
export function guardCell(text: string): string {
  return FORMULA_START.test(text) || LOSSY_NUMBER.test(text) ? `'${text}` : text;
}

/** Guarded and within the cell limit (a cut cell keeps its guard and still fits). */
export function csvText(text: string): string {
  const guarded = guardCell(text);
  if (guarded.length <= CELL_LIMIT) return guarded;
  return guardCell(fitCell(text, CELL_LIMIT - (guarded.length - text.length)));
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180 rows with CRLF, no BOM, no header: a chunk to append to a CSV being streamed. A cell
 * with a comma, quote or line break is quoted (fast-csv, and so fastCsvText, also quotes a cell
 * with "|" and drops NULs; the batch tables never did), written directly: the batch tables have
 * millions of cells and a stream per chunk cost more than the writing.
 */
export function csvRows(rows: (string | number | null | undefined)[][]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      const text = v === null || v === undefined ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : csvText(v);
      out += (i ? ',' : '') + (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
    }
    out += '\r\n';
  }
  return out;
}

export async function toCsv<Row>(columns: CsvColumn<Row>[], rows: Row[]): Promise<string> {
  const body = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v === null || v === undefined) return '';
      if (c.type === 'number') return typeof v === 'number' && Number.isFinite(v) ? String(v) : csvText(String(v));
      return csvText(String(v));
    }),
  );
  return fastCsvText([columns.map((c) => c.header), ...body]);
}

/** What fast-csv's FieldFormatter (5.x, the options above) quotes: a comma, a line break, and also "|". */
const FAST_CSV_QUOTES = /[,\r\n|]/;

/**
 * The text fast-csv's writeToString gives for these rows with { writeBOM, rowDelimiter: CRLF,
 * includeEndRowDelimiter } and no headers option: the BOM, the rows joined by CRLF and a last
 * CRLF; in each cell NULs dropped, a cell with a quote quoted with its quotes doubled, one with a
 * comma, CR, LF or "|" quoted. Written directly (test/emit/csv.test.ts holds it to fast-csv on
 * random cells): documents.csv of a batch went through fast-csv's object stream, row by row, in
 * the batch's main thread after the last document (docs/batch-speed-s23.md).
 */
export function fastCsvText(rows: readonly (readonly string[])[]): string {
  let out = '\uFEFF';
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (r) out += '\r\n';
    for (let i = 0; i < row.length; i++) {
      const text = row[i]!.includes('\0') ? row[i]!.replace(/\0/g, '') : row[i]!;
      out += (i ? ',' : '') + (text.includes('"') ? `"${text.replace(/"/g, '""')}"` : FAST_CSV_QUOTES.test(text) ? `"${text}"` : text);
    }
  }
  return out + '\r\n';
}
