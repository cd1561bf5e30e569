/**
 * The batch-level outputs, written after every input is done: documents.csv (always), the batch
 * tables sections/paragraphs/tables/figures/review/e-signatures.csv and archive.csv (csv format) and the
 * workbook baocao.xlsx (xlsx format). Rows are read back from each document's stored rows
 * (its record in the batch log, done-index.ts) one document at a time and streamed to temporary files that are renamed into
 * place, so a batch of any size is written in constant memory and never half-written.
 */
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { archiveRow, ARCHIVE_COLUMNS, ordinalsInHoSo, type ArchiveFacts, type ArchiveSettings } from '../emit/archive.js';
import { BATCH_TABLES, LATER_TABLE_KEYS, TABLE_KEYS } from '../emit/batch-tables.js';
import type { Format } from '../emit/formats.js';
import type { Cell, SheetColumn } from '../emit/sheet-types.js';
import { DOCUMENT_SHEET_COLUMNS, documentCells, documentsCsv, type DocumentRow } from '../emit/sheets.js';
import type { SheetWriter } from '../emit/xlsx.js';
import { tmpDir, writeAtomic } from './atomic.js';
import { CsvFile } from './csv-file.js';
import { DoneIndex } from './done-index.js';
import type { StoredLines } from './rows-store.js';

export interface BatchEntry {
  row: DocumentRow;
  /** Output-relative name of a converted input (absent for inputs that could not be listed or read). */
  rel?: string;
}

export interface BatchOutputSettings {
  outDir: string;
  formats: readonly Format[];
  archive?: ArchiveSettings;
  /** Rows per workbook sheet, header included (tests pass the limit with a small one). */
  sheetRowLimit?: number;
  /** fsync documents.csv and its folder (see atomic.ts). */
  durable?: boolean;
  /** Write documents.csv (default); the review page rebuilds the tables only, its rows unchanged. */
  documentsCsv?: boolean;
}

type Converted = Required<BatchEntry>;

export const WORKBOOK_NAME = 'baocao.xlsx';
export const ARCHIVE_CSV = 'archive.csv';

/** Writes the batch outputs; returns the problems met (a converted document whose rows are gone). */
export async function writeBatchOutputs(entries: BatchEntry[], s: BatchOutputSettings): Promise<string[]> {
  const problems = new Set<string>();
  if (s.documentsCsv !== false) writeAtomic(s.outDir, join(s.outDir, 'documents.csv'), await documentsCsv(entries.map((e) => e.row)), { durable: s.durable });
  const csv = s.formats.includes('csv');
  const xlsx = s.formats.includes('xlsx');
  if (!csv && !xlsx) return [];

  // A failed document has no rows (and no outputs); its error row is in documents.csv only.
  const converted = entries.filter(isConverted);
  const tables = tableSpecs(s.archive, entries.map((e) => e.row.path));
  const missing = (e: Converted) => problems.add(missingMessage(e));
  // Where every document's record lies, read once; each document's record is then read when its turn comes.
  const index = new DoneIndex(s.outDir);
  // Temporaries not yet renamed into place: removed when a write fails (a full drive keeps no space for them).
  const open = new Set<CsvFile>();
  const csvFile = (name: string, columns: SheetColumn[]) => {
    const file = CsvFile.open(s.outDir, name, columns);
    open.add(file);
    return file;
  };
  const bookTmp = join(tmpDir(s.outDir), `${process.pid}-${WORKBOOK_NAME}.tmp`);
  try {
    if (!xlsx) {
      // CSV only: one pass, each document's stored rows read once for all the tables.
      const stream = TablesStream.open(s.outDir, s.archive, entries.map((e) => e.row.path));
      try {
        for (const e of converted) stream.add(e, index.rows(e.rel));
        return stream.finish();
      } catch (e) {
        stream.abort();
        throw e;
      }
    }

    // The workbook is written sheet after sheet: one pass per table (exceljs loaded only here).
    const { BatchWorkbook } = await import('../emit/xlsx.js');
    const book = new BatchWorkbook(bookTmp, { rowLimit: s.sheetRowLimit });
    await book.sheet('Documents', DOCUMENT_SHEET_COLUMNS, async (w) => {
      for (const [i, e] of entries.entries()) {
        w.add(documentCells(e.row));
        if (i % 100 === 99) await w.rest();
      }
    });
    for (const t of tables) {
      const out = csv ? csvFile(t.file, t.columns) : null;
      await book.sheet(t.sheet, t.columns, async (w: SheetWriter) => {
        for (const e of converted) {
          const lines = index.rows(e.rel);
          const rows = lines && t.rowsOf(e, lines);
          if (!rows) { missing(e); continue; }
          out?.write(rows);
          for (const r of rows) w.add(r);
          await w.rest();
        }
      });
      if (out) { out.close(); open.delete(out); }
    }

    await book.close();
    renameSync(bookTmp, join(s.outDir, WORKBOOK_NAME));
    return [...problems];
  } catch (e) {
    for (const file of open) file.abort();
    rmSync(bookTmp, { force: true });
    throw e;
  } finally {
    index.close();
  }
}

