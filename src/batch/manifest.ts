/**
 * A converted input's manifest: written after every output of that input, in its record of the
 * batch log (state-log.ts; earlier versions wrote a file per input under .baocao/done, still
 * read), so a manifest means "this input is complete for this content hash". --resume skips
 * inputs with a matching manifest and rebuilds documents.csv from the manifests' rows.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentRow } from '../emit/sheets.js';
import { STATE_DIR } from './atomic.js';

export interface Manifest {
  /** 2: rows carry the structure columns (older manifests are converted again). */
  version: 2;
  sha256: string;
  /** What decides the outputs: a change means the input must be converted again. */
  settings: string;
  /** The input's path relative to the batch base; row.outputName is where its outputs went. */
  input?: string;
  /** The input's absolute path (absent for standard input and in older manifests): a later run tells a deleted input by it (orphans.ts). */
  source?: string;
  /** Each output as written (absent in manifests of older versions: then only their presence is checked). */
  files?: OutputFile[];
  row: DocumentRow;
}

export interface OutputFile {
  /** Relative to the output folder, '/'-separated. */
  path: string;
  bytes: number;
  sha256: string;
}

/** Where the layout of earlier versions kept the manifest of output name `name` (output-names.ts). */
export function manifestPath(outDir: string, name: string): string {
  return join(outDir, STATE_DIR, 'done', ...`${name}.json`.split('/'));
}

/** Whether `manifest` matches this content and settings and all its outputs are still there, unchanged. */
export function manifestHolds(outDir: string, manifest: Manifest, sha256: string, settings: string): boolean {
  if (manifest.version !== 2 || manifest.sha256 !== sha256 || manifest.settings !== settings) return false;
  for (const out of manifest.row.outputs) if (!existsSync(join(outDir, ...out.split('/')))) return false;
  for (const file of manifest.files ?? []) if (!intact(join(outDir, ...file.path.split('/')), file)) return false;
  return true;
}

/** Size first (a stat), then the content hash: an output cut short or emptied by a power loss is not done. */
function intact(path: string, file: OutputFile): boolean {
  try {
    if (statSync(path).size !== file.bytes) return false;
    return createHash('sha256').update(readFileSync(path)).digest('hex') === file.sha256;
  } catch {
    return false;
  }
}
