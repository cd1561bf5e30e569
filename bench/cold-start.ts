/**
 * npm run bench:cold-start — what the first English-OCR document of a process costs. Each figure
 * comes from fresh Node processes running the built code (dist/, so `npm run build` first): model
 * load (CPU), then the first document and the same document again, warm (CPU of this thread and
 * the compiler's), with the candidate table (dictionaries/vi-ocr-candidates.bin) and, as the
 * baselines in the same run, without it, and the code of BENCH_BASE (default the commit before the
 * compiler-friendly shapes of issue 18 item 1; built once into bench/.work/cold-base-<ref>/,
 * BENCH_BASE=none skips it), its processes taken in turn with ours; medians over BENCH_REPEAT
 * processes (default 3), with the load average of the machine. Then
 * `baocao restore` of the sample end to end (wall and process CPU; ours bundled and unbundled and
 * the base's in turn), beside the bare start of node and the CLI.
 * Diagnosis rows: the sample's first document with V8's optimizing compiler off (node --no-opt),
 * and with the V8 setting of `baocao restore`'s own process (src/cli/short-process.ts).
 * The documents: the sample report and BENCH_DOCS (default 001,002,003) of ../shared/devset/eng-ocr
 * when that folder is there. Outputs with and without the table are compared and must be equal.
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SHORT_PROCESS_V8_FLAGS } from '../src/cli/short-process.js';
import { baseDist } from './lib/base-dist.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const sample = join(root, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt');

/** Runs in a fresh process: load, restore once, restore again; prints CPU seconds and a digest. */
const CHILD = `
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const [distUrl, file, table] = process.argv.slice(1);
const { loadModel } = await import(distUrl + '/model/load.js');
const { restore } = await import(distUrl + '/core/restore/index.js');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const text = readFileSync(file, 'utf8');
let t = cpu();
const model = loadModel(undefined, { candidates: table === 'on' });
const load = cpu() - t;
t = cpu();
const first = restore(text, { model, input: 'ocr' });
const firstDoc = cpu() - t;
t = cpu();
restore(text, { model, input: 'ocr' });
const warm = cpu() - t;
const digest = createHash('sha256').update(JSON.stringify(first)).digest('hex');
process.stdout.write(JSON.stringify({ load, firstDoc, warm, digest, table: model.channel.candidateTable ? 'on' : 'off' }));
`;

interface ChildResult { load: number; firstDoc: number; warm: number; digest: string; table: string }

function child(file: string, table: 'on' | 'off', flags: string[] = [], code = dist): ChildResult {
  const out = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', CHILD, pathToFileURL(code).href, file, table], { encoding: 'utf8' });
  return JSON.parse(out) as ChildResult;
}

/** main before the cold-start shapes (issue 18 item 1). */
const BASE_REF = 'bf66ce2';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

type Measured = ChildResult & { runs: number };

function summary(file: string, runs: ChildResult[]): Measured {
  const digests = new Set(runs.map((r) => r.digest));
  if (digests.size !== 1) throw new Error(`${file}: restoration differs between runs`);
  return { load: median(runs.map((r) => r.load)), firstDoc: median(runs.map((r) => r.firstDoc)), warm: median(runs.map((r) => r.warm)), digest: runs[0]!.digest, table: runs[0]!.table, runs: runs.length };
}

function measure(file: string, table: 'on' | 'off', flags: string[] = []): Measured {
  return summary(file, Array.from({ length: repeat }, () => child(file, table, flags)));
}

/** Ours and the base's processes in turn, so that both meet the same load of the moment. */
function measureBeside(file: string, base: string): [Measured, Measured] {
  const ours: ChildResult[] = [], theirs: ChildResult[] = [];
  for (let i = 0; i < repeat; i++) { ours.push(child(file, 'on')); theirs.push(child(file, 'on', [], base)); }
  return [summary(file, ours), summary(file, theirs)];
}

/** Prints the process's CPU seconds (all its threads) on stderr at exit, last line. */
const REPORT_CPU = 'data:text/javascript,' + encodeURIComponent(
  'process.on("exit", () => { const u = process.cpuUsage(); process.stderr.write("\\ncpu " + (u.user + u.system) / 1e6 + "\\n"); });');

interface Timed { seconds: number; cpu: number; stdout: string }

/** Median wall and CPU seconds of each command, their runs taken in turn (same load of the moment), and each one's last output. */
function wall(...commands: string[][]): Timed[] {
  const times = commands.map(() => [] as number[]), cpu = commands.map(() => [] as number[]), stdout = commands.map(() => '');
  for (let i = 0; i < repeat; i++) {
    commands.forEach((args, c) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
      times[c]!.push((performance.now() - t0) / 1000);
      if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
      cpu[c]!.push(Number(/cpu ([0-9.e-]+)\n$/.exec(r.stderr)?.[1] ?? NaN));
      stdout[c] = r.stdout;
    });
  }
  return commands.map((_, c) => ({ seconds: median(times[c]!), cpu: median(cpu[c]!), stdout: stdout[c]! }));
}

