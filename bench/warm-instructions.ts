/**
 * npm run bench:warm-instructions — restoration's instructions per syllable (valgrind's
 * callgrind), which a loaded machine does not blur as it does seconds: the first pass over a set
 * (what a batch of new documents sees: TurboFan still compiling, every n-gram a first look-up) and
 * a warm pass (the same documents again, code compiled). Each figure comes from one process of the
 * built code (dist/, so `npm run build` first) under callgrind with V8 on one thread
 * (`--single-threaded`: the compiler and the GC helpers are counted, as in process CPU), fixed
 * seeds (as bench:cold-instructions) and a fixed GC schedule (`--predictable-gc-schedule`: heap
 * growing otherwise follows measured GC speeds, i.e. wall time, and one warm pass of two builds of
 * one source read 12.6 % apart without it). A process loads the model, then restores the first
 * BENCH_DOCS (default 4) stripped devset documents `passes` times, the shared score table emptied
 * at each pass's start (as bench:restore's rows). Only the last pass is counted: callgrind starts
 * with instrumentation off (`--instr-atstart=no`, a few times faster than counting), the child
 * says when it reaches the last pass and spins until this script has switched instrumentation on
 * (`callgrind_control -i on`), and collection is on only inside the JSON.parse reviver that runs
 * that pass (`--toggle-collect`), so neither the spin nor the exit is counted:
 *   first pass = pass 1 of a process of 1 pass,   warm pass = pass W + 1 of a process of W + 1
 * W = BENCH_WARM_AFTER (default 4: on 4 documents the second pass still compiles twice the third's
 * instructions, and which of passes 2 and 3 TurboFan's work falls in moves with the code). The
 * warm pass's TurboFan and GC instructions are printed beside it (inclusive counts, as
 * bench:cold-instructions). The callgrind files stay in bench/.work/warm-instructions/<pid>/.
 * Ours and BENCH_BASE's (default main at the session start, built once into bench/.work; 'none'
 * skips it; a,b for several), four processes at a time (BENCH_JOBS); BENCH_REPEAT runs of each
 * (default 1; docs/restore-speed-s20.md has the spread between builds of one source). BAOCAO_SHARED=
 * /path/to/shared; BENCH_SET=eng-ocr times the English-OCR documents (input 'ocr') instead.
 * BENCH_FUNCTIONS=N prints the warm pass's N costliest functions, JavaScript named (node runs with
 * --perf-basic-prof: bench/lib/callgrind-functions.ts), a column per side, the first run of each.
 * With it, the same self counts added up by restoration stage (bench/lib/restore-stages.ts).
 * BENCH_KEEP_SCORES=1 keeps the score table across passes: the warm pass then makes no LM look-up,
 * and the difference from a normal run is what the look-ups cost.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseDist } from './lib/base-dist.js';
import { callgrindReady, copyDist } from './lib/callgrind-sides.js';
import { functionCosts, functionTable } from './lib/callgrind-functions.js';
import { stageTable } from './lib/restore-stages.js';
import { pool } from './lib/task-pool.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
/** One folder a run (two runs may go at once). */
const work = join(root, 'bench', '.work', 'warm-instructions', String(process.pid));
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const set = process.env.BENCH_SET === 'eng-ocr' ? 'eng-ocr' : 'stripped';
const nDocs = Math.max(1, Number(process.env.BENCH_DOCS ?? 4));
const jobs = Math.max(1, Number(process.env.BENCH_JOBS ?? 4));
const warmAfter = Math.max(2, Number(process.env.BENCH_WARM_AFTER ?? 4));
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const functions = Math.max(0, Number(process.env.BENCH_FUNCTIONS ?? 0));
/** BENCH_KEEP_SCORES=1: the score table is not emptied between passes, so the counted pass makes no LM look-up (what they cost). */
const keepScores = process.env.BENCH_KEEP_SCORES === '1';
/** main at the start of session 20. */
const BASE_REF = '00cc12c';

