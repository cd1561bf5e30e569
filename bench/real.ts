/**
 * npm run bench:real — baocao on real scans (../shared/real-scans: flatbed scans, scanner PDFs, a
 * phone photo; a development set, never a tuning one). Per page and pooled:
 *   text     syllable accuracy (README of the set: whole page aligned by edit distance,
 *            case-sensitive, tone placement normalised; bench/lib/score.ts) of page 1 of baocao's
 *            restored text beside raw Tesseract (vie) — the reading the pipeline itself got from
 *            tesseract.js for that page, before baocao's own checks; a page the pipeline took from
 *            a PDF text layer is OCR'd apart for this row, and the layer is scored too; and beside
 *            both, "plain": tesseract.js on page 1's image exactly as given (no reduction, no red
 *            seal lifted), the baseline the issue's acceptance counts from;
 *   fields   number, date, type, issuer, signer of `convert` vs fields.json (bench/lib/real-fields.ts);
 *   English  `tesseract -l eng` (the Debian binary) on page 1's image, raw and restored as
 *            `baocao restore --input ocr` does it; said so when the binary or its eng model is missing.
 * The blurry phone photo (nd30-photo) is reported apart from the pooled flatbed pages.
 *   --jobs 2  --ids a,b  --verbose (fields found, diagnostics)  --no-eng
 *   --dev a,b  number and date counted apart for these documents (a development half) and the rest
 *            (right / missing but flagged uncertain / wrong, and a date offered from the e-signature
 *            (meta.dateSuggestion) counted both ways: as not read, and as read).
 *   --ocr auto|force|never  (the ingest's text-layer choice; default: the library's)
 *   --no-straighten  pages read as they lie (ingest option straighten: false): the baseline for ocr/straighten.ts
 *   --raw-cache DIR  tesseract.js page readings kept by image hash (default bench/.work/real/ocr;
 *                    '' for none): reruns after a restore or segment change skip OCR.
 * BAOCAO_SHARED=/path/to/shared overrides the data folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert } from '../src/pipeline/index.js';
import { restore } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../src/ingest/ocr/result.js';
import { ocrPage } from '../src/ingest/ocr/page.js';
import { PdfSource } from '../src/ingest/ocr/pdf-source.js';
import { ocrTargetDpi } from '../src/ingest/image.js';
import type { Page } from '../src/core/document.js';
import type { DocumentResult } from '../src/core/schema.js';
import { emptyScore, pct, scoreWhole, type Score } from './lib/score.js';
import { compareFields, compareSkeleton, FIELD_NAMES, tallyFields, type FieldResult, type RealFields, type SkeletonResult } from './lib/real-fields.js';
import { REAL_SCANS, realScanFields, realScanFile } from './lib/real-scans.js';
import { compareSignatureBlock, type BlockResult } from './lib/real-signature.js';
import { cachingPool } from './ocr-structure.js';
import { englishOcrCached } from './lib/english-ocr.js';
import { readingOf, recordingPool } from './lib/pipeline-reading.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const setDir = REAL_SCANS;
const work = join(root, 'bench', '.work', 'real');
const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '2' }, ids: { type: 'string' }, verbose: { type: 'boolean', default: false },
    'no-eng': { type: 'boolean', default: false }, dev: { type: 'string' }, 'no-straighten': { type: 'boolean', default: false }, ocr: { type: 'string' }, 'raw-cache': { type: 'string', default: join(work, 'ocr') },
  },
});
const PHOTO = 'nd30-photo';

interface PageRun {
  id: string;
  gt: string | null;
  raw: string | null;
  /** tesseract.js on the page image as given, none of baocao's preparation. */
  plain: string | null;
  restored: string;
  method: string;
  /** The PDF text layer as read, when the pipeline took it for page 1. */
  textLayer: string | null;
  eng: { raw: string; restored: string } | string | null;
  fields: FieldResult[];
  block: BlockResult;
  skeleton: SkeletonResult;
  notes: string[];
  /** meta.uncertain, and the date offered from an e-signature (meta.dateSuggestion). */
  uncertain: string[];
  suggested: string | null;
}

/** Page 1's image as OCR would get it (the file itself for an image). */
async function firstPageImage(file: string, data: Uint8Array): Promise<{ image: Uint8Array; pageSizePt?: [number, number] }> {
  if (!file.endsWith('.pdf')) return { image: data };
  const source = await PdfSource.open(data);
  try {
    return await source.image(1, 300);
  } finally {
    await source.close();
  }
}

