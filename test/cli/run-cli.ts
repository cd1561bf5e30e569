/** Helpers for CLI tests: run the CLI from source through tsx, read CSV back. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../src/cli/index.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** tsx by its resolved URL, so the CLI also runs from a working directory outside the project. */
const TSX = import.meta.resolve('tsx');

export function startCli(args: string[], cwd = ROOT, stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, stdio: [stdin, 'pipe', 'pipe'] });
}

/** Runs the CLI to its end; `input`, when given, is its standard input. */
export function runCli(args: string[], cwd = ROOT, input?: Uint8Array | string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, cwd, input === undefined ? 'ignore' : 'pipe');
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Minimal RFC 4180 reader for our own output (BOM, CRLF, quoted cells). */
export type CsvRow = Record<string, string> & { path: string; status: string; error: string; paragraphs: string };

export function parseCsv(text: string): CsvRow[] {
  // Rows are read back as header → cell maps; a missing cell reads as ''.
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && src[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  if (cell !== '' || row.length) row.push(cell), rows.push(row);
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])) as CsvRow);
}

/**
 * `baocao convert` of a folder holding the named files of fixtures/word and a damaged file named
 * `broken` (not a ZIP at all); the rows of its documents.csv, by the end of their path.
 */
export async function convertWordFolder(dir: string, fixtures: string[], broken: string): Promise<{ code: number | null; out: string; rows: CsvRow[]; byName: (name: string) => CsvRow }> {
  const src = join(dir, 'in'), out = join(dir, 'out');
  await mkdir(src, { recursive: true });
  for (const name of fixtures) await copyFile(join(ROOT, 'fixtures', 'word', name), join(src, name));
  await writeFile(join(src, broken), 'not a zip at all');
  const { code } = await runCli(['convert', src, '-o', out, '--quiet']);
  const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
  return { code, out, rows, byName: (name) => rows.find((row) => row.path.endsWith(name))! };
}
