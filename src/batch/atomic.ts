/**
 * Atomic file writes: write a temporary file under <out>/.baocao/tmp, then rename it over the
 * target (same file system, so the rename is atomic). A process killed at any moment leaves either
 * the old file or the new one, never half of one; stray temporaries are swept at the next start.
 * Synchronous on purpose: per-file writes are sequential anyway, and sync calls skip the thread
 * pool round trips that dominated the batch time for small files (bench/convert.ts).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const STATE_DIR = '.baocao';
let counter = 0;
/** Folders this process has made: one mkdir per output folder, not one per file. */
const made = new Set<string>();

export function tmpDir(outDir: string): string {
  return join(outDir, STATE_DIR, 'tmp');
}

export function writeAtomic(outDir: string, target: string, data: string | Uint8Array): void {
  const tmp = join(tmpDir(outDir), `${process.pid}-${process.hrtime.bigint()}-${counter++}.tmp`);
  const dir = dirname(target);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(tmp, data);
  renameSync(tmp, target);
}

/**
 * Creates the folder and removes temporaries left by a killed run. Call once before a batch.
 * `sweep: false` when other processes may be writing there now (queue workers on shared storage).
 */
export async function prepareTmp(outDir: string, { sweep = true }: { sweep?: boolean } = {}): Promise<void> {
  const dir = tmpDir(outDir);
  await mkdir(dir, { recursive: true });
  made.add(dir);
  if (!sweep) return;
  for (const name of await readdir(dir)) if (name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
}
