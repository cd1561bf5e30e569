/**
 * Per-input manifests under <out>/.baocao/done/: written last, after every output of that input,
 * so a manifest means "this input is complete for this content hash". --resume skips inputs with
 * a matching manifest and rebuilds documents.csv from the manifests' rows.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentRow } from '../emit/sheets.js';
import { STATE_DIR, writeAtomic, type WriteOptions } from './atomic.js';

export interface Manifest {
  /** 2: rows carry the structure columns (older manifests are converted again). */
  version: 2;
  sha256: string;
  /** What decides the outputs: a change means the input must be converted again. */
  settings: string;
  /** The input's path relative to the batch base; row.outputName is where its outputs went. */
  input?: string;
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

/** `name` is the input's output name (output-names.ts), so a shortened name has a manifest that fits too. */
export function manifestPath(outDir: string, name: string): string {
  return join(outDir, STATE_DIR, 'done', ...`${name}.json`.split('/'));
}

export function writeManifest(outDir: string, name: string, manifest: Manifest, options: WriteOptions = {}): void {
  writeAtomic(outDir, manifestPath(outDir, name), JSON.stringify(manifest) + '\n', options);
}

/** The manifest if it matches this content and settings and all its outputs are still there. */
export function completedManifest(outDir: string, name: string, sha256: string, settings: string): Manifest | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(outDir, name), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (manifest.version !== 2 || manifest.sha256 !== sha256 || manifest.settings !== settings) return null;
  for (const out of manifest.row.outputs) if (!existsSync(join(outDir, ...out.split('/')))) return null;
  for (const file of manifest.files ?? []) if (!intact(join(outDir, ...file.path.split('/')), file)) return null;
  return manifest;
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
