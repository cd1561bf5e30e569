/**
 * npm run bench:eng-heldout — the English-model OCR path on real pages that have no ground truth
 * (the outside sets: BAOCAO_SHARED=/work/heldout2-shared, /work/heldout-shared). Page 1 of each
 * scan is read by `tesseract -l eng` (as bench:real reads it) and restored as `baocao restore
 * --input ocr` does; with no ground truth, the score is agreement with the same page read by
 * `tesseract -l vie` (raw, not restored, so the reference owes nothing to the model measured): the
 * syllables of that reading the restored text has (bench/lib/score.ts, whole page, case-sensitive).
 * The vie reading is itself ~94 % right on real pages, so the figure is no accuracy; it compares two
 * models (or two versions of the code) on pages nobody tuned on, in the same run.
 *   --model DIR  the model folder (default dictionaries/); --base DIR  a second model folder, printed beside
 *   --base-options JSON  restore options of the base run (e.g. '{"docConfusions":{"weight":0}}': the same model without a pass)
 *   --ids a,b    only these pages
 *   BENCH_BASE=<ref>  adds that commit's code restoring with the same model (bench/lib/base-restore.ts)
 * Both readings are cached by image hash in bench/.work/real (tesseract's output; nothing else kept).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { restore } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { PdfSource } from '../src/ingest/ocr/pdf-source.js';
import { emptyScore, pct, scoreWhole, type Score } from './lib/score.js';
import { englishOcrCached, vieOcrCached } from './lib/english-ocr.js';
import { REAL_SCANS } from './lib/real-scans.js';
import { baseRestorer } from './lib/base-restore.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work', 'real');
const { values: args } = parseArgs({ options: { model: { type: 'string' }, base: { type: 'string' }, ids: { type: 'string' }, 'base-options': { type: 'string' } } });

async function pageImage(file: string): Promise<Uint8Array> {
  const data = new Uint8Array(readFileSync(file));
  if (!file.endsWith('.pdf')) return data;
  const source = await PdfSource.open(data);
  try { return (await source.image(1, 300)).image; } finally { await source.close(); }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  mkdirSync(work, { recursive: true });
  const only = args.ids?.split(',');
  const files = readdirSync(join(REAL_SCANS, 'pages')).filter((f) => /\.(pdf|jpe?g|png|tiff?)$/i.test(f)).sort()
    .filter((f) => !only || only.includes(f.replace(/\.[^.]+$/, '')));
  const pages: { id: string; raw: string; ref: string }[] = [];
  for (const f of files) {
    const id = f.replace(/\.[^.]+$/, '');
    const image = await pageImage(join(REAL_SCANS, 'pages', f));
    pages.push({ id, raw: englishOcrCached(work, id, image), ref: vieOcrCached(work, id, image) });
  }
  const baseOptions = args['base-options'] ? JSON.parse(args['base-options']) as Record<string, unknown> : {};
  const runs: [string, string | undefined, Record<string, unknown>][] = [['model', args.model, {}],
    ...(args.base || args['base-options'] ? [['base', args.base ?? args.model, baseOptions] as [string, string | undefined, Record<string, unknown>]] : [])];
  const restorers: [string, (text: string) => string][] = runs.map(([name, dir, options]) => {
    const model = loadModel(dir);
    return [name, (text: string) => restore(text, { ...options, model, input: 'ocr' }).text];
  });
  const base = await baseRestorer(root, args.model);
  if (base) restorers.push([base.name, base.restore]);
  const pooled = restorers.map(() => emptyScore());
  const rawPooled = emptyScore();
  console.log(`English-model OCR restored vs the raw vie reading of the same page (${REAL_SCANS}), agreement %, case-sensitive`);
  console.log(`  ${'page'.padEnd(10)} ${'ref syl'.padStart(7)} ${'raw eng'.padStart(8)} ${restorers.map(([n]) => n.padStart(8)).join(' ')}`);
  for (const p of pages) {
    const raw = emptyScore();
    scoreWhole(p.ref, p.raw, raw);
    scoreWhole(p.ref, p.raw, rawPooled);
    const row = restorers.map(([, restoreText], i) => {
      const s: Score = emptyScore();
      const out = restoreText(p.raw);
      scoreWhole(p.ref, out, s);
      scoreWhole(p.ref, out, pooled[i]!);
      return pct(s, true).toFixed(2).padStart(8);
    });
    console.log(`  ${p.id.padEnd(10)} ${String(raw.gtTokens).padStart(7)} ${pct(raw, true).toFixed(2).padStart(8)} ${row.join(' ')}`);
  }
  console.log(`  ${'pooled'.padEnd(10)} ${String(rawPooled.gtTokens).padStart(7)} ${pct(rawPooled, true).toFixed(2).padStart(8)} ${pooled.map((s) => `${pct(s, true).toFixed(2).padStart(8)}`).join(' ')}` +
    `  (${pooled.map((s, i) => `${restorers[i]![0]} ${s.correctCased}/${s.gtTokens}`).join(', ')})`);
}
