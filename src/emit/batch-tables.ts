/**
 * The batch-level tables (sections, paragraphs, tables, figures, review, e-signatures, annotations): one CSV and one
 * workbook sheet each, every row keyed by the document's path. A document's rows are built once,
 * when it is converted, as plain cells without the path (the path is added when the batch
 * writes the tables, so a resumed run that shows paths differently still keys them right).
 */
import type { DocumentResult } from '../core/schema.js';
import { allTables, figureRows, SECTION_CSV_HEADERS, sectionRows } from '../core/segment/csv-rows.js';
import { CELL_LIMIT } from './cell-limit.js';
import { guardCell } from './csv.js';
import type { Cell, SheetColumn } from './sheet-types.js';
import { structureOf } from './sheets.js';

export interface BatchTable {
  key: TableKey;
  file: string;
  sheet: string;
  columns: SheetColumn[];
}

export const TABLE_KEYS = ['sections', 'paragraphs', 'tables', 'figures', 'review', 'eSignatures', 'annotations'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

/** Tables added after stored rows existed: a document stored by an earlier version (--resume) has no line for them, and no rows. */
export const LATER_TABLE_KEYS: ReadonlySet<TableKey> = new Set(['eSignatures', 'annotations']);

/** One document's rows of every table, without the path column. */
export type DocumentTables = Record<TableKey, Cell[][]>;

const text = (header: string, width = 12): SheetColumn => ({ header, type: 'text', width });
const num = (header: string, width = 8): SheetColumn => ({ header, type: 'number', width });
const PATH = text('path', 40);
const PLACE = [num('page', 6), num('line_start', 9), num('line_end', 9)];

const SECTION_COLUMNS: SheetColumn[] = SECTION_CSV_HEADERS.map((h): SheetColumn => {
  if (h === 'path') return text('section', 16); // the section path; `path` is the document's
  if (h === 'level' || h === 'page' || h === 'line_start' || h === 'line_end') return num(h, h === 'page' ? 6 : 9);
  return text(h, h === 'text' || h === 'original' ? 60 : h === 'heading' ? 30 : 10);
});

export const BATCH_TABLES: Record<TableKey, BatchTable> = {
  sections: { key: 'sections', file: 'sections.csv', sheet: 'Sections', columns: [PATH, ...SECTION_COLUMNS] },
  paragraphs: { key: 'paragraphs', file: 'paragraphs.csv', sheet: 'Paragraphs', columns: [PATH, ...PLACE, text('text', 60), text('restored', 60)] },
  tables: { key: 'tables', file: 'tables.csv', sheet: 'Tables', columns: [PATH, num('table', 6), num('row', 6), num('column', 7), text('cell', 40)] },
  figures: { key: 'figures', file: 'figures.csv', sheet: 'Figures', columns: [PATH, num('value', 12), text('text', 16), text('unit', 10), text('phrase', 50), ...PLACE] },
  review: { key: 'review', file: 'review.csv', sheet: 'Review', columns: [PATH, num('page', 6), num('line', 6), text('original', 20), text('restored', 20), num('confidence', 11), text('alternatives', 30)] },
  eSignatures: { key: 'eSignatures', file: 'e-signatures.csv', sheet: 'E-signatures', columns: [PATH, text('signer', 24), text('signer_is_person', 8), text('organization', 30), text('email', 24), text('time', 22), text('source', 14), num('page', 6)] },
  annotations: { key: 'annotations', file: 'annotations.csv', sheet: 'Annotations', columns: [PATH, num('page', 6), text('subtype', 10), text('author', 20), text('modified', 22), text('text', 60), num('x0', 7), num('y0', 7), num('x1', 7), num('y1', 7)] },
};

/** Every batch-table row of a converted document. */
export function documentTables(result: DocumentResult): DocumentTables {
  const structure = structureOf(result);
  const sections = structure ? sectionRows(structure).map((r) => SECTION_CSV_HEADERS.map((h) => r[h] ?? null)) : [];
  const figures = structure ? figureRows(structure).map((r) => [r.value, r.text, r.unit, r.phrase, r.page, r.line_start, r.line_end] as Cell[]) : [];
  const tables: Cell[][] = [];
  for (const [t, grid] of (structure ? allTables(structure) : []).entries()) {
    // Row 1 is the table's header row, as in a spreadsheet; every cell of the padded grid is listed.
    for (const [r, cells] of grid.entries()) for (const [c, cell] of cells.entries()) tables.push([t + 1, r + 1, c + 1, cell]);
  }
  return {
    sections,
    paragraphs: result.paragraphs.map((p) => [p.page, p.lineStart, p.lineEnd, p.text, p.restored ?? '']),
    tables,
    figures,
    review: (result.review ?? []).map((r) => [r.page, r.line, r.original, r.restored, r.confidence, r.alternatives.join('; ')]),
    eSignatures: (result.meta?.eSignatures ?? []).map((e) => [e.signer ?? '', e.signerIsPerson ? 'yes' : 'no', e.organization ?? '', e.email ?? '', e.time ?? '', e.source, e.page]),
    annotations: result.pages.flatMap((p) => (p.annotations ?? []).map((a) => [p.number, a.subtype, a.author ?? '', a.modified ?? '', a.text, ...(a.rect ?? [null, null, null, null])])),
  };
}

/** How many cells of a document's rows a spreadsheet cannot hold whole (CSV guard included), per table. */
export function oversizedCells(tables: DocumentTables): { count: number; tables: TableKey[] } {
  let count = 0;
  const where = new Set<TableKey>();
  for (const key of TABLE_KEYS) {
    const rows = tables[key];
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        // The guard adds one character at most: a cell under the limit is not tested against it.
        if (typeof cell === 'string' && cell.length >= CELL_LIMIT && guardCell(cell).length > CELL_LIMIT) {
          count += 1;
          where.add(key);
        }
      }
    }
  }
  return { count, tables: [...where] };
}