export function isConverted(e: BatchEntry): e is Converted {
  return e.rel !== undefined && e.row.status !== 'error';
}

function missingMessage(e: Converted): string {
  return `${e.row.path}: its stored rows (.baocao/log) are missing, so the batch tables lack it; run again without --resume`;
}

interface TableSpec { file: string; sheet: string; columns: SheetColumn[]; rowsOf: (e: Converted, lines: StoredLines) => Cell[][] | null }

/** Each table's rows of a document, from its stored lines; null when they are missing or damaged. `paths`: every entry's path (archive ordinals). */
function tableSpecs(settings: ArchiveSettings | undefined, paths: readonly string[]): TableSpec[] {
  const archive = settings ?? { files: [] };
  const ordinals = ordinalsInHoSo(paths, archive);
  return [
    ...TABLE_KEYS.map((key) => ({ ...BATCH_TABLES[key], rowsOf: (e: Converted, lines: StoredLines) => (LATER_TABLE_KEYS.has(key) && !lines.has(key) ? [] : parsed<Cell[][]>(lines, key)?.map((r) => [e.row.path, ...r]) ?? null) })),
    { file: ARCHIVE_CSV, sheet: 'Archive', columns: ARCHIVE_COLUMNS, rowsOf: (e: Converted, lines: StoredLines) => {
      const facts = parsed<ArchiveFacts>(lines, 'archive');
      return facts && [archiveRow(e.row.path, facts, archive, ordinals.get(e.row.path), e.row.sha256)];
    } },
  ];
}

/**
 * The CSV batch tables (no workbook) written one document at a time, in the order added, to
 * temporaries renamed into place by `finish`. writeBatchOutputs adds the documents after the
 * batch; runBatch adds them while the batch converts (in input order, rows carried back by the
 * workers), so nothing is left to read back at the end. Until `finish` nothing is in place: a
 * kill leaves the old tables and temporaries that the next start sweeps (atomic.ts prepareTmp).
 */
export class TablesStream {
  private readonly problems = new Set<string>();

  private constructor(private readonly tables: TableSpec[], private readonly outs: CsvFile[]) {}

  /** `paths`: the path of every entry of documents.csv, in its order (archive.csv numbers files per hồ sơ among them). */
  static open(outDir: string, archive: ArchiveSettings | undefined, paths: readonly string[]): TablesStream {
    const tables = tableSpecs(archive, paths);
    const outs: CsvFile[] = [];
    try {
      for (const t of tables) outs.push(CsvFile.open(outDir, t.file, t.columns));
    } catch (e) {
      for (const out of outs) out.abort();
      throw e;
    }
    return new TablesStream(tables, outs);
  }

  /** A converted document's rows; `lines` null when its stored rows are missing (said by `finish`). */
  add(e: Converted, lines: StoredLines | null): void {
    if (!lines) { this.problems.add(missingMessage(e)); return; }
    for (let k = 0; k < this.tables.length; k++) {
      const rows = this.tables[k]!.rowsOf(e, lines);
      if (rows) this.outs[k]!.write(rows);
      else this.problems.add(missingMessage(e));
    }
  }

  /** Closes the tables and renames them into place; the problems met (documents whose rows were missing). */
  finish(): string[] {
    for (const out of this.outs) out.close();
    this.outs.length = 0;
    return [...this.problems];
  }

  /** Removes the temporaries not yet renamed. */
  abort(): void {
    for (const out of this.outs) out.abort();
    this.outs.length = 0;
  }
}

/** One line of a document's stored rows, parsed; null when it is missing or damaged. */
function parsed<T>(lines: StoredLines, key: string): T | null {
  const line = lines.get(key);
  if (line === undefined) return null;
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}
