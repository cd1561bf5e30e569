/**
 * Atomic file writes: write a temporary file under <out>/.baocao/tmp, then rename it over the
 * target (same file system, so the rename is atomic). A process killed at any moment leaves either
 * the old file or the new one, never half of one; stray temporaries are swept at the next start.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const STATE_DIR = '.baocao';
let counter = 0;

export function tmpDir(outDir: string): string {
  return join(outDir, STATE_DIR, 'tmp');
}

export async function writeAtomic(outDir: string, target: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(tmpDir(outDir), `${process.pid}-${process.hrtime.bigint()}-${counter++}.tmp`);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(tmp, data);
  await rename(tmp, target);
}

/** Remove temporaries left by a killed run; creates the folder. Call once before a batch. */
export async function prepareTmp(outDir: string): Promise<void> {
  const dir = tmpDir(outDir);
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) if (name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
}
