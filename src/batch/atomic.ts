/**
 * Atomic file writes: write a temporary file under <out>/.baocao/tmp, then rename it over the
 * target (same file system, so the rename is atomic). A process killed at any moment leaves either
 * the old file or the new one, never half of one; a failed write or rename removes its temporary
 * at once, and temporaries of a killed run are swept at the next start.
 * Durable writes (manifests, documents.csv) also fsync the file before the rename and the folder
 * after it, so what the batch reported done survives a power loss.
 * Every folder is made step by step inside the output folder: a symbolic link on the way that
 * points outside it is refused (OutsideOutputError), so nothing is written outside -o.
 * Synchronous on purpose: per-file writes are sequential anyway, and sync calls skip the thread
 * pool round trips that dominated the batch time for small files (bench/convert.ts).
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { threadId } from 'node:worker_threads';
import { OutsideOutputError } from './fs-errors.js';

export const STATE_DIR = '.baocao';
let counter = 0;
/** Folders this thread has made or checked: one check per output folder, not one per file. */
const checked = new Set<string>();
/** The output folder with its links resolved, per output folder given. */
const realRoots = new Map<string, string>();

export function tmpDir(outDir: string): string {
  return join(outDir, STATE_DIR, 'tmp');
}

export interface WriteOptions {
  /** fsync the file before the rename and its folder after it. */
  durable?: boolean;
}

export function writeAtomic(outDir: string, target: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  // pid and thread id: worker threads share the pid and each counts from 0.
  const tmp = join(tmpDir(outDir), `${process.pid}-${threadId}-${process.hrtime.bigint()}-${counter++}.tmp`);
  ensureDirInside(outDir, dirname(target));
  try {
    const fd = openSync(tmp, 'w');
    try {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      for (let at = 0; at < buf.byteLength; ) at += writeSync(fd, buf, at, buf.byteLength - at);
      if (options.durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    // A rename refused (a too-long name, a folder in the way) must not leave its temporary behind.
    rmSync(tmp, { force: true });
    throw e;
  }
  if (options.durable) syncDir(dirname(target));
}

/** fsync a folder, so the names renamed into it survive a power loss. */
export function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } catch (e) {
    // Some file systems cannot fsync a folder (EINVAL, EISDIR on a few network mounts): nothing more to do there.
    if (!['EINVAL', 'EISDIR', 'EBADF'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `dir` (inside `outDir`) one level at a time. An existing symbolic link is followed only
 * when it resolves inside the output folder; a file on the way fails with ENOTDIR.
 */
export function ensureDirInside(outDir: string, dir: string): void {
  if (checked.has(dir)) return;
  const root = realRoot(outDir);
  const rel = relative(outDir, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new OutsideOutputError(dir, dir);
  let cur = outDir;
  for (const part of rel.split(sep).filter(Boolean)) {
    cur = join(cur, part);
    if (checked.has(cur)) continue;
    let info = lstatOrNull(cur);
    if (!info) {
      try {
        mkdirSync(cur);
      } catch (e) {
        // Another worker made it first: check what is there now.
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      info = lstatSync(cur);
    }
    if (info.isSymbolicLink()) {
      const real = realpathSync(cur);
      if (!inside(root, real)) throw new OutsideOutputError(relative(outDir, cur), real);
      if (!statSync(real).isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, '${cur}'`), { code: 'ENOTDIR' });
    } else if (!info.isDirectory()) {
      throw Object.assign(new Error(`ENOTDIR: not a directory, '${cur}'`), { code: 'ENOTDIR' });
    }
    checked.add(cur);
  }
  checked.add(dir);
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function realRoot(outDir: string): string {
  let root = realRoots.get(outDir);
  if (!root) realRoots.set(outDir, (root = realpathSync(outDir)));
  return root;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Remove temporaries left by a killed run, whoever left them (any process, any thread); creates
 * the folder. Call once before a batch, with no other batch writing to the same output folder.
 */
export async function prepareTmp(outDir: string, { sweep = true }: { sweep?: boolean } = {}): Promise<number> {
  const dir = tmpDir(outDir);
  // Folders checked by an earlier batch of this process may have been removed since.
  for (const d of checked) if (d === outDir || d.startsWith(outDir + sep)) checked.delete(d);
  realRoots.delete(outDir);
  ensureDirInside(outDir, dir);
  // A read-only drive or a folder without write permission is found here, before any conversion.
  const probe = join(dir, `${process.pid}-${threadId}-probe.tmp`);
  closeSync(openSync(probe, 'w'));
  rmSync(probe, { force: true });
  let removed = 0;
  // Queue workers on shared storage pass sweep: false: other processes may be writing there now.
  if (!sweep) return 0;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.tmp')) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
