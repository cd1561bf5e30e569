/**
 * npm run bench:ocr — OCR of ../shared/devset/scans per quality level (d1 300 dpi, d2 200 dpi,
 * d3 120 dpi): syllable accuracy (bench/lib/score.ts, whole page aligned by edit distance) of raw
 * tesseract.js output read through ingestPdf, of that output corrected by restore(…, 'vie-ocr'),
 * and of the native tesseract CLI (same best_int model, same psm) side by side; seconds per page
 * (median worker time, wall and CPU per page with N workers), peak RSS.
 *   --psm 3,4,6   compare segmentation modes (raw accuracy only)
 *   --levels 1,2,3  --jobs 2  --no-cli  --rss50 (peak RSS of a 50-page 300 dpi scanned PDF)
 *   --ingest300  peak RSS of ingesting a generated 300-page 300 dpi scanned PDF with a stand-in OCR
 *                pool (ingest memory only: page images alive at once, the file's copies)
 *   --no-structure  skip the "structure vs GT" row (bench/ocr-structure.ts: header fields and
 *                   section tree of `convert` on scan.pdf vs on its gt.txt; --verbose lists them)
 *   --raw-cache DIR  keep tesseract.js pages in DIR and reuse them (correction work without
 *                    re-running OCR; speed figures are then not measured)
 *   --in-proportion-levels 1,2  levels also read with pages kept in proportion (not narrowed,
 *                    image-resolution.ts): the baseline rows for that trade, run before the
 *                    default reading in the same process ('' for none; level 3 is never narrowed)
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BENCH_MODEL_DIR the model folder (a folder
 *   without vi-ocr-vie.json corrects as before the learned channel); BENCH_VIE_TUNING='{…}' VieTuning fields.
 * CPU times are the honest speed figure on a shared machine; wall times there are pessimistic.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { createOcrPool, DEFAULT_PSM, type OcrPool } from '../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../src/ingest/ocr/result.js';
import { resolveOfflinePaths } from '../src/ingest/ocr/offline-paths.js';
import { ingestPdf } from '../src/ingest/pdf.js';
import { emptyScore, pct, scoreLine, type Score } from './lib/score.js';
import { printStructureReport, structureVsGt } from './ocr-structure.js';
import { changesLine, countChanges, emptyChanges } from './lib/vie-changes.js';
import type { Page } from '../src/core/document.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const work = join(root, 'bench', '.work', 'ocr');
const { values: args } = parseArgs({
  options: {
    psm: { type: 'string', default: DEFAULT_PSM }, levels: { type: 'string', default: '1,2,3' },
    jobs: { type: 'string', default: '2' }, 'no-cli': { type: 'boolean', default: false },
    'no-structure': { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false },
    rss50: { type: 'boolean', default: false }, 'rss-child': { type: 'string' }, ingest300: { type: 'boolean', default: false }, 'ingest-child': { type: 'string' }, 'raw-cache': { type: 'string' }, 'in-proportion-levels': { type: 'string', default: '1,2' },
  },
});
const jobs = Number(args.jobs);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN; };
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const f1 = (x: number) => x.toFixed(2);

/** Children's CPU seconds (utime+stime of waited-for children) from /proc. */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Doc { id: string; dir: string; gtPages: string[] }

function docsAt(level: string): Doc[] {
  return readdirSync(scansDir).filter((d) => d.endsWith(`-d${level}`)).sort().map((id) => ({
    id, dir: join(scansDir, id),
    gtPages: readFileSync(join(scansDir, id, 'gt.txt'), 'utf8').split('\f').filter((p) => p.trim() !== ''),
  }));
}

function scorePages(gtPages: string[], outPages: string[], into: Score): void {
  gtPages.forEach((gt, i) => scoreLine(gt.replace(/\n/g, ' '), (outPages[i] ?? '').replace(/\n/g, ' '), into));
}

