/**
 * npm run bench:review — does the review list find the wrong words? On ../shared/devset (stripped
 * text, English-model OCR text, Vietnamese-model OCR of the scans), every restored word is labelled
 * right or wrong against the ground truth (bench/lib/word-labels.ts), and per input kind this prints
 * the share of words flagged, the share of wrong words flagged (recall), precision, and the
 * expected calibration error (10 equal-width bins), for the calibrated confidence
 * (dictionaries/vi-confidence.json, threshold from the same file) beside today's decoder
 * confidence (review below 0.6, computed in the same run), the calibration's fixed threshold and
 * its per-document cut (what the restore stage uses: documentReviewThreshold), and today's confidence with its
 * threshold moved to flag as many words as the new one (ranking alone); and, for reading only, the
 * calibrated ranking cut at 5% of the words (the bar's budget; not the threshold the pipeline uses).
 * The devset is measurement only: nothing was fitted or tuned on it (the calibration and its
 * thresholds come from ocr-pairs, scripts/build-confidence.ts).
 *   BAOCAO_MODEL_DIR=/path  a rebuilt model folder to measure instead of dictionaries/ (e.g. build:confidence's BAOCAO_MODEL_OUT);
 *   --verbose  reliability bin tables, and what kind of wrong word is missed (bench/lib/missed-words.ts);  BAOCAO_SHARED=/path/to/shared;  BENCH_DOCS=001,002
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restore, type RestoredToken, type RestoreInput } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { documentReviewThreshold, reviewThreshold } from '../src/core/restore/stage.js';
import { labelTokens, reviewFigures, type LabeledToken, type ReviewFigures } from './lib/word-labels.js';
import { printMissed } from './lib/missed-words.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devset = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');
const verbose = process.argv.includes('--verbose');
const only = process.env.BENCH_DOCS?.split(',');
const OLD_BELOW = 0.6;

interface Doc { input: string; gt: string }

function docs(kind: 'stripped' | 'eng-ocr' | 'vie-ocr'): Doc[] {
  if (kind === 'vie-ocr') {
    return readdirSync(join(devset, 'scans')).sort().filter((d) => !only || only.includes(d.slice(0, 3))).map((d) => ({
      input: readFileSync(join(devset, 'scans', d, 'ocr.vie.txt'), 'utf8'), gt: readFileSync(join(devset, 'scans', d, 'gt.txt'), 'utf8'),
    }));
  }
  const ids = readdirSync(join(devset, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort().filter((id) => !only || only.includes(id));
  return ids.map((id) => kind === 'stripped'
    ? { input: readFileSync(join(devset, 'stripped', `${id}.txt`), 'utf8'), gt: readFileSync(join(devset, 'docs', `${id}.txt`), 'utf8') }
    : { input: readFileSync(join(devset, 'eng-ocr', `${id}.txt`), 'utf8'), gt: readFileSync(join(devset, 'eng-ocr', `${id}.gt.txt`), 'utf8') });
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) : '—').padStart(5) + '%';

function line(name: string, f: ReviewFigures, below: number): void {
  console.log(`  ${name.padEnd(40)} below ${Number.isNaN(below) ? 'per doc' : below.toFixed(3)}  flagged ${pct(f.flagged, f.words)} (${f.flagged})  wrong flagged ${pct(f.flaggedWrong, f.wrong)} (${f.flaggedWrong}/${f.wrong})  precision ${pct(f.flaggedWrong, f.flagged)}  ECE ${f.ece.toFixed(4)}`);
  if (!verbose) return;
  for (const b of f.bins) if (b.words) console.log(`      [${b.from.toFixed(1)}, ${b.to.toFixed(1)})  ${String(b.words).padStart(6)} words  mean confidence ${b.meanConfidence.toFixed(3)}  right ${b.accuracy.toFixed(3)}`);
}

/** The threshold that flags `share` of the words by this confidence. */
function thresholdFlagging(items: { confidence: number }[], count: number): number {
  const sorted = items.map((x) => x.confidence).sort((a, b) => a - b);
  return count <= 0 ? 0 : count >= sorted.length ? 1.0001 : sorted[count]!;
}

