/**
 * npm run bench:realistic — baocao on realistic degradations of the devset's scan pages (issue 14:
 * real archives are skewed, turned, photographed, sealed, thin, "searchable"): each page of
 * ../shared/devset/scans/*-d<level> (measurement only, never tuning) is degraded by each module of
 * scripts/realistic/ (seeded: the same pages every run), and per degradation, pooled over pages:
 *   text    syllable accuracy (case-sensitive, whole page aligned; bench/lib/score.ts) of
 *           plain   tesseract.js (vie) on the degraded page image as given,
 *           off     baocao convert with straightening off (ingest option straighten: false),
 *           on      baocao convert as it ships (pages turned upright and deskewed first),
 *           and the clean page through baocao on the same row (the "clean" row: as given);
 *   fields  number, date, type, issuer, signer found by convert vs those convert finds on the
 *           page's ground-truth text (the same pipeline on gt.txt: what the page shows), off / on;
 *   cost    CPU ms of straightening a clean page as given (measure, and the redraw when it is
 *           skewed ≥ 0.3°) beside the CPU ms of one tesseract.js reading of it, each run alone.
 *   --level 2 (1: 300 dpi, 2: 200 dpi, 3: 120 dpi)  --pages 4 (first N pages of the level's scans)
 *   --only skew,rotate-180 (degradations by name; 'clean' is always run)  --jobs 2  --verbose
 *   --cache DIR  OCR readings kept by image hash (default bench/.work/realistic/ocr; '' for none):
 *                a rerun reads nothing twice; OCR ms are then those of the first run's misses only.
 * BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { convert } from '../src/pipeline/index.js';
import { loadModel } from '../src/model/load.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import { PdfSource } from '../src/ingest/ocr/pdf-source.js';
import { straightenPage } from '../src/ingest/ocr/straighten.js';
import type { DocumentResult } from '../src/core/schema.js';
import { emptyScore, pct, scoreWhole, type Score } from './lib/score.js';
import { FIELD_NAMES, foundFields, squashField, type FieldName } from './lib/real-fields.js';
import { degradations, type BasePage, type Degradation } from '../scripts/realistic/index.js';
import { seedOf } from '../scripts/realistic/degradation.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scansDir = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'scans');
const work = join(root, 'bench', '.work', 'realistic');
const { values: args } = parseArgs({
  options: {
    level: { type: 'string', default: '2' }, pages: { type: 'string', default: '4' }, only: { type: 'string' },
    jobs: { type: 'string', default: '2' }, verbose: { type: 'boolean', default: false }, cache: { type: 'string', default: join(work, 'ocr') },
  },
});

/** OCR pool keeping readings by image hash. */
function cached(inner: OcrPool, dir: string): OcrPool {
  if (dir) mkdirSync(dir, { recursive: true });
  return {
    size: inner.size, terminate: () => inner.terminate(),
    recognize: async (image, options) => {
      const file = dir ? join(dir, `${createHash('sha1').update(image).update(options?.psm ?? '').digest('hex')}.json`) : '';
      if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
      const r = await inner.recognize(image, options);
      if (file) writeFileSync(file, JSON.stringify(r));
      return r;
    },
  };
}

interface Base extends BasePage { gt: string; reference: Record<FieldName, string | null> }

const model = loadModel();
const pool = cached(createOcrPool({ jobs: Number(args.jobs) }), args.cache!);

async function convertFile(name: string, data: Uint8Array, straighten: boolean): Promise<DocumentResult> {
  return convert({ path: name, data }, { restore: { model }, segment: {}, ingest: { ocr: pool, straighten } }) as Promise<DocumentResult>;
}

