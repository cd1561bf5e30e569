/**
 * Command-line inputs → the list of files to convert. Files are taken as given; directories are
 * walked recursively for the kinds baocao reads; anything else is tried as a glob. An argument
 * that yields nothing becomes a per-input error, so the rest of the batch still runs.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { STATE_DIR } from './atomic.js';

/** Extensions picked up when walking a directory (named files are read whatever their name). */
// Word's macro and template files (.docm, .dot, .dotx, .dotm, .ott) are read as the documents they
// are; .jfif and .jpe are JPEGs as browsers save them; .pnm/.pbm/.pgm/.ppm are what scanner tools write.
export const INPUT_EXTENSIONS = /\.(txt|text|docx?|docm|dotx?|dotm|rtf|odt|ott|fodt|pdf|png|jpe?g|jfif|jpe|tiff?|bmp|p[nbgp]m|webp|gif|hei[cf]|avif)$/i;
const ARCHIVE_EXTENSIONS = /\.(zip|rar|7z|tar|tgz|gz|bz2|xz)$/i;

export { openPath, type InputFile } from './input-file.js';
import type { InputFile } from './input-file.js';

export interface InputProblem {
  arg: string;
  message: string;
}

export interface ResolvedInputs {
  files: InputFile[];
  problems: InputProblem[];
  base: string;
  /** Files in the folders walked that are not a kind baocao reads (by their extension): how many, and the first few. */
  passedOver: PassedOver;
}

export interface PassedOver {
  count: number;
  /** How many of them are archives (.zip, .rar, .7z …), whose documents would be converted once unpacked. */
  archives: number;
  /** Up to PASSED_OVER_SHOWN of them, as shown to people. */
  first: string[];
}

const PASSED_OVER_SHOWN = 5;

export async function resolveInputs(args: string[], cwd = process.cwd()): Promise<ResolvedInputs> {
  const found = new Set<string>();
  const problems: InputProblem[] = [];
  const walked = new Set<string>();
  const raws = new Map<string, Buffer>();
  const passed = new Map<string, PassedFile>();
  // Folders with nothing of their own to convert: their error row stands for the files they passed over.
  const emptyFolders: { problem: InputProblem; passed: [string, PassedFile][] }[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const info = await stat(abs).catch((e: NodeJS.ErrnoException) => e);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const before = found.size, problemsBefore = problems.length, passedBefore = passed.size;
        const skipped = await walk({ found, problems, walked, raws, cwd, passed }, abs, null);
        if (found.size === before && problems.length === problemsBefore) {
          const own = [...passed].slice(passedBefore);
          for (const [path] of own) passed.delete(path); // said in the folder's own error row instead
          const problem = { arg, message: `no readable input files in directory${skipped ? ` (${skipped} other files skipped; baocao reads .txt, .doc, .docx, .rtf, .odt, .pdf and images)` : ''}` };
          problems.push(problem);
          emptyFolders.push({ problem, passed: own });
        }
      } else if (info.isFile()) found.add(abs);
      else problems.push({ arg, message: specialFileMessage(info) });
    } else if (isDynamicPattern(arg)) {
      // Not onlyFiles: that would drop FIFOs silently; folders a pattern matches are left out here.
      const matches = await glob(arg, { cwd, absolute: true, onlyFiles: false, dot: false, followSymbolicLinks: true });
      let matched = 0;
      for (const m of matches) {
        const s = await stat(m).catch(() => null);
        if (s?.isDirectory()) continue;
        matched++;
        if (s && !s.isFile()) problems.push({ arg: displayPath(m, cwd), message: specialFileMessage(s) });
        else if (!s) problems.push({ arg: displayPath(m, cwd), message: 'broken symbolic link: its target does not exist' });
        else found.add(resolve(m));
      }
      if (matched === 0) problems.push({ arg, message: 'no files match this pattern' });
    } else {
      const code = (info as NodeJS.ErrnoException).code;
      const dangling = code === 'ENOENT' && (await lstat(abs).then((l) => l.isSymbolicLink(), () => false));
      problems.push({ arg, message: dangling ? 'broken symbolic link: its target does not exist' : code === 'ENOENT' ? 'no such file or directory' : `cannot read: ${info.message}` });
    }
  }
  // A folder whose files were named too (`convert dir dir/notes.dat`) had something to convert after all.
  const dropped = new Set<InputProblem>();
  for (const folder of emptyFolders) {
    if (!folder.passed.some(([path]) => found.has(path))) continue;
    dropped.add(folder.problem);
    for (const [path, file] of folder.passed) passed.set(path, file);
  }
  const sorted = [...found].sort();
  const base = commonBase(sorted);
  return {
    base,
    problems: dropped.size ? problems.filter((p) => !dropped.has(p)) : problems,
    passedOver: passedOverOf(passed, found),
    files: sorted.map((abs) => {
      const raw = raws.get(abs);
      return { abs, rel: relative(base, abs).split(sep).join('/'), display: displayPath(abs, cwd), ...(raw ? { raw } : {}) };
    }),
  };
}

interface PassedFile {
  display: string;
  archive: boolean;
}

