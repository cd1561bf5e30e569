/**
 * npm run bench:vie-real-errors — where the Vietnamese (tesseract.js vie) path loses syllables on the
 * real pages (../shared/real-scans, or BAOCAO_SHARED's; a development set: measured on, never tuned to).
 * Per page with ground truth, `convert` as bench:real runs it; page 1's restored text and the reading
 * the pipeline itself got from OCR are aligned to the GT and each GT syllable the restored text misses
 * is put in one class (bench/lib/error-classes.ts: ocr-dropped, ocr-skeleton, code-number, unrestored,
 * tone-vowel, junk, case). Beside the classes: "broke", GT syllables the raw reading had exactly right
 * and the restored text lost (the restorer's own damage), and "inserted": restored tokens aligned to no GT
 * syllable (seal and signature ink read as words, specks; --verbose lists them).
 * The same is run with the pipeline of another commit (`--base REF`, default da4e696: its src/ unpacked
 * into bench/.work/base-REF) in the same process, on the same OCR cache, and printed before → after.
 *   --ids a,b  --verbose (every error, both runs)  --base REF|none  --jobs 2
 *   --raw-cache DIR  tesseract.js readings kept by image hash (default bench/.work/real/ocr, as bench:real).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { convert as currentConvert } from '../src/pipeline/index.js';
import { loadModel } from '../src/model/load.js';
import { createOcrPool, type OcrPool } from '../src/ingest/ocr/pool.js';
import type { OcrPageResult } from '../src/ingest/ocr/result.js';
import type { Page } from '../src/core/document.js';
import type { DocumentResult } from '../src/core/schema.js';
import { CLASSES, classify, tally, type ClassifiedError, type ErrorClass } from './lib/error-classes.js';
import { alignWords, scoreTokens } from './lib/score.js';
import { readingOf, recordingPool } from './lib/pipeline-reading.js';
import { REAL_SCANS, realScanFields, realScanFile } from './lib/real-scans.js';
import { baseSource } from './lib/base-source.js';
import { cachingPool } from './ocr-structure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    ids: { type: 'string' }, verbose: { type: 'boolean', default: false }, base: { type: 'string', default: 'da4e696' },
    jobs: { type: 'string', default: '2' }, 'raw-cache': { type: 'string', default: join(root, 'bench', '.work', 'real', 'ocr') },
  },
});
const PHOTO = 'nd30-photo';
type Convert = typeof currentConvert;
interface PageErrors { id: string; total: number; rawRight: number; errors: ClassifiedError[]; broke: number; byConfidence: Bucket[]; inserted: string[] }
/** OCR word confidence buckets: GT syllables read in each, read wrong, and of those the restored text has right. */
const EDGES = [50, 70, 80, 90, 101];
interface Bucket { read: number; wrong: number; fixed: number; keptRight: number }
const emptyBuckets = (): Bucket[] => EDGES.map(() => ({ read: 0, wrong: 0, fixed: 0, keptRight: 0 }));

/** Per confidence bucket of the raw reading's words: how often the OCR was wrong and how often restoration put it right (or broke it). */
function confidenceBuckets(gt: string, words: readonly { text: string; confidence: number }[], errors: readonly ClassifiedError[]): Bucket[] {
  const raw: { tok: string; conf: number }[] = words.flatMap((w) => scoreTokens(w.text).map((tok) => ({ tok: tok.toLowerCase(), conf: w.confidence })));
  const g = scoreTokens(gt.replace(/\s+/g, ' ')).map((t) => t.toLowerCase());
  const lost = new Set(errors.filter((e) => e.cls !== 'case').map((e) => e.at));
  const out = emptyBuckets();
  for (const [i, k] of alignWords(g, raw.map((r) => r.tok))) {
    const b = out[EDGES.findIndex((e) => raw[k]!.conf < e)]!;
    b.read++;
    if (raw[k]!.tok !== g[i]) { b.wrong++; if (!lost.has(i)) b.fixed++; } else if (!lost.has(i)) b.keptRight++;
  }
  return out;
}

async function runOne(convert: Convert, pool: OcrPool, model: ReturnType<typeof loadModel>, id: string, gt: string): Promise<PageErrors> {
  const file = realScanFile(id);
  const data = new Uint8Array(readFileSync(file));
  const readings: OcrPageResult[] = [];
  const result = await convert({ path: file, data }, { restore: { model }, segment: {}, ingest: { ocr: recordingPool(pool, readings) } }) as DocumentResult;
  const page1 = result.pages[0];
  const restored = (result.text.restored ?? result.text.original).split('\f')[0] ?? '';
  const raw = page1?.method === 'ocr' ? readingOf(page1 as Page, readings)?.lines.join('\n') ?? '' : page1?.lines.join('\n') ?? '';
  const { total, errors, rawRight, inserted } = classify(gt, raw, restored);
  // Broke: the raw token aligned to the GT syllable was exactly it, the restored text is not.
  const broke = errors.filter((e) => e.raw === e.gt).length;
  const reading = page1?.method === 'ocr' ? readingOf(page1 as Page, readings) : undefined;
  return { id, total, rawRight, errors, broke, byConfidence: confidenceBuckets(gt, reading?.words ?? [], errors), inserted };
}