function engBinary(): string | null {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return /^eng$/m.test(langs) ? null : 'tesseract is installed without its eng model (apt-get install tesseract-ocr-eng)';
  } catch {
    return 'the tesseract binary is not installed (apt-get install tesseract-ocr tesseract-ocr-eng)';
  }
}

/** `tesseract -l eng` on page 1's image (kept in the work folder by the image's hash). */
async function englishOcr(id: string, file: string, data: Uint8Array): Promise<string> {
  const { image } = await firstPageImage(file, data);
  return englishOcrCached(work, id, image);
}

async function runPage(f: RealFields, pool: OcrPool, model: ReturnType<typeof loadModel>, engMissing: string | null): Promise<PageRun> {
  const file = realScanFile(f.id);
  const data = new Uint8Array(readFileSync(file));
  const gtFile = join(setDir, 'gt', `${f.id}.gt.txt`);
  const gt = existsSync(gtFile) ? readFileSync(gtFile, 'utf8').normalize('NFC') : null;
  const readings: OcrPageResult[] = [];
  const ingest: Record<string, unknown> = { ocr: recordingPool(pool, readings) };
  if (args.ocr) ingest.ocrMode = args.ocr;
  if (args['no-straighten']) ingest.straighten = false;
  const result = await convert({ path: file, data }, { restore: { model }, segment: {}, ingest }) as DocumentResult;
  const page1 = result.pages[0];
  const restored = (result.text.restored ?? result.text.original).split('\f')[0] ?? '';
  let raw: string | null = null, textLayer: string | null = null;
  const notes = result.diagnostics.filter((d) => d.severity !== 'info' || args.verbose).map((d) => `${d.ruleId}${d.place ? ` p${d.place.page}` : ''}: ${d.message.slice(0, 100)}`);
  if (page1?.method === 'ocr') raw = readingOf(page1 as Page, readings)?.lines.join('\n') ?? null;
  else if (page1) {
    // Taken from a text layer: the raw Tesseract row reads the page image apart.
    textLayer = page1.lines.join('\n');
    const own: OcrPageResult[] = [];
    const { image, pageSizePt } = await firstPageImage(file, data);
    const r = await ocrPage(recordingPool(pool, own), image, 1, { targetDpi: ocrTargetDpi({}), pageSizePt });
    raw = readingOf(r.page, own)?.lines.join('\n') ?? null;
  }
  let plain: string | null = null;
  if (gt !== null) plain = (await pool.recognize((await firstPageImage(file, data)).image)).lines.join('\n');
  let eng: PageRun['eng'] = null;
  if (gt !== null && !args['no-eng']) {
    if (engMissing) eng = engMissing;
    else {
      const text = await englishOcr(f.id, file, data);
      eng = { raw: text, restored: restore(text, { model, input: 'ocr' }).text };
    }
  }
  const fields = compareFields(f, result);
  return { id: f.id, gt, raw, plain, restored, method: result.pages.map((p) => p.method).join(','), textLayer, eng, fields, block: compareSignatureBlock(f, result), skeleton: compareSkeleton(f, result, fields), notes, uncertain: result.meta?.uncertain ?? [], suggested: result.meta?.dateSuggestion?.date ?? null };
}

const score = (gt: string, out: string | null): Score => { const s = emptyScore(); scoreWhole(gt, out ?? '', s); return s; };
const add = (a: Score, b: Score): Score => ({ gtTokens: a.gtTokens + b.gtTokens, correct: a.correct + b.correct, correctCased: a.correctCased + b.correctCased });
const p2 = (s: Score) => pct(s, true).toFixed(2).padStart(6);