function main(): void {
  if (!existsSync(join(dist, 'cli', 'index.js'))) throw new Error('dist/ is missing: run npm run build first');
  const docs: [string, string][] = [['sample', sample]];
  const devset = join(shared, 'devset', 'eng-ocr');
  if (existsSync(devset)) for (const id of (process.env.BENCH_DOCS ?? '001,002,003').split(',')) docs.push([`devset ${id}`, join(devset, `${id}.txt`)]);
  else process.stdout.write(`(${devset} not found: the sample only)\n`);

  const f = (s: number) => s.toFixed(3).padStart(7);
  const baseRef = process.env.BENCH_BASE ?? BASE_REF;
  const base = baseDist(root, baseRef);
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  process.stdout.write(`cold start, CPU seconds, median of ${repeat} fresh processes each (dist/ build); load average ${load()} on ${cpus().length} cores\n`);
  if (base) {
    process.stdout.write(`beside the base ${baseRef} (candidate table on in both; processes in turn):\n`);
    process.stdout.write(`${'document'.padEnd(12)} ${'load'.padStart(7)} ${'first'.padStart(7)} ${'warm'.padStart(7)}   | base ${baseRef}: ${'load'.padStart(7)} ${'first'.padStart(7)} ${'warm'.padStart(7)}   first ours/base\n`);
    for (const [name, file] of docs) {
      const [ours, theirs] = measureBeside(file, base);
      const differs = ours.digest === theirs.digest ? '' : '  OUTPUT DIFFERS';
      if (differs) process.exitCode = 1;
      process.stdout.write(`${name.padEnd(12)} ${f(ours.load)} ${f(ours.firstDoc)} ${f(ours.warm)}   |       ${' '.repeat(baseRef.length)} ${f(theirs.load)} ${f(theirs.firstDoc)} ${f(theirs.warm)}   ${(ours.firstDoc / theirs.firstDoc).toFixed(2).padStart(5)}${differs}\n`);
    }
    process.stdout.write(`load average ${load()}\n\n`);
  }
  process.stdout.write(`${'document'.padEnd(12)} ${'load'.padStart(7)} ${'first'.padStart(7)} ${'warm'.padStart(7)}   | baseline, candidate table off: ${'load'.padStart(7)} ${'first'.padStart(7)} ${'warm'.padStart(7)}\n`);
  let same = true;
  for (const [name, file] of docs) {
    const on = measure(file, 'on');
    const off = measure(file, 'off');
    if (on.table !== 'on') process.stdout.write('  (the candidate table is absent or built for another model: npm run build:candidates)\n');
    if (on.digest !== off.digest) same = false;
    process.stdout.write(`${name.padEnd(12)} ${f(on.load)} ${f(on.firstDoc)} ${f(on.warm)}   |                                ${f(off.load)} ${f(off.firstDoc)} ${f(off.warm)}\n`);
  }
  process.stdout.write(`outputs with and without the table: ${same ? 'identical' : 'DIFFERENT'}\n`);
  // Where the rest goes: the same first document with V8's optimizing compiler off (a diagnosis,
  // not a setting baocao uses: long runs need the compiler). The difference is TurboFan's work.
  // And with the V8 setting `baocao restore` uses for its own process (src/cli/short-process.ts).
  const noOpt = measure(sample, 'on', ['--no-opt']);
  const withOpt = measure(sample, 'on');
  const cliFlags = measure(sample, 'on', [SHORT_PROCESS_V8_FLAGS]);
  process.stdout.write(`diagnosis, sample: first document ${f(withOpt.firstDoc)} s CPU, with node --no-opt ${f(noOpt.firstDoc)} (warm ${f(withOpt.warm)} / ${f(noOpt.warm)}, load ${f(withOpt.load)} / ${f(noOpt.load)})\n`);
  process.stdout.write(`  with baocao restore's ${SHORT_PROCESS_V8_FLAGS}: first document ${f(cliFlags.firstDoc)} s CPU (warm ${f(cliFlags.warm)}, load ${f(cliFlags.load)})\n`);
  process.stdout.write(`target: first document ≤ 0.300 s CPU after the model is loaded\n\n`);

  const cli = join(dist, 'cli', 'index.js');
  // The same code unbundled (dist/cli/main.js, the modules tsc emitted: what runs without the
  // bundle of scripts/bundle-cli.mjs), in turn with the others.
  const unbundled = join(dist, 'cli', 'main.js');
  const [restore, plain, baseRestore] = wall([cli, 'restore', sample], [unbundled, 'restore', sample], ...(base ? [[join(base, 'cli', 'index.js'), 'restore', sample]] : [])) as [Timed, Timed, Timed?];
  const [version, plainVersion, bare] = wall([cli, '--version'], [unbundled, '--version'], ['-e', '0']) as [Timed, Timed, Timed];
  process.stdout.write(`baocao restore of the sample, end to end: ${restore.seconds.toFixed(3)} s wall, ${restore.cpu.toFixed(3)} s CPU (medians of ${repeat}; target ≤ 1.2 s wall)` +
    (baseRestore ? `, base ${baseRef} ${baseRestore.seconds.toFixed(3)} s wall, ${baseRestore.cpu.toFixed(3)} s CPU${baseRestore.stdout === restore.stdout ? '' : ' (OUTPUT DIFFERS)'}` : '') + '\n');
  process.stdout.write(`  unbundled (dist/cli/main.js): ${plain.seconds.toFixed(3)} s wall, ${plain.cpu.toFixed(3)} s CPU${plain.stdout === restore.stdout ? '' : ' (OUTPUT DIFFERS)'}\n`);
  process.stdout.write(`  beside: baocao --version ${version.seconds.toFixed(3)} s wall, ${version.cpu.toFixed(3)} s CPU (unbundled ${plainVersion.seconds.toFixed(3)} / ${plainVersion.cpu.toFixed(3)}), node -e 0 ${bare.seconds.toFixed(3)} / ${bare.cpu.toFixed(3)}\n`);
  if (!same) process.exitCode = 1;
}

main();
