/**
 * Spreadsheet views of a document's structure: `<name>.sections.csv` (one row per paragraph with
 * its section path, kind and heading, restored and original text), `<name>.table-N.csv` (one per
 * annex table, its header row first) and `<name>.figures.csv`. Rows come from the segmenter's pure
 * row builders; this module only names the columns.
 */
import { allTables, FIGURE_CSV_HEADERS, figureRows, SECTION_CSV_HEADERS, sectionRows } from '../core/segment/csv-rows.js';
import type { Structure } from '../core/segment/schema.js';
import { guardCell, toCsv, type CsvColumn } from './csv.js';

type Row = Record<string, string | number>;

const NUMERIC = new Set(['level', 'page', 'line_start', 'line_end', 'value']);

function columnsOf(headers: readonly string[]): CsvColumn<Row>[] {
  return headers.map((header) => ({ header, type: NUMERIC.has(header) ? 'number' : 'text', value: (r) => r[header] }));
}

export function sectionsCsv(structure: Structure): Promise<string> {
  return toCsv(columnsOf(SECTION_CSV_HEADERS), sectionRows(structure));
}

export function figuresCsv(structure: Structure): Promise<string> {
  return toCsv(columnsOf(FIGURE_CSV_HEADERS), figureRows(structure));
}

/** One CSV per table, in document order; the table's own header row becomes the CSV header. */
export async function tableCsvs(structure: Structure): Promise<string[]> {
  const out: string[] = [];
  for (const [head = [], ...rows] of allTables(structure)) {
    // Header cells come from the document, so they get the same formula guard as any cell.
    const columns: CsvColumn<string[]>[] = head.map((cell, i) => ({ header: guardCell(cell || `column ${i + 1}`), type: 'text', value: (r) => r[i] ?? '' }));
    out.push(await toCsv(columns, rows));
  }
  return out;
}
