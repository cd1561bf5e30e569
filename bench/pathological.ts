/**
 * Time and memory on pathological text shapes (bench/lib/shapes.ts): one paragraph of many
 * one-character lines, a long annex table, many form feeds, one huge line, and the 16 MB limit
 * as lines and as one line. Each run is its own process (bench/lib/convert-once.ts) so peak RSS
 * is that run's alone. Printed per shape and size: CPU s, CPU s per MB, peak RSS, the growth of
 * CPU time between sizes against the growth of the size (linear: the two are equal), and CPU s
 * per MB against the baseline, a normal report of the same size, run in the same bench.
 * Run: npm run bench:pathological [-- --sizes 0.5,1,2] [--restore on|off|both] [--no-huge] [--limit 600]
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SHAPES, type ShapeName } from './lib/shapes.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const sizesMb = (arg('--sizes') ?? '0.5,1,2').split(',').map(Number);
const restoreModes = { on: [true], off: [false], both: [false, true] }[arg('--restore') ?? 'both'] ?? [false, true];
const huge = !process.argv.includes('--no-huge');
const limitSeconds = Number(arg('--limit') ?? 600);
const only = arg('--shapes')?.split(',') as ShapeName[] | undefined;
const HUGE_MB = 16;

interface Run { shape: ShapeName; mb: number; restore: boolean; cpu: number | null; rssMb: number | null; note: string }

const child = fileURLToPath(new URL('./lib/convert-once.ts', import.meta.url));

/** One conversion in a fresh process; null figures when it ran past the limit or failed. */
function runOnce(shape: ShapeName, mb: number, restore: boolean): Promise<Run> {
  const bytes = Math.round(mb * 1e6);
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', child, shape, String(bytes), restore ? 'on' : 'off'],
      { timeout: limitSeconds * 1000, maxBuffer: 1 << 20, killSignal: 'SIGKILL' }, (err, stdout) => {
        if (err) return resolve({ shape, mb, restore, cpu: null, rssMb: null, note: err.killed ? `> ${limitSeconds} s (stopped)` : `failed: ${err.message.split('\n')[0]}` });
        const r = JSON.parse(stdout.trim().split('\n').pop()!) as { cpuSeconds: number; maxRssMb: number; valid: boolean; errors: string[] };
        const note = [r.valid ? '' : 'OUT OF SCHEMA', ...r.errors].filter(Boolean).join(' ');
        resolve({ shape, mb, restore, cpu: r.cpuSeconds, rssMb: r.maxRssMb, note });
      });
  });
}

async function main(): Promise<void> {
  const shapes = (only ?? (Object.keys(SHAPES) as ShapeName[])).filter((s) => s in SHAPES);
  if (!shapes.includes('normal')) shapes.unshift('normal');
  const runs: Run[] = [];
  for (const restore of restoreModes) {
    for (const shape of shapes) {
      const sizes = [...sizesMb, ...(huge && (shape === 'normal' || shape === 'one-line') ? [HUGE_MB] : [])];
      for (const mb of sizes) {
        const r = await runOnce(shape, mb, restore);
        runs.push(r);
        process.stderr.write(`${shape} ${mb} MB restore ${restore ? 'on' : 'off'}: ${r.cpu?.toFixed(2) ?? '-'} CPU s, ${r.rssMb?.toFixed(0) ?? '-'} MB ${r.note}\n`);
      }
    }
  }
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
  console.log(`Pathological shapes, one process per run (Node ${process.version}, ${availableParallelism()} cores, load average ${load}); a run is stopped after ${limitSeconds} s`);
  console.log('| shape | restore | MB | CPU s | CPU s/MB | × normal | growth: CPU / size | peak RSS MB | note |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of runs) {
    const base = runs.find((b) => b.shape === 'normal' && b.restore === r.restore && b.mb === r.mb);
    const prev = runs.filter((p) => p.shape === r.shape && p.restore === r.restore && p.mb < r.mb).pop();
    const perMb = r.cpu !== null ? r.cpu / r.mb : null;
    const vsNormal = perMb !== null && base?.cpu ? (perMb / (base.cpu / base.mb)).toFixed(1) + '×' : '';
    const growth = prev?.cpu && r.cpu !== null ? `${(r.cpu / prev.cpu).toFixed(1)} / ${(r.mb / prev.mb).toFixed(1)}` : '';
    console.log(`| ${r.shape} | ${r.restore ? 'on' : 'off'} | ${r.mb} | ${r.cpu?.toFixed(2) ?? '–'} | ${perMb?.toFixed(2) ?? '–'} | ${vsNormal} | ${growth} | ${r.rssMb?.toFixed(0) ?? '–'} | ${r.note} |`);
  }
}

await main();