/**
 * Loads the model, then restores the files `passes` times, the shared score table emptied per
 * pass; before the last pass it writes "last" and spins until the file `go` exists, then runs that
 * pass inside a JSON.parse reviver (the one place collection is on).
 */
const CHILD = `
import { existsSync, readFileSync } from 'node:fs';
const [distUrl, dictionaries, input, passes, go, keep, ...files] = process.argv.slice(1);
const { loadModel } = await import(distUrl + '/model/load.js');
const { restore } = await import(distUrl + '/core/restore/index.js');
const { forgetScores } = await import(distUrl + '/core/restore/arc-table.js');
const texts = files.map((f) => readFileSync(f, 'utf8'));
const model = loadModel(dictionaries);
const pass = () => {
  if (keep !== '1') forgetScores();
  for (const t of texts) restore(t, { model, input });
};
for (let p = 1; p < Number(passes); p++) pass();
process.stdout.write('last\\n');
while (!existsSync(go)) {}
JSON.parse('[0]', (key, value) => { if (key === '0') pass(); return value; });
`;
/** The reviver's C++ frame (demangled; the parenthesis keeps InternalizeJsonProperty out). */
const COLLECT = '*JsonParseInternalizer::Internalize(*';

function inputs(): string[] {
  const dir = join(shared, 'devset', set);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /^\d+\.txt$/.test(f)).sort().slice(0, nDocs).map((f) => join(dir, f));
}

/** The instructions of the last of `passes` passes in one process (callgrind's summary line); its perf map is copied beside `out` (BENCH_FUNCTIONS). */
function runOnce(code: string, passes: number, files: string[], out: string): Promise<number> {
  const go = `${out}.go`;
  const args = ['--tool=callgrind', '--instr-atstart=no', `--toggle-collect=${COLLECT}`, `--callgrind-out-file=${out}`, process.execPath,
    '--single-threaded', '--hash-seed=1', '--random-seed=1', '--predictable-gc-schedule', ...(functions > 0 ? ['--perf-basic-prof', '--no-logfile-per-isolate', `--logfile=${out}.v8.log`] : []),
    '--input-type=module', '-e', CHILD,
    pathToFileURL(code).href, join(root, 'dictionaries'), set === 'eng-ocr' ? 'ocr' : 'stripped', String(passes), go, keepScores ? '1' : '0', ...files];
  return new Promise((done, fail) => {
    const p = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.stdout.on('data', (d) => {
      if (!String(d).includes('last')) return;
      // The child spins (instructions not collected) until instrumentation is on, then goes.
      execFileSync('callgrind_control', ['-i', 'on', String(p.pid)], { stdio: 'ignore' });
      writeFileSync(go, '');
    });
    p.on('close', (status) => {
      // valgrind runs node in its own process: the map is named after that pid.
      const map = `/tmp/perf-${p.pid}.map`;
      if (existsSync(map)) { renameOrCopy(map, `${out}.map`); }
      if (status !== 0) return fail(new Error(`callgrind exit ${status}\n${err.slice(-2000)}`));
      const m = /^summary:\s+(\d+)/m.exec(readFileSync(out, 'utf8'));
      return m ? done(Number(m[1])) : fail(new Error(`no summary in ${out}`));
    });
  });
}

/** Moves the perf map out of /tmp (a copy where a rename cannot cross file systems). */
function renameOrCopy(from: string, to: string): void {
  try { renameSync(from, to); } catch { copyFileSync(from, to); rmSync(from, { force: true }); }
}

