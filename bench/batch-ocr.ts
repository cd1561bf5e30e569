/**
 * npm run bench:batch-ocr — a batch of scans through baocao beside plain tesseract, in one run:
 * the 12 devset level-1 pages (../shared/devset/scans/*-d1/scan.pdf, 300 dpi) as 12 single-page
 * JPEG files (pdfimages -j), and the same pages as one 12-page PDF (pdf-lib, the JPEGs as they are).
 *   baseline  `tesseract <img> - -l vie`, --jobs processes at a time (OMP_THREAD_LIMIT=1: the
 *             processes are the parallelism), Debian's own vie model
 *   baocao    runBatch (what `baocao convert DIR --jobs N` runs: OCR, page checks, restoration,
 *             structure, JSON + CSV, manifests, documents.csv), wasm engine and --ocr-engine native;
 *             the OCR workers are started inside the clock (a batch pays for them), the
 *             restoration model is loaded before it (once per process)
 *   plain     the baseline exactly as a user types it (OpenMP threads left at Debian's default:
 *             every process starts one thread per core, so 2 processes contend for 2 cores)
 *   old       the same batch with one scanned file in flight at a time (the scheduler before
 *             batch/ocr-files.ts: pages of one file spread over the workers)
 *   sweep     wasm with --jobs 1, 2, 3 (the measurement behind the default --jobs)
 * The sides run interleaved, in a rotated order each round, so a load spike on the shared machine
 * hits them alike; each is printed as the range over rounds of wall s and of its ratio to the
 * baseline's wall in the same round. CPU s is this process, its threads and its waited-for children;
 * "tesseract processes" is the children's part (the native engine's OCR; with wasm the OCR runs in
 * this process's worker threads), so the rest of a native side is baocao's own work.
 * "OCR workers busy": the pages' time on the workers over wall × jobs — how well the scheduler
 * keeps every worker fed, which a loaded machine slows but does not hide (wall figures it does).
 *   native-fast  --ocr-engine native reading the system's vie model (Debian: tessdata_fast, the
 *             baseline's model) instead of the bundled best_int: the speed/accuracy trade of the model
 * Accuracy, so that a speed trick that loses words shows: syllable accuracy (bench/lib/score.ts)
 * of each side's text against the devset GT of the same pages, per page as one line; the CLI's
 * output as it prints it, baocao's text as read (`text.original`: OCR after its page checks) and
 * as restored (`text.restored`).
 *   --rounds 2  --jobs 2  --sides baseline,plain,wasm,native,native-fast,old,pdf-wasm,pdf-native,sweep
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder.
 * Needs poppler-utils (pdfimages) and tesseract-ocr with tesseract-ocr-vie.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { runBatch, type OcrSchedule } from '../src/batch/run.js';
import { nativeTesseractStatus } from '../src/ingest/ocr/engine.js';
import { loadModel } from '../src/model/load.js';
import { emptyScore, pct, scoreLine, type Score } from './lib/score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const work = join(root, 'bench', '.work', 'batch-ocr');
const { values: args } = parseArgs({ options: {
  rounds: { type: 'string', default: '2' }, jobs: { type: 'string', default: '2' },
  sides: { type: 'string', default: 'baseline,plain,wasm,native,native-fast,old,pdf-wasm,pdf-native,sweep' },
} });
const jobs = Number(args.jobs);
const wanted = new Set(args.sides!.split(','));

function cpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

/** The waited-for children's share of cpuSeconds (tesseract processes: the baseline's, the native engine's). */
function childCpuSeconds(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

/** The 12 page JPEGs in their own folder (the batch input) and the 12-page PDF in another. */
async function prepare(): Promise<{ pagesDir: string; pages: string[]; pdfDir: string }> {
  const pagesDir = join(work, 'pages'), pdfDir = join(work, 'pdf');
  if (!existsSync(join(pdfDir, 'devset-d1-12p.pdf'))) {
    mkdirSync(pagesDir, { recursive: true });
    mkdirSync(pdfDir, { recursive: true });
    for (const id of readdirSync(scansDir).filter((d) => d.endsWith('-d1')).sort()) execFileSync('pdfimages', ['-j', join(scansDir, id, 'scan.pdf'), join(pagesDir, id)]);
    const pdf = await PDFDocument.create();
    for (const f of readdirSync(pagesDir).sort()) {
      const jpg = await pdf.embedJpg(readFileSync(join(pagesDir, f)));
      pdf.addPage([(jpg.width * 72) / 300, (jpg.height * 72) / 300]).drawImage(jpg, { x: 0, y: 0, width: (jpg.width * 72) / 300, height: (jpg.height * 72) / 300 });
    }
    writeFileSync(join(pdfDir, 'devset-d1-12p.pdf'), await pdf.save());
  }
  return { pagesDir, pages: readdirSync(pagesDir).filter((f) => f.endsWith('.jpg')).sort().map((f) => join(pagesDir, f)), pdfDir };
}

interface Timing { wall: number; cpu: number; busy: number; childCpu: number }

/** The devset GT of a page file `<doc>-<k>.jpg` (pdfimages numbers a document's pages from 000). */
function gtOf(file: string): string | undefined {
  const m = /^(.*)-(\d{3})\.jpg$/.exec(file.split('/').pop()!);
  if (!m) return undefined;
  return readFileSync(join(scansDir, m[1]!, 'gt.txt'), 'utf8').split('\f').filter((p) => p.trim() !== '')[Number(m[2])];
}

/** Texts a side produced in its last run, per page file: as read, and restored (baocao only). */
let texts = new Map<string, { read: string; restored?: string }>();

function accuracy(which: 'read' | 'restored'): Score | undefined {
  const s = emptyScore();
  let any = false;
  for (const f of pages) {
    const t = texts.get(f)?.[which];
    const gt = gtOf(f);
    if (t === undefined || gt === undefined) continue;
    any = true;
    scoreLine(gt.replace(/\s+/g, ' '), t.replace(/\s+/g, ' '), s);
  }
  return any ? s : undefined;
}

/** OCR worker ms of the side being run (baocao sides only). */
let busyMs = 0;
const onRecognized = (ms: number) => { busyMs += ms; };

async function clocked(run: () => Promise<void>): Promise<Timing> {
  busyMs = 0;
  const t0 = performance.now(), c0 = cpuSeconds(), k0 = childCpuSeconds();
  await run();
  return { wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - c0, busy: busyMs / 1000, childCpu: childCpuSeconds() - k0 };
}

/** `tesseract <img> - -l vie`, `n` at a time; `ompLimit` sets OMP_THREAD_LIMIT=1 (else as a user runs it). */
function plainTesseract(files: string[], n: number, ompLimit = true): () => Promise<void> {
  return async () => {
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++]!;
        await new Promise<void>((ok, fail) => {
          const p = spawn('tesseract', [file, '-', '-l', 'vie'], { stdio: ['ignore', 'pipe', 'ignore'], env: ompLimit ? { ...process.env, OMP_THREAD_LIMIT: '1' } : plainEnv });
          const out: Buffer[] = [];
          p.stdout.on('data', (b: Buffer) => out.push(b));
          p.on('error', fail);
          p.on('close', (code) => { texts.set(file, { read: Buffer.concat(out).toString('utf8') }); (code === 0 ? ok() : fail(new Error(`tesseract exit ${code} on ${file}`))); });
        });
      }
    };
    await Promise.all(Array.from({ length: n }, lane));
  };
}

