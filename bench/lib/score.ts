/**
 * Syllable accuracy: per line, tokens are runs of letters or digits, compared lower-cased and with
 * tone placement normalised (hoà = hòa); GT and output tokens are aligned by edit distance and a
 * GT token counts as right when it is aligned to an equal output token. Case-sensitive matches
 * are counted too (casing restored from the input).
 */
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';

export interface Score {
  gtTokens: number;
  correct: number;
  correctCased: number;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

export function scoreTokens(line: string): string[] {
  return (line.normalize('NFC').match(TOKEN) ?? []).map((t) => normalizeTonePlacement(t, 'old'));
}

/**
 * Word alignment by edit distance (substitution, insertion, deletion all cost 1; equal words are
 * free): the [gtIndex, outIndex] pairs on the diagonal of one cheapest path, last pair first.
 */
export function alignWords(g: readonly string[], o: readonly string[]): [number, number][] {
  const n = g.length, m = o.length;
  const d: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = 0; i <= n; i++) d[i]![0] = i;
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (g[i - 1] === o[j - 1] ? 0 : 1));
  const pairs: [number, number][] = [];
  let i = n, j = m;
  while (i > 0 && j > 0) {
    if (d[i]![j] === d[i - 1]![j - 1]! + (g[i - 1] === o[j - 1] ? 0 : 1)) { pairs.push([i - 1, j - 1]); i--; j--; }
    else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return pairs;
}

export function scoreLine(gtLine: string, outLine: string, into: Score): void {
  const g = scoreTokens(gtLine), o = scoreTokens(outLine);
  const gl = g.map((x) => x.toLowerCase()), ol = o.map((x) => x.toLowerCase());
  into.gtTokens += g.length;
  for (const [i, j] of alignWords(gl, ol)) {
    if (gl[i] !== ol[j]) continue;
    into.correct++;
    if (g[i] === o[j]) into.correctCased++;
  }
}

export function scoreText(gt: string, out: string, into: Score): void {
  const gl = gt.split(/\r?\n/), ol = out.split(/\r?\n/);
  for (let k = 0; k < Math.max(gl.length, ol.length); k++) scoreLine(gl[k] ?? '', ol[k] ?? '', into);
}

export const emptyScore = (): Score => ({ gtTokens: 0, correct: 0, correctCased: 0 });
export const pct = (s: Score, cased = false) => (100 * (cased ? s.correctCased : s.correct)) / Math.max(s.gtTokens, 1);

/** Whole-text variant for inputs whose line structure differs from the ground truth (OCR pages). */
export function scoreWhole(gt: string, out: string, into: Score): void {
  scoreLine(gt.replace(/\s+/g, ' '), out.replace(/\s+/g, ' '), into);
}
