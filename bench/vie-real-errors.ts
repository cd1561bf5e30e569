/**
 * npm run bench:vie-real-errors — where the Vietnamese (tesseract.js vie) path loses syllables on the
 * real pages (../shared/real-scans, or BAOCAO_SHARED's; a development set: measured on, never tuned to).
 * Per page with ground truth, `convert` as bench:real runs it; page 1's restored text and the reading
 * the pipeline itself got from OCR are aligned to the GT and each GT syllable the restored text misses
 * is put in one class (bench/lib/error-classes.ts: ocr-dropped, ocr-skeleton, code-number, unrestored,
 * tone-vowel, junk, case). Beside the classes: "broke", GT syllables the raw reading had exactly right
 * and the restored text lost (the restorer's own damage).
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
interface PageErrors { id: string; total: number; rawRight: number; errors: ClassifiedError[]; broke: number }

async function runOne(convert: Convert, pool: OcrPool, model: ReturnType<typeof loadModel>, id: string, gt: string): Promise<PageErrors> {
  const file = realScanFile(id);
  const data = new Uint8Array(readFileSync(file));
  const readings: OcrPageResult[] = [];
  const result = await convert({ path: file, data }, { restore: { model }, segment: {}, ingest: { ocr: recordingPool(pool, readings) } }) as DocumentResult;
  const page1 = result.pages[0];
  const restored = (result.text.restored ?? result.text.original).split('\f')[0] ?? '';
  const raw = page1?.method === 'ocr' ? readingOf(page1 as Page, readings)?.lines.join('\n') ?? '' : page1?.lines.join('\n') ?? '';
  const { total, errors, rawRight } = classify(gt, raw, restored);
  // Broke: the raw token aligned to the GT syllable was exactly it, the restored text is not.
  const broke = errors.filter((e) => e.raw === e.gt).length;
  return { id, total, rawRight, errors, broke };
}

function table(name: string, pages: PageErrors[]): Record<ErrorClass | 'broke' | 'total' | 'lost', number> {
  console.log(`\n${name}: GT syllables page 1 misses after restoration, by class (raw = the pipeline's own OCR reading)`);
  console.log(`  ${'page'.padEnd(14)} ${'GT syl'.padStart(6)} ${'raw %'.padStart(7)} ${'out %'.padStart(7)} ${CLASSES.map((c) => c.padStart(13)).join('')} ${'broke'.padStart(6)}`);
  const pooled = { ...tally([]), broke: 0, total: 0, lost: 0, rawRight: 0 };
  const row = (label: string, total: number, rawRight: number, t: Record<ErrorClass, number>, broke: number) => {
    const lost = CLASSES.reduce((s, c) => s + t[c], 0);
    console.log(`  ${label.padEnd(14)} ${String(total).padStart(6)} ${(100 * rawRight / total).toFixed(2).padStart(7)} ${(100 * (total - lost) / total).toFixed(2).padStart(7)} ${CLASSES.map((c) => String(t[c]).padStart(13)).join('')} ${String(broke).padStart(6)}`);
  };
  for (const p of pages) {
    const t = tally(p.errors);
    row(p.id, p.total, p.rawRight, t, p.broke);
    if (args.verbose) for (const e of p.errors) console.log(`      ${e.cls.padEnd(13)} #${e.at} gt ${JSON.stringify(e.gt)} raw ${JSON.stringify(e.raw)} out ${JSON.stringify(e.out)}`);
    if (p.id === PHOTO) continue;
    for (const c of CLASSES) pooled[c] += t[c];
    pooled.broke += p.broke; pooled.total += p.total; pooled.rawRight += p.rawRight;
  }
  pooled.lost = CLASSES.reduce((s, c) => s + pooled[c], 0);
  if (pooled.total) row(`pooled scans`, pooled.total, pooled.rawRight, pooled, pooled.broke);
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
  console.log(`\npooled scans, ${versions[0]![0]} → this tree: ${[...CLASSES, 'broke', 'lost'].map((c) => `${c} ${a[c]} → ${b[c]}`).join(', ')}; accuracy ${(100 * (a.total! - a.lost!) / a.total!).toFixed(2)} → ${(100 * (b.total! - b.lost!) / b.total!).toFixed(2)} %`);
}