function table(name: string, pages: PageErrors[]): Record<ErrorClass | 'broke' | 'total' | 'lost' | 'inserted', number> {
  console.log(`\n${name}: GT syllables page 1 misses after restoration, by class (raw = the pipeline's own OCR reading)`);
  console.log(`  ${'page'.padEnd(14)} ${'GT syl'.padStart(6)} ${'raw %'.padStart(7)} ${'out %'.padStart(7)} ${CLASSES.map((c) => c.padStart(13)).join('')} ${'broke'.padStart(6)} ${'inserted'.padStart(9)}`);
  const pooled = { ...tally([]), broke: 0, total: 0, lost: 0, rawRight: 0, inserted: 0 };
  const row = (label: string, total: number, rawRight: number, t: Record<ErrorClass, number>, broke: number, inserted: number) => {
    const lost = CLASSES.reduce((s, c) => s + t[c], 0);
    console.log(`  ${label.padEnd(14)} ${String(total).padStart(6)} ${(100 * rawRight / total).toFixed(2).padStart(7)} ${(100 * (total - lost) / total).toFixed(2).padStart(7)} ${CLASSES.map((c) => String(t[c]).padStart(13)).join('')} ${String(broke).padStart(6)} ${String(inserted).padStart(9)}`);
  };
  for (const p of pages) {
    const t = tally(p.errors);
    row(p.id, p.total, p.rawRight, t, p.broke, p.inserted.length);
    if (args.verbose) for (const e of p.errors) console.log(`      ${e.cls.padEnd(13)} #${e.at} gt ${JSON.stringify(e.gt)} raw ${JSON.stringify(e.raw)} out ${JSON.stringify(e.out)}`);
    if (args.verbose && p.inserted.length) console.log(`      inserted: ${p.inserted.map((x) => JSON.stringify(x)).join(' ')}`);
    if (p.id === PHOTO) continue;
    for (const c of CLASSES) pooled[c] += t[c];
    pooled.broke += p.broke; pooled.total += p.total; pooled.rawRight += p.rawRight; pooled.inserted += p.inserted.length;
  }
  pooled.lost = CLASSES.reduce((s, c) => s + pooled[c], 0);
  if (pooled.total) row(`pooled scans`, pooled.total, pooled.rawRight, pooled, pooled.broke, pooled.inserted);
  // The vie-OCR channel's confidence shift (vie-candidates.ts) assumes the devset scans' rates: about
  // half the words read below 80 wrong, under 1 % of those above 90. What these pages show:
  const buckets = emptyBuckets();
  for (const p of pages) if (p.id !== PHOTO) p.byConfidence.forEach((b, k) => { const t = buckets[k]!; t.read += b.read; t.wrong += b.wrong; t.fixed += b.fixed; t.keptRight += b.keptRight; });
  console.log(`  OCR word confidence (pooled scans): ${buckets.map((b, k) => `${k ? EDGES[k - 1] : 0}–${EDGES[k]! - 1}: ${b.read} read, ${(100 * b.wrong / Math.max(b.read, 1)).toFixed(1)} % wrong, ${b.fixed} of them restored right, ${b.read - b.wrong - b.keptRight} right ones lost`).join('; ')}`);
  return pooled;
}

const pagesWithGt = realScanFields(args.ids).map((f) => f.id).filter((id) => existsSync(join(REAL_SCANS, 'gt', `${id}.gt.txt`)));
const model = loadModel();
const inner = createOcrPool({ jobs: Number(args.jobs) });
const pool = args['raw-cache'] ? cachingPool(inner, args['raw-cache']) : inner;
const baseDir = baseSource(root, args.base!);
const versions: [string, Convert][] = [];
if (baseDir) versions.push([`base ${args.base}`, (await import(join(baseDir, 'src', 'pipeline', 'index.ts'))).convert as Convert]);
versions.push(['this tree', currentConvert]);
console.log(`bench:vie-real-errors — ${pagesWithGt.length} pages with GT in ${REAL_SCANS}; the phone photo (${PHOTO}) is not pooled`);
const results: Record<string, number>[] = [];
try {
  for (const [name, convert] of versions) {
    const pages: PageErrors[] = [];
    for (const id of pagesWithGt) pages.push(await runOne(convert, pool, model, id, readFileSync(join(REAL_SCANS, 'gt', `${id}.gt.txt`), 'utf8').normalize('NFC')));
    results.push(table(name, pages));
  }
} finally {
  await pool.terminate();
}
if (results.length === 2) {
  const [a, b] = results as [Record<string, number>, Record<string, number>];
  console.log(`\npooled scans, ${versions[0]![0]} → this tree: ${[...CLASSES, 'broke', 'lost', 'inserted'].map((c) => `${c} ${a[c]} → ${b[c]}`).join(', ')}; accuracy ${(100 * (a.total! - a.lost!) / a.total!).toFixed(2)} → ${(100 * (b.total! - b.lost!) / b.total!).toFixed(2)} %`);
}
