/**
 * Command-line inputs → the list of files to convert. Files are taken as given; directories are
 * walked recursively for the kinds baocao reads; anything else is tried as a glob. An argument
 * that yields nothing becomes a per-input error, so the rest of the batch still runs.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Extensions picked up when walking a directory (named files are read whatever their name). */
export const INPUT_EXTENSIONS = /\.(txt|text|pdf|png|jpe?g|tiff?|bmp|webp)$/i;

export interface InputFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to the batch base, '/'-separated: decides the output location. */
  rel: string;
  /** Path shown to people (relative to the working directory when inside it). */
  display: string;
}

export interface InputProblem {
  arg: string;
  message: string;
}

export interface ResolvedInputs {
  files: InputFile[];
  problems: InputProblem[];
  base: string;
}

export async function resolveInputs(args: string[], cwd = process.cwd()): Promise<ResolvedInputs> {
  const found = new Set<string>();
  const problems: InputProblem[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch((e: NodeJS.ErrnoException) => e);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const before = found.size;
        const skipped = await walk(abs, found);
        if (found.size === before) {
          problems.push({ arg, message: `no readable input files in directory${skipped ? ` (${skipped} other files skipped; baocao reads .txt, .pdf and images)` : ''}` });
        }
      } else found.add(abs);
    } else if (isDynamicPattern(arg)) {
      const matches = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false });
      if (matches.length === 0) problems.push({ arg, message: 'no files match this pattern' });
      for (const m of matches) found.add(resolve(m));
    } else {
      const code = (info as NodeJS.ErrnoException).code;
      problems.push({ arg, message: code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${info.message}` });
    }
  }
  const sorted = [...found].sort();
  const base = commonBase(sorted);
  return {
    base,
    problems,
    files: sorted.map((abs) => ({ abs, rel: relative(base, abs).split(sep).join('/'), display: displayPath(abs, cwd) })),
  };
}

/** Adds input files under `dir`; returns how many other (non-input, non-hidden) files it skipped. */
async function walk(dir: string, found: Set<string>): Promise<number> {
  let skipped = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // hidden files, and our own .baocao/ state
    const path = join(dir, e.name);
    if (e.isDirectory()) skipped += await walk(path, found);
    else if (e.isFile() && INPUT_EXTENSIONS.test(e.name)) found.add(path);
    else skipped++;
  }
  return skipped;
}

/** Deepest directory containing every file. */
export function commonBase(files: string[]): string {
  if (files.length === 0) return process.cwd();
  let base = dirname(files[0]!);
  for (const f of files) {
    while (!(dirname(f) + sep).startsWith(base.endsWith(sep) ? base : base + sep)) {
      const up = dirname(base);
      if (up === base) return base;
      base = up;
    }
  }
  return base;
}

export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel.split(sep).join('/') : abs;
}
