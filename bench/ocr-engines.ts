/**
 * npm run bench:ocr-engines — the OCR engines side by side in one run, on the same pages:
 * tesseract.js ('wasm'), the system tesseract ('native') reading the bundled 4.0.0_best_int model,
 * and the native one reading the system's own vie model (Debian: tessdata_fast), each a pool of
 * --jobs (2) at a time.
 *   A. devset level-1 scans (../shared/devset/scans/*-d1/scan.pdf) through ingestPdf: syllable
 *      accuracy (bench/lib/score.ts) raw and corrected by restore(…, 'vie-ocr'), s per page.
 *   B. the same pages as 12 single-page 300 dpi JPEG files (pdfimages -j) through ingestImage,
 *      all in flight on one pool, beside the baseline: plain `tesseract FILE stdout -l vie
 *      --psm 3` run --jobs at a time on the same files.
 * Wall s per page and CPU s per page (this process, its threads and its waited-for children).
 *   --engines wasm,native,native-system  --jobs 2  --rounds 1
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 * Needs poppler-utils (pdfimages) and tesseract-ocr (tesseract-ocr-vie for native-system).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from '../src/core/document.js';
import { createOcrEngine, nativeTesseractStatus } from '../src/ingest/ocr/engine.js';
import type { OcrPool } from '../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../src/ingest/ocr/result.js';
import { ingestImage } from '../src/ingest/image.js';
import { ingestPdf } from '../src/ingest/pdf.js';
import { emptyScore, pct, scoreLine, type Score } from './lib/score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const work = join(root, 'bench', '.work', 'ocr-engines');
const { values: args } = parseArgs({ options: { engines: { type: 'string', default: 'wasm,native,native-system' }, jobs: { type: 'string', default: '2' }, rounds: { type: 'string', default: '1' } } });
const jobs = Number(args.jobs);
const f2 = (x: number) => x.toFixed(2);

/** CPU seconds of this process (all its threads) plus its waited-for children, from /proc. */
function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

interface Doc { id: string; pdf: string; gtPages: string[]; jpgs: string[] }

function devsetLevel1(): Doc[] {
  return readdirSync(scansDir).filter((d) => d.endsWith('-d1')).sort().map((id) => {
    const dir = join(work, id);
    if (!existsSync(join(dir, 'p-000.jpg'))) { mkdirSync(dir, { recursive: true }); execFileSync('pdfimages', ['-j', join(scansDir, id, 'scan.pdf'), join(dir, 'p')]); }
    return {
      id, pdf: join(scansDir, id, 'scan.pdf'),
      gtPages: readFileSync(join(scansDir, id, 'gt.txt'), 'utf8').split('\f').filter((p) => p.trim() !== ''),
      jpgs: readdirSync(dir).filter((f) => /^p-\d+\.jpg$/.test(f)).sort().map((f) => join(dir, f)),
    };
  });
}

type EngineName = 'wasm' | 'native' | 'native-system';
const makePool = (e: EngineName): OcrPool => createOcrEngine({ engine: e === 'wasm' ? 'wasm' : 'native', nativeModel: e === 'native-system' ? 'system' : 'bundled', jobs });

interface Run { texts: string[][]; pages: Page[][]; count: number; wall: number; cpu: number; failed: number }

/** The pool, keeping each first reading of a page (before baocao's checks against the image). */
function recording(pool: OcrPool, into: OcrPageResult[]): OcrPool {
  return { size: pool.size, engine: pool.engine, terminate: () => pool.terminate(), recognize: async (image, o) => { const r = await pool.recognize(image, o); if (!o?.psm) into.push(r); return r; } };
}

/** The reading that became `page` (the checks rewrite a few lines, never add or drop one). */
function readingOf(page: Page, readings: OcrPageResult[]): OcrPageResult | undefined {
  const same = (r: OcrPageResult) => r.lines.filter((l, i) => l === page.lines[i]).length;
  return readings.filter((r) => r.lines.length === page.lines.length).sort((a, b) => same(b) - same(a))[0];
}

