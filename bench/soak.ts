/**
 * Soak: N generated files (default 10,000) in nested folders, 5% bad or pathological, through
 * the real CLI with restoration on; the run is killed with SIGKILL at ~30% and ~67% and resumed
 * each time. The CLI's RSS is sampled every second (/proc; worker threads are in its process).
 * Prints files/s, peak and final RSS, rows in documents.csv, duplicate and missing rows, and
 * temporary files left in .baocao/tmp. Baseline beside it: a plain read + write of the same
 * files in this process (the I/O floor).
 * Run: npm run bench:soak [-- --files 2000] [--jobs 2] [--no-kill]
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { normalText, SHAPES } from './lib/shapes.js';
import { parseCsv } from '../test/cli/run-cli.js';
import { DoneIndex } from '../src/batch/done-index.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const count = Number(arg('--files') ?? 10_000);
const jobs = arg('--jobs') ?? '2';
const kills = process.argv.includes('--no-kill') ? [] : [0.3, 0.67];
const root = join(tmpdir(), `baocao-soak-${process.pid}`);
const src = join(root, 'in'), out = join(root, 'out');
const CLI = fileURLToPath(new URL('../src/cli/index.ts', import.meta.url));

/** The bad 5%: one of these per twentieth file. */
const BAD: ((i: number) => Uint8Array | string)[] = [
  (i) => Uint8Array.from({ length: 3000 }, (_, k) => (k * 7919 + i) % 256), // binary
  () => '', // empty
  (i) => SHAPES['one-line'].make(100_000 + i), // a long line
  (i) => SHAPES['many-line-paragraph'].make(50_000 + i), // a paragraph of one-character lines
  (i) => Buffer.from(normalText(3000 + i)).subarray(0, 2001), // UTF-8 cut inside a letter, maybe
  (i) => Buffer.from(normalText(3000 + i), 'latin1'), // a wrong 8-bit encoding
  (i) => SHAPES['form-feeds'].make(20_000 + i),
];

async function makeInputs(): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const dir = join(src, `năm ${2000 + (i % 20)}`, `đơn vị ${i % 13}`);
    await mkdir(dir, { recursive: true });
    const name = `báo cáo ${i}.txt`;
    const data = i % 20 === 7 ? BAD[Math.floor(i / 20) % BAD.length]!(i) : normalText(2000 + (i % 9) * 500);
    await writeFile(join(dir, name), data);
    names.push(join(dir, name));
  }
  return names;
}

const rssSamples: number[] = [];
let stderrLines = 0;
async function rssOf(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const m = status && /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : null;
}

/** Documents with a record in the batch logs (read while the workers append to them). */
async function doneCount(): Promise<number> {
  const index = new DoneIndex(out);
  const n = index.names().length;
  index.close();
  return n;
}

/** One CLI run; killed with SIGKILL once `killAt` files are done (if given). */
function run(resume: boolean, killAt?: number): Promise<{ killed: boolean }> {
  const args = ['--import', 'tsx', CLI, 'convert', src, '-o', out, '--jobs', jobs, '--quiet', ...(resume ? ['--resume'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let killed = false;
  const timer = setInterval(async () => {
    const rss = await rssOf(child.pid!);
    if (rss !== null) rssSamples.push(rss);
    if (killAt !== undefined && !killed && (await doneCount()) >= killAt) { killed = true; child.kill('SIGKILL'); }
  }, 1000);
  return new Promise((resolve) => child.on('exit', () => {
    clearInterval(timer);
    stderrLines += stderr.split('\n').filter((l) => l.trim()).length;
    resolve({ killed });
  }));
}

async function main(): Promise<void> {
  await rm(root, { recursive: true, force: true });
  const inputs = await makeInputs();
  let t = performance.now();
  for (const f of inputs) await writeFile(join(root, 'copy'), await readFile(f));
  const copySeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const runs: string[] = [];
  for (const [k, at] of kills.entries()) {
    const r = await run(k > 0, Math.round(at * count));
    runs.push(r.killed ? `killed at ${Math.round(at * 100)}%` : 'ended before the kill');
  }
  await run(kills.length > 0);
  runs.push('finished');
  const seconds = (performance.now() - t) / 1000;

  const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
  const paths = rows.map((r) => r.path);
  const statuses = new Map<string, number>();
  for (const r of rows) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const leftovers = (await readdir(join(out, '.baocao', 'tmp')).catch(() => [])).length;
  console.log(`${count} files (5% bad), restoration on, --jobs ${jobs}; runs: ${runs.join(', ')}`);
  console.log('| figure | value |\n|---|---:|');
  console.log(`| files/s (all runs, kills and resumes included) | ${(count / seconds).toFixed(1)} |`);
  console.log(`| baseline: read + write copy, files/s | ${(count / copySeconds).toFixed(0)} |`);
  console.log(`| peak RSS (1 s samples) | ${Math.max(...rssSamples).toFixed(0)} MB |`);
  console.log(`| final RSS (last sample) | ${rssSamples[rssSamples.length - 1]?.toFixed(0)} MB |`);
  console.log(`| RSS at 25 / 50 / 75% of samples | ${[0.25, 0.5, 0.75].map((q) => rssSamples[Math.floor(q * rssSamples.length)]?.toFixed(0)).join(' / ')} MB |`);
  console.log(`| rows in documents.csv | ${paths.length} (${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}) |`);
  console.log(`| duplicate rows | ${paths.length - new Set(paths).size} |`);
  console.log(`| inputs without a row | ${count - new Set(paths).size} |`);
  console.log(`| temporary files left in .baocao/tmp | ${leftovers} |`);
  console.log(`| stderr lines (per-file errors of all runs) | ${stderrLines} |`);
  await rm(root, { recursive: true, force: true });
}

await main();