function textReport(runs: PageRun[]): void {
  console.log('\ntext: syllable accuracy of page 1 (case-sensitive; README of the set): plain tesseract.js (vie) on the image as given, raw = the pipeline\'s own tesseract.js reading, baocao restored');
  console.log(`  ${'page'.padEnd(14)} ${'GT syl'.padStart(6)} ${'plain'.padStart(8)} ${'raw'.padStart(8)} ${'baocao'.padStart(8)} ${'−plain'.padStart(7)}   page methods`);
  type Row = [Score, Score, Score];
  const groups = { flatbed: [] as Row[], photo: [] as Row[] };
  const line = (name: string, [plain, raw, out]: Row, tail: string) =>
    console.log(`  ${name.padEnd(14)} ${String(raw.gtTokens).padStart(6)} ${p2(plain)} % ${p2(raw)} % ${p2(out)} % ${(pct(out, true) - pct(plain, true)).toFixed(2).padStart(7)}   ${tail}`);
  for (const r of runs) {
    if (r.gt === null) continue;
    const row: Row = [score(r.gt, r.plain), score(r.gt, r.raw), score(r.gt, r.restored)];
    (r.id === PHOTO ? groups.photo : groups.flatbed).push(row);
    line(r.id, row, `${r.method}${r.textLayer !== null ? `   (text layer as read: ${p2(score(r.gt, r.textLayer))} %)` : ''}`);
  }
  const pool = (xs: Row[], name: string) => {
    if (!xs.length) return;
    const sum = (k: number) => xs.map((x) => x[k]!).reduce(add);
    const row: Row = [sum(0), sum(1), sum(2)];
    line(name, row, `(case-insensitive: plain ${pct(row[0]).toFixed(2)}, raw ${pct(row[1]).toFixed(2)}, baocao ${pct(row[2]).toFixed(2)} %)`);
  };
  pool(groups.flatbed, `pooled ${groups.flatbed.length} scans`);
  pool(groups.photo, 'phone photo');
  pool([...groups.flatbed, ...groups.photo], `all ${groups.flatbed.length + groups.photo.length}`);
  const worst = groups.flatbed.map(([plain, , out]) => pct(out, true) - pct(plain, true));
  if (worst.length) console.log(`  worst page (scans) baocao − plain: ${Math.min(...worst).toFixed(2)} points`);
}

function fieldsReport(runs: PageRun[]): void {
  const mark = { right: '✓', wrong: '✗', missing: '–', 'n/a': '·' } as const;
  console.log('\nheader fields vs fields.json (✓ right, ✗ wrong, – missing, · not on the page)');
  console.log(`  ${'page'.padEnd(12)} ${FIELD_NAMES.map((f) => f.padEnd(7)).join('')}`);
  for (const r of runs) {
    console.log(`  ${r.id.padEnd(12)} ${r.fields.map((x) => mark[x.outcome].padEnd(7)).join('')}`);
    if (args.verbose) for (const x of r.fields) if (x.outcome === 'wrong' || x.outcome === 'missing') console.log(`      ${x.field}: want "${x.expected}", found ${x.found === null ? '—' : `"${x.found}"`}`);
  }
  const t = tallyFields(runs.map((r) => r.fields));
  console.log(`  right: ${FIELD_NAMES.map((f) => `${f} ${t[f].right}/${t[f].applicable}`).join(', ')}`);
  const all = FIELD_NAMES.reduce((s, f) => ({ r: s.r + t[f].right, n: s.n + t[f].applicable }), { r: 0, n: 0 });
  console.log(`  share right: ${(100 * all.r / Math.max(all.n, 1)).toFixed(1)} % (${all.r}/${all.n}); wrong ${FIELD_NAMES.reduce((s, f) => s + t[f].wrong, 0)}, missing ${FIELD_NAMES.reduce((s, f) => s + t[f].missing, 0)}`);
  // Handwritten number and date: what the printed skeleton gave, and whether a person is told to look.
  const sk = runs.map((r) => r.skeleton);
  const count = (k: 'symbol' | 'year') => `${sk.filter((x) => x[k] === 'right').length}/${sk.filter((x) => x[k] !== 'n/a').length}`;
  // The signature block beyond the signer's name (issue 14, item 6): position, authority mark, the page it is on.
  const blocks = runs.map((r) => r.block).filter((b) => b.applicable);
  const n = (k: 'position' | 'authority' | 'page') => `${blocks.filter((b) => b[k] === 'right').length}/${blocks.filter((b) => b[k] !== 'n/a').length}`;
  console.log(`  signature block: position ${n('position')}, authority mark ${n('authority')}, page ${n('page')}; signer flagged uncertain (repaired) ${blocks.filter((b) => b.flagged).length}/${blocks.length}`);
  if (args.verbose) for (const r of runs) if (r.block.applicable) console.log(`      ${r.id}: position ${r.block.position} (${JSON.stringify(r.block.foundPosition)}), authority ${r.block.authority}, page ${r.block.page}${r.block.flagged ? ', signer repaired, flagged uncertain' : ''}`);
  console.log(`  printed skeleton: number symbol right ${count('symbol')}, year right ${count('year')}; right or flagged uncertain: number ${sk.filter((x) => x.numberRightOrFlagged).length}/${sk.length}, date ${sk.filter((x) => x.dateRightOrFlagged).length}/${sk.length}`);
}

