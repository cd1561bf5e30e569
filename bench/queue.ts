/**
 * What the distributed batch and the HTTP service give on this machine, with the built CLI (no tsx
 * compile time in the figures):
 * 1. files/s of the same generated reports through `baocao convert --jobs 1|2` (the baseline) and
 *    through 1 and 2 `baocao worker` processes on a redis-server the bench starts on a free loopback
 *    port (nothing saved to disk). Queue time runs from spawning `baocao queue add` to every job
 *    done (workers already started and idle, as in production: their start-up is printed apart;
 *    their model load on the first job counts). The bar of issue 17: 2 workers ≥ 0.9 × --jobs 2.
 * 2. `baocao serve --port 0`: POST /v1/convert of the sample at 1, 2 and 8 concurrent clients,
 *    requests/s and p50/p95 latency of the 200s, 503s counted; the first (cold) requests apart.
 * Run: npm run bench:queue [-- --files 200 --no-restore --rounds 3 --requests 40 --worker-concurrency 1,2]
 */
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue } from 'bullmq';
import { connect, QUEUE_NAME } from '../src/queue/connection.js';
import { DEFAULT_WORKER_CONCURRENCY } from '../src/queue/worker.js';
import { REDIS_MISSING, startRedis } from '../test/queue/redis-server.js';
import { requireBuiltCli, runCli, startCli, type Running } from './lib/built-cli.js';
import { writeGeneratedReports } from './lib/generated-reports.js';
import { load, percentile, postOnce, waitFor200 } from './lib/serve-load.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const count = Number(arg('--files')) || 200;
const rounds = Number(arg('--rounds')) || 3;
const perLevel = Number(arg('--requests')) || 40;
/** Jobs per worker process, each measured: 1 (the old default) beside the default. */
const concurrencies = (arg('--worker-concurrency') ?? `1,${DEFAULT_WORKER_CONCURRENCY}`).split(',').map(Number);
const restore = !process.argv.includes('--no-restore');
const root = join(tmpdir(), `baocao-bench-queue-${process.pid}`);
const src = join(root, 'in');
const restoreArgs = restore ? [] : ['--no-restore'];
const SAMPLE = new URL('../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url);

async function convertRun(jobs: number, round: number): Promise<number> {
  const out = join(root, `convert-${jobs}-${round}`);
  const { seconds } = await runCli(['convert', src, '-o', out, '--jobs', String(jobs), '--quiet', '--format', 'json', ...restoreArgs]);
  await rm(out, { recursive: true, force: true });
  return seconds;
}

/** Polls the job counts until `count` jobs have ended; throws on a failed job. */
async function waitAllDone(queue: Queue): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts('completed', 'failed');
    if (c.failed) throw new Error(`${c.failed} jobs failed: ${(await queue.getFailed(0, 0))[0]?.failedReason}`);
    if (c.completed! >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function queueRun(workers: number, concurrency: number, round: number): Promise<{ seconds: number; startSeconds: number; addSeconds: number }> {
  const redis = await startRedis();
  const out = join(root, `queue-${workers}-${concurrency}-${round}`);
  const procs: Running[] = [];
  const connection = connect(redis.url);
  const queue = new Queue(QUEUE_NAME, { connection });
  try {
    const started = await Promise.all(Array.from({ length: workers }, () => startCli(['worker', '--redis', redis.url, '--quiet', '--concurrency', String(concurrency)], /worker ready/)));
    procs.push(...started);
    const t = performance.now();
    const add = await runCli(['queue', 'add', src, '--redis', redis.url, '-o', out, '--format', 'json', ...restoreArgs]);
    await waitAllDone(queue);
    const seconds = (performance.now() - t) / 1000;
    return { seconds, startSeconds: Math.max(...started.map((s) => s.startSeconds)), addSeconds: add.seconds };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
    await queue.close();
    await connection.quit().catch(() => connection.disconnect());
    await redis.stop();
    await rm(out, { recursive: true, force: true });
  }
}

function workersLabel(n: number, concurrency: number): string {
  return `${n} worker${n > 1 ? 's' : ''} --concurrency ${concurrency}${concurrency === DEFAULT_WORKER_CONCURRENCY ? ' (default)' : ''}`;
}

async function batchPart(): Promise<void> {
  const best = new Map<string, number>();
  const keep = (label: string, s: number) => best.set(label, Math.min(best.get(label) ?? Infinity, s));
  const starts: number[] = [], adds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const n of [1, 2]) {
      keep(`convert --jobs ${n}`, await convertRun(n, r));
      for (const c of concurrencies) {
        const q = await queueRun(n, c, r);
        keep(workersLabel(n, c), q.seconds);
        starts.push(q.startSeconds);
        adds.push(q.addSeconds);
      }
    }
  }
  console.log(`\n## Batch: ${count} generated ~3 KB reports, json, restoration ${restore ? 'on' : 'off'}, best of ${rounds}`);
  console.log('| run | seconds | files/s | vs convert --jobs (same count) |');
  console.log('|---|---:|---:|---:|');
  for (const n of [1, 2]) {
    const c = best.get(`convert --jobs ${n}`)!;
    console.log(`| convert --jobs ${n} | ${c.toFixed(2)} | ${(count / c).toFixed(1)} | 1.00 |`);
    for (const k of concurrencies) {
      const w = best.get(workersLabel(n, k))!;
      console.log(`| ${workersLabel(n, k)} (queue add → all done) | ${w.toFixed(2)} | ${(count / w).toFixed(1)} | ${(c / w).toFixed(2)} |`);
    }
  }
  const measured = concurrencies.includes(DEFAULT_WORKER_CONCURRENCY) ? DEFAULT_WORKER_CONCURRENCY : concurrencies.at(-1)!;
  const ratio = best.get('convert --jobs 2')! / best.get(workersLabel(2, measured))!;
  console.log(`${workersLabel(2, measured)} / convert --jobs 2 = ${ratio.toFixed(2)} (issue 17's bar: ≥ 0.90) ${ratio >= 0.9 ? 'met' : 'NOT met'}`);
  console.log(`queue add of ${count} files (its own process, workers converting meanwhile): ${Math.min(...adds).toFixed(2)}–${Math.max(...adds).toFixed(2)} s`);
  console.log(`worker start-up (spawn → "worker ready", before queue add, not counted): up to ${Math.max(...starts).toFixed(2)} s`);
}

