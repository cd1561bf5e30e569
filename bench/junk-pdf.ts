/**
 * How long junk behind a `%PDF-` header takes to be refused (ingest/pdf-corrupt), this checkout
 * beside BENCH_BASE (default 193a335: pdf.js rebuilt the cross-reference table over the whole
 * file before giving up) in the same process. Two junks: zero bytes and random bytes.
 * Run: npm run bench:junk-pdf [-- --mb 90]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ingestPdf } from '../src/ingest/pdf.js';
import { baseSource } from './lib/base-source.js';

type Ingest = typeof ingestPdf;
const repo = resolve(import.meta.dirname, '..');
const mbAt = process.argv.indexOf('--mb');
const mb = mbAt > 0 ? Number(process.argv[mbAt + 1]) : 90;

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

console.log(`junk PDF of ${mb} MB refused in (wall, one run each; base ${ref})`);
for (const kind of ['zeros', 'random'] as const) {
  const data = junk(kind);
  const now = await timed(ingestPdf, data);
  const was = base ? await timed(base, data) : 'n/a';
  console.log(`  ${kind.padEnd(6)}  now ${now}   base ${was}`);
}
