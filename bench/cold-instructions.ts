/**
 * npm run bench:cold-instructions — where the first English-OCR document of a process goes, in
 * instructions (valgrind's callgrind), which a loaded machine does not blur as it does seconds.
 * Each figure is one process of the built code (dist/, so `npm run build` first) run under
 * callgrind with V8 on one thread (`--single-threaded`: the optimizing compiler and the garbage
 * collector's helpers work on the main thread, so their work is counted as it is in the process
 * CPU of bench:cold-start) and fixed hash and random seeds (runs of one build then agree within
 * about 1 %, against about 3 % in two modes without them). The first document is the difference
 * between a process that loads the model and restores the document once and one that only loads
 * it; split by the V8 runtime entries under which the instructions ran:
 *   TurboFan   Runtime_CompileOptimized + Runtime_CompileOptimizedOSR (the optimizing compiler)
 *   regexps    Runtime_RegExpExec (compiling a regex at its first runs and tiering it up) + RegExp::Compile (parsing at creation)
 *   bytecode   Runtime_CompileLazy (parsing and compiling functions at their first call: what a V8 code cache would save)
 *   GC         Heap::CollectGarbage
 *   the rest   running the code (interpreter, baseline and optimized code, runtime calls, ICs) and
 *              compiling baseline code (Sparkplug: about 1 %; its entry sits inside recursive cycles,
 *              so its inclusive count is not reliable enough for a column of its own)
 * Ours and BENCH_BASE's (default main at the session start; built once into bench/.work; 'none'
 * skips it), BENCH_REPEAT runs each (default 1), two processes at a time.
 *   BAOCAO_SHARED=/path/to/shared; BENCH_DOC=path of the document (default the sample report).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseDist } from './lib/base-dist.js';
import { callgrindReady, copyDist } from './lib/callgrind-sides.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const work = join(root, 'bench', '.work', 'cold-instructions');
const doc = resolve(process.env.BENCH_DOC ?? join(root, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt'));
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
/** main at the start of session 19. */
const BASE_REF = '2ddc70d';

/** Loads the model from this checkout's dictionaries/, then restores the document `docs` times. */
const CHILD = `
import { readFileSync } from 'node:fs';
const [distUrl, dictionaries, file, docs] = process.argv.slice(1);
const { loadModel } = await import(distUrl + '/model/load.js');
const { restore } = await import(distUrl + '/core/restore/index.js');
const text = readFileSync(file, 'utf8');
const model = loadModel(dictionaries);
for (let i = 0; i < Number(docs); i++) restore(text, { model, input: 'ocr' });
`;

/** The callgrind entries of each column; inclusive counts, the first (non-recursive) line of each. */
const COLUMNS: [string, RegExp[]][] = [
  ['TurboFan', [/v8::internal::Runtime_CompileOptimized\(/, /v8::internal::Runtime_CompileOptimizedOSR\(/]],
  ['regexps', [/v8::internal::Runtime_RegExpExec\(/, /v8::internal::RegExp::Compile\(/]],
  ['bytecode', [/v8::internal::Runtime_CompileLazy\(/]],
  ['GC', [/v8::internal::Heap::CollectGarbage\(/]],
];

type Counts = Map<string, number>;

function runOnce(code: string, docs: number, out: string): Promise<void> {
  const args = ['--tool=callgrind', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1',
    '--input-type=module', '-e', CHILD, pathToFileURL(code).href, join(root, 'dictionaries'), doc, String(docs)];
  return new Promise((done, fail) => {
    const p = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', (status) => (status === 0 ? done() : fail(new Error(`callgrind exit ${status}\n${err.slice(-2000)}`))));
  });
}

function counts(file: string): Counts {
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const lines = text.split('\n');
  const total = Number(/([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS/.exec(text)?.[1]?.replaceAll(',', '') ?? NaN);
  const out: Counts = new Map([['total', total]]);
  for (const [name, patterns] of COLUMNS) {
    let sum = 0;
    for (const re of patterns) {
      // Recursive cycles are listed again with a '2 suffix; the plain entry is the inclusive count.
      const line = lines.find((l) => re.test(l) && !/'\d+ \[/.test(l));
      sum += line ? Number(/^\s*([\d,]+)/.exec(line)![1]!.replaceAll(',', '')) : 0;
    }
    out.set(name, sum);
  }
  return out;
}

async function measure(label: string, code: string): Promise<Counts[]> {
  const firstDocs: Counts[] = [];
  for (let r = 0; r < repeat; r++) {
    const loadOut = join(work, `${label}-${r}-load.out`), docOut = join(work, `${label}-${r}-doc.out`);
    await Promise.all([runOnce(code, 0, loadOut), runOnce(code, 1, docOut)]);
    const load = counts(loadOut), withDoc = counts(docOut);
    firstDocs.push(new Map([...withDoc].map(([k, v]) => [k, v - (load.get(k) ?? 0)])));
    if (r === 0) firstDocs[0]!.set('load', load.get('total')!);
  }
  return firstDocs;
}

const M = (n: number) => (n / 1e6).toFixed(0).padStart(7);

function row(label: string, c: Counts): string {
  const total = c.get('total')!;
  let rest = total;
  const cols = COLUMNS.map(([name]) => {
    const v = c.get(name)!;
    rest -= v;
    return `${M(v)} (${((100 * v) / total).toFixed(0).padStart(2)} %)`;
  });
  return `${label.padEnd(22)} ${M(total)}   ${cols.join(' ')} ${M(rest)} (${((100 * rest) / total).toFixed(0).padStart(2)} %)`;
}

async function main(): Promise<void> {
  if (!callgrindReady(dist)) return;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const baseRef = process.env.BENCH_BASE ?? BASE_REF;
  const base = baseDist(root, baseRef);
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  process.stdout.write(`first English-OCR document of a process, ${doc.replace(root + '/', '')}: millions of instructions (callgrind, node --single-threaded, fixed seeds); load average ${load()} on ${cpus().length} cores\n`);
  process.stdout.write(`${''.padEnd(22)} ${'total'.padStart(7)}   ${COLUMNS.map(([n]) => n.padStart(12)).join(' ')} ${'the rest'.padStart(12)}\n`);
  // Both sides from copies at paths of one length (ours/dist, base/dist).
  const sides: [string, string][] = [['ours', copyDist(dist, work, 'ours')], ...(base ? [[`base ${baseRef}`, copyDist(base, work, 'base')] as [string, string]] : [])];
  for (const [label, code] of sides) {
    const runs = await measure(label.replace(/\W+/g, '-'), code);
    runs.forEach((c, r) => process.stdout.write(row(`${label}${repeat > 1 ? ` (run ${r + 1})` : ''}`, c) + '\n'));
    process.stdout.write(`${''.padEnd(22)} (model load and node's start before it: ${M(runs[0]!.get('load')!)} M)\n`);
  }
  process.stdout.write(`load average ${load()}\n`);
}

await main();
