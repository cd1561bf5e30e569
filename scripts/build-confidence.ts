/**
 * npm run build:confidence — fits the word-confidence calibration (src/core/restore/calibration.ts)
 * and writes dictionaries/vi-confidence.json and its section of dictionaries/SOURCES.md.
 * Calibration data (never the devset): ../shared/ocr-pairs — eng/ pages restored as English-model
 * OCR ('ocr'), vie/ pages as Vietnamese-model OCR ('vie-ocr'), and the ground truth of both with
 * every mark removed as stripped text ('stripped'). Each restored word is labelled right or wrong
 * against the ground truth (bench/lib/word-labels.ts); a logistic model per input kind is fitted
 * on its evidence (deterministic Newton steps), and the review threshold is chosen on predictions
 * made out of fold (pages split odd/even), so it is not read off the words the model was fitted on.
 * Cross-fitting: the evidence is gathered with the held-out models of scripts/build-heldout-model.ts
 * (a language model without the corpus lines the pages came from; the English-OCR channel learnt
 * from the other fold's pages), not with the shipped model, which has seen these pages: read with
 * it they look surer than the unseen documents the calibration is for (docs/confidence.md).
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BAOCAO_MODEL_OUT the output folder;
 *   BAOCAO_HELDOUT_DIR the held-out models (default bench/.work/heldout-model);
 *   CALIBRATION_FEATURES=shipped gathers the evidence with dictionaries/ instead (the old way, for comparison).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restore, type RestoreInput } from '../src/core/restore/index.js';
import { FEATURES, documentReviewBelow, featureVector, logistic, type CalibrationFile, type ModeCalibration, type ReviewRule } from '../src/core/restore/calibration.js';
import { CONFIDENCE_FILE, loadModel } from '../src/model/load.js';
import { labelTokens, reviewFigures } from '../bench/lib/word-labels.js';
import { fitLogistic } from './lib/logistic-fit.js';
import { CONFIDENCE_SOURCES_MARKER, HAND_SECTIONS_MARKER, confidenceSourcesSection } from './lib/confidence-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared'));
const outDir = resolve(process.env.BAOCAO_MODEL_OUT ?? join(root, 'dictionaries'));
const pairsDir = join(shared, 'ocr-pairs');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Review threshold: the fewest flags that catch RECALL_GOAL of the wrong words, but never more than FLAG_BUDGET of all words. */
const RECALL_GOAL = 0.9;
const FLAG_BUDGET = 0.05;
const LAMBDA = 1;
/**
 * The per-document cut (the same goal and budget, spent per document; a word surer than 0.999 is
 * never worth a look), for the kinds whose difficulty varies most from text to text: stripped text
 * and English-model OCR. Vietnamese-model OCR keeps the fixed threshold, which does better there on
 * the calibration pages (see the table in SOURCES.md) and on the devset.
 */
const REVIEW: ReviewRule = { share: FLAG_BUDGET, recall: RECALL_GOAL, ceiling: 0.999 };
const PER_DOCUMENT = new Set(['ocr', 'stripped']);

/** Devset-style stripping: NFD, combining marks dropped, đ→d, Đ→D. */
const strip = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');

interface Page { id: string; input: string; gt: string }

function pages(set: 'eng' | 'vie', kind: 'ocr' | 'stripped'): Page[] {
  const dir = join(pairsDir, set);
  return readdirSync(dir).filter((f) => /^\d+\.gt\.txt$/.test(f)).sort().map((f) => {
    const id = f.slice(0, -7), gt = readFileSync(join(dir, f), 'utf8');
    return { id: `${set}/${id}`, gt, input: kind === 'stripped' ? strip(gt) : readFileSync(join(dir, `${id}.ocr.txt`), 'utf8') };
  });
}

interface Sample { x: number[]; y: number; fold: number; page: number }

