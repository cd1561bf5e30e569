/**
 * A converted document's rows of the CSV batch tables, as a worker carries them back to the main
 * thread (FileOutcome.tableRows): each table's rows already as CSV text, the path column first,
 * and the archive facts as the JSON its record stores. The main thread appends the text to the
 * open tables (tables-feed.ts) instead of parsing the stored rows back from JSON and making the
 * CSV itself: the parse was ~2 % of a text batch's CPU (docs/batch-speed-s19.md), the CSV the same
 * work in either thread. The bytes are those the tables rebuilt from the log get: a JSON round
 * trip keeps every cell a CSV can tell apart (strings, numbers; NaN, ±Infinity and null all
 * become an empty cell either way).
 */
import { TABLE_KEYS, type DocumentTables } from '../emit/batch-tables.js';
import { csvRows } from '../emit/csv.js';
import type { ArchiveFacts } from '../emit/archive.js';

export interface CarriedRows {
  /** Per table of TABLE_KEYS, in that order: its CSV rows (CRLF, no header), each row led by the document's path. */
  csv: string[];
  /** The archive facts' JSON (archive.csv's row needs the batch's ordinals, made in the main thread). */
  archive: string;
}

export function carriedRows(tables: DocumentTables, archive: ArchiveFacts, path: string): CarriedRows {
  return { csv: TABLE_KEYS.map((key) => csvRows(tables[key].map((row) => [path, ...row]))), archive: JSON.stringify(archive) };
}