function main(): void {
  const model = loadModel(process.env.BAOCAO_MODEL_DIR);
  if (!model.confidence) console.log('no dictionaries/vi-confidence.json: the new confidence is the posterior itself (npm run build:confidence)');
  console.log('devset: measurement only (calibration and thresholds fitted on ocr-pairs; nothing tuned here)');
  const bars: Record<string, number> = { 'eng-ocr': 0.8, stripped: 0.7 };
  for (const kind of ['stripped', 'eng-ocr', 'vie-ocr'] as const) {
    const input: RestoreInput = kind === 'eng-ocr' ? 'ocr' : kind;
    const set = docs(kind);
    const now: { confidence: number; right: boolean }[] = [], today: { confidence: number; right: boolean }[] = [];
    const labeled: LabeledToken[] = [];
    // The pipeline's review list: each document cut as the restore stage cuts it (documentReviewThreshold).
    const flaggedTokens = new Set<RestoredToken>();
    let flagged = 0, flaggedWrong = 0;
    for (const d of set) {
      const r = restore(d.input, { model, input, evidence: verbose });
      const cut = documentReviewThreshold(model, input, r.tokens.map((t) => t.confidence));
      for (const l of labelTokens(r, d.gt, kind !== 'vie-ocr')) {
        const { token, right } = l;
        if (verbose) labeled.push(l);
        if (token.confidence < cut) { flagged++; if (!right) flaggedWrong++; flaggedTokens.add(token); }
        now.push({ confidence: token.confidence, right });
        today.push({ confidence: token.decoderConfidence ?? token.confidence, right });
      }
    }
    const below = reviewThreshold(model, input);
    const ours = { ...reviewFigures(now, below), flagged, flaggedWrong }, fixed = reviewFigures(now, below), old = reviewFigures(today, OLD_BELOW);
    console.log(`\n${kind}: ${set.length} documents, ${ours.words} restored words, ${ours.wrong} wrong (${pct(ours.wrong, ours.words)})`);
    line("today's decoder confidence", old, OLD_BELOW);
    const same = thresholdFlagging(today, ours.flagged);
    line("today's, same number flagged", reviewFigures(today, same), same);
    line('calibrated, fixed threshold', fixed, below);
    const rule = model.confidence?.reviewRule(input);
    line(rule ? `calibrated, per-document cut (pipeline)` : 'calibrated P(right) (pipeline)', ours, rule ? NaN : below);
    // A point further along the same ranking, for reading only (the threshold is the calibration's).
    const budget = thresholdFlagging(now, Math.floor(0.05 * now.length));
    line('calibrated, 5% flagged (curve point)', reviewFigures(now, budget), budget);
    if (verbose) printMissed(labeled, (t) => flaggedTokens.has(t));
    const bar = bars[kind];
    if (bar !== undefined) {
      const recall = ours.flaggedWrong / Math.max(ours.wrong, 1), share = ours.flagged / Math.max(ours.words, 1);
      console.log(`  bar: wrong flagged ≥ ${bar * 100}% with ≤ 5% flagged: ${recall >= bar && share <= 0.05 ? 'met' : 'NOT met'}`);
    }
  }
  const sample = restore(readFileSync(join(root, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt'), 'utf8'), { model, input: 'auto' });
  const below = documentReviewThreshold(model, sample.mode, sample.tokens.map((t) => t.confidence));
  const flagged = sample.tokens.filter((t) => t.confidence < below);
  console.log(`\nsample report (${sample.mode}): ${sample.tokens.length} words, ${flagged.length} flagged (today: ${sample.tokens.filter((t) => (t.decoderConfidence ?? 1) < OLD_BELOW).length})`);
  if (verbose) console.log('  ' + flagged.map((t) => `${t.original}→${t.restored} ${t.confidence.toFixed(2)}`).join(', '));
}

main();
