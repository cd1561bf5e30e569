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
  // A plain loop: arrays made by map() differ in elements kind, which throws compiled callers away.
  let key = '';
  for (const ch of ocrLower) {
    const s = stripMarks(ch);
    key += s.length === 1 && isLetter(s) ? s : ch === 'đ' ? 'd' : ch;
  }
  return key;
}

/**
 * What the search sees of a token: its key with every junk character made one and the same
 * ("12", "30" and "¢€" search alike), so results can be shared between tokens of one shape.
 */
export function fuzzyShape(ocrLower: string): string {
  return [...fuzzyKey(ocrLower)].map((ch) => (isLetter(ch) ? ch : '\u0000')).join('');
}

/**
 * The skeletons as a trie, searched depth first with one edit-distance column per node: skeletons
 * that share a start share its columns, and a branch ends as soon as its column passes FUZZY_MAX.
 * Same distances and the same results as comparing the token with each skeleton in turn.
 */
export class FuzzySkeletons {
  /** Per node: first child, next sibling (−1 none), its letter's code, the skeleton ending there. */
  private child: number[] = [-1];
  private sibling: number[] = [-1];
  private letter: number[] = [0];
  private word: (string | undefined)[] = [undefined];
  /** Per node: its skeleton is plain letters (a-z, đ), the only ones the fuzzy search reports. */
  private plain: boolean[] = [false];

  constructor(skeletons: Iterable<string>) {
    for (const s of skeletons) if (s.length) this.add(s);
  }

  private add(s: string): void {
    let node = 0;
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      let c = this.child[node]!, last = -1;
      while (c >= 0 && this.letter[c] !== code) { last = c; c = this.sibling[c]!; }
      if (c < 0) {
        c = this.letter.length;
        this.child.push(-1);
        this.sibling.push(-1);
        this.letter.push(code);
        this.word.push(undefined);
        this.plain.push(false);
        if (last < 0) this.child[node] = c;
        else this.sibling[last] = c;
      }
      node = c;
    }
    this.word[node] = s;
    this.plain[node] = /^[a-zđ]+$/.test(s);
  }

  /**
   * The skeletons that are `skel` with one of `letters` (single characters) put in anywhere
   * ("dy" with a, u → day, duy, …), each once, in no particular order.
   */
  withOneMore(skel: string, letters: ReadonlySet<string>): string[] {
    const out = new Set<string>();
    // Walk skel's letters; at any point one child may be taken with a letter of the set.
    const follow = (node: number, from: number): number => {
      for (let i = from; i < skel.length && node >= 0; i++) node = this.childWith(node, skel.charCodeAt(i));
      return node;
    };
    let node = 0;
    for (let p = 0; p <= skel.length && node >= 0; p++) {
      for (let c = this.child[node]!; c >= 0; c = this.sibling[c]!) {
        if (!letters.has(String.fromCharCode(this.letter[c]!))) continue;
        const end = follow(c, p);
        const w = end >= 0 ? this.word[end] : undefined;
        if (w !== undefined) out.add(w);
      }
      if (p < skel.length) node = this.childWith(node, skel.charCodeAt(p));
    }
    return [...out];
  }

  /** Whether some skeleton starts with `s` (the empty string included): a path from the root. */
  hasPrefix(s: string): boolean {
    let node = 0;
    for (let i = 0; i < s.length && node >= 0; i++) node = this.childWith(node, s.charCodeAt(i));
    return node >= 0;
  }

  private childWith(node: number, code: number): number {
    let c = this.child[node]!;
    while (c >= 0 && this.letter[c] !== code) c = this.sibling[c]!;
    return c;
  }

  /** Skeletons within FUZZY_MAX of the token and within one letter-edit of the nearest, nearest first. */
  near(ocrLower: string): { skeleton: string; cost: number }[] {
    const { skeletons, costs } = this.search(ocrLower);
    return skeletons.map((skeleton, i) => ({ skeleton, cost: costs[i]! }))
      .sort((a, b) => a.cost - b.cost || (a.skeleton < b.skeleton ? -1 : 1));
  }

  /**
   * The skeletons of near(), nearest first but in no order within one distance (a caller that
   * scores them all needs no more; costs are multiples of JUNK, so this is a bucket pass).
   */
  nearUnordered(ocrLower: string): string[] {
    const { skeletons, costs } = this.search(ocrLower);
    return byDistance(skeletons, costs);
  }

  private search(ocrLower: string): { skeletons: string[]; costs: number[] } {
    const key = [...fuzzyKey(ocrLower)];
    if (key.length === 0 || key.length > 9) return { skeletons: [], costs: [] };
    const n = key.length;
    // The token's characters as codes; −1 for junk (never equal to a skeleton letter). A typed
    // array: one shape whatever the token, so the compiled search is not thrown away.
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = isLetter(key[i]!) ? key[i]!.charCodeAt(0) : -1;
    const walk = new TrieWalk(this.child, this.sibling, this.letter, this.word, this.plain, codes);
    for (let c = this.child[0]!; c >= 0; c = this.sibling[c]!) walk.visit(c, 1);
    return nearest(walk.skeletons, walk.costs);
  }
}