/** Every input read through `ingest` on one pool, all in flight; warm (model loaded) before the clock starts. */
async function run(engine: EngineName, inputs: string[], ingest: (data: Uint8Array, pool: OcrPool) => Promise<{ pages: Page[]; diagnostics: { severity: string }[] }>): Promise<Run> {
  const pool = makePool(engine);
  try {
    await Promise.all(Array.from({ length: pool.size }, () => pool.recognize(readFileSync(join(root, 'fixtures', 'scans', 'line.png')))));
    const readings = inputs.map(() => [] as OcrPageResult[]);
    const t0 = performance.now(), c0 = cpuSeconds();
    const outs = await Promise.all(inputs.map((f, i) => ingest(new Uint8Array(readFileSync(f)), recording(pool, readings[i]!))));
    const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds() - c0;
    return {
      texts: outs.map((o, i) => o.pages.map((p) => readingOf(p, readings[i]!)?.lines.join('\n') ?? '')),
      pages: outs.map((o) => o.pages), count: outs.reduce((s, o) => s + o.pages.length, 0), wall, cpu,
      failed: outs.flatMap((o) => o.diagnostics).filter((d) => d.severity === 'error').length,
    };
  } finally {
    await pool.terminate();
  }
}

/** Plain `tesseract FILE stdout -l vie --psm 3`, --jobs processes at a time: the issue's baseline. */
async function plainCli(files: string[]): Promise<{ wall: number; cpu: number; count: number }> {
  const t0 = performance.now(), c0 = cpuSeconds();
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await new Promise<void>((res, rej) => {
        const p = spawn('tesseract', [file, 'stdout', '-l', 'vie', '--psm', '3'], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        p.on('error', rej);
        p.on('close', (code) => (code === 0 ? res() : rej(new Error(`tesseract exit ${code} on ${file}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0, count: files.length };
}

function accuracy(gt: string[][], texts: string[][]): Score {
  const s = emptyScore();
  gt.forEach((pages, i) => pages.forEach((g, k) => scoreLine(g.replace(/\n/g, ' '), (texts[i]![k] ?? '').replace(/\n/g, ' '), s)));
  return s;
}

async function corrected(pages: Page[][]): Promise<string[][]> {
  const { restore, documentConfidences } = await import('../src/core/restore/index.js');
  const { loadModel } = await import('../src/model/load.js');
  const model = loadModel();
  return pages.map((ps) => ps.map((p) => restore(p.lines.join('\n'), { model, input: 'vie-ocr', confidences: documentConfidences([p]) }).text));
}

const speed = (r: { wall: number; cpu: number; count: number }) => `wall ${f2(r.wall / r.count)} s/page  CPU ${f2(r.cpu / r.count)} s/page`;
const acc = (s: Score) => `${pct(s).toFixed(2).padStart(6)} % (${s.correct}/${s.gtTokens})`;

const docs = devsetLevel1();
const engines = args.engines!.split(',').filter(Boolean) as EngineName[];
const status = nativeTesseractStatus(), system = nativeTesseractStatus({ model: 'system' });
const usable = engines.filter((e) => e === 'wasm' || (e === 'native' ? status : system).available);
console.log(`bench:ocr-engines — jobs ${jobs}, ${docs.length} devset level-1 docs; native: ${status.available ? status.version : status.reason}; system vie model: ${system.available ? 'yes' : system.reason}`);
for (const e of engines.filter((x) => !usable.includes(x))) console.log(`  ${e}: skipped (${(e === 'native' ? status : system).reason})`);
const gt = docs.map((d) => d.gtPages);
const files = docs.flatMap((d) => d.jpgs);
for (let round = 1; round <= Number(args.rounds); round++) {
  if (Number(args.rounds) > 1) console.log(`\nround ${round}`);
  console.log(`\nA. devset level-1 scan.pdf, ${gt.flat().length} pages (raw, corrected by restore vie-ocr)`);
  for (const e of usable) {
    const r = await run(e, docs.map((d) => d.pdf), (data, ocr) => ingestPdf(data, { ocr }));
    const c = accuracy(gt, await corrected(r.pages));
    console.log(`  ${e.padEnd(14)} raw ${acc(accuracy(gt, r.texts))}  corrected ${acc(c)}  ${speed(r)}${r.failed ? `  (${r.failed} page errors)` : ''}`);
  }
  console.log(`\nB. ${files.length} single-page 300 dpi JPEG files (pages as ingestImage reads them), all in flight`);
  if (system.available) {
    try { console.log(`  ${'plain CLI'.padEnd(14)} tesseract FILE stdout -l vie --psm 3, ${jobs} at a time: ${speed(await plainCli(files))}  (baseline)`); }
    catch (err) { console.log(`  plain CLI: n/a (${(err as Error).message})`); }
  }
  for (const e of usable) {
    const r = await run(e, files, (data, ocr) => ingestImage(data, { ocr }));
    const flatGt = docs.flatMap((d) => d.gtPages.map((p) => [p]));
    console.log(`  ${e.padEnd(14)} raw ${acc(accuracy(flatGt, r.texts))}  ${speed(r)}${r.failed ? `  (${r.failed} page errors)` : ''}`);
  }
}
