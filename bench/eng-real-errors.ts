/**
 * npm run bench:eng-real-errors — where the English-model OCR path loses syllables on the real
 * pages (../shared/real-scans, a development set: measured on, never tuned to). Per page, the
 * restored text and the raw `tesseract -l eng` reading are each aligned to the ground truth (as
 * bench:real scores it) and every ground-truth syllable the restored text misses is put in one class:
 *   ocr-dropped   no raw token aligned to it: the OCR lost or merged it (the ceiling: no restorer
 *                 can bring it back)
 *   ocr-skeleton  the raw token's letters (marks stripped, lower case, fuzzy o/0, l/1 …) are not the
 *                 syllable's: the OCR misread letters (or handwritten digits), not only marks
 *   code-number   the syllable holds a digit, or is a code in capitals, and the OCR read it right
 *                 (Đ as D aside) but the restorer changed it ("D16" → Đó)
 *   unrestored    the restorer left it unaligned although the raw reading had it (split/merged by restore)
 *   tone-vowel    same letters, another known Vietnamese form chosen (tầng/tăng, đợt/đốt)
 *   junk          the restored token is not a Vietnamese syllable at all
 *   case          right letters and marks, wrong case (counted only by the cased score)
 * Prints the counts per page and pooled, and with --verbose every error with its raw reading.
 *   --model DIR  the model folder (default dictionaries/); --base DIR  a second model folder whose
 *                pooled figures are printed beside (the baseline, in the same run). BENCH_BASE=<ref>
 *                adds that commit's code restoring with the same model (bench/lib/base-restore.ts).
 *   --candidates for each lost syllable whose raw token the OCR kept (every class but ocr-dropped
 *                and case): is the truth among the channel's candidates for that token ("in", with
 *                its rank and channel ln P beside the chosen form's), a vocabulary word the channel
 *                does not offer ("missing"), or no vocabulary word at all ("oov": numbers, names)?
 *                Pooled counts per class; with --verbose, per syllable.
 *   --causes     the same errors by cause (bench/lib/error-causes.ts: ocr-lost, segmentation,
 *                unknown-word, channel-gap, lm-choice, case), per page and pooled.
 *   --vie-ref    pages without ground truth (the outside sets) are measured against the page's raw
 *                `tesseract -l vie` reading (cached as bench:eng-heldout caches it): agreement, not
 *                accuracy, and the vie reading's own errors count as the restorer's.
 * The English readings are cached as bench:real caches them (bench/.work/real/<id>.<hash>.eng.txt).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { restore } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { PdfSource } from '../src/ingest/ocr/pdf-source.js';
import { CLASSES, classify, type ErrorClass } from './lib/error-classes.js';
import { englishOcrCached, vieOcrCached } from './lib/english-ocr.js';
import { REAL_SCANS, realScanFields, realScanFile } from './lib/real-scans.js';
import { candidateCover, type Cover } from './lib/candidate-cover.js';
import { CAUSES, causes, type Cause } from './lib/error-causes.js';
import { baseRestorer } from './lib/base-restore.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const setDir = REAL_SCANS;
const work = join(root, 'bench', '.work', 'real');
const { values: args } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, ids: { type: 'string' }, model: { type: 'string' }, base: { type: 'string' }, candidates: { type: 'boolean', default: false }, causes: { type: 'boolean', default: false }, 'vie-ref': { type: 'boolean', default: false } } });

async function pageImage(file: string): Promise<Uint8Array> {
  const data = new Uint8Array(readFileSync(file));
  if (!file.endsWith('.pdf')) return data;
  const source = await PdfSource.open(data);
  try { return (await source.image(1, 300)).image; } finally { await source.close(); }
}

/** `tesseract -l eng` of page 1, cached by image hash exactly as bench/real.ts does. */
async function englishOcr(id: string, file: string): Promise<string> {
  const image = await pageImage(file);
  return englishOcrCached(work, id, image);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  mkdirSync(work, { recursive: true });
  const ids = realScanFields(args.ids).map((f) => f.id);
  const pages: { id: string; gt: string; raw: string }[] = [];
  for (const id of ids) {
    const gtFile = join(setDir, 'gt', `${id}.gt.txt`);
    if (existsSync(gtFile)) pages.push({ id, gt: readFileSync(gtFile, 'utf8').normalize('NFC'), raw: await englishOcr(id, realScanFile(id)) });
    else if (args['vie-ref']) pages.push({ id, gt: vieOcrCached(work, id, await pageImage(realScanFile(id))), raw: await englishOcr(id, realScanFile(id)) });
  }
  const runs: [string, string | undefined, ((text: string) => string) | undefined][] = [['model', args.model, undefined], ...(args.base ? [['base', args.base, undefined] as [string, string, undefined]] : [])];
  const base = await baseRestorer(root, args.model);
  if (base) runs.push([base.name, args.model, base.restore]);
  for (const [name, dir, baseRestore] of runs) {
    const model = loadModel(dir);
    const pooled = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;
    let pooledTotal = 0;
    const cover = new Map<string, number>();
    const byCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
    console.log(`\n${name} ${dir ?? 'dictionaries/'}: English-model OCR errors on the real pages (${setDir}), restored vs GT, by class`);
    console.log(`  ${'page'.padEnd(12)} ${'GT syl'.padStart(6)} ${'cased %'.padStart(8)}  ${CLASSES.map((c) => c.padStart(13)).join('')}`);
    for (const { id, gt, raw } of pages) {
      const restored = baseRestore ? baseRestore(raw) : restore(raw, { model, input: 'ocr' }).text;
      const { total, errors } = classify(gt, raw, restored);
      const counts = Object.fromEntries(CLASSES.map((c) => [c, errors.filter((e) => e.cls === c).length])) as Record<ErrorClass, number>;
      if (id !== 'nd30-photo') { pooledTotal += total; for (const c of CLASSES) pooled[c] += counts[c]; }
      console.log(`  ${id.padEnd(12)} ${String(total).padStart(6)} ${(100 * (total - errors.length) / total).toFixed(2).padStart(8)}  ${CLASSES.map((c) => String(counts[c]).padStart(13)).join('')}`);
      const covers: (Cover | null)[] = errors.map((e) => (args.candidates && id !== 'nd30-photo' ? candidateCover(model, e) : null));
      for (const [k, c] of covers.entries()) if (c) cover.set(`${errors[k]!.cls} ${c.where}`, (cover.get(`${errors[k]!.cls} ${c.where}`) ?? 0) + 1);
      const caused = args.causes ? causes(model, gt, raw, restored).errors : [];
      if (id !== 'nd30-photo') for (const e of caused) byCause[e.cause]++;
      if (args.causes) console.log(`  ${''.padEnd(12)} causes: ${CAUSES.map((c) => `${c} ${caused.filter((e) => e.cause === c).length}`).join(', ')}`);
      if (args.verbose) for (const [k, e] of errors.entries()) console.log(`      ${e.cls.padEnd(13)}${caused[k] ? ` ${caused[k]!.cause.padEnd(13)}` : ''} gt ${JSON.stringify(e.gt)} raw ${JSON.stringify(e.raw)} out ${JSON.stringify(e.out)}${covers[k] ? `  ${covers[k]!.note}` : ''}`);
    }
    const lost = CLASSES.reduce((s, c) => s + pooled[c], 0);
    console.log(`  ${'pooled scans'.padEnd(12)} ${String(pooledTotal).padStart(6)} ${(100 * (pooledTotal - lost) / pooledTotal).toFixed(2).padStart(8)}  ${CLASSES.map((c) => String(pooled[c]).padStart(13)).join('')}`);
    if (args.causes) console.log(`  causes (pooled scans): ${CAUSES.map((c) => `${c} ${byCause[c]}`).join(', ')}`);
    if (args.candidates) console.log(`  truth among the raw token's candidates (pooled scans): ${[...cover].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`  ceiling: ${(100 * (pooledTotal - pooled['ocr-dropped']) / pooledTotal).toFixed(2)} % with every syllable the OCR kept restored, ${(100 * (pooledTotal - pooled['ocr-dropped'] - pooled['ocr-skeleton']) / pooledTotal).toFixed(2)} % if the misread letters stay lost`);
  }
}