async function runTesseractJs(docs: Doc[], psm: string, narrow = true) {
  const cacheDir = args['raw-cache'];
  const cacheFile = (d: Doc) => join(cacheDir!, `${d.id}.psm${psm}${narrow ? '.narrow' : ''}.v2.json`);
  if (cacheDir && docs.every((d) => existsSync(cacheFile(d)))) {
    const cached = docs.map((d) => JSON.parse(readFileSync(cacheFile(d), 'utf8')) as { pages: Page[]; raw: string[] });
    const pages = cached.map((c) => c.pages);
    return { texts: cached.map((c) => c.raw), pageData: pages, pages: pages.reduce((s, p) => s + p.length, 0), wall: NaN, cpu: NaN, median: NaN, failed: 0 };
  }
  const times: number[] = [];
  const pool = createOcrPool({ jobs, psm, onRecognized: (ms) => times.push(ms / 1000) });
  await pool.recognize(readFileSync(join(root, 'fixtures', 'scans', 'line.png'))).catch(() => undefined); // warm-up: model load
  times.length = 0;
  const t0 = performance.now(), c0 = cpuSeconds();
  // Each document's pages as tesseract.js returned them, before baocao's own reading of the page
  // image (roman-stems.ts) touches them: the raw row.
  const readings = docs.map(() => [] as OcrPageResult[]);
  const outs = await Promise.all(docs.map((d, i) => ingestPdf(new Uint8Array(readFileSync(join(d.dir, 'scan.pdf'))), { ocr: recordingPool(pool, readings[i]!), ocrNarrow: narrow })));
  const wall = (performance.now() - t0) / 1000, cpu = cpuSeconds() - c0;
  const rawPages = outs.map((o, i) => o.pages.map((p) => readingOf(p, readings[i]!)?.lines.join('\n') ?? ''));
  await pool.terminate();
  const pages = outs.reduce((s, o) => s + o.pages.length, 0);
  const failed = outs.flatMap((o) => o.diagnostics).filter((d) => d.severity === 'error').length;
  if (cacheDir && !failed) {
    mkdirSync(cacheDir, { recursive: true });
    docs.forEach((d, i) => writeFileSync(cacheFile(d), JSON.stringify({ pages: outs[i]!.pages, raw: rawPages[i] })));
  }
  return { texts: rawPages, pageData: outs.map((o) => o.pages), pages, wall, cpu, median: median(times), failed };
}

/** `pool`, keeping each page it reads. */
function recordingPool(pool: OcrPool, into: OcrPageResult[]): OcrPool {
  return { size: pool.size, terminate: () => pool.terminate(), recognize: async (image) => { const r = await pool.recognize(image); into.push(r); return r; } };
}

/** The pool's reading that became `page`: as many lines (baocao's checks against the image
 * rewrite a few lines, never add or drop one) and the most of them the same. */
function readingOf(page: Page, readings: OcrPageResult[]): OcrPageResult | undefined {
  const same = (r: OcrPageResult) => r.lines.filter((l, i) => l === page.lines[i]).length;
  const fits = readings.filter((r) => r.lines.length === page.lines.length);
  return fits.sort((a, b) => same(b) - same(a))[0];
}

