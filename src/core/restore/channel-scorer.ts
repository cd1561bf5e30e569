/**
 * Fast form of the OCR channel's alignment score. A token is scored against hundreds to thousands
 * of vocabulary forms (the fuzzy fallback alone scores ~1,800 per junk token, numbers included),
 * and that search, not the decoder, was most of a document's first restoration. Here each form is
 * a run of small letter codes made once per vocabulary, and each OCR token gets a table of
 * ln P(substring | letter) filled lazily, one row per letter met; the alignment itself is then
 * typed-array arithmetic. The numbers are the same as scoring letter by letter with strings: the
 * same emissions are added in the same order.
 */
import type { EmissionMemo } from './emission-memo.js';

/** Which small đ of a form stand for a capital Đ (0 none, 1 the first letter, 2 all). */
export type CapitalDMode = 0 | 1 | 2;

/** Code points of the vocabulary as small integers, one flat array for all forms. */
export class LetterCodes {
  private codeOf = new Map<string, number>();
  readonly letters: string[] = [];
  /** Form `id` is codes[starts[id], starts[id + 1]). */
  readonly starts: Uint32Array;
  readonly codes: Uint16Array;
  readonly smallD: number;
  readonly capitalD: number;

  constructor(vocab: readonly string[]) {
    this.smallD = this.code('đ');
    this.capitalD = this.code('Đ');
    let total = 0;
    for (const form of vocab) total += form.length; // UTF-16 units bound the code points
    this.starts = new Uint32Array(vocab.length + 1);
    this.codes = new Uint16Array(total);
    let at = 0;
    for (let id = 0; id < vocab.length; id++) {
      this.starts[id] = at;
      for (const ch of vocab[id]!) this.codes[at++] = this.code(ch);
    }
    this.starts[vocab.length] = at;
  }

  /** The code of a letter, assigned on first sight (forms outside the vocabulary may bring new ones). */
  code(letter: string): number {
    let c = this.codeOf.get(letter);
    if (c === undefined) {
      c = this.letters.length;
      this.letters.push(letter);
      this.codeOf.set(letter, c);
    }
    return c;
  }

  /** Codes of any string. */
  encode(text: string): Uint16Array {
    const out: number[] = [];
    for (const ch of text) out.push(this.code(ch));
    return Uint16Array.from(out);
  }
}

/**
 * Multipliers λ of the bound in TokenEmissions.mayReach, λ = 0 first (most forms fall to it). Any
 * values give a valid bound; these (about ±1 unseen edit) prune nearly as much on OCR junk as five
 * (1,554 alignments on the sample with ±5 and ±10, 1,610 with ±10) at three fifths of the cost.
 */
const LAMBDAS = [0, -10, 10];
/** Offsets into a letter's bounds, each per λ: from the token's start, to its end, anywhere; the whole token; zeros. */
const FIRST = 0, LAST = LAMBDAS.length, ANY = 2 * LAMBDAS.length, ONLY = 3 * LAMBDAS.length, ZERO = 4 * LAMBDAS.length;
/** Nats the bound may fall short by through rounding alone (it sums in another order). */
const BOUND_SLACK = 1e-9;

/**
 * The emissions of one OCR token: row `letter` holds ln P(ocr[j, j+k) | letter) at j·(maxEmit+1)+k
 * (−∞ where j+k passes the end). Rows are filled on first use.
 */
export class TokenEmissions {
  private rows: (Float64Array | undefined)[] = [];
  /** Per letter code: its bests for mayReach (boundsOf), filled on first use. */
  private bounds: (Float64Array | undefined)[] = [];
  /** ocr[j, j+k) at j·(maxEmit+1)+k, and its column of emissions (EmissionMemo). */
  private pieces: string[] | undefined;
  private columns: Float64Array[] | undefined;
  private readonly width: number;
  /** boundsOf's scratch: a row's best per reading length, from the start, to the end, anywhere. */
  private byLength: Float64Array;
  private prev: Float64Array;
  private cur: Float64Array;