/** Number and date per half: right / missing but flagged / wrong (flagged), and the e-signature's suggested dates both ways. */
function halvesReport(runs: PageRun[], dev: Set<string>, want: Map<string, string | null>): void {
  console.log('\nnumber and date per half: right / missing, flagged uncertain / wrong (of which flagged); suggested = meta.dateSuggestion (the e-signing day) where no date was read');
  for (const [name, xs] of [['development', runs.filter((r) => dev.has(r.id))], ['held-out', runs.filter((r) => !dev.has(r.id))], ['all', runs]] as const) {
    const cell = (field: 'number' | 'date') => {
      const of = xs.map((r) => ({ x: r.fields.find((f) => f.field === field)!, flagged: r.uncertain.includes(field) }));
      const n = (o: string, flagged?: boolean) => of.filter((y) => y.x.outcome === o && (flagged === undefined || y.flagged === flagged)).length;
      return `${n('right')} / ${n('missing', true)} / ${n('wrong')} (${n('wrong', true)})`;
    };
    const sug = xs.filter((r) => r.suggested !== null && r.fields.find((f) => f.field === 'date')!.outcome === 'missing');
    const sugRight = sug.filter((r) => r.suggested === want.get(r.id)).length;
    const dateRight = xs.filter((r) => r.fields.find((f) => f.field === 'date')!.outcome === 'right').length;
    console.log(`  ${name.padEnd(12)} (${String(xs.length).padStart(2)})  number ${cell('number')}   date ${cell('date')}   suggested ${sug.length}: right ${sugRight}, wrong ${sug.length - sugRight}; date right counting suggestions as read ${dateRight + sugRight}/${xs.length}`);
  }
}

function engReport(runs: PageRun[]): void {
  console.log('\nEnglish-model OCR (tesseract -l eng, page 1), raw → baocao restore --input ocr');
  const missing = runs.find((r) => typeof r.eng === 'string');
  if (args['no-eng']) { console.log('  skipped (--no-eng)'); return; }
  if (missing) { console.log(`  n/a: ${missing.eng}`); return; }
  let rawF = emptyScore(), outF = emptyScore();
  for (const r of runs) {
    if (r.gt === null || r.eng === null || typeof r.eng === 'string') continue;
    const raw = score(r.gt, r.eng.raw), out = score(r.gt, r.eng.restored);
    if (r.id !== PHOTO) { rawF = add(rawF, raw); outF = add(outF, out); }
    console.log(`  ${r.id.padEnd(12)} ${p2(raw)} % → ${p2(out)} %`);
  }
  console.log(`  ${'pooled scans'.padEnd(12)} ${p2(rawF)} % → ${p2(outF)} %`);
}

const fields = realScanFields(args.ids);
mkdirSync(work, { recursive: true });
const model = loadModel();
const inner = createOcrPool({ jobs: Number(args.jobs) });
const pool = args['raw-cache'] ? cachingPool(inner, args['raw-cache']) : inner;
const engMissing = args['no-eng'] ? null : engBinary();
console.log(`bench:real — ${fields.length} documents in ${setDir}; ${args.jobs} OCR workers${args['raw-cache'] ? `, OCR readings cached in ${args['raw-cache']}` : ''}${args.ocr ? `, --ocr ${args.ocr}` : ''}${args['no-straighten'] ? ', pages read as they lie (--no-straighten)' : ''}`);
const runs: PageRun[] = [];
try {
  for (const f of fields) {
    const t0 = performance.now();
    runs.push(await runPage(f, pool, model, engMissing));
    if (args.verbose) console.log(`  ${f.id}: ${((performance.now() - t0) / 1000).toFixed(1)} s; ${runs.at(-1)!.notes.join(' | ') || 'no diagnostics'}`);
  }
} finally {
  await pool.terminate();
}
textReport(runs);
fieldsReport(runs);
if (args.dev) halvesReport(runs, new Set(args.dev.split(',')), new Map(fields.map((f) => [f.id, f.date])));
engReport(runs);
