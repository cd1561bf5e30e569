/**
 * What OCR reads on pages of noise beside real scanned pages: per page, the words read, their mean
 * confidence, and the share of letter words that are Vietnamese syllables ("dictionary words",
 * core/vi-text, read at confidence ≥ 30) that the noise stop counts (ingest/noise-stop.ts). Sources: generated noise (uniform grey noise, sparse specks,
 * blotches, a blank page) and the repository's fixtures; with BAOCAO_SHARED, the devset's scans
 * (6 documents × 3 quality levels, first 2 pages) and ../shared/real-scans pages, measured only.
 * Run: [BAOCAO_SHARED=../shared] npm run bench:noise-pages [-- --engine native|wasm]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { ingestImage } from '../src/ingest/image.js';
import { ingestPdf } from '../src/ingest/pdf.js';
import { createOcrEngine } from '../src/ingest/ocr/engine.js';
import { MIN_TEXT_WORDS, readsText, textWords } from '../src/ingest/noise-stop.js';
import type { Page } from '../src/core/document.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const engine = (arg('--engine') ?? 'native') as 'native' | 'wasm';
const root = new URL('..', import.meta.url).pathname;
const shared = process.env.BAOCAO_SHARED;
const pool = createOcrEngine({ engine, jobs: 2 });

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function noisePng(kind: string, w = 1240, h = 1754, seed = 7): Promise<Uint8Array> {
  const r = rng(seed);
  const px = Buffer.alloc(w * h, 255);
  if (kind === 'uniform') for (let i = 0; i < px.length; i++) px[i] = Math.floor(r() * 256);
  if (kind === 'specks') for (let i = 0; i < px.length; i++) if (r() < 0.03) px[i] = Math.floor(r() * 80);
  if (kind === 'blotches') {
    for (let b = 0; b < 400; b++) {
      const cx = r() * w, cy = r() * h, rad = 3 + r() * 25;
      for (let y = Math.max(0, Math.floor(cy - rad)); y < Math.min(h, cy + rad); y++) for (let x = Math.max(0, Math.floor(cx - rad)); x < Math.min(w, cx + rad); x++) if ((x - cx) ** 2 + (y - cy) ** 2 < rad * rad * r()) px[y * w + x] = Math.floor(r() * 90);
    }
  }
  if (kind === 'grey-gradient') for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px[y * w + x] = 140 + Math.floor((60 * y) / h + r() * 50);
  return new Uint8Array(await sharp(px, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer());
}

const seen = { noise: [] as number[], real: [] as number[] };

function line(label: string, p: Page, ms: number, rules: string): void {
  const n = textWords(p);
  (label.startsWith('noise') ? seen.noise : seen.real).push(n);
  const conf = p.words?.length ? p.words.reduce((a, w) => a + w.confidence, 0) / p.words.length : 0;
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(5)} s/page  words ${String(p.words?.length ?? 0).padStart(4)}  mean conf ${conf.toFixed(0).padStart(3)}  dictionary words ${String(n).padStart(4)}  → ${readsText(p) ? 'text' : 'no text'}${rules ? `  [${rules}]` : ''}`);
}

async function image(label: string, data: Uint8Array): Promise<void> {
  const t = performance.now();
  const r = await ingestImage(data, { ocr: pool });
  const ms = (performance.now() - t) / Math.max(1, r.pages.length);
  const rules = [...new Set(r.diagnostics.map((d) => d.ruleId))].join(' ');
  r.pages.forEach((p, i) => line(`${label}${r.pages.length > 1 ? ` p${i + 1}` : ''}`, p, ms, rules));
}

async function pdf(label: string, data: Uint8Array, pages = 2): Promise<void> {
  const t = performance.now();
  const r = await ingestPdf(data, { ocr: pool, ocrMode: 'force', pages: [{ from: 1, to: pages }] });
  const ms = (performance.now() - t) / Math.max(1, r.pages.length);
  const rules = [...new Set(r.diagnostics.map((d) => d.ruleId))].join(' ');
  r.pages.forEach((p, i) => line(`${label} p${i + 1}`, p, ms, rules));
}

console.log(`engine ${engine}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const only = arg('--only');
for (const kind of ['uniform', 'specks', 'blotches', 'grey-gradient', 'blank']) for (const seed of [7, 8]) await image(`noise ${kind} ${seed}`, await noisePng(kind, 1240, 1754, seed));
const { noiseTiff } = await import('../test/ingest/noise-tiff.js');
await image('noise-tiff 300×300 ×3', noiseTiff(3, 300, 300));
await image('noise-tiff 1240×1754 ×2', noiseTiff(2, 1240, 1754));
if (only === 'noise') { await pool.terminate(); process.exit(0); }

for (const f of ['line.png', 'page2.jpg', 'pages-2p.tif']) await image(`fixture ${f}`, readFileSync(join(root, 'fixtures/scans', f)));
await pdf('fixture scanned-2p.pdf', readFileSync(join(root, 'fixtures/scans/scanned-2p.pdf')));
if (shared) {
  const scans = join(shared, 'devset/scans');
  if (existsSync(scans)) for (const d of readdirSync(scans).sort()) await pdf(`devset ${d}`, readFileSync(join(scans, d, 'scan.pdf')));
  const real = join(shared, 'real-scans/pages');
  if (existsSync(real)) for (const f of readdirSync(real).sort()) await image(`real ${f}`, readFileSync(join(real, f)));
}
await pool.terminate();
const range = (a: number[]) => (a.length ? `${Math.min(...a)}–${Math.max(...a)}` : 'none');
console.log(`dictionary words a page (text needs ${MIN_TEXT_WORDS}): noise pages ${range(seen.noise)} (${seen.noise.length}), real pages ${range(seen.real)} (${seen.real.length}); real pages under ${MIN_TEXT_WORDS}: ${seen.real.filter((n) => n < MIN_TEXT_WORDS).length}`);
