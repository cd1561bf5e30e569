/**
 * What fsync costs the batch: the same generated ~3 KB Vietnamese reports converted with fsync
 * (the default: each manifest and documents.csv synced with its folder; outputs are checked by
 * size and hash on --resume instead) and with
 * --no-fsync (the baseline), in the same process, alternating, best of `--rounds`; then the bare
 * atomic write (temporary + rename) of 3 KB with and without fsync. The figures depend on the
 * drive under `--dir` (default: the OS temporary folder), so the file system is printed.
 * Run: npm run bench:batch-io [-- --files N --rounds R --dir PATH]
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareTmp, writeAtomic } from '../src/batch/atomic.js';
import { runBatch } from '../src/batch/run.js';
import { generatedReport as report, writeGeneratedReports } from './lib/generated-reports.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const count = Number(arg('--files')) || 400;
const rounds = Number(arg('--rounds')) || 2;
const root = join(arg('--dir') ?? tmpdir(), `baocao-bench-io-${process.pid}`);
const src = join(root, 'in');

async function batch(fsync: boolean, jobs: number, round: number): Promise<number> {
  const outDir = join(root, `out-${fsync}-${jobs}-${round}`);
  const t = performance.now();
  const s = await runBatch([src], { outDir, formats: ['json', 'csv'], resume: false, restore: false, fsync }, jobs);
  const seconds = (performance.now() - t) / 1000;
  if (s.failed || s.converted !== count) throw new Error(`${s.failed} failed, ${s.converted} converted`);
  await rm(outDir, { recursive: true, force: true });
  return seconds;
}

async function writes(durable: boolean, n: number): Promise<number> {
  const outDir = join(root, `writes-${durable}`);
  await mkdir(outDir, { recursive: true });
  await prepareTmp(outDir);
  const data = report(1);
  const t = performance.now();
  for (let i = 0; i < n; i++) writeAtomic(outDir, join(outDir, 'd', `f${i}.json`), data, { durable });
  const seconds = (performance.now() - t) / 1000;
  await rm(outDir, { recursive: true, force: true });
  return seconds;
}

async function main(): Promise<void> {
  await writeGeneratedReports(src, count);
  const best = new Map<string, number>();
  const keep = (label: string, s: number) => best.set(label, Math.min(best.get(label) ?? Infinity, s));
  for (let r = 0; r < rounds; r++) {
    for (const jobs of [1, 2]) {
      keep(`convert --jobs ${jobs} --no-fsync`, await batch(false, jobs, r));
      keep(`convert --jobs ${jobs} (fsync)`, await batch(true, jobs, r));
    }
    keep('atomic write 3 KB, no fsync', await writes(false, count * 4));
    keep('atomic write 3 KB, fsync file + folder', await writes(true, count * 4));
  }
  for (let r = 0; r < rounds; r++) {
    const outDir = join(root, 'resume');
    const settings = { outDir, formats: ['json', 'csv'] as ('json' | 'csv')[], resume: true, restore: false };
    if (r === 0) await runBatch([src], settings, 1);
    const t = performance.now();
    const s = await runBatch([src], settings, 1);
    if (s.skipped !== count) throw new Error(`resume skipped ${s.skipped} of ${count}`);
    keep('convert --resume, all done (outputs checked by size and SHA-256)', (performance.now() - t) / 1000);
  }
  const fs = (() => {
    try {
      return execFileSync('df', ['-T', root], { encoding: 'utf8' }).trim().split('\n').pop()!.split(/\s+/)[1];
    } catch {
      return '?';
    }
  })();
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
  console.log(`${count} files (4 outputs + a manifest each), best of ${rounds}, ${fs} under ${root}, load average ${load}, Node ${process.version}`);
  console.log('| run | seconds | per file (ms) | vs no fsync |');
  console.log('|---|---:|---:|---:|');
  const rows = [...best.entries()];
  for (const [label, s] of rows) {
    const n = label.startsWith('atomic') ? count * 4 : count;
    const baseLabel = label.replace(' (fsync)', ' --no-fsync').replace('fsync file + folder', 'no fsync');
    const base = baseLabel !== label ? best.get(baseLabel) : undefined;
    console.log(`| ${label} | ${s.toFixed(2)} | ${((s / n) * 1000).toFixed(2)} | ${base ? `${(s / base).toFixed(2)}×` : ''} |`);
  }
  await rm(root, { recursive: true, force: true });
}

await main();
