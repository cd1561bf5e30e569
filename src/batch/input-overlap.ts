/**
 * Inputs and outputs kept apart. Outputs are named `<output name>.<suffix>`, so with -o the
 * inputs' own folder (`baocao convert archive -o archive`) the text output of `a.txt` is
 * `archive/a.txt.txt`: an input of that name would be overwritten, and read back already
 * overwritten. And a folder to convert that is the output folder is full of outputs the next run
 * would convert again (the walk skips folders holding .baocao/, but not the folder it was given).
 * Both are refused before anything is written.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { STATE_DIR } from './atomic.js';
import type { InputFile } from './inputs.js';
import { outputName } from './output-names.js';

/** Why these inputs cannot be converted into `outDir`, or null when they can. */
export function inputsOverlapOutput(args: string[], files: InputFile[], outDir: string, cwd = process.cwd()): string | null {
  const out = realOrSelf(resolve(cwd, outDir));
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    if (!isFolder(abs)) continue;
    const real = realOrSelf(abs);
    if (real === out) return `the output folder '${outDir}' is the folder to convert '${arg}': outputs written beside the inputs could overwrite them, and the next run would convert them again; give -o a folder of its own (e.g. '${join(arg, 'baocao-out')}')`;
  }
  // Where each input's outputs begin, relative to the real output folder.
  const prefixes = new Map<string, InputFile>();
  for (const f of files) prefixes.set(outputName(f.rel, outDir), f);
  const realDirs = new Map<string, string>(); // one realpath a folder, not one a file
  for (const f of files) {
    const dir = dirname(f.abs);
    let realDir = realDirs.get(dir);
    if (realDir === undefined) realDirs.set(dir, (realDir = realOrSelf(dir)));
    const rel = relative(out, join(realDir, basename(f.abs))).split(sep).join('/');
    if (rel === '..' || rel.startsWith('../') || isAbsolute(rel) || rel.split('/')[0] === STATE_DIR) continue;
    const last = rel.lastIndexOf('/') + 1;
    for (let dot = rel.indexOf('.', last + 1); dot > 0; dot = rel.indexOf('.', dot + 1)) {
      const owner = prefixes.get(rel.slice(0, dot));
      if (owner && owner !== f) return `the outputs of '${owner.display}' would overwrite the input '${f.display}' (both in the output folder '${outDir}'); give -o a folder of its own`;
    }
  }
  return null;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
