/**
 * npm run bench:batch-stages — where a text batch's instructions go (valgrind's callgrind, which a
 * loaded machine does not blur as it does seconds), this build beside a base, on bench:convert's
 * generated reports (BENCH_FILES, default 300; no shared data needed).
 *
 * 1. Stages: one process per level, each converting the files in one thread (node
 *    --single-threaded, so V8's compiler and GC are counted in it; fixed seeds) and stopping
 *    after a stage; a stage's cost is its level minus the one before:
 *      0 modules + read + SHA-256 of the input   1 + convert (ingest, paragraphs, segmentation)
 *      2 + the batch tables' rows and archive facts   3 + the checked JSON (plan copy + pretty JSON)
 *      4 + the document row and the stored rows' text   5 convertFile whole (+ corrections-log look,
 *      writers, the outputs and the record written: file I/O, not its kernel time)
 *    and 1s: convert without the segment stage (ingest alone).
 * 2. Threads: `runBatch` of the same files, --jobs 2, JSON + CSV, plain node (fixed seeds),
 *    callgrind's --separate-threads: the main thread, the text workers, V8's helper threads
 *    (compiler and GC tasks) and the rest. BENCH_NODE_FLAGS adds node flags to both sides here.
 * BENCH_PART=stages or threads runs one part only.
 *
 * Both sides run from copies at paths of one length (callgrind-sides.ts). BENCH_BASE=<ref> (default
 * main at session 21's start) is built once into bench/.work; BENCH_BASE_DIST=<dist> uses a build
 * already made; BENCH_BASE=none measures this build alone. SHA-256 runs without the CPU's SHA
 * instructions under valgrind, so its share here is larger than on the machine.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baseDist } from './lib/base-dist.js';
import { callgrindReady, copyDist } from './lib/callgrind-sides.js';
import { convertBenchReport } from './lib/generated-reports.js';
import { pool } from './lib/task-pool.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work', 'batch-stages', String(process.pid));
const nFiles = Math.max(1, Number(process.env.BENCH_FILES ?? 300));
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** main at the start of session 21. */
const BASE_REF = '910748a';

/** Converts every file up to a level (above), in this thread. */
const STAGES_CHILD = `
import { readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { hash } from 'node:crypto';
import { join } from 'node:path';
const [dist, levelArg, inDir, outDir] = process.argv.slice(1);
const level = levelArg === '1s' ? 1.5 : Number(levelArg);
const imp = (p) => import(join(dist, p));
const { convert } = await imp('pipeline/index.js');
const { documentTables, oversizedCells } = await imp('emit/batch-tables.js');
const { archiveFacts } = await imp('emit/archive.js');
const { structureOf, documentRow } = await imp('emit/sheets.js');
const { checkedDocumentJson } = await imp('emit/json-checked.js');
const { rowsText } = await imp('batch/rows-store.js');
const { convertFile } = await imp('batch/convert-file.js');
mkdirSync(outDir, { recursive: true });
const settings = { outDir, formats: ['json', 'csv'], resume: false, restore: false };
for (const name of readdirSync(inDir).sort()) {
  const abs = join(inDir, name);
  if (level === 5) { await convertFile({ abs, rel: name, display: abs }, settings, { deferSync: true, carryRows: true }); continue; }
  const data = readFileSync(abs);
  const sha256 = hash('sha256', data, 'hex');
  if (level === 0) continue;
  const result = await convert({ path: abs, data, sha256 }, { restore: false, segment: level === 1.5 ? false : {} });
  if (level < 2) continue;
  const stored = { tables: documentTables(result), archive: archiveFacts(result, structureOf(result)) };
  oversizedCells(stored.tables);
  if (level < 3) continue;
  const json = await checkedDocumentJson(result);
  if (level < 4) continue;
  documentRow(json.result, [name + '.json']);
  rowsText(stored);
}
`;

/** A batch of the files, two text workers. */
const BATCH_CHILD = `
import { join } from 'node:path';
const [dist, inDir, outDir] = process.argv.slice(2);
const { runBatch } = await import(join(dist, 'batch/run.js'));
const s = await runBatch([inDir], { outDir, formats: ['json', 'csv'], resume: false, restore: false }, 2);
if (s.failed || s.converted !== ${nFiles}) throw new Error('batch: ' + JSON.stringify(s));
`;

function callgrind(out: string, args: string[], threads: boolean): Promise<void> {
  const all = ['--tool=callgrind', '--smc-check=all-non-file', ...(threads ? ['--separate-threads=yes'] : []), `--callgrind-out-file=${out}`, process.execPath, ...args];
  return new Promise((done, fail) => {
    const p = spawn('valgrind', all, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err = (err + d).slice(-4000); });
    p.on('close', (status) => (status === 0 ? done() : fail(new Error(`callgrind exit ${status}\n${err}`))));
  });
}

const summary = (file: string) => Number(/^summary:\s+(\d+)/m.exec(readFileSync(file, 'utf8'))![1]);

