/**
 * The review page over a large output folder: request latency of GET /api/documents (the list)
 * with the logs unchanged, and after another writer appended one document's record (the list,
 * then opening that new document), in a folder of N documents (default 10,000). Side by side in
 * the same process: the review server of BENCH_BASE (default a5606d1: a DoneIndex built per
 * request, every log read again) and this checkout's (one index per folder, refreshed per request).
 * Run: npm run bench:review-folder [-- --docs N] [--requests R]
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { appendRecord, closeLogs } from '../src/batch/state-log.js';
import { DoneIndex, forgetDoneIndex } from '../src/batch/done-index.js';
import { buildReviewServer } from '../src/review/server.js';
import { baseSource } from './lib/base-source.js';
import { copiedFolder, SAMPLE } from './lib/copied-folder.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const docs = arg('--docs', 10_000);
const requests = arg('--requests', 20);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(tmpdir(), `baocao-bench-review-folder-${process.pid}`);

type Build = typeof buildReviewServer;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

async function timed(app: FastifyInstance, url: string): Promise<number> {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url });
  const ms = performance.now() - t0;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return ms;
}

/** One server's figures: list (logs unchanged), list after an append, open the appended document. */
async function measure(build: Build, out: string, tag: string): Promise<number[]> {
  forgetDoneIndex(out); // each server starts cold
  const t0 = performance.now();
  const app = await build(out);
  const start = performance.now() - t0;
  const index = new DoneIndex(out);
  const { manifest, rowsText } = index.get(SAMPLE)!;
  index.close();
  const still: number[] = [], appended: number[] = [], opened: number[] = [];
  await timed(app, '/api/documents'); // warm
  for (let i = 0; i < requests; i++) still.push(await timed(app, '/api/documents'));
  for (let i = 0; i < requests; i++) {
    // What a batch or queue worker writing to this folder meanwhile does: one more record.
    const name = `new-${tag}-${i}.txt`;
    appendRecord(out, { name, manifest: { ...manifest, row: { ...manifest.row, json: `${SAMPLE}.json`, outputName: name } }, rowsText: rowsText! });
    appended.push(await timed(app, '/api/documents'));
    opened.push(await timed(app, `/api/document?name=${encodeURIComponent(name)}`));
  }
  closeLogs(out);
  await app.close();
  return [start, median(still), median(appended), median(opened)];
}

try {
  const ref = process.env.BENCH_BASE ?? 'a5606d1';
  const baseDir = baseSource(repo, ref);
  const baseBuild = baseDir ? ((await import(pathToFileURL(join(baseDir, 'src', 'review', 'server.ts')).href)) as { buildReviewServer: Build }).buildReviewServer : undefined;
  const out = await copiedFolder(root, ['json', 'txt'], docs, { sameJson: true });
  const probe = await buildReviewServer(out);
  const listed = (JSON.parse((await probe.inject({ method: 'GET', url: '/api/documents' })).body) as unknown[]).length;
  await probe.close();
  console.log(`review page over ${listed} documents (${(readFileSync(join(out, `${SAMPLE}.json`)).byteLength / 1024).toFixed(0)} KB JSON each); medians of ${requests} requests, ms`);
  console.log(`${'server'.padEnd(36)} ${'start'.padStart(8)} ${'list'.padStart(8)} ${'list+1'.padStart(8)} ${'open new'.padStart(9)}`);
  const row = (label: string, f: number[]) => console.log(`${label.padEnd(36)} ${f.map((x, i) => x.toFixed(1).padStart(i === 3 ? 9 : 8)).join(' ')}`);
  // Taken in turn twice, so that neither has the page cache to itself.
  for (let round = 0; round < 2; round++) {
    if (baseBuild) row(`baseline ${ref} (index per request)`, await measure(baseBuild, out, `b${round}`));
    row('this checkout (index kept, refreshed)', await measure(buildReviewServer, out, `n${round}`));
  }
  console.log('list: GET /api/documents, logs unchanged; list+1: the same after one record appended; open new: GET /api/document of that record');
} finally {
  rmSync(root, { recursive: true, force: true });
}
