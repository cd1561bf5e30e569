/**
 * A folder converted again with other formats (`--format json,csv` then `--format xlsx`) kept the
 * earlier run's files of the formats not written this time: old CSV tables beside the new workbook,
 * an old `.md` beside the new `.txt`, old and new results mixed with nothing to tell them apart.
 * After the batch, the outputs an earlier run wrote in a format this run did not are removed:
 * per document, the files its earlier manifest listed that this run's outputs do not, when they
 * are still byte for byte what baocao wrote (a file a person edited stays); at the top, the batch
 * tables and the workbook when the earlier run's record (.baocao/batch.json) says it wrote them.
 * Nothing is looked at when the formats did not change.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BATCH_TABLES, TABLE_KEYS } from '../emit/batch-tables.js';
import type { Format } from '../emit/formats.js';
import { STATE_DIR } from './atomic.js';
import { ARCHIVE_CSV, WORKBOOK_NAME } from './batch-outputs.js';
import { doneIndex } from './done-index.js';
import type { OutputFile } from './manifest.js';
import { refusal } from './prune-orphans.js';

export interface EarlierOutputs {
  formats: Format[];
  /** Each document's outputs as its manifest listed them, by output name. */
  files: Map<string, OutputFile[]>;
}

/** What the earlier run of `outDir` wrote, when its formats differ from `formats`; null otherwise (or no earlier run). */
export function earlierOutputs(outDir: string, formats: readonly Format[]): EarlierOutputs | null {
  let before: Format[];
  try {
    before = (JSON.parse(readFileSync(join(outDir, STATE_DIR, 'batch.json'), 'utf8')) as { formats: Format[] }).formats;
  } catch {
    return null;
  }
  if (!Array.isArray(before) || (before.length === formats.length && before.every((f) => formats.includes(f)))) return null;
  const index = doneIndex(outDir);
  const files = new Map<string, OutputFile[]>();
  for (const name of index.names()) {
    const listed = index.get(name)?.manifest.files;
    if (listed?.length) files.set(name, listed);
  }
  return { formats: before, files };
}

/**
 * Removes what `earlier` wrote that this run did not: `written` maps each document this run wrote
 * to its outputs (documents it skipped or failed keep theirs). Returns the removed paths, relative.
 */
export function removeStaleOutputs(outDir: string, earlier: EarlierOutputs, formats: readonly Format[], written: Map<string, string[]>): string[] {
  const removed: string[] = [];
  const root = resolve(outDir);
  // Every output this run wrote, as prune-orphans.ts names them: none of them is stale.
  const owned = new Set([...written.values()].flat().map((rel) => relative(root, resolve(root, rel))));
  for (const name of written.keys()) {
    for (const file of earlier.files.get(name) ?? []) {
      if (refusal(root, file.path, owned) || !unchanged(join(outDir, ...file.path.split('/')), file)) continue;
      if (remove(join(outDir, ...file.path.split('/')))) removed.push(file.path);
    }
  }
  const tables = [...TABLE_KEYS.map((k) => BATCH_TABLES[k].file), ARCHIVE_CSV];
  if (earlier.formats.includes('csv') && !formats.includes('csv')) for (const t of tables) if (remove(join(outDir, t))) removed.push(t);
  if (earlier.formats.includes('xlsx') && !formats.includes('xlsx') && remove(join(outDir, WORKBOOK_NAME))) removed.push(WORKBOOK_NAME);
  return removed;
}

/** Still what baocao wrote (size, then SHA-256): a file changed since is a person's and stays. */
function unchanged(path: string, file: OutputFile): boolean {
  try {
    const info = statSync(path);
    return info.isFile() && info.size === file.bytes && createHash('sha256').update(readFileSync(path)).digest('hex') === file.sha256;
  } catch {
    return false;
  }
}

function remove(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false; // gone already, or not ours to remove: it stays
  }
}
