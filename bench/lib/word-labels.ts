/**
 * Which restored words are right: each restored token is placed in the restored text, its
 * syllables are aligned to the ground truth (bench/lib/score.ts: edit distance over tokens,
 * lower-cased, tone placement normalised) line by line or over the whole text, and the token is
 * right when every syllable of it is aligned to an equal ground-truth syllable.
 */
import type { RestoredToken, RestoreResult } from '../../src/core/restore/index.js';
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import { alignWords, scoreTokens } from './score.js';

export interface LabeledToken {
  token: RestoredToken;
  right: boolean;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * `lineAligned`: line k of the input is line k of `gt` (devset stripped and English-OCR text, OCR
 * pairs); otherwise the whole texts are aligned (OCR of scanned pages).
 */
export function labelTokens(result: RestoreResult, gt: string, lineAligned: boolean): LabeledToken[] {
  const out = result.text;
  // Each token's span in the restored text (rebuild() replaces the words in order).
  const tokens = [...result.tokens].sort((a, b) => a.start - b.start);
  const spans: [number, number][] = [];
  let shift = 0;
  for (const t of tokens) {
    const s = t.start + shift;
    spans.push([s, s + t.restored.length]);
    shift += t.restored.length - (t.end - t.start);
  }
  // Every syllable of the restored text: its span and whether it matches the ground truth.
  const units = lineAligned ? out.split('\n') : [out];
  const gtUnits = lineAligned ? gt.split(/\r?\n/) : [gt.replace(/\s+/g, ' ')];
  const sylStart: number[] = [], sylEnd: number[] = [], sylRight: boolean[] = [];
  let offset = 0;
  units.forEach((unit, k) => {
    const found = [...unit.matchAll(TOKEN)];
    const o = found.map((m) => normalizeTonePlacement(m[0].normalize('NFC'), 'old').toLowerCase());
    const g = scoreTokens(gtUnits[k] ?? '').map((x) => x.toLowerCase());
    const right = new Array<boolean>(o.length).fill(false);
    for (const [i, j] of alignWords(g, o)) if (g[i] === o[j]) right[j] = true;
    found.forEach((m, j) => { sylStart.push(offset + m.index!); sylEnd.push(offset + m.index! + m[0].length); sylRight.push(right[j]!); });
    offset += unit.length + 1;
  });
  const labeled: LabeledToken[] = [];
  let s = 0;
  tokens.forEach((token, i) => {
    const [from, to] = spans[i]!;
    while (s < sylStart.length && sylEnd[s]! <= from) s++;
    let any = false, all = true;
    for (let k = s; k < sylStart.length && sylStart[k]! < to; k++) { any = true; all &&= sylRight[k]!; }
    if (any) labeled.push({ token, right: all });
  });
  return labeled;
}

/** The devset's and the calibration data's notion of a wrong word, summed: share flagged, recall, precision, ECE. */
export interface ReviewFigures {
  words: number;
  wrong: number;
  flagged: number;
  flaggedWrong: number;
  ece: number;
  bins: { from: number; to: number; words: number; meanConfidence: number; accuracy: number }[];
}

export function reviewFigures(items: readonly { confidence: number; right: boolean }[], below: number, nBins = 10): ReviewFigures {
  const bins = Array.from({ length: nBins }, (_, k) => ({ from: k / nBins, to: (k + 1) / nBins, words: 0, sumConf: 0, right: 0 }));
  let wrong = 0, flagged = 0, flaggedWrong = 0;
  for (const x of items) {
    if (!x.right) wrong++;
    if (x.confidence < below) { flagged++; if (!x.right) flaggedWrong++; }
    const b = bins[Math.min(nBins - 1, Math.floor(x.confidence * nBins))]!;
    b.words++;
    b.sumConf += x.confidence;
    if (x.right) b.right++;
  }
  const n = Math.max(items.length, 1);
  const ece = bins.reduce((e, b) => e + (b.words ? (b.words / n) * Math.abs(b.sumConf / b.words - b.right / b.words) : 0), 0);
  return {
    words: items.length, wrong, flagged, flaggedWrong, ece,
    bins: bins.map((b) => ({ from: b.from, to: b.to, words: b.words, meanConfidence: b.words ? b.sumConf / b.words : 0, accuracy: b.words ? b.right / b.words : 0 })),
  };
}
