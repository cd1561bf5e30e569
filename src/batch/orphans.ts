/**
 * Documents of an output folder whose input is gone: recorded by an earlier run from an input
 * that no longer exists at the absolute path its manifest keeps. A run only names them (their
 * outputs are the user's files: a deleted input may be a mistake, or moved on purpose); inputs
 * another run converted into the same folder, still where they were, are not orphans. Manifests
 * of earlier versions keep no absolute path and are never named.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { doneIndex, forgetDoneIndex } from './done-index.js';
import { logDir } from './state-log.js';

export interface Orphan {
  /** The document's output name (relative to the output folder). */
  name: string;
  /** Where its input was, absolute. */
  input: string;
  /** Its outputs, relative to the output folder. */
  outputs: string[];
}

function gone(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'; // unreadable is not gone
  }
}

/**
 * Whether the folder holds any record yet (a batch log, or the layout of earlier versions). Asked
 * before a batch: a folder that held none can end it with no orphan — every record in it is then
 * the batch's own, of a document among its outputs — so its logs need not be read back again
 * (two scans of every record, ~0.1 ms a document, were most of the batch's tail).
 */
export function holdsRecords(outDir: string): boolean {
  if (existsSync(join(outDir, STATE_DIR, 'done'))) return true;
  try {
    return readdirSync(logDir(outDir)).some((n) => n.endsWith('.log'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOENT'; // unreadable: look at the end as before
  }
}

/** The folder's documents not among `current` (this run's output names) whose input is gone. */
export function findOrphans(outDir: string, current: ReadonlySet<string>): Orphan[] {
  const index = doneIndex(outDir);
  try {
    const out: Orphan[] = [];
    for (const name of index.names()) {
      if (current.has(name)) continue;
      const manifest = index.get(name)?.manifest;
      if (!manifest?.source || !gone(manifest.source)) continue;
      out.push({ name, input: manifest.source, outputs: manifest.row.outputs });
    }
    return out;
  } finally {
    forgetDoneIndex(outDir);
  }
}