async function basePages(): Promise<Base[]> {
  const docs = readdirSync(scansDir).filter((d) => d.endsWith(`-d${args.level}`)).sort();
  const raw: { id: string; image: Uint8Array; gt: string }[] = [];
  for (const doc of docs) {
    const gts = readFileSync(join(scansDir, doc, 'gt.txt'), 'utf8').normalize('NFC').split('\f');
    const source = await PdfSource.open(new Uint8Array(readFileSync(join(scansDir, doc, 'scan.pdf'))));
    try {
      for (let n = 1; n <= source.pageCount && raw.length < Number(args.pages); n++) {
        const { image } = await source.image(n, 300);
        raw.push({ id: `${doc} p${n}`, image: new Uint8Array(await sharp(image).png().toBuffer()), gt: (gts[n - 1] ?? '').trim() });
      }
    } finally {
      await source.close();
    }
    if (raw.length >= Number(args.pages)) break;
  }
  const out: Base[] = [];
  for (const [i, p] of raw.entries()) {
    const meta = await sharp(p.image).metadata();
    const clean = await convertFile(`${p.id}.png`, p.image, true);
    const reference = foundFields(await convert({ path: `${p.id}.txt`, data: new TextEncoder().encode(p.gt) }, { restore: { model }, segment: {} }) as DocumentResult);
    // Scan images at 200/300/120 dpi on A4.
    const dpi = Math.round(Math.max(meta.width!, meta.height!) / (297 / 25.4));
    out.push({ ...p, width: meta.width!, height: meta.height!, dpi, next: raw[(i + 1) % raw.length]!.image, words: clean.pages[0]?.words ?? [], reference });
  }
  return out;
}

interface Cell { plain: Score; off: Score; on: Score; fieldsOff: number; fieldsOn: number; fieldsAll: number; notes: string[] }

const identity: Degradation = { name: 'clean', apply: async (p) => ({ data: p.image, ext: 'png', note: 'as given' }) };
const score = (gt: string, text: string) => { const s = emptyScore(); scoreWhole(gt, text, s); return s; };
const add = (a: Score, b: Score): Score => ({ gtTokens: a.gtTokens + b.gtTokens, correct: a.correct + b.correct, correctCased: a.correctCased + b.correctCased });
const textOf = (r: DocumentResult) => (r.text.restored ?? r.text.original).split('\f')[0] ?? '';

function fieldsRight(ref: Record<FieldName, string | null>, r: DocumentResult): { right: number; all: number } {
  const got = foundFields(r);
  let right = 0, all = 0;
  for (const f of FIELD_NAMES) {
    if (ref[f] === null) continue;
    all++;
    if (got[f] !== null && squashField(got[f]!) === squashField(ref[f]!)) right++;
  }
  return { right, all };
}

async function run(d: Degradation, page: Base): Promise<Cell> {
  const degraded = await d.apply(page, seedOf(d.name, page.id));
  const name = `${page.id.replace(/\s+/g, '-')}.${d.name}.${degraded.ext}`;
  if (args.verbose) writeFileSync(join(work, name), degraded.data);
  const image = degraded.image ?? degraded.data;
  const plain = (await pool.recognize(image)).lines.join('\n');
  const off = await convertFile(name, degraded.data, false);
  const on = await convertFile(name, degraded.data, true);
  const fo = fieldsRight(page.reference, off), fn = fieldsRight(page.reference, on);
  const geometry = on.diagnostics.filter((x) => ['ingest/rotated-page', 'ingest/deskewed', 'ingest/skew-not-rigid'].includes(x.ruleId)).map((x) => x.message.replace(/^page \d+ /, ''));
  return {
    plain: score(page.gt, plain), off: score(page.gt, textOf(off)), on: score(page.gt, textOf(on)),
    fieldsOff: fo.right, fieldsOn: fn.right, fieldsAll: fn.all,
    notes: [`${page.id}: ${degraded.note}${geometry.length ? ` → ${geometry.join('; ')}` : ''}`],
  };
}