/** The environment of a user who never heard of OMP_THREAD_LIMIT. */
const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'OMP_THREAD_LIMIT'));

let outN = 0;
/** The --jobs of the side being run, for its occupancy. */
let jobsOf = 0;
function baocao(input: string, engine: 'wasm' | 'native', n: number, schedule: OcrSchedule = {}, nativeModel?: 'system'): () => Promise<void> {
  return async () => {
    jobsOf = n;
    const outDir = join(work, `out-${process.pid}-${outN++}`);
    const previous = process.env.BAOCAO_NATIVE_MODEL;
    if (nativeModel) process.env.BAOCAO_NATIVE_MODEL = nativeModel;
    try {
      const s = await runBatch([input], { outDir, formats: ['json', 'csv'], resume: false, restore: true, ocrEngine: engine }, n, {}, { ...schedule, onRecognized });
      if (s.failed) throw new Error(`${s.failed} files failed: ${s.rows.filter((r) => r.status === 'error').map((r) => r.error).join('; ')}`);
      // The texts are only kept for single-page files (a PDF's pages are scored through its files' sides).
      for (const f of pages) {
        const json = join(outDir, `${f.split('/').pop()!}.json`); // output-names.ts: the input's name + the writer's suffix
        if (!existsSync(json)) continue;
        const doc = JSON.parse(readFileSync(json, 'utf8')) as { text: { original: string; restored: string | null } };
        texts.set(f, { read: doc.text.original, restored: doc.text.restored ?? undefined });
      }
    } finally {
      if (nativeModel) { if (previous === undefined) delete process.env.BAOCAO_NATIVE_MODEL; else process.env.BAOCAO_NATIVE_MODEL = previous; }
      rmSync(outDir, { recursive: true, force: true });
    }
  };
}

