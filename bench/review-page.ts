/**
 * Review decisions: the time from a POST /api/decide to its answer (log line appended and
 * fsync'd, the document's outputs and manifest written again, the batch tables rebuilt), in a
 * folder of 1 document (the baseline) and of N copies of the sample report (default 1,000), with
 * and without batch tables (csv + xlsx), side by side in the same process. The batch tables are
 * rebuilt after the answers, once decisions pause: that time is printed apart.
 * Run: npm run bench:review-page [-- --docs N] [--decisions D]
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Format } from '../src/emit/formats.js';
import { buildReviewServer } from '../src/review/server.js';
import { copiedFolder, SAMPLE as NAME } from './lib/copied-folder.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(name) + 1]) || fallback;
const docs = arg('--docs', 1000);
const decisions = arg('--decisions', 15);
const root = join(tmpdir(), `baocao-bench-review-${process.pid}`);

async function measure(label: string, formats: Format[], copies: number): Promise<void> {
  const out = await copiedFolder(root, formats, copies);
  const app = await buildReviewServer(out);
  const token = /name="baocao-token" content="([^"]+)"/.exec((await app.inject({ method: 'GET', url: '/' })).body)![1]!;
  const review = JSON.parse(readFileSync(join(out, `${NAME}.json`), 'utf8')).review as { alternatives: string[] }[];
  const times: number[] = [];
  for (let i = 0; i < decisions; i++) {
    const index = i % review.length;
    const t0 = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/decide', headers: { 'content-type': 'application/json', 'x-baocao-token': token }, payload: JSON.stringify({ name: NAME, index, after: review[index]!.alternatives[0], action: 'alternative' }) });
    times.push(performance.now() - t0);
    if (res.json().outputs !== 'rewritten') throw new Error(res.body);
  }
  const c0 = performance.now();
  await app.close(); // rebuilds the batch tables owed (after the answers, once decisions pause)
  const tables = performance.now() - c0;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${label.padEnd(44)} ${String(copies).padStart(6)} docs  median ${at(0.5).padStart(8)} ms  p90 ${at(0.9).padStart(8)} ms  batch tables after ${tables.toFixed(0).padStart(6)} ms`);
}

try {
  console.log(`POST /api/decide → answer, ${decisions} decisions each (fsync of corrections.jsonl and the manifest included)`);
  await measure('baseline: json,txt, one document', ['json', 'txt'], 1);
  await measure('json,txt', ['json', 'txt'], docs);
  await measure('json,txt,csv,xlsx (batch tables rebuilt), one', ['json', 'txt', 'csv', 'xlsx'], 1);
  await measure('json,txt,csv,xlsx (batch tables rebuilt)', ['json', 'txt', 'csv', 'xlsx'], docs);
} finally {
  rmSync(root, { recursive: true, force: true });
}