const heldOutDir = resolve(process.env.BAOCAO_HELDOUT_DIR ?? join(root, 'bench', '.work', 'heldout-model'));
const shipped = process.env.CALIBRATION_FEATURES === 'shipped';
if (!shipped && !existsSync(join(heldOutDir, 'manifest.json'))) {
  throw new Error(`no held-out models in ${heldOutDir}: run tsx scripts/build-heldout-model.ts first (npm run build:confidence does)`);
}
const heldOut = shipped ? undefined : JSON.parse(readFileSync(join(heldOutDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
/** The model that restores a page of fold `fold` (page index parity). */
const foldModels = [0, 1].map((fold) => shipped ? loadModel(undefined, { calibration: false }) : loadModel(join(heldOutDir, `fold${fold}`), { calibration: false }));
const kinds: { mode: string; input: RestoreInput; pages: Page[] }[] = [
  { mode: 'ocr', input: 'ocr', pages: pages('eng', 'ocr') },
  { mode: 'stripped', input: 'stripped', pages: [...pages('eng', 'stripped'), ...pages('vie', 'stripped')] },
  { mode: 'vie-ocr', input: 'vie-ocr', pages: pages('vie', 'ocr') },
];

const modes: Record<string, ModeCalibration> = {};
const report: Record<string, unknown> = {};
for (const kind of kinds) {
  const samples: Sample[] = [];
  const posteriors: { confidence: number; right: boolean }[] = [];
  kind.pages.forEach((p, i) => {
    const r = restore(p.input, { model: foldModels[i % 2]!, input: kind.input, evidence: true });
    for (const { token, right } of labelTokens(r, p.gt, true)) {
      samples.push({ x: featureVector(token.evidence!), y: right ? 1 : 0, fold: i % 2, page: i });
      posteriors.push({ confidence: token.evidence!.posterior, right });
    }
  });
  // Out-of-fold predictions: each half of the pages scored by the model fitted on the other.
  const oof = new Float64Array(samples.length);
  for (const fold of [0, 1]) {
    const train = samples.filter((s) => s.fold !== fold);
    const m = fitLogistic(train.map((s) => s.x), train.map((s) => s.y), LAMBDA);
    samples.forEach((s, n) => { if (s.fold === fold) oof[n] = logistic(m.bias, m.weights, s.x); });
  }
  const fitted = fitLogistic(samples.map((s) => s.x), samples.map((s) => s.y), LAMBDA);
  const items = samples.map((s, n) => ({ confidence: oof[n]!, right: s.y === 1 }));
  const reviewBelow = chooseThreshold(items);
  const f = reviewFigures(items, reviewBelow), base = reviewFigures(posteriors, 0.6);
  // The per-document cut, each page a document, on the same out-of-fold predictions.
  const byPage = new Map<number, number[]>();
  samples.forEach((s, n) => { let l = byPage.get(s.page); if (!l) byPage.set(s.page, (l = [])); l.push(n); });
  let cutFlagged = 0, cutCaught = 0;
  for (const ns of byPage.values()) {
    const cut = documentReviewBelow(ns.map((n) => oof[n]!), REVIEW);
    for (const n of ns) if (oof[n]! < cut) { cutFlagged++; if (samples[n]!.y === 0) cutCaught++; }
  }
  modes[kind.mode] = { weights: fitted.weights.map(round), bias: round(fitted.bias), reviewBelow: round(reviewBelow), ...(PER_DOCUMENT.has(kind.mode) ? { review: REVIEW } : {}) };
  report[kind.mode] = {
    pages: kind.pages.length, words: f.words, wrong: f.wrong, flaggedShare: round(f.flagged / f.words), recall: round(f.flaggedWrong / Math.max(f.wrong, 1)),
    perPageFlagged: round(cutFlagged / f.words), perPageRecall: round(cutCaught / Math.max(f.wrong, 1)),
    ece: round(f.ece), posteriorEce: round(base.ece),
  };
  process.stderr.write(`${kind.mode}: ${JSON.stringify(report[kind.mode])} below ${reviewBelow.toFixed(4)}\n`);
}

function chooseThreshold(items: { confidence: number; right: boolean }[]): number {
  const sorted = [...items].sort((a, b) => a.confidence - b.confidence);
  const wrong = sorted.filter((x) => !x.right).length;
  let caught = 0;
  for (let k = 0; k < sorted.length; k++) {
    // Flagging this word too would go over the budget: flag only the words below it.
    if ((k + 1) / sorted.length > FLAG_BUDGET) return sorted[k]!.confidence;
    if (!sorted[k]!.right) caught++;
    const next = sorted[k + 1]?.confidence ?? 1;
    if (caught >= RECALL_GOAL * wrong && next > sorted[k]!.confidence) return (sorted[k]!.confidence + next) / 2;
  }
  return 1;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

const inputFiles = ['eng', 'vie'].flatMap((set) => readdirSync(join(pairsDir, set)).filter((f) => /^\d+\.(gt|ocr)\.txt$/.test(f)).sort().map((f) => `${set}/${f}`));
const inputsHash = sha256(inputFiles.map((f) => `${f} ${sha256(readFileSync(join(pairsDir, f)))}\n`).join(''));
const file: CalibrationFile = {
  format: 'baocao-confidence',
  features: [...FEATURES],
  modes,
  meta: {
    source: shipped ? 'ocr-pairs (eng, vie) restored with vi-restore.bin' : 'ocr-pairs (eng, vie) restored with held-out models (scripts/build-heldout-model.ts)',
    heldOut: heldOut ?? null, inputsSha256: inputsHash, recallGoal: RECALL_GOAL, flagBudget: FLAG_BUDGET, review: REVIEW, lambda: LAMBDA, outOfFold: report },
};
const json = JSON.stringify(file, null, 1) + '\n';
writeFileSync(join(outDir, CONFIDENCE_FILE), json);
const sourcesPath = join(outDir, 'SOURCES.md');
const old = existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '';
const at = old.indexOf(CONFIDENCE_SOURCES_MARKER);
const head = (at >= 0 ? old.slice(0, at) : old).replace(/\n*$/, '\n\n');
const handAt = old.indexOf(HAND_SECTIONS_MARKER);
writeFileSync(sourcesPath, head + confidenceSourcesSection({ file: CONFIDENCE_FILE, bytes: Buffer.byteLength(json), sha256: sha256(json), inputsHash, files: inputFiles.length, report }) + (handAt >= 0 ? '\n' + old.slice(handAt) : ''));
process.stderr.write(`wrote ${CONFIDENCE_FILE}: ${Buffer.byteLength(json)} bytes\n`);