/** The files passed over, less those also named on the command line: those are converted, counted once. */
function passedOverOf(passed: Map<string, PassedFile>, found: Set<string>): PassedOver {
  const out: PassedOver = { count: 0, archives: 0, first: [] };
  for (const [path, file] of passed) {
    if (found.has(path)) continue;
    if (file.archive) out.archives++;
    if (out.count++ < PASSED_OVER_SHOWN) out.first.push(file.display);
  }
  return out;
}

/**
 * A FIFO, socket or device is never opened: reading a FIFO blocks until someone writes to it,
 * which would hang the batch.
 */
function specialFileMessage(info: Stats): string {
  const what = info.isFIFO() ? 'a named pipe (FIFO)' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return `not converted: this is ${what}; baocao reads regular files only`;
}

interface Walk {
  found: Set<string>;
  problems: InputProblem[];
  /** Real folders already walked, by their bytes. */
  walked: Set<string>;
  /** Regular files of other kinds, by path, in the order met. */
  passed: Map<string, PassedFile>;
  /** The bytes of found paths whose names are not UTF-8. */
  raws: Map<string, Buffer>;
  cwd: string;
}

/**
 * Adds input files under `dir`; returns how many other (non-input, non-hidden) files it skipped.
 * Symbolic links are followed (each real folder is walked once, so a link loop ends); special
 * files, broken links and unreadable folders become problems instead of vanishing from the batch.
 * Names are read as bytes: one that is not UTF-8 is shown as windows-1258 and opened by its bytes
 * (`rawDir`, the folder's own bytes once a name on the way was not UTF-8).
 */
async function walk(w: Walk, dir: string, rawDir: Buffer | null): Promise<number> {
  const { found, problems, walked, raws, cwd } = w;
  const at = rawDir ?? dir;
  const real = await realpath(at, { encoding: 'buffer' }).then((b) => b.toString('latin1'), () => Buffer.from(at).toString('latin1'));
  if (walked.has(real)) return 0;
  walked.add(real);
  let skipped = 0;
  let entries;
  try {
    entries = await readdir(at, { withFileTypes: true, encoding: 'buffer' });
  } catch (e) {
    problems.push({ arg: displayPath(dir, cwd), message: `cannot read this folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return 0;
  }
  // Real entries before links, in name order: a folder reached both ways is walked under its own name.
  entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || Buffer.compare(a.name, b.name));
  // The folder's UTF-8 names, gathered only when a name that is not UTF-8 needs them.
  let taken: Set<string> | undefined;
  for (const e of entries) {
    if (e.name[0] === 0x2e) continue; // hidden files, and our own .baocao/ state
    const utf8 = isUtf8(e.name);
    const name = utf8 ? e.name.toString('utf8') : legacyName(e.name, (taken ??= new Set(entries.flatMap((x) => (isUtf8(x.name) ? [x.name.toString('utf8')] : [])))));
    const path = join(dir, name);
    const raw = rawDir || !utf8 ? Buffer.concat([rawDir ?? Buffer.from(dir), Buffer.from(sep), e.name]) : null;
    const fsPath = raw ?? path;
    let kind: Stats | null = null;
    if (e.isSymbolicLink()) {
      kind = await stat(fsPath).catch(() => null);
      if (!kind) {
        if (INPUT_EXTENSIONS.test(name)) problems.push({ arg: displayPath(path, cwd), message: 'broken symbolic link: its target does not exist' });
        continue;
      }
    }
    const isDir = kind ? kind.isDirectory() : e.isDirectory();
    const isFile = kind ? kind.isFile() : e.isFile();
    // A folder holding .baocao/ is baocao's own output (an -o inside the input folder): its PDFs and
    // Word files are outputs, not inputs to convert again.
    if (isDir && (await stat(raw ? Buffer.concat([raw, Buffer.from(sep + STATE_DIR)]) : join(path, STATE_DIR)).catch(() => null))?.isDirectory()) skipped++;
    else if (isDir) skipped += await walk(w, path, raw);
    else if (!INPUT_EXTENSIONS.test(name)) {
      skipped++;
      if (isFile) w.passed.set(path, { display: displayPath(path, cwd), archive: ARCHIVE_EXTENSIONS.test(name) });
    }
    else if (isFile) {
      found.add(path);
      if (raw) raws.set(path, raw);
    } else problems.push({ arg: displayPath(path, cwd), message: specialFileMessage(kind ?? (await stat(fsPath))) });
  }
  return skipped;
}

const CP1258 = new TextDecoder('windows-1258');

/**
 * A name that is not UTF-8, read as windows-1258 (Vietnamese Windows); when that reading is already
 * the name of another entry of the folder (a UTF-8 name, or a name whose marks compose the same),
 * its bytes over 0x7F are written %XX instead, so the two stay apart.
 */
function legacyName(name: Buffer, taken: Set<string>): string {
  let read = legacyReading(name);
  if (taken.has(read)) read = escapedName(name);
  taken.add(read);
  return read;
}

/** A name's bytes read as windows-1258, marks composed (NFC). */
export function legacyReading(name: Uint8Array): string {
  return CP1258.decode(name).normalize('NFC');
}

/** A name with its bytes over 0x7F (and '%') written %XX. */
export function escapedName(name: Uint8Array): string {
  return [...name].map((b) => (b > 0x7f || b === 0x25 ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
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
