/**
 * How many text workers a small text batch should get: `baocao convert DIR --no-restore --format
 * json,csv` from the built CLI (a new process each run, as a user runs it: start, workers, tables)
 * with --jobs 1 and --jobs 2 over N generated ~3 KB reports, for several N, the two sides
 * interleaved (order alternating) in every round; prints the medians of wall and CPU (user + system
 * of the process and its threads, /usr/bin/time) and the ratio 2 / 1, with the load average.
 * Run: npm run bench:text-jobs [-- --rounds 5 --sizes 10,30,100,300,1000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertBenchReport } from './lib/generated-reports.js';

const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const rounds = Number(arg('--rounds')) || 5;
const sizes = (arg('--sizes') ?? '10,30,100,300,1000').split(',').map(Number);
const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const root = join(tmpdir(), `baocao-bench-text-jobs-${process.pid}`);


/** One CLI run: wall and CPU seconds (the process and all its threads). */
function run(input: string, jobs: number): { wall: number; cpu: number } {
  const out = join(root, `out-${jobs}`);
  rmSync(out, { recursive: true, force: true });
  const timing = join(root, 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S', '-o', timing, process.execPath, cli, 'convert', input, '-o', out, '--no-restore', '--format', 'json,csv', '--jobs', String(jobs), '--quiet'], { stdio: 'ignore' });
  const [wall, user, sys] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number);
  return { wall: wall!, cpu: user! + sys! };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`text batches, --jobs 1 against --jobs 2 (built CLI, a process per run, --no-restore --format json,csv), ${rounds} rounds interleaved, load average ${loadavg()[0]!.toFixed(2)}`);
console.log('| text files | --jobs 1 wall ms (CPU ms) | --jobs 2 wall ms (CPU ms) | wall 2 / 1 | CPU 2 / 1 | load after |');
console.log('|---:|---:|---:|---:|---:|---:|');
try {
  for (const n of sizes) {
    const input = join(root, `in-${n}`);
    mkdirSync(input, { recursive: true });
    for (let i = 0; i < n; i++) writeFileSync(join(input, `bc-${String(i).padStart(5, '0')}.txt`), convertBenchReport(i));
    const sides: Record<number, { wall: number[]; cpu: number[] }> = { 1: { wall: [], cpu: [] }, 2: { wall: [], cpu: [] } };
    for (let r = 0; r < rounds; r++) {
      for (const jobs of r % 2 ? [2, 1] : [1, 2]) {
        const t = run(input, jobs);
        sides[jobs]!.wall.push(t.wall * 1000);
        sides[jobs]!.cpu.push(t.cpu * 1000);
      }
    }
    const [w1, c1, w2, c2] = [median(sides[1]!.wall), median(sides[1]!.cpu), median(sides[2]!.wall), median(sides[2]!.cpu)];
    console.log(`| ${n} | ${w1.toFixed(0)} (${c1.toFixed(0)}) | ${w2.toFixed(0)} (${c2.toFixed(0)}) | ${(w2 / w1).toFixed(2)} | ${(c2 / c1).toFixed(2)} | ${loadavg()[0]!.toFixed(1)} |`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
