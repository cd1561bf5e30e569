/**
 * The output folder (-o) checked and made before a batch starts: a path that is a file, or that
 * cannot be made (read-only drive, no permission), is a usage problem said in one line, not a raw
 * `ENOTDIR … mkdir '…/.baocao/tmp'` after the inputs were read.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fsProblem } from './fs-errors.js';

/** The batch cannot start (exit 2, a usage problem) or finish (exit 1) for a reason of the whole batch. */
export class BatchSetupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

export function prepareOutputDir(outDir: string): void {
  const blocking = firstNonFolder(outDir);
  if (blocking === outDir) throw new BatchSetupError(`output folder '${outDir}' is a file, not a folder: give -o a folder (it is made if missing)`);
  if (blocking) throw new BatchSetupError(`output folder '${outDir}' cannot be made: '${blocking}' is a file, not a folder: give -o another folder`);
  try {
    makeFolders(outDir);
  } catch (e) {
    const cause = trueCause(outDir, e);
    // Every missing folder above it was looked for first: ENOENT here is the drive refusing (e.g. /proc), not a folder gone.
    const { what, todo } = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? { what: 'the drive there does not let a folder be made (ENOENT)', todo: 'give -o a folder on a drive you can write to' } : fsProblem(cause);
    throw new BatchSetupError(`output folder '${outDir}' cannot be made: ${what}: ${todo}`);
  }
}

/**
 * The folder and its missing parents, each made once, from the top. Node's recursive mkdir loops
 * for ever where a drive answers ENOENT to making a folder whose parent is there (`-o
 * /proc/x/out`: libuv makes the parent, finds it, and tries again): it hung `convert` and `queue add`.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let p = dir; !statOrNull(p); p = dirname(p)) {
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Node's recursive mkdir reports ENOENT for some failures (a read-only drive): making the first
 * missing folder alone gives the real reason.
 */
function trueCause(outDir: string, e: unknown): unknown {
  if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return e;
  let missing = outDir;
  while (dirname(missing) !== missing && !statOrNull(dirname(missing))) missing = dirname(missing);
  try {
    mkdirSync(missing);
    return e;
  } catch (cause) {
    return cause;
  }
}

/** The path itself or its nearest existing ancestor when that is not a folder, else null. */
function firstNonFolder(path: string): string | null {
  for (let p = path; ; p = dirname(p)) {
    const info = statOrNull(p);
    if (info) return info.isDirectory() ? null : p;
    if (dirname(p) === p) return null;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