  constructor(
    private readonly ocr: string,
    private readonly maxEmit: number,
    private readonly letters: LetterCodes,
    private readonly memo: EmissionMemo,
  ) {
    this.width = maxEmit + 1;
    this.byLength = new Float64Array(3 * this.width);
    this.prev = new Float64Array(ocr.length + 1);
    this.cur = new Float64Array(ocr.length + 1);
  }

  private row(code: number): Float64Array {
    let r = this.rows[code];
    if (r) return r;
    const n = this.ocr.length, w = this.width;
    r = new Float64Array((n + 1) * w).fill(-Infinity);
    const letter = this.letters.letters[code]!;
    const size = this.letters.letters.length;
    let pieces = this.pieces, columns = this.columns;
    if (!pieces || !columns) {
      pieces = this.pieces = [];
      columns = this.columns = [];
      for (let i = 0; i < r.length; i++) {
        const j = Math.floor(i / w), k = i - j * w;
        pieces.push(j + k <= n ? this.ocr.slice(j, j + k) : '');
        columns.push(this.memo.column(pieces[i]!, size));
      }
    }
    for (let j = 0; j <= n; j++) {
      for (let k = 0; k <= this.maxEmit && j + k <= n; k++) {
        const i = j * w + k;
        // A form outside the vocabulary may bring a letter the column was not sized for.
        if (code >= columns[i]!.length) columns[i] = this.memo.column(pieces[i]!, size);
        r[i] = this.memo.value(columns[i]!, code, letter, pieces[i]!);
      }
    }
    this.rows[code] = r;
    return r;
  }

  /** ln P(token | vocabulary form `id`), maximised over alignments; `capitalD` as in CapitalDMode. */
  scoreId(id: number, capitalD: CapitalDMode): number {
    const { codes, starts } = this.letters;
    return this.score(codes, starts[id]!, starts[id + 1]!, capitalD);
  }

  /**
   * False when form `id` is proven to score below `need` (scoreId(id) < need), without aligning
   * it: an exact upper bound, far tighter than each letter's best reading summed. The alignment
   * reads the whole token, the first letter from its start and the last to its end, and its
   * readings' lengths add up to the token's length n. So for any λ, with best_p(λ) the most of
   * ln P(reading) + λ·length over the readings letter p may take (first, last, any position),
   * score ≤ Σ_p best_p(λ) − λ·n (the Lagrangian relaxation of the length constraint); several
   * λ are tried, λ = 0 first. A one-letter form is read whole: its bound is its score.
   */
  mayReach(id: number, capitalD: CapitalDMode, need: number): boolean {
    const { codes, starts, smallD, capitalD: bigD } = this.letters;
    const from = starts[id]!, to = starts[id + 1]!, capitalEnd = capitalEndOf(capitalD, from, to);
    if (to === from) return true;
    // Slack for rounding: the bound adds in another order than the alignment does.
    const floor = need - BOUND_SLACK;
    const first = this.boundsOf(readAs(codes[from]!, from, capitalEnd, smallD, bigD));
    const last = this.boundsOf(readAs(codes[to - 1]!, to - 1, capitalEnd, smallD, bigD));
    // One letter reads the whole token (its ONLY best, nothing for a last letter): the same sums,
    // offsets chosen by value, so no branch is first taken after the code is compiled.
    const one = to === from + 1, firstAt = one ? ONLY : FIRST, lastAt = one ? ZERO : LAST;
    const n = this.ocr.length;
    for (let l = 0; l < LAMBDAS.length; l++) {
      let sum = first[firstAt + l]! + last[lastAt + l]! - LAMBDAS[l]! * n;
      for (let p = from + 1; p < to - 1; p++) sum += this.boundsOf(readAs(codes[p]!, p, capitalEnd, smallD, bigD))[ANY + l]!;
      if (!(sum >= floor)) return false;
    }
    return true;
  }