const merge = (a: Cell, b: Cell): Cell => ({
  plain: add(a.plain, b.plain), off: add(a.off, b.off), on: add(a.on, b.on), fieldsOff: a.fieldsOff + b.fieldsOff, fieldsOn: a.fieldsOn + b.fieldsOn,
  fieldsAll: a.fieldsAll + b.fieldsAll, notes: [...a.notes, ...b.notes],
});
/**
 * CPU cost of straightening beside OCR, on the first clean pages as the PDF gives them, each step
 * run alone in this process (the pool's workers are threads of it; wall times on a shared machine
 * are noise).
 */
async function costReport(): Promise<void> {
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const inner = createOcrPool({ jobs: 1 });
  let warmed = false;
  try {
    for (const doc of readdirSync(scansDir).filter((d) => d.endsWith(`-d${args.level}`)).sort().slice(0, 3)) {
      const n = 1;
      const source = await PdfSource.open(new Uint8Array(readFileSync(join(scansDir, doc, 'scan.pdf'))));
      const { image } = await source.image(n, 300);
      await source.close();
      const s0 = cpu();
      const s = await straightenPage(image);
      const straighten = cpu() - s0;
      if (doc.endsWith(`-d${args.level}`) && n === 1 && !warmed) { await inner.recognize(image); warmed = true; } // the first reading loads the model
      const o0 = cpu();
      await inner.recognize(image);
      const ocr = cpu() - o0;
      console.log(`cost, ${doc} page ${n} as given: straightening ${straighten.toFixed(0)} CPU ms (${s.turn || s.skew ? `redrawn: turn ${s.turn}°, skew ${s.skew.toFixed(2)}°` : 'measured only, image untouched'}) vs one OCR reading ${ocr.toFixed(0)} CPU ms: ${((100 * straighten) / ocr).toFixed(1)} %`);
    }
  } finally {
    await inner.terminate();
  }
}

const p2 = (s: Score) => pct(s, true).toFixed(2).padStart(6);

mkdirSync(work, { recursive: true });
const all = degradations(join(work, 'eng'));
const chosen = [identity, ...all.filter((d) => !args.only || args.only.split(',').includes(d.name))];
console.log(`bench:realistic — devset level ${args.level}, ${args.pages} pages, ${chosen.length - 1} degradations (${chosen.slice(1).map((d) => d.name).join(', ')}); ${args.jobs} OCR workers${args.cache ? `; OCR cached in ${args.cache}` : ''}`);
try {
  const pages = await basePages();
  const rows: [string, Cell][] = [];
  let clean: Cell | undefined;
  for (const d of chosen) {
    const cells: Cell[] = [];
    // Pages in parallel up to the pool's size: each convert reads one page at a time.
    for (let i = 0; i < pages.length; i += pool.size) cells.push(...(await Promise.all(pages.slice(i, i + pool.size).map((p) => run(d, p)))));
    const cell = cells.reduce(merge);
    if (d === identity) clean = cell;
    rows.push([d.name, cell]);
    if (args.verbose) for (const n of cell.notes) console.log(`  ${d.name}: ${n}`);
  }
  console.log('\ntext: syllable accuracy, case-sensitive (plain = tesseract.js vie on the page as given; off/on = baocao with straightening off/on; clean = baocao on the clean page)');
  console.log(`  ${'degradation'.padEnd(16)} ${'plain'.padStart(8)} ${'off'.padStart(8)} ${'on'.padStart(8)} ${'clean'.padStart(8)}   ${'fields off'.padStart(10)} ${'on'.padStart(6)}`);
  for (const [name, c] of rows) {
    console.log(`  ${name.padEnd(16)} ${p2(c.plain)} % ${p2(c.off)} % ${p2(c.on)} % ${p2(clean!.on)} %   ${`${c.fieldsOff}/${c.fieldsAll}`.padStart(10)} ${`${c.fieldsOn}/${c.fieldsAll}`.padStart(6)}`);
  }
  await costReport();
} finally {
  await pool.terminate();
}