/** Inclusive instructions under V8's optimizing compiler and the garbage collector (callgrind_annotate; first non-recursive line of each entry). */
function compileAndGc(file: string): { turbofan: number; gc: number } {
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\n');
  const entry = (re: RegExp) => {
    const line = text.find((l) => re.test(l) && !/'\d+ \[/.test(l));
    return line ? Number(/^\s*([\d,]+)/.exec(line)![1]!.replaceAll(',', '')) : 0;
  };
  return {
    turbofan: entry(/v8::internal::Runtime_CompileOptimized\(/) + entry(/v8::internal::Runtime_CompileOptimizedOSR\(/),
    gc: entry(/v8::internal::Heap::CollectGarbage\(/),
  };
}

async function main(): Promise<void> {
  if (!callgrindReady(dist)) return;
  const files = inputs();
  if (files.length === 0) {
    process.stdout.write(`no devset at ${shared} (set BAOCAO_SHARED): nothing measured\n`);
    return;
  }
  const syllables = files.reduce((n, f) => n + (readFileSync(f, 'utf8').match(/\p{L}+/gu)?.length ?? 0), 0);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // BENCH_BASE may name several commits (a,b): each is a row beside ours.
  const bases = (process.env.BENCH_BASE ?? BASE_REF).split(',').flatMap((ref) => { const d = baseDist(root, ref); return d ? [[ref, d] as const] : []; });
  // Both sides from copies at paths of one length (ours/dist, b<ref>/dist).
  const sides: [string, string][] = [['ours', copyDist(dist, work, 'ours')], ...bases.map(([ref, d]) => [`base ${ref}`, copyDist(d, work, `b${ref.slice(0, 3)}`)] as [string, string])];
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  process.stdout.write(`${set} devset, first ${files.length} documents (${syllables} syllables): millions of instructions (callgrind, node --single-threaded, fixed seeds); load average ${load()} on ${cpus().length} cores\n`);
  const passCounts = [1, warmAfter + 1];
  // Output (and so go-file) paths of one length on every side: the go file's path is in the
  // child's argv, and argv strings of other lengths moved a 10-document warm pass by ~5 %.
  const runs = sides.flatMap(([label, code], s) => Array.from({ length: repeat }, (_, r) => passCounts.map((p) => (
    { label, code, p, out: join(work, `side${s}-${r}-${String(p).padStart(2, '0')}.out`) }))).flat());
  const totals = await pool(runs.map((t) => () => runOnce(t.code, t.p, files, t.out)), jobs);
  const M = (n: number) => (n / 1e6).toFixed(1).padStart(9);
  const per = (n: number) => `${(n / syllables / 1e3).toFixed(2).padStart(6)} k/syllable`;
  const rows = runs.flatMap((t, i) => {
    if (t.p !== 1) return [];
    const warm = runs[i + 1]!, parts = compileAndGc(warm.out);
    return [{ label: repeat > 1 ? `${t.label} (${(i / 2) % repeat + 1})` : t.label, first: totals[i]!, warm: totals[i + 1]!, ...parts }];
  });
  process.stdout.write(`${''.padEnd(20)} ${'first pass'.padStart(30)} ${`warm pass (pass ${warmAfter + 1})`.padStart(30)} ${'its TurboFan'.padStart(12)} ${'its GC'.padStart(9)}\n`);
  for (const r of rows) process.stdout.write(`${r.label.padEnd(20)} ${M(r.first)} (${per(r.first)}) ${M(r.warm)} (${per(r.warm)}) ${M(r.turbofan).padStart(12)} ${M(r.gc)}\n`);
  const a = rows[0]!;
  for (const b of rows.slice(1)) {
    process.stdout.write(`${'ours / ' + b.label.replace('base ', '')}`.padEnd(20) + ` ${(a.first / b.first).toFixed(4).padStart(30)} ${(a.warm / b.warm).toFixed(4).padStart(30)}\n`);
  }
  if (functions > 0) {
    const warmRuns = runs.filter((t, i) => t.p !== 1 && i % (2 * repeat) === 1);
    const labels = warmRuns.map((t) => t.label.replace('base ', '')), costs = warmRuns.map((t) => functionCosts(t.out, `${t.out}.map`));
    process.stdout.write(`\nwarm pass (first run of each side), by stage (bench/lib/restore-stages.ts; M instructions, k a syllable):\n${stageTable(labels, costs, syllables)}`);
    process.stdout.write(`\nwarm pass (first run of each side):\n${functionTable(labels, costs, functions)}`);
  }
  process.stdout.write(`load average ${load()}\n`);
  for (const [, code] of sides) rmSync(dirname(code), { recursive: true, force: true });
}

await main();
