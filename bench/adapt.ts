/**
 * npm run bench:adapt — learning from the archive (`baocao learn`, `--adapt`): restoration with
 * and without an adaptation learnt from correct text of the same archive, in the same run.
 *   (a) per document: learn from the ground truth of its first half (by lines), restore its second half;
 *   (b) learn from the ground truth of 15 documents, restore the other 15, and the reverse.
 * Syllable accuracy overall and on names (Title-case words inside a line in the GT, bench/lib/name-score.ts),
 * for mark-free ('stripped') and English-model OCR input, plus the CPU-time ratio with/without.
 * The devset is measurement only: the weights are DEFAULT_ADAPTATION_TUNING, chosen a priori
 * (docs/adapt.md); BENCH_ADAPT_DATA=ocr-pairs runs the same protocols on /work/shared/ocr-pairs/eng
 * (corpus text, not the devset) — the data to look at when trying other weights, given as
 * BENCH_ADAPT_TUNING='{"lmWeight":0.2}'.
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BENCH_SETS=stripped|eng-ocr restricts the run.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restore, type RestoreInput, type RestoreModel } from '../src/core/restore/index.js';
import { prepareAdaptation, type Adaptation } from '../src/core/restore/adaptation.js';
import { learnAdaptation } from '../src/core/restore/learn-archive.js';
import { stripMarks } from '../src/core/vi-text/index.js';
import { loadModel } from '../src/model/load.js';
import { emptyScore, pct, scoreText, type Score } from './lib/score.js';
import { scoreNamesText } from './lib/name-score.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const tuning = process.env.BENCH_ADAPT_TUNING ? JSON.parse(process.env.BENCH_ADAPT_TUNING) : {};

/** One document: its input as the restorer gets it, the GT line-aligned with it, and clean GT to learn from. */
interface Doc { id: string; input: string; gt: string; learn: string }
type Kind = 'stripped' | 'eng-ocr';

function devsetDocs(kind: Kind): Doc[] {
  const dev = join(shared, 'devset');
  const ids = readdirSync(join(dev, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort();
  return ids.map((id) => {
    const clean = readFileSync(join(dev, 'docs', `${id}.txt`), 'utf8');
    return kind === 'stripped'
      ? { id, input: readFileSync(join(dev, 'stripped', `${id}.txt`), 'utf8'), gt: clean, learn: clean }
      : { id, input: readFileSync(join(dev, 'eng-ocr', `${id}.txt`), 'utf8'), gt: readFileSync(join(dev, 'eng-ocr', `${id}.gt.txt`), 'utf8'), learn: clean };
  });
}

function ocrPairDocs(kind: Kind): Doc[] {
  const dir = join(shared, 'ocr-pairs', 'eng');
  const ids = readdirSync(dir).filter((f) => f.endsWith('.gt.txt')).map((f) => f.slice(0, -7)).sort();
  return ids.map((id) => {
    const gt = readFileSync(join(dir, `${id}.gt.txt`), 'utf8');
    return { id, input: kind === 'stripped' ? stripMarks(gt) : readFileSync(join(dir, `${id}.ocr.txt`), 'utf8'), gt, learn: gt };
  });
}

interface Tally { all: Score; names: Score; cpu: number }
const tally = (): Tally => ({ all: emptyScore(), names: emptyScore(), cpu: 0 });

function restoreInto(t: Tally, model: RestoreModel, input: RestoreInput, text: string, gt: string, adaptation?: Adaptation): void {
  const t0 = process.cpuUsage();
  const out = restore(text, { model, input, adaptation }).text;
  const dt = process.cpuUsage(t0);
  t.cpu += (dt.user + dt.system) / 1e6;
  scoreText(gt, out, t.all);
  scoreNamesText(gt, out, t.names);
}

function adaptationFrom(model: RestoreModel, texts: string[]): Adaptation {
  const data = learnAdaptation(texts.map((text) => ({ text })), model, { model: 'bench', documents: 0, corrections: 0, texts: texts.length });
  return prepareAdaptation(model, data, tuning);
}

const halves = (text: string): [string, string] => {
  const lines = text.split('\n');
  const cut = Math.ceil(lines.length / 2);
  return [lines.slice(0, cut).join('\n'), lines.slice(cut).join('\n')];
};

/** (a): each document's second half, restored with what its first half's GT teaches. */
function perDocument(model: RestoreModel, docs: Doc[], input: RestoreInput): [Tally, Tally] {
  const without = tally(), withA = tally();
  for (const d of docs) {
    const [gtFirst, gtSecond] = halves(d.gt);
    const [, inputSecond] = halves(d.input);
    const adaptation = adaptationFrom(model, [gtFirst]);
    restoreInto(without, model, input, inputSecond, gtSecond);
    restoreInto(withA, model, input, inputSecond, gtSecond, adaptation);
  }
  return [without, withA];
}

/** (b): half of the documents teach, the other half is restored; then the reverse. */
function crossHalves(model: RestoreModel, docs: Doc[], input: RestoreInput): [Tally, Tally] {
  const without = tally(), withA = tally();
  const cut = Math.floor(docs.length / 2);
  const groups = [docs.slice(0, cut), docs.slice(cut)];
  for (const [teach, test] of [[groups[0]!, groups[1]!], [groups[1]!, groups[0]!]] as const) {
    const adaptation = adaptationFrom(model, teach.map((d) => d.learn));
    for (const d of test) {
      restoreInto(without, model, input, d.input, d.gt);
      restoreInto(withA, model, input, d.input, d.gt, adaptation);
    }
  }
  return [without, withA];
}

function line(label: string, [without, withA]: [Tally, Tally]): string {
  const d = (a: Score, b: Score) => { const x = pct(b) - pct(a); return (x >= 0 ? '+' : '') + x.toFixed(2); };
  return `  ${label.padEnd(34)} overall ${pct(without.all).toFixed(2)}% → ${pct(withA.all).toFixed(2)}% (${d(without.all, withA.all)}, ${without.all.gtTokens} tokens)` +
    `   names ${pct(without.names).toFixed(2)}% → ${pct(withA.names).toFixed(2)}% (${d(without.names, withA.names)}, ${without.names.gtTokens} tokens)` +
    `   CPU ×${(withA.cpu / Math.max(without.cpu, 1e-9)).toFixed(2)}`;
}

function main(): void {
  const model = loadModel();
  const data = process.env.BENCH_ADAPT_DATA === 'ocr-pairs' ? 'ocr-pairs' : 'devset';
  console.log(`bench:adapt on ${data} — without → with the adaptation (tuning ${JSON.stringify({ ...tuning })} over the defaults), same run`);
  let loss = false;
  for (const kind of (['stripped', 'eng-ocr'] as const).filter((k) => !process.env.BENCH_SETS || process.env.BENCH_SETS.includes(k))) {
    const docs = data === 'devset' ? devsetDocs(kind) : ocrPairDocs(kind);
    const input: RestoreInput = kind === 'stripped' ? 'stripped' : 'ocr';
    console.log(`\n${kind}: ${docs.length} documents`);
    const a = perDocument(model, docs, input), b = crossHalves(model, docs, input);
    console.log(line('(a) first half teaches second half', a));
    console.log(line(`(b) ${Math.floor(docs.length / 2)} teach the other ${docs.length - Math.floor(docs.length / 2)}, both ways`, b));
    for (const [without, withA] of [a, b]) if (pct(withA.all) < pct(without.all)) loss = true;
  }
  console.log(`\nbar: no loss overall: ${loss ? 'NOT met' : 'met'}`);
}

main();
