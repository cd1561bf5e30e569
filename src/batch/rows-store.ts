/**
 * A converted document's rows of the batch tables, kept under <out>/.baocao/rows/<rel>.rows,
 * written atomically before its manifest. The batch tables (sections.csv…, archive.csv, the
 * workbook) are rebuilt from these files one document at a time, so a resumed or killed run
 * gives the same tables and no run holds every document in memory. One line per table
 * ("key<TAB>json"), so a pass over one table parses only its line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveFacts } from '../emit/archive.js';
import { TABLE_KEYS, type DocumentTables, type TableKey } from '../emit/batch-tables.js';
import type { Cell } from '../emit/sheet-types.js';
import { STATE_DIR, writeAtomic } from './atomic.js';

export interface StoredRows {
  tables: DocumentTables;
  archive: ArchiveFacts;
}

export function rowsPath(outDir: string, rel: string): string {
  return join(outDir, STATE_DIR, 'rows', `${rel}.rows`);
}

export function writeRows(outDir: string, rel: string, rows: StoredRows): void {
  const lines = [`archive\t${JSON.stringify(rows.archive)}`, ...TABLE_KEYS.map((k) => `${k}\t${JSON.stringify(rows.tables[k])}`)];
  writeAtomic(outDir, rowsPath(outDir, rel), lines.join('\n') + '\n');
}

export const hasRows = (outDir: string, rel: string): boolean => existsSync(rowsPath(outDir, rel));

/** One table's rows of a document (or its archive facts); null when the file is missing or damaged. */
export async function readTableRows(outDir: string, rel: string, key: TableKey): Promise<Cell[][] | null> {
  const line = await readLine(outDir, rel, key);
  return line === null ? null : (JSON.parse(line) as Cell[][]);
}

export async function readArchiveFacts(outDir: string, rel: string): Promise<ArchiveFacts | null> {
  const line = await readLine(outDir, rel, 'archive');
  return line === null ? null : (JSON.parse(line) as ArchiveFacts);
}

async function readLine(outDir: string, rel: string, key: string): Promise<string | null> {
  let text: string;
  try {
    // Sync on purpose, as in atomic.ts: thousands of small reads, each a thread-pool round trip when async.
    text = readFileSync(rowsPath(outDir, rel), 'utf8');
  } catch {
    return null;
  }
  const start = text.startsWith(`${key}\t`) ? 0 : text.indexOf(`\n${key}\t`) + 1;
  if (start === 0 && !text.startsWith(`${key}\t`)) return null;
  const end = text.indexOf('\n', start);
  return end < 0 ? null : text.slice(start + key.length + 1, end);
}