/** One thread's role: 1 is the main thread; a worker runs node::worker::Worker::Run; V8's helpers run platform tasks. */
function role(file: string): 'main' | 'workers' | 'helpers' | 'other' {
  if (/-01$/.test(file)) return 'main';
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (text.includes('node::worker::Worker::Run')) return 'workers';
  return /v8::internal::(compiler|Scavenger|MarkCompact|Concurrent|.*Job)/.test(text) ? 'helpers' : 'other';
}

async function main(): Promise<void> {
  const dist = join(root, 'dist');
  if (!callgrindReady(dist)) return;
  rmSync(work, { recursive: true, force: true });
  const inDir = join(work, 'in');
  mkdirSync(inDir, { recursive: true });
  for (let i = 0; i < nFiles; i++) writeFileSync(join(inDir, `report-${String(i).padStart(4, '0')}.txt`), convertBenchReport(i));
  const ref = process.env.BENCH_BASE ?? BASE_REF;
  const base = process.env.BENCH_BASE_DIST ? resolve(process.env.BENCH_BASE_DIST) : baseDist(root, ref);
  const sides: [string, string][] = [['ours', copyDist(dist, work, 'ours')], ...(base ? [[`base ${ref}`, copyDist(base, work, 'base')] as [string, string]] : [])];
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  const M = (n: number) => (n / 1e6).toFixed(0).padStart(8);
  const perDoc = (n: number) => `${(n / nFiles / 1e6).toFixed(2).padStart(6)} M/doc`;
  console.log(`${nFiles} generated reports; millions of instructions (callgrind, fixed seeds); load average ${load()} on ${cpus().length} cores`);

  const part = process.env.BENCH_PART ?? 'all';
  if (part !== 'threads') await stageRows(sides, inDir, M, perDoc);
  if (part !== 'stages') await threadRows(sides, inDir, M);
  console.log(`\nload average ${load()}; callgrind files in ${work}`);
  for (const [, code] of sides) rmSync(dirname(code), { recursive: true, force: true });
}

type Fmt = (n: number) => string;

async function stageRows(sides: [string, string][], inDir: string, M: Fmt, perDoc: Fmt): Promise<void> {
  const levels = ['0', '1s', '1', '2', '3', '4', '5'];
  const runs = sides.flatMap(([label, code], s) => levels.map((level) => ({ label, level, out: join(work, `s${s}-L${level.padStart(2, '_')}.out`), code })));
  await pool(runs.map((r) => () => callgrind(r.out, ['--single-threaded', '--hash-seed=1', '--random-seed=1', '--input-type=module', '-e', STAGES_CHILD, r.code, r.level, inDir, `${r.out}.dir`], false)), 2);
  const names: [string, string, string][] = [['0', '', 'modules, read, SHA-256'], ['1s', '0', 'ingest (convert without segment)'], ['1', '1s', 'segmentation'], ['2', '1', 'batch tables rows + archive facts'], ['3', '2', 'checked JSON (copy + pretty JSON)'], ['4', '3', 'document row + stored rows text'], ['5', '4', 'corrections look, writers, outputs + record written']];
  const at = (label: string, level: string) => summary(runs.find((r) => r.label === label && r.level === level)!.out);
  console.log(`\nstages, one thread (node --single-threaded): level minus the one before`);
  console.log(`| stage | ${sides.map(([l]) => l).join(' | ')} |${sides.length > 1 ? ' ratio |' : ''}`);
  console.log(`|---|${sides.map(() => '---:').join('|')}|${sides.length > 1 ? '---:|' : ''}`);
  for (const [level, before, name] of [...names, ['5', '', 'total'] as [string, string, string]]) {
    const cost = sides.map(([l]) => at(l, level) - (before ? at(l, before) : 0));
    console.log(`| ${name} | ${cost.map((c) => `${M(c)} (${perDoc(c)})`).join(' | ')} |${sides.length > 1 ? ` ${(cost[0]! / cost[1]!).toFixed(3)} |` : ''}`);
  }

}

async function threadRows(sides: [string, string][], inDir: string, M: Fmt): Promise<void> {
  console.log(`\nthreads: runBatch --jobs 2, JSON + CSV${nodeFlags.length ? `, node ${nodeFlags.join(' ')}` : ''}`);
  const batchOut = sides.map((_, s) => join(work, `s${s}-batch.out`));
  // A file, not -e: the text workers inherit the process's execArgv, and --input-type would stop them.
  const child = join(work, 'batch-child.mjs');
  writeFileSync(child, BATCH_CHILD);
  await pool(sides.map(([, code], s) => () => callgrind(batchOut[s]!, [...nodeFlags, '--hash-seed=1', '--random-seed=1', child, code, inDir, `${batchOut[s]}.dir`], true)), 2);
  console.log(`| side | total | main | workers | V8 helpers | other |`);
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [s, [label]] of sides.entries()) {
    const split = { main: 0, workers: 0, helpers: 0, other: 0 };
    const files = readdirSync(work).filter((f) => f.startsWith(`s${s}-batch.out-`)).map((f) => join(work, f));
    for (const f of files) split[role(f)] += summary(f);
    const total = split.main + split.workers + split.helpers + split.other;
    console.log(`| ${label} | ${M(total)} | ${M(split.main)} | ${M(split.workers)} | ${M(split.helpers)} | ${M(split.other)} |`);
  }
}

await main();