  /** A letter's bests for mayReach: per λ, reading from the start, to the end, anywhere; and the whole token. */
  private boundsOf(code: number): Float64Array {
    let b = this.bounds[code];
    if (b) return b;
    const r = this.row(code), n = this.ocr.length, w = this.width, maxEmit = this.maxEmit;
    b = new Float64Array(ZERO + LAMBDAS.length).fill(-Infinity);
    // Per reading length k: the best reading from the start, to the end, anywhere.
    const byLength = this.byLength.fill(-Infinity);
    for (let j = 0; j <= n; j++) {
      for (let k = 0; k <= maxEmit && j + k <= n; k++) if (r[j * w + k]! > byLength[2 * w + k]!) byLength[2 * w + k] = r[j * w + k]!;
    }
    for (let k = 0; k <= maxEmit && k <= n; k++) {
      byLength[k] = r[k]!;
      byLength[w + k] = r[(n - k) * w + k]!;
    }
    for (let l = 0; l < LAMBDAS.length; l++) {
      for (let k = 0; k <= maxEmit && k <= n; k++) {
        const gain = LAMBDAS[l]! * k;
        if (byLength[k]! + gain > b[FIRST + l]!) b[FIRST + l] = byLength[k]! + gain;
        if (byLength[w + k]! + gain > b[LAST + l]!) b[LAST + l] = byLength[w + k]! + gain;
        if (byLength[2 * w + k]! + gain > b[ANY + l]!) b[ANY + l] = byLength[2 * w + k]! + gain;
      }
    }
    // The whole token as one reading (a one-letter form), λ·n added as mayReach's sum takes it off.
    for (let l = 0; l < LAMBDAS.length; l++) b[ONLY + l] = n <= maxEmit ? r[n]! + LAMBDAS[l]! * n : -Infinity;
    for (let l = 0; l < LAMBDAS.length; l++) b[ZERO + l] = 0;
    this.bounds[code] = b;
    return b;
  }

  /** ln P(token | codes[from, to)), maximised over alignments. */
  score(codes: Uint16Array, from: number, to: number, capitalD: CapitalDMode): number {
    const n = this.ocr.length, w = this.width, maxEmit = this.maxEmit;
    const { smallD, capitalD: bigD } = this.letters;
    let prev = this.prev, cur = this.cur;
    prev.fill(-Infinity);
    prev[0] = 0;
    const capitalEnd = capitalEndOf(capitalD, from, to);
    for (let p = from; p < to; p++) {
      const r = this.row(readAs(codes[p]!, p, capitalEnd, smallD, bigD));
      cur.fill(-Infinity);
      for (let j = 0; j <= n; j++) {
        const base = prev[j]!;
        if (base === -Infinity) continue;
        const at = j * w;
        for (let k = 0; k <= maxEmit && j + k <= n; k++) {
          const lp = base + r[at + k]!;
          if (lp > cur[j + k]!) cur[j + k] = lp;
        }
      }
      const t = prev;
      prev = cur;
      cur = t;
    }
    return prev[n]!;
  }
}

/**
 * The letters of a form [from, to) whose d is a capital Đ are those before the returned end: all
 * (2), the first (1), none (0). Worked out once per form, not tested per letter in a branch that
 * runs only for capitals (a branch first run after compilation throws the compiled code away).
 */
function capitalEndOf(capitalD: CapitalDMode, from: number, to: number): number {
  return capitalD === 2 ? to : from + capitalD;
}

/**
 * The code letter `p` of a form is read as: a small đ before `capitalEnd` stands for a capital Đ.
 * Both tests always run: a test first run after compilation throws the compiled caller away.
 */
function readAs(code: number, p: number, capitalEnd: number, smallD: number, bigD: number): number {
  const isD = code === smallD, capital = p < capitalEnd;
  return isD && capital ? bigD : code;
}

