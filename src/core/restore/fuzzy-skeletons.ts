/**
 * Fallback search for OCR tokens the learned channel cannot explain ("nd1i" nội, "k¥" kỹ,
 * "nhimg" những, "niam" năm, "Xﬁﬁn" Xuân): a weighted edit distance from the token to every
 * mark-free skeleton of the vocabulary. A junk character (digit, symbol, ligature) standing for a
 * letter or inserted by the OCR is cheap; changing a real letter costs more. The skeleton list is
 * small (a few thousand), and the search runs once per distinct bad token of a document.
 */
import { stripMarks } from '../vi-text/index.js';

/** Cost of a junk character read for a letter, or inserted. */
const JUNK = 0.5;
/** Cost of a wrong, missing or extra letter. */
const LETTER = 1;
/** Skeletons further than this from the token are not considered. */
export const FUZZY_MAX = 2;

const isLetter = (ch: string) => ch >= 'a' && ch <= 'z';
const PLAIN = /^[a-z]*$/;

/**
 * The letters of an OCR token as the search sees them: lower-case, Latin accents dropped
 * ("é" → "e", the channel scores the accent later), everything else kept as junk.
 */
export function fuzzyKey(ocrLower: string): string {
  if (PLAIN.test(ocrLower)) return ocrLower; // the common case, on the decoder's hot path
  return [...ocrLower].map((ch) => {
    const s = stripMarks(ch);
    return s.length === 1 && isLetter(s) ? s : ch === 'đ' ? 'd' : ch;
  }).join('');
}

export class FuzzySkeletons {
  private byLength = new Map<number, string[]>();

  constructor(skeletons: Iterable<string>) {
    for (const s of skeletons) {
      if (!/^[a-zđ]+$/.test(s)) continue;
      let list = this.byLength.get(s.length);
      if (!list) this.byLength.set(s.length, (list = []));
      list.push(s);
    }
  }

  /** Skeletons within FUZZY_MAX of the token and within one letter-edit of the nearest, nearest first. */
  near(ocrLower: string): { skeleton: string; cost: number }[] {
    const key = [...fuzzyKey(ocrLower)];
    if (key.length === 0 || key.length > 9) return [];
    const found: { skeleton: string; cost: number }[] = [];
    const prev = new Float64Array(key.length + 1), cur = new Float64Array(key.length + 1);
    for (let len = Math.max(1, key.length - 3); len <= key.length + 2; len++) {
      for (const skel of this.byLength.get(len) ?? []) {
        const cost = distance(key, skel, prev, cur);
        if (cost <= FUZZY_MAX) found.push({ skeleton: skel, cost });
      }
    }
    if (!found.length) return [];
    const best = Math.min(...found.map((f) => f.cost));
    return found.filter((f) => f.cost <= best + LETTER).sort((a, b) => a.cost - b.cost || (a.skeleton < b.skeleton ? -1 : 1));
  }
}

/** Weighted Levenshtein distance from the OCR key (rows) to a skeleton (columns). */
function distance(key: string[], skel: string, prev: Float64Array, cur: Float64Array): number {
  const n = key.length;
  // Columns walk the skeleton; prev/cur hold one column over the OCR characters.
  prev[0] = 0;
  for (let i = 1; i <= n; i++) prev[i] = prev[i - 1]! + (isLetter(key[i - 1]!) ? LETTER : JUNK);
  for (let j = 1; j <= skel.length; j++) {
    const s = skel[j - 1]!;
    cur[0] = prev[0]! + LETTER;
    let colMin = cur[0]!;
    for (let i = 1; i <= n; i++) {
      const k = key[i - 1]!;
      const junk = !isLetter(k);
      const sub = prev[i - 1]! + (k === s || (k === 'd' && s === 'đ') ? 0 : junk ? JUNK : LETTER);
      const ins = cur[i - 1]! + (junk ? JUNK : LETTER); // OCR character with no letter behind it
      const del = prev[i]! + LETTER; // letter the OCR lost
      const v = Math.min(sub, ins, del);
      cur[i] = v;
      if (v < colMin) colMin = v;
    }
    if (colMin > FUZZY_MAX) return Infinity;
    prev.set(cur.subarray(0, n + 1));
  }
  return prev[n]!;
}