const { pagesDir, pages, pdfDir } = await prepare();
const native = nativeTesseractStatus();
loadModel(); // once per process, as a batch loads it once: not what is being compared
const sides: { label: string; run: () => Promise<void> }[] = [];
const add = (key: string, label: string, run: () => Promise<void>) => { if (wanted.has(key)) sides.push({ label, run }); };
add('baseline', `baseline: tesseract <img> - -l vie, ${jobs} at a time, 12 files`, plainTesseract(pages, jobs));
add('plain', `baseline, as typed: tesseract <img> - -l vie, ${jobs} at a time, OpenMP threads left at their default`, plainTesseract(pages, jobs, false));
add('wasm', `baocao --jobs ${jobs}, 12 files, wasm`, baocao(pagesDir, 'wasm', jobs));
if (native.available) add('native', `baocao --jobs ${jobs}, 12 files, --ocr-engine native`, baocao(pagesDir, 'native', jobs));
if (nativeTesseractStatus({ model: 'system' }).available) add('native-fast', `baocao --jobs ${jobs}, 12 files, --ocr-engine native, system model (BAOCAO_NATIVE_MODEL=system)`, baocao(pagesDir, 'native', jobs, {}, 'system'));
add('old', `baocao --jobs ${jobs}, 12 files, wasm, one file at a time (old scheduler)`, baocao(pagesDir, 'wasm', jobs, { filesInFlight: 1, pageSlots: jobs + 1 }));
add('pdf-wasm', `baocao --jobs ${jobs}, one 12-page PDF, wasm`, baocao(pdfDir, 'wasm', jobs));
if (native.available) add('pdf-native', `baocao --jobs ${jobs}, one 12-page PDF, --ocr-engine native`, baocao(pdfDir, 'native', jobs));
for (const n of [1, 2, 3]) if (n !== jobs || !wanted.has('wasm')) add('sweep', `baocao --jobs ${n}, 12 files, wasm (sweep)`, baocao(pagesDir, 'wasm', n));

const rounds = Number(args.rounds);
const results = sides.map(() => [] as (Timing & { ratio: number; cpuRatio: number; occupancy: number })[]);
const scores = sides.map(() => ({} as { read?: Score; restored?: Score }));
console.log(`bench:batch-ocr — ${pages.length} single-page 300 dpi JPEGs (devset level 1), ${rounds} rounds, native: ${native.available ? native.version : native.reason}`);
for (let round = 0; round < rounds; round++) {
  const order = sides.map((_, k) => (k + round) % sides.length);
  const got: Timing[] = new Array(sides.length);
  const occupancy: number[] = new Array(sides.length);
  for (const k of order) {
    jobsOf = 0;
    texts = new Map();
    got[k] = await clocked(sides[k]!.run);
    scores[k] = { read: accuracy('read'), restored: accuracy('restored') };
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    occupancy[k] = jobsOf ? got[k]!.busy / (got[k]!.wall * jobsOf) : NaN;
    console.log(`  round ${round + 1}: ${sides[k]!.label}: ${got[k]!.wall.toFixed(1)} s wall, ${got[k]!.cpu.toFixed(1)} s CPU (tesseract processes ${got[k]!.childCpu.toFixed(1)} s)${jobsOf ? `, OCR workers busy ${(100 * occupancy[k]!).toFixed(0)} % of the time` : ''} (load ${load})`);
  }
  const base = wanted.has('baseline') ? got[0]!.wall : NaN;
  const baseCpu = wanted.has('baseline') ? got[0]!.cpu : NaN;
  got.forEach((t, k) => results[k]!.push({ ...t, ratio: t.wall / base, cpuRatio: t.cpu / baseCpu, occupancy: occupancy[k]! }));
}
const range = (xs: number[], d = 1) => { const lo = Math.min(...xs), hi = Math.max(...xs); return lo.toFixed(d) === hi.toFixed(d) ? lo.toFixed(d) : `${lo.toFixed(d)}–${hi.toFixed(d)}`; };
const acc = (x?: Score) => (x ? `${pct(x).toFixed(2)} % (${x.correct}/${x.gtTokens})` : '');
console.log(`\n| run | wall s | CPU s | wall vs baseline, same round | CPU vs baseline, same round | of it, tesseract processes s | OCR workers busy | syllables as read | restored |`);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
sides.forEach((s, k) => {
  const r = results[k]!;
  const busy = r.map((x) => x.occupancy).filter((x) => !Number.isNaN(x)).map((x) => 100 * x);
  console.log(`| ${s.label} | ${range(r.map((x) => x.wall))} | ${range(r.map((x) => x.cpu))} | ${range(r.map((x) => x.ratio), 2)} | ${range(r.map((x) => x.cpuRatio), 2)} | ${range(r.map((x) => x.childCpu))} | ${busy.length ? `${range(busy, 0)} %` : ''} | ${acc(scores[k]!.read)} | ${acc(scores[k]!.restored)} |`);
});
