/**
 * The record of the batch outputs (documents.csv, the CSV tables, archive.csv, the workbook) as a
 * run or `baocao review` last wrote them: each one's size and SHA-256 in `.baocao/tables.json`, so
 * `baocao verify` tells a table changed or deleted since, as it does a document's outputs (which
 * their manifests record). A folder written before this record existed has none: verify says so.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR, writeAtomic } from './atomic.js';
import { fileSha256 } from './file-sha256.js';
import { ARCHIVE_CSV, WORKBOOK_NAME } from './batch-outputs.js';
import type { OutputFile } from './manifest.js';
import type { Format } from '../emit/formats.js';
import { BATCH_TABLES, TABLE_KEYS } from '../emit/batch-tables.js';

export const TABLES_RECORD = 'tables.json';

interface TablesRecord {
  version: 1;
  files: OutputFile[];
}

/** The batch outputs a run with these formats writes: documents.csv always, the tables with csv, the workbook with xlsx. */
export function batchOutputNames(formats: readonly Format[]): string[] {
  return [
    'documents.csv',
    ...(formats.includes('csv') ? [...TABLE_KEYS.map((k) => BATCH_TABLES[k].file), ARCHIVE_CSV] : []),
    ...(formats.includes('xlsx') ? [WORKBOOK_NAME] : []),
  ];
}

/**
 * Records `names` (those present) as they now are, once they are all written. A record that
 * cannot be written is removed rather than left naming the tables of an earlier run, which verify
 * would call changed; the error is thrown for the caller to say.
 */
export async function recordTables(outDir: string, names: readonly string[], durable = true): Promise<void> {
  const path = join(outDir, STATE_DIR, TABLES_RECORD);
  try {
    const files: OutputFile[] = [];
    for (const name of names) {
      const abs = join(outDir, name);
      if (!existsSync(abs)) continue;
      // Streamed: a batch of 10,000 documents has tables of hundreds of MB.
      files.push({ path: name, bytes: statSync(abs).size, sha256: await fileSha256(abs) });
    }
    writeAtomic(outDir, path, JSON.stringify({ version: 1, files } satisfies TablesRecord) + '\n', { durable });
  } catch (e) {
    rmSync(path, { force: true });
    throw e;
  }
}

/** The recorded batch outputs, or null when the folder holds no record (written before it existed, or its writing failed). */
export function recordedTables(outDir: string): OutputFile[] | null {
  let text: string;
  try {
    text = readFileSync(join(outDir, STATE_DIR, TABLES_RECORD), 'utf8');
  } catch {
    return null;
  }
  const record = JSON.parse(text) as Partial<TablesRecord>;
  if (record.version !== 1 || !Array.isArray(record.files)) throw new Error(`${STATE_DIR}/${TABLES_RECORD} is not a record of the batch tables this version reads`);
  return record.files;
}
