/**
 * Per-input manifests under <out>/.baocao/done/: written last, after every output of that input,
 * so a manifest means "this input is complete for this content hash". --resume skips inputs with
 * a matching manifest and rebuilds documents.csv from the manifests' rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentRow } from '../emit/sheets.js';
import { STATE_DIR, writeAtomic } from './atomic.js';

export interface Manifest {
  /** 2: rows carry the structure columns (older manifests are converted again). */
  version: 2;
  sha256: string;
  /** What decides the outputs: a change means the input must be converted again. */
  settings: string;
  row: DocumentRow;
}

export function manifestPath(outDir: string, rel: string): string {
  return join(outDir, STATE_DIR, 'done', `${rel}.json`);
}

export function writeManifest(outDir: string, rel: string, manifest: Manifest): void {
  writeAtomic(outDir, manifestPath(outDir, rel), JSON.stringify(manifest) + '\n');
}

/** The manifest if it matches this content and settings and all its outputs are still there. */
export function completedManifest(outDir: string, rel: string, sha256: string, settings: string): Manifest | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(outDir, rel), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (manifest.version !== 2 || manifest.sha256 !== sha256 || manifest.settings !== settings) return null;
  for (const out of manifest.row.outputs) if (!existsSync(join(outDir, out))) return null;
  return manifest;
}
