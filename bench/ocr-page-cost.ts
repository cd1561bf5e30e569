/**
 * npm run bench:ocr-page-cost — where the CPU of one scanned page goes in baocao, stage by stage,
 * beside the plain CLI on the same pages (issue 18, item 3): the 12 devset level-1 pages
 * (../shared/devset/scans/*-d1/scan.pdf, 300 dpi JPEGs, as bench:batch-ocr uses them), each stage run
 * over all 12 pages one at a time (no parallelism, so the process CPU is that stage's alone):
 *   prepare   straightening's measurement (decode a small copy, ink geometry), reduceForOcr
 *             (decode, grey, 200 dpi, narrowed: the image the engines read)
 *   recognize the prepared pages through each engine (wasm; native with the bundled best_int model
 *             and with the system's model), warm
 *   ocrPage   the whole page path (straighten, reduce, OCR, merged-lines/numeral checks, header rows,
 *             pen digits), per engine: minus recognize = baocao's own cost per page
 *   baseline  `tesseract <jpg> - -l vie` (the bench:batch-ocr baseline) and the same with TSV
 *   reload    native: 12 processes (one per page, the model loaded 12 times) against one process
 *             given the 12 pages as a list file: the share of loading the model per page
 * CPU = this process, its threads and its waited-for children (/proc/self/stat).
 *   --rounds 1   BAOCAO_SHARED=/path/to/shared
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { straightenPage } from '../src/ingest/ocr/straighten.js';
import { reduceForOcr, type OcrImage } from '../src/ingest/ocr/downscale.js';
import { createOcrEngine, nativeTesseractStatus } from '../src/ingest/ocr/engine.js';
import { resolveOfflinePaths } from '../src/ingest/ocr/offline-paths.js';
import { ocrPage } from '../src/ingest/ocr/page.js';
import type { OcrPool } from '../src/ingest/ocr/pool.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const work = join(root, 'bench', '.work', 'ocr-page-cost');
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '1' } } });

function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

function pageFiles(): string[] {
  const dir = join(work, 'pages');
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const id of readdirSync(scansDir).filter((d) => d.endsWith('-d1')).sort()) execFileSync('pdfimages', ['-j', join(scansDir, id, 'scan.pdf'), join(dir, id)]);
  }
  return readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(dir, f));
}

const files = pageFiles();
const images = files.map((f) => new Uint8Array(readFileSync(f)));
const rows: { label: string; cpu: number }[] = [];

async function stage(label: string, fn: (k: number) => Promise<unknown> | unknown): Promise<number> {
  const c0 = cpuSeconds();
  for (let k = 0; k < images.length; k++) await fn(k);
  const cpu = cpuSeconds() - c0;
  rows.push({ label, cpu });
  console.log(`  ${label}: ${cpu.toFixed(2)} s CPU (${((1000 * cpu) / images.length).toFixed(0)} ms/page)`);
  return cpu;
}

const tess = (file: string, extra: string[], env = { ...process.env, OMP_THREAD_LIMIT: '1' }) =>
  execFileSync('tesseract', [file, 'stdout', '-l', 'vie', ...extra], { env, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });

const native = nativeTesseractStatus(), system = nativeTesseractStatus({ model: 'system' });
console.log(`bench:ocr-page-cost — ${images.length} pages (devset level 1, 300 dpi JPEG), each stage over all pages one at a time; native: ${native.available ? native.version : native.reason}`);
for (let round = 1; round <= Number(args.rounds); round++) {
  console.log(`round ${round}`);
  await stage('prepare: straighten (measured; turned or deskewed where the page needs it, as ocrPage does)', (k) => straightenPage(images[k]!));
  const prepared: OcrImage[] = [];
  await stage('prepare: reduceForOcr (decode, grey, 200 dpi narrowed, PGM)', async (k) => { prepared[k] = await reduceForOcr(images[k]!, { targetDpi: 200 }); });
  const engines: [string, () => OcrPool][] = [['wasm', () => createOcrEngine({ engine: 'wasm', jobs: 1 })]];
  if (native.available) engines.push(['native best_int (bundled)', () => createOcrEngine({ engine: 'native', jobs: 1 })]);
  if (system.available) engines.push(['native system model', () => createOcrEngine({ engine: 'native', jobs: 1, nativeModel: 'system' })]);
  for (const [name, make] of engines) {
    const pool = make();
    try {
      await pool.recognize(prepared[0]!.image); // warm: the wasm worker's start and model load are not a page's
      const ocr = await stage(`recognize, ${name}: the prepared page only`, (k) => pool.recognize(prepared[k]!.image));
      const whole = await stage(`ocrPage, ${name}: the whole page path`, (k) => ocrPage(pool, images[k]!, k + 1));
      console.log(`    → baocao's own page cost beyond one recognition: ${(whole - ocr).toFixed(2)} s, ${((100 * (whole - ocr)) / whole).toFixed(0)} % of the page path`);
    } finally {
      await pool.terminate();
    }
  }
  if (system.available) {
    await stage('baseline: tesseract <jpg> - -l vie (text, system model, 300 dpi)', (k) => tess(files[k]!, []));
    await stage('baseline with TSV output (-c tessedit_create_tsv=1)', (k) => tess(files[k]!, ['-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0']));
  }
  if (native.available) {
    // The bundled model and the prepared pages, as the native engine reads them; one process per page against one for all.
    const dir = join(work, 'reload');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(join(resolveOfflinePaths().langPath, 'vie.traineddata.gz'))));
    const names = prepared.map((p, k) => { const f = join(dir, `p${k}.pgm`); writeFileSync(f, p.image); return f; });
    writeFileSync(join(dir, 'list.txt'), names.join('\n') + '\n');
    const flags = ['--oem', '1', '--psm', '3', '--tessdata-dir', dir, '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0'];
    const perPage = await stage('native best_int, one process per page (model loaded per page)', (k) => tess(names[k]!, flags));
    const c0 = cpuSeconds();
    tess(join(dir, 'list.txt'), flags);
    const once = cpuSeconds() - c0;
    console.log(`  native best_int, one process for the 12 pages (list file): ${once.toFixed(2)} s CPU → loading the model per page is ${((100 * (perPage - once)) / perPage).toFixed(1)} % of the pages' CPU`);
  }
}
