/**
 * documents.csv brought in line with the reviewed documents: the header columns (type, number,
 * date, issuer, title, signer, position) of a corrected document are those read again from its
 * corrected text. documents.csv is patched, never rebuilt from the manifests: the rows of inputs
 * that failed (they have no manifest) must stay as the batch wrote them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseString } from 'fast-csv';
import { writeAtomic } from '../batch/atomic.js';
import { DOCUMENT_CSV_HEADERS } from '../core/segment/csv-rows.js';
import { csvRows } from '../emit/csv.js';
import type { DocumentRow } from '../emit/sheets.js';

const BOM = '\uFEFF';

function parseCsv(text: string): Promise<string[][]> {
  const rows: string[][] = [];
  return new Promise((done, fail) => {
    parseString(text, { headers: false })
      .on('data', (r: string[]) => rows.push(r))
      .on('error', fail)
      .on('end', () => done(rows));
  });
}

/** Rewrites documents.csv with each row's header fields taken from `rows` (by path); false when there is nothing to patch. */
export async function patchDocumentsCsv(outDir: string, rows: readonly DocumentRow[], durable = true): Promise<boolean> {
  const path = join(outDir, 'documents.csv');
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  const [header, ...body] = await parseCsv(text.startsWith(BOM) ? text.slice(BOM.length) : text);
  if (!header) return false;
  const pathAt = header.indexOf('path');
  const at = DOCUMENT_CSV_HEADERS.map((h) => header.indexOf(h));
  if (pathAt < 0 || at.some((i) => i < 0)) return false; // written by a version without these columns
  // The suggested date (a column of session 15) follows the re-read too, where the file has it.
  const suggestedAt = header.indexOf('date_suggested');
  const byPath = new Map(rows.filter((r) => r.structure).map((r) => [r.path, r]));
  let changed = false;
  const set = (row: string[], k: number, value: string) => {
    if (row[k] !== value) changed = true;
    row[k] = value;
  };
  for (const row of body) {
    const doc = byPath.get(row[pathAt] ?? '');
    if (!doc) continue;
    DOCUMENT_CSV_HEADERS.forEach((h, k) => set(row, at[k]!, doc.structure![h]));
    if (suggestedAt >= 0) set(row, suggestedAt, doc.dateSuggested ?? '');
  }
  if (changed) writeAtomic(outDir, path, BOM + csvRows([header, ...body]), { durable });
  return changed;
}