// The passes over the thousands of skeletons a junk token finds are functions of their own: as
// loops of search() or nearUnordered() they made those hot, and each was compiled with the trie
// walk's recursion inlined into it (compile time on the first document, not speed).

/** The skeletons found within one letter-edit of the nearest. */
function nearest(skeletons: readonly string[], costs: readonly number[]): { skeletons: string[]; costs: number[] } {
  let best = Infinity;
  for (const c of costs) if (c < best) best = c;
  const kept: { skeletons: string[]; costs: number[] } = { skeletons: [], costs: [] };
  for (let i = 0; i < costs.length; i++) {
    if (costs[i]! <= best + LETTER) { kept.skeletons.push(skeletons[i]!); kept.costs.push(costs[i]!); }
  }
  return kept;
}

/** The skeletons nearest first, in found order within one distance (costs are multiples of JUNK: a bucket pass). */
function byDistance(skeletons: readonly string[], costs: readonly number[]): string[] {
  const buckets: string[][] = [];
  for (let i = 0; i < costs.length; i++) (buckets[Math.round(costs[i]! / JUNK)] ??= []).push(skeletons[i]!);
  // Not flat(): its arrays vary in elements kind, which throws the compiled caller's loop away.
  const out: string[] = [];
  for (const bucket of buckets) if (bucket) for (const skeleton of bucket) out.push(skeleton);
  return out;
}

/**
 * One search of the trie: the token, its edit-distance columns and what was found. A class with a
 * method rather than a closure made per search: one function for the compiler, compiled once.
 */
class TrieWalk {
  readonly skeletons: string[];
  readonly costs: number[];
  private readonly n: number;
  private readonly minLen: number;
  private readonly maxLen: number;
  private readonly columns: Float64Array;
  /** A branch ends once its column passes this: FUZZY_MAX, then one letter-edit past the nearest found. */
  private limit: number;

  constructor(
    private readonly child: readonly number[],
    private readonly sibling: readonly number[],
    private readonly letter: readonly number[],
    private readonly word: readonly (string | undefined)[],
    private readonly plain: readonly boolean[],
    private readonly codes: Int32Array,
  ) {
    // Costs are halves: the field and the array hold doubles from the start (a whole number first
    // would make them small integers, and the first half would throw the compiled walk away).
    this.limit = JUNK;
    this.limit = FUZZY_MAX;
    this.costs = [JUNK];
    this.costs.length = 0;
    // Likewise strings from the start, not an empty array of small integers.
    this.skeletons = [''];
    this.skeletons.length = 0;
    const n = codes.length;
    this.n = n;
    this.minLen = Math.max(1, n - 3);
    this.maxLen = n + 2;
    const columns = (this.columns = new Float64Array((this.maxLen + 1) * (n + 1)));
    for (let i = 1; i <= n; i++) columns[i] = columns[i - 1]! + (codes[i - 1]! >= 0 ? LETTER : JUNK);
  }

  /**
   * The column of trie node `node` at `depth`, then its children. No skeleton below a node can
   * come closer than its column's minimum, and the answer keeps only those within one letter-edit
   * of the nearest: so a branch ends once that minimum passes the limit.
   */
  visit(node: number, depth: number): void {
    const { n, codes, columns } = this;
    const prev = (depth - 1) * (n + 1), cur = depth * (n + 1);
    // đ matches a d of the token: both codes worked out here, where every call passes.
    const s = this.letter[node]!, sPlain = s === D_STROKE ? D : s;
    columns[cur] = columns[prev]! + LETTER;
    let colMin = columns[cur]!;
    for (let i = 1; i <= n; i++) {
      const k = codes[i - 1]!;
      const junk = k < 0;
      const sub = columns[prev + i - 1]! + (k === s || k === sPlain ? 0 : junk ? JUNK : LETTER);
      const ins = columns[cur + i - 1]! + (junk ? JUNK : LETTER); // OCR character with no letter behind it
      const del = columns[prev + i]! + LETTER; // letter the OCR lost
      const v = Math.min(sub, ins, del);
      columns[cur + i] = v;
      if (v < colMin) colMin = v;
    }
    if (colMin > this.limit) return;
    const w = this.plain[node] ? this.word[node] : undefined;
    const cost = columns[cur + n]!;
    if (w !== undefined && depth >= this.minLen && cost <= this.limit) {
      this.skeletons.push(w);
      this.costs.push(cost);
      this.limit = Math.min(this.limit, cost + LETTER);
    }
    if (depth === this.maxLen) return;
    for (let c = this.child[node]!; c >= 0; c = this.sibling[c]!) this.visit(c, depth + 1);
  }
}

const D = 'd'.charCodeAt(0), D_STROKE = 'đ'.charCodeAt(0);
