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
import { TABLE_KEYS, type DocumentTables } from '../emit/batch-tables.js';
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

/** A document's stored lines by key (a table key or 'archive'); null when the file is missing. */
export type StoredLines = Map<string, string>;

export function readStoredRows(outDir: string, rel: string): StoredLines | null {
  let text: string;
  try {
    // Sync on purpose, as in atomic.ts: thousands of small reads, each a thread-pool round trip when async.
    text = readFileSync(rowsPath(outDir, rel), 'utf8');
  } catch {
    return null;
  }
  const lines: StoredLines = new Map();
  // A line cut short by a power loss has no newline: it is left out, and its table reports the document.
  for (let at = 0, end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end) lines.set(text.slice(at, tab), text.slice(tab + 1, end));
  }
  return lines;
}
