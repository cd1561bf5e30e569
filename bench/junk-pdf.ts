/**
 * How long junk behind a `%PDF-` header takes to be refused (ingest/pdf-corrupt), this checkout
 * beside BENCH_BASE (default 193a335: pdf.js rebuilt the cross-reference table over the whole
 * file before giving up) in the same process. Two junks: zero bytes and random bytes.
 * Then hostile PDFs that do have a catalog (test/ingest/hostile-pdf.ts: a bogus cross-reference
 * table, arrays nested 200,000 deep, a page of 400,000 operators), read with a time limit of
 * --limit-ms (default 5000): the wall time, what the file got, and the longest the event loop was
 * held (a 10 ms interval's longest gap), now beside the base. --scale sizes them (default 1).
 * Run: npm run bench:junk-pdf [-- --mb 90 --scale 1 --limit-ms 5000 --no-junk]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ingestPdf } from '../src/ingest/pdf.js';
import { baseSource } from './lib/base-source.js';
import { HOSTILE_KINDS, hostilePdf } from '../test/ingest/hostile-pdf.js';
import type { OcrPool } from '../src/ingest/ocr/pool.js';

type Ingest = typeof ingestPdf;
const repo = resolve(import.meta.dirname, '..');
const mbAt = process.argv.indexOf('--mb');
const mb = mbAt > 0 ? Number(process.argv[mbAt + 1]) : 90;
const arg = (name: string, dflt: number) => { const at = process.argv.indexOf(name); return at > 0 ? Number(process.argv[at + 1]) : dflt; };
const scale = arg('--scale', 1);
const limitMs = arg('--limit-ms', 5000);

function junk(kind: 'zeros' | 'random'): Uint8Array {
  const data = new Uint8Array(mb << 20);
  if (kind === 'random') {
    let s = 12345; // a fixed LCG: the same junk every run
    for (let i = 0; i < data.length; i++) { s = (s * 1103515245 + 12345) & 0x7fffffff; data[i] = s >> 16; }
  }
  data.set(new TextEncoder().encode('%PDF-1.4\n'));
  return data;
}

async function timed(ingest: Ingest, data: Uint8Array): Promise<string> {
  const t = performance.now();
  const r = await ingest(data, {});
  const rule = r.diagnostics[0]?.ruleId ?? 'none';
  return `${((performance.now() - t) / 1000).toFixed(2)} s (${rule})`;
}

const ref = process.env.BENCH_BASE ?? '193a335';
const dir = baseSource(repo, ref);
// The base's tsc build when there is one (plain JS, as `baocao serve` runs), else its sources.
const builtBase = dir && join(dir, 'dist', 'ingest', 'pdf.js');
const baseModule = builtBase && existsSync(builtBase) ? builtBase : dir && join(dir, 'src', 'ingest', 'pdf.ts');
const base = baseModule ? ((await import(pathToFileURL(baseModule).href)) as { ingestPdf: Ingest }).ingestPdf : undefined;

if (!process.argv.includes('--no-junk')) {
  console.log(`junk PDF of ${mb} MB refused in (wall, one run each; base ${ref})`);
  for (const kind of ['zeros', 'random'] as const) {
    const data = junk(kind);
    const now = await timed(ingestPdf, data);
    const was = base ? await timed(base, data) : 'n/a';
    console.log(`  ${kind.padEnd(6)}  now ${now}   base ${was}`);
  }
}

/** OCR that answers at once: only the PDF's own reading is timed. */
const ocr: OcrPool = { size: 2, async recognize() { return { lines: ['x'], words: [], confidence: 90 }; }, async terminate() {} };

async function held(ingest: Ingest, data: Uint8Array): Promise<string> {
  let gap = 0, last = performance.now();
  const tick = setInterval(() => { const t = performance.now(); gap = Math.max(gap, t - last); last = t; }, 10);
  const t = performance.now();
  const r = await ingest(data, { ocr, pdfTimeoutMs: limitMs } as Parameters<Ingest>[1]);
  const wall = (performance.now() - t) / 1000;
  clearInterval(tick);
  gap = Math.max(gap, performance.now() - last);
  const rule = r.diagnostics.find((d) => d.severity === 'error')?.ruleId ?? 'no error';
  return `${wall.toFixed(2)} s, loop held ${(gap / 1000).toFixed(2)} s (${rule})`;
}

console.log(`\nhostile PDFs with a catalog, scale ${scale}, limit ${limitMs} ms (wall, one run each; the base has no limit; load ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
for (const kind of HOSTILE_KINDS) {
  const data = hostilePdf(kind, scale);
  const now = await held(ingestPdf, data);
  const was = base ? await held(base, data) : 'n/a';
  console.log(`  ${kind.padEnd(14)} ${(data.length / 1e6).toFixed(1).padStart(5)} MB  now ${now}\n  ${''.padEnd(24)}base ${was}`);
}