async function servePart(): Promise<void> {
  const body = new Blob([await readFile(SAMPLE)]);
  const name = 'bao-cao-ngoc-ky.ocr.txt';
  const serve = await startCli(['serve', '--port', '0'], /serving on /);
  try {
    const base = /serving on (http:\/\/[^ ]+)/.exec(serve.line)![1]!;
    const ready = serve.startSeconds + (await waitFor200(`${base}/readyz`));
    const cold = [await postOnce(base, name, body), await postOnce(base, name, body)];
    console.log(`\n## serve: POST /v1/convert of ${name} (${body.size} bytes), loopback, default --in-flight 2 --queue 8`);
    console.log(`start-up: listening after ${serve.startSeconds.toFixed(2)} s, /readyz 200 after ${ready.toFixed(2)} s; cold requests: first ${cold[0]!.ms.toFixed(0)} ms (${cold[0]!.status}), second ${cold[1]!.ms.toFixed(0)} ms (${cold[1]!.status})`);
    console.log('| clients | requests | 200 | 503 | other | requests/s (200s) | p50 ms | p95 ms |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const clients of [1, 2, 8]) {
      const r = await load(base, name, body, clients, perLevel);
      console.log(`| ${clients} | ${r.requests} | ${r.ok} | ${r.busy} | ${r.other} | ${(r.ok / r.seconds).toFixed(2)} | ${percentile(r.latencies, 50).toFixed(0)} | ${percentile(r.latencies, 95).toFixed(0)} |`);
    }
  } finally {
    await serve.stop();
  }
}

async function main(): Promise<void> {
  if (REDIS_MISSING) throw new Error(REDIS_MISSING);
  requireBuiltCli();
  await writeGeneratedReports(src, count);
  const load1 = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
  console.log(`bench:queue · ${availableParallelism()} cores · load average ${load1} at start · Node ${process.version} · built CLI`);
  try {
    if (!process.argv.includes('--serve-only')) await batchPart();
    if (!process.argv.includes('--batch-only')) await servePart();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