/** The native CLI on the JPEGs that scan.pdf embeds (pdfimages -j), two processes at a time. */
async function runCli(docs: Doc[], psm: string, tessdata: string) {
  const jobsList: { doc: number; page: number; file: string }[] = [];
  docs.forEach((d, i) => {
    const dir = join(work, d.id);
    if (!existsSync(join(dir, 'p-000.jpg'))) { mkdirSync(dir, { recursive: true }); execFileSync('pdfimages', ['-j', join(d.dir, 'scan.pdf'), join(dir, 'p')]); }
    readdirSync(dir).filter((f) => /^p-\d+\.jpg$/.test(f)).sort().forEach((f, k) => jobsList.push({ doc: i, page: k, file: join(dir, f) }));
  });
  const texts: string[][] = docs.map(() => []);
  const times: number[] = [];
  const t0 = performance.now(), c0 = childCpuSeconds();
  let next = 0;
  const lane = async () => {
    while (next < jobsList.length) {
      const j = jobsList[next++]!;
      const s = performance.now();
      texts[j.doc]![j.page] = await new Promise<string>((res, rej) => {
        const p = spawn('tesseract', [j.file, 'stdout', '-l', 'vie', '--psm', psm, '--tessdata-dir', tessdata], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        let out = '';
        p.stdout.on('data', (b) => (out += b));
        p.on('close', (code) => (code === 0 ? res(out.normalize('NFC')) : rej(new Error(`tesseract exit ${code}`))));
      });
      times.push((performance.now() - s) / 1000);
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return { texts, pages: jobsList.length, wall: (performance.now() - t0) / 1000, cpu: childCpuSeconds() - c0, median: median(times) };
}

/** Each page corrected as the restore stage does it: 'vie-ocr' input with the OCR word confidences. */
async function correctedOrNull(pageData: Page[][]): Promise<string[][] | null> {
  try {
    const { restore, documentConfidences } = await import('../src/core/restore/index.js');
    const { loadModel } = await import('../src/model/load.js');
    const model = loadModel(process.env.BENCH_MODEL_DIR);
    const vieTuning = process.env.BENCH_VIE_TUNING ? JSON.parse(process.env.BENCH_VIE_TUNING) : undefined;
    return pageData.map((pages) => pages.map((p) => restore(p.lines.join('\n'), { model, input: 'vie-ocr', confidences: documentConfidences([p]), vieTuning }).text));
  } catch (err) {
    console.log(`  corrected: n/a (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

function cliTessdata(): string | null {
  try { execFileSync('tesseract', ['--version'], { stdio: 'ignore' }); } catch { return null; }
  const dir = join(work, 'tessdata');
  if (!existsSync(join(dir, 'vie.traineddata'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(join(resolveOfflinePaths().langPath, 'vie.traineddata.gz'))));
  }
  return dir;
}

function row(name: string, s: Score, speed?: { pages: number; wall: number; cpu: number; median: number }): void {
  const sp = speed && !Number.isNaN(speed.wall) ? `  median ${f1(speed.median)} s/page/worker  wall ${f1(speed.wall / speed.pages)} s/page  CPU ${f1(speed.cpu / speed.pages)} s/page` : '';
  console.log(`  ${name.padEnd(26)} ${pct(s).toFixed(2).padStart(6)} %  (${s.correct}/${s.gtTokens})${sp}`);
}

async function levelReport(level: string, tessdata: string | null): Promise<void> {
  const docs = docsAt(level);
  const psms = args.psm!.split(',');
  console.log(`\nlevel d${level}: ${docs.length} docs, ${docs.reduce((s, d) => s + d.gtPages.length, 0)} pages, ${jobs} workers`);
  const dataset = emptyScore();
  docs.forEach((d) => scorePages(d.gtPages, readFileSync(join(d.dir, 'ocr.vie.txt'), 'utf8').split('\f'), dataset));
  row('dataset ocr.vie.txt (CLI)', dataset);
  for (const psm of psms) {
    const inProportion = args['in-proportion-levels']!.split(',').includes(level) ? await runTesseractJs(docs, psm, false) : undefined;
    const r = await runTesseractJs(docs, psm);
    if (inProportion) {
      const s = emptyScore(), c = emptyScore();
      docs.forEach((d, i) => scorePages(d.gtPages, inProportion.texts[i]!, s));
      row(`in proportion: raw`, s, inProportion);
      const corrected = await correctedOrNull(inProportion.pageData);
      if (corrected) { docs.forEach((d, i) => scorePages(d.gtPages, corrected[i]!, c)); row(`in proportion: corrected`, c); }
    }
    const raw = emptyScore();
    docs.forEach((d, i) => scorePages(d.gtPages, r.texts[i]!, raw));
    row(`tesseract.js psm ${psm} raw`, raw, r);
    if (inProportion) console.log(`  narrowed/in proportion: CPU per page ${f1(r.cpu / r.pages / (inProportion.cpu / inProportion.pages))}×, wall ${f1(r.wall / inProportion.wall)}×`);
    if (r.failed) console.log(`  (${r.failed} page errors)`);
    if (psms.length > 1) continue;
    const corrected = await correctedOrNull(r.pageData);
    if (corrected) {
      const c = emptyScore(), changes = emptyChanges();
      docs.forEach((d, i) => scorePages(d.gtPages, corrected[i]!, c));
      docs.forEach((d, i) => d.gtPages.forEach((gt, k) => countChanges(gt, r.texts[i]![k] ?? '', corrected[i]![k] ?? '', changes)));
      row(`baocao corrected (vie-ocr)`, c);
      console.log(`  corrected − raw: ${(pct(c) - pct(raw)).toFixed(2)} points; ${changesLine(changes)}`);
    }
    if (!args['no-structure']) {
      const pool = createOcrPool({ jobs, psm });
      try {
        for (const [lvl, rep] of await structureVsGt(scansDir, [level], pool)) printStructureReport(lvl, rep, args.verbose!);
      } catch (err) {
        console.log(`  structure vs GT: n/a (${(err as Error).message.split('\n')[0]})`);
      } finally {
        await pool.terminate();
      }
    }
    if (tessdata) {
      const cli = await runCli(docs, psm, tessdata);
      const s = emptyScore();
      docs.forEach((d, i) => scorePages(d.gtPages, cli.texts[i]!, s));
      row(`tesseract CLI psm ${psm}`, s, cli);
      console.log(`  tesseract.js/CLI CPU per page: ${f1(r.cpu / r.pages / (cli.cpu / cli.pages))}×`);
    }
  }
}

/** Child mode: read one PDF with the pool and print its peak RSS (a clean process per run). */
async function rssChild(file: string): Promise<void> {
  const pool = createOcrPool({ jobs });
  const t0 = performance.now(), c0 = cpuSeconds();
  const r = await ingestPdf(readFileSync(file), { ocr: pool, onPage: (n, t) => { if (n % 10 === 0) console.error(`  ${n}/${t} pages, RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MB`); } });
  await pool.terminate();
  console.log(JSON.stringify({ pages: r.pages.length, errors: r.diagnostics.filter((d) => d.severity === 'error').length, wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** Child mode: ingest a PDF with a stand-in pool (each page held 50 ms); ingest memory only. */
async function ingestChild(file: string): Promise<void> {
  let alive = 0, maxAlive = 0;
  const pool = { size: jobs, terminate: async () => undefined, recognize: async () => {
    maxAlive = Math.max(maxAlive, ++alive);
    await new Promise((r) => setTimeout(r, 50));
    alive--;
    return { lines: ['x'], words: [], confidence: 90 };
  } };
  const r = await ingestPdf(readFileSync(file), { ocr: pool });
  console.log(JSON.stringify({ pages: r.pages.length, maxAlive, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** A scanned PDF of `n` pages cycling through the devset's 300 dpi scanner JPEGs. */
function scannedPdf(n: number): string {
  const jpgs: string[] = [];
  for (const d of docsAt('1')) {
    const dir = join(work, d.id);
    if (!existsSync(join(dir, 'p-000.jpg'))) { mkdirSync(dir, { recursive: true }); execFileSync('pdfimages', ['-j', join(d.dir, 'scan.pdf'), join(dir, 'p')]); }
    jpgs.push(...readdirSync(dir).filter((f) => /^p-\d+\.jpg$/.test(f)).sort().map((f) => join(dir, f)));
  }
  const file = join(work, `scan-${n}.pdf`);
  execFileSync('img2pdf', ['--pagesize', 'A4', '-o', file, ...Array.from({ length: n }, (_, i) => jpgs[i % jpgs.length]!)]);
  return file;
}

const child = (mode: string, file: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), mode, file, '--jobs', String(jobs)], { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim().split('\n').pop()!);

async function rss50(): Promise<void> {
  const file = scannedPdf(50);
  console.log(`\n50-page scanned PDF (300 dpi JPEG pages, ${(readFileSync(file).length / 2 ** 20).toFixed(1)} MB), ${jobs} workers:`);
  const r = child('--rss-child', file);
  console.log(`  pages ${r.pages}, errors ${r.errors}, wall ${f1(r.wall / r.pages)} s/page, CPU ${f1(r.cpu / r.pages)} s/page, peak RSS ${r.maxRssMB.toFixed(0)} MB (bar: 1024 MB)`);
}

async function ingest300(): Promise<void> {
  const file = scannedPdf(300);
  const r = child('--ingest-child', file);
  console.log(`\n300-page scanned PDF (${(readFileSync(file).length / 2 ** 20).toFixed(0)} MB), ingest with a stand-in OCR pool of ${jobs}: ${r.pages} pages, at most ${r.maxAlive} page images at OCR at once, peak RSS ${r.maxRssMB.toFixed(0)} MB`);
}

if (args['rss-child']) await rssChild(args['rss-child']);
else if (args['ingest-child']) await ingestChild(args['ingest-child']);
else {
  mkdirSync(work, { recursive: true });
  const tessdata = args['no-cli'] ? null : cliTessdata();
  console.log(`bench:ocr — psm ${args.psm}, jobs ${jobs}, native CLI ${tessdata ? 'yes' : args['no-cli'] ? 'skipped' : 'not installed'}; machine shared: wall times pessimistic, see CPU`);
  for (const level of args.levels!.split(',').filter(Boolean)) await levelReport(level, tessdata);
  if (args.rss50) await rss50();
  if (args.ingest300) await ingest300();
  console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
