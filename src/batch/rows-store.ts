/**
 * A converted document's rows of the batch tables, stored with its manifest in its record of the
 * batch log (state-log.ts; earlier versions wrote them to <out>/.baocao/rows/<rel>.rows, still
 * read). The batch tables (sections.csv…, archive.csv, the workbook) are rebuilt from them one
 * document at a time, so a resumed or killed run gives the same tables and no run holds every
 * document in memory. One line per table ("key<TAB>json"), so a pass over one table parses only
 * its line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveFacts } from '../emit/archive.js';
import { TABLE_KEYS, type DocumentTables } from '../emit/batch-tables.js';
import { STATE_DIR } from './atomic.js';

export interface StoredRows {
  tables: DocumentTables;
  archive: ArchiveFacts;
}

/** Where the layout of earlier versions kept a document's rows. */
export function rowsPath(outDir: string, rel: string): string {
  return join(outDir, STATE_DIR, 'rows', `${rel}.rows`);
}

/** The stored rows as text: the archive facts, then one line per table. */
export function rowsText(rows: StoredRows): string {
  return [`archive\t${JSON.stringify(rows.archive)}`, ...TABLE_KEYS.map((k) => `${k}\t${JSON.stringify(rows.tables[k])}`)].join('\n') + '\n';
}

/** A document's stored lines by key (a table key or 'archive'). */
export type StoredLines = Map<string, string>;

export function parseStoredLines(text: string): StoredLines {
  const lines: StoredLines = new Map();
  // A line cut short by a power loss has no newline: it is left out, and its table reports the document.
  for (let at = 0, end = text.indexOf('\n'); end >= 0; at = end + 1, end = text.indexOf('\n', at)) {
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end) lines.set(text.slice(at, tab), text.slice(tab + 1, end));
  }
  return lines;
}

/** The old layout's rows file of a document, or null when it is missing. */
export function readOldRowsText(outDir: string, rel: string): string | null {
  try {
    // Sync on purpose, as in atomic.ts: thousands of small reads, each a thread-pool round trip when async.
    return readFileSync(rowsPath(outDir, rel), 'utf8');
  } catch {
    return null;
  }
}
