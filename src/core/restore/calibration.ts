/**
 * A restored word's confidence as the probability that it is right. The decoder's evidence about
 * the word (posterior over the lattice, whether the input was a known syllable, digits inside it,
 * a name, the channel cost, how the rest of the document read the same token) is combined by a
 * small logistic model per input kind, fitted on OCR pairs and rendered text that are not the
 * devset (scripts/build-confidence.ts → dictionaries/vi-confidence.json). The same file says, per
 * input kind, below which probability a word goes to the review list.
 */

/** What restore() knows about one word when it is chosen. */
export interface WordEvidence {
  /** Forward–backward posterior of the chosen reading (posterior.ts); the decoder's value when not computed. */
  posterior: number;
  /** The decoder's own confidence (softmax with the best path's neighbours fixed). */
  decoder: number;
  /** Candidates the decoder weighed. */
  candidates: number;
  /** The token as read is itself a vocabulary syllable. */
  knownInput: boolean;
  /** Digits among letters ("d01", "16p"), or a bare number read as a word. */
  digits: boolean;
  /** Read as part of a person's name (name-evidence.ts). */
  name: boolean;
  /** Restored as written (letters unchanged, marks included). */
  kept: boolean;
  /** The chosen reading is no vocabulary word (kept as unknown) or a number. */
  unknown: boolean;
  /** Channel ln P of the chosen reading, and how far it is below the channel's best candidate. */
  channel: number;
  channelGap: number;
  /** Unigram ln P of the chosen reading (0 when unknown). */
  unigram: number;
  title: boolean;
  upper: boolean;
  letters: number;
  /** Other words of the document read from the same token, and the share restored the same way. */
  docRepeats: number;
  docAgree: number;
  /** Not a decoder choice (an acronym, a list marker). */
  rule: boolean;
  /** A list letter ("d)" at a line start), read by list-markers.ts. */
  listLetter: boolean;
  /** A bare number, and the best channel ln P of reading it as a word (0 when it is no number). */
  number: boolean;
  numberAsWord: number;
  /** Symbols other than letters and digits inside the token ("&", "v¢€"). */
  symbols: boolean;
  /** Letters changed, not only marks: edit distance of the token's letters to the reading's, mark-free. */
  letterEdits: number;
  /** Neighbours (previous, next) in the segment that are vocabulary words: the context the LM had. */
  wordNeighbours: number;
  /** LM-only preference (nats) of the choice over its best alternative, neighbours as decoded (word-evidence.ts lmMargin). */
  lmMargin: number;
  /**
   * An all-capitals token kept as read, with a D, that the vocabulary does not know: stripped text
   * and English-model OCR have no Đ, so its D may be one ("QHDP" for QHĐP); the LM cannot tell.
   */
  acronymD: boolean;
}

/**
 * A WordEvidence with every field present, in one order: the calibration's hot reads
 * (fillFeatures) then see one object shape, where objects grown field by field from `{}` and rule
 * words' literals had two and threw the compiled code away ("wrong map"). NaN and the booleans are
 * placeholders the callers overwrite; NaN keeps the numeric fields in double representation.
 */
export function blankEvidence(): WordEvidence {
  return {
    posterior: NaN, decoder: NaN, candidates: NaN, knownInput: false, digits: false, name: false, kept: false, unknown: false,
    channel: NaN, channelGap: NaN, unigram: NaN, title: false, upper: false, letters: NaN, docRepeats: NaN, docAgree: NaN, rule: false,
    listLetter: false, number: false, numberAsWord: NaN, symbols: false, letterEdits: NaN, wordNeighbours: NaN, lmMargin: NaN, acronymD: false,
  };
}

export const FEATURES = [
  'posterior', 'decoder', 'candidates', 'knownInput', 'digits', 'name', 'kept', 'unknown', 'channel', 'channelGap',
  'unigram', 'title', 'upper', 'short', 'docRepeats', 'docAgree', 'rule', 'posteriorKept',
  'number', 'numberKept', 'numberAsWord', 'symbols', 'posteriorUnknown', 'listLetter',
  'letterEdits', 'lettersChanged', 'wordNeighbours', 'posteriorBelow90', 'posteriorBelow99', 'posteriorBelow999',
  'lmMargin', 'lmDisagrees', 'numberLmMargin', 'acronymD',
] as const;

const logit = (p: number) => { const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6); return Math.log(q / (1 - q)); };
const bit = (b: boolean) => (b ? 1 : 0);

/** The model's inputs, in FEATURES order, scaled to about unit size. */
export function featureVector(e: WordEvidence): number[] {
  return Array.from(fillFeatures(e, new Float64Array(FEATURES.length)));
}

/** featureVector(e) written into `x` (the same doubles: a Float64Array holds any number exactly). */
function fillFeatures(e: WordEvidence, x: Float64Array): Float64Array {
  const lp = logit(e.posterior) / 5;
  x[0] = lp; x[1] = logit(e.decoder) / 5; x[2] = Math.log(Math.max(e.candidates, 1)); x[3] = bit(e.knownInput); x[4] = bit(e.digits);
  x[5] = bit(e.name); x[6] = bit(e.kept); x[7] = bit(e.unknown); x[8] = Math.max(e.channel, -20) / 10; x[9] = Math.min(e.channelGap, 20) / 10;
  x[10] = Math.max(e.unigram, -20) / 10; x[11] = bit(e.title); x[12] = bit(e.upper); x[13] = bit(e.letters <= 2); x[14] = Math.log1p(e.docRepeats);
  x[15] = e.docAgree; x[16] = bit(e.rule); x[17] = lp * bit(e.kept); x[18] = bit(e.number); x[19] = bit(e.number && e.kept);
  x[20] = e.number ? Math.max(e.numberAsWord, -30) / 10 : 0; x[21] = bit(e.symbols); x[22] = lp * bit(e.unknown); x[23] = bit(e.listLetter);
  x[24] = Math.min(e.letterEdits, 4) / 2; x[25] = bit(e.letterEdits > 0); x[26] = e.wordNeighbours / 2; x[27] = bit(e.posterior < 0.9);
  x[28] = bit(e.posterior < 0.99); x[29] = bit(e.posterior < 0.999); x[30] = e.lmMargin / 5; x[31] = bit(e.lmMargin < 0);
  x[32] = e.number ? e.lmMargin / 5 : 0; x[33] = bit(e.acronymD);
  return x;
}
/** probability()'s inputs: one buffer for every word (calibration is synchronous), 34 numbers a word fewer to collect. */
const features = new Float64Array(FEATURES.length);

export interface ModeCalibration {
  /** Logistic weights in FEATURES order, and the intercept. */
  weights: number[];
  bias: number;
  /** Words with confidence below this go to the review list (chosen on the calibration data); used when `review` is absent. */
  reviewBelow: number;
  /** The per-document cut (documentReviewBelow); files from before it have none. */
  review?: ReviewRule;
}

export interface CalibrationFile {
  format: 'baocao-confidence';
  features: string[];
  /** Per input kind: 'stripped', 'ocr' (English-model OCR), 'vie-ocr', 'clean'. */
  modes: Record<string, ModeCalibration>;
  meta?: Record<string, unknown>;
}

export class ConfidenceCalibration {
  private readonly modes: Record<string, ModeCalibration>;

  constructor(file: CalibrationFile) {
    if (file.format !== 'baocao-confidence') throw new Error('not a baocao confidence calibration');
    if (file.features.join() !== FEATURES.join()) throw new Error('confidence calibration made for other features; run npm run build:confidence');
    for (const [mode, m] of Object.entries(file.modes)) {
      if (m.weights.length !== FEATURES.length) throw new Error(`confidence calibration for ${mode}: ${m.weights.length} weights`);
    }
    this.modes = file.modes;
  }

  has(mode: string): boolean {
    return mode in this.modes;
  }

  /** P(the word is right); the posterior itself for an input kind the file does not cover. */
  probability(mode: string, e: WordEvidence): number {
    const m = this.modes[mode];
    if (!m) return e.posterior;
    return logistic(m.bias, m.weights, fillFeatures(e, features));
  }

  reviewBelow(mode: string): number | undefined {
    return this.modes[mode]?.reviewBelow;
  }

  reviewRule(mode: string): ReviewRule | undefined {
    return this.modes[mode]?.review;
  }
}

export function logistic(bias: number, weights: readonly number[], x: ArrayLike<number>): number {
  let z = bias;
  for (let k = 0; k < weights.length; k++) z += weights[k]! * x[k]!;
  return 1 / (1 + Math.exp(-z));
}

/** How a document's review list is cut (per input kind, from the calibration file). */
export interface ReviewRule {
  /** Flag at most this share of the document's words (beyond the likely-wrong ones)… */
  share: number;
  /** …and stop once the flagged words hold this share of the document's expected wrong words. */
  recall: number;
  /** Never flag a word at or above this probability (the review list is buffered below it). */
  ceiling: number;
}

/** A word below this is more likely wrong than right: always flagged, whatever the budget. */
export const LIKELY_WRONG = 0.5;

/**
 * The review threshold for one document: its words' P(right) are calibrated, so Σ(1 − p) is the
 * number of wrong words it expects. Words are taken from the least sure until they hold
 * `rule.recall` of that expectation, or until `rule.share` of the words are taken; words below
 * LIKELY_WRONG are always in. A fixed probability threshold flags a share that depends on how
 * hard the document is (easier text than the calibration pages gets fewer flags, and misses more
 * of its few errors); this cut spends the same review budget on any document.
 * Returns t: the words with confidence < t are flagged.
 */
export function documentReviewBelow(confidences: ArrayLike<number>, rule: ReviewRule): number {
  const n = confidences.length;
  if (n === 0) return LIKELY_WRONG;
  let expected = 0;
  const low: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = confidences[i]!;
    expected += 1 - p;
    if (p < rule.ceiling) low.push(p);
  }
  low.sort((a, b) => a - b);
  const budget = Math.floor(rule.share * n);
  let caught = 0, k = 0;
  for (; k < low.length; k++) {
    const p = low[k]!;
    if (p >= LIKELY_WRONG && (k >= budget || caught >= rule.recall * expected)) break;
    caught += 1 - p;
  }
  // Ties at the cut are left out (strict <), so the budget is never overrun.
  return k < low.length ? Math.max(low[k]!, LIKELY_WRONG) : rule.ceiling;
}

/**
 * A document's review list under the per-document cut, gathered word by word: every confidence
 * (8 bytes a word) and the items of the words that could be flagged (below the ceiling). A long
 * document would keep a third of its words as items, so past PRUNE_AT items the buffer keeps only
 * the least sure twice the budget so far: exact while the document is under about 10^6 words
 * (the budget then never outgrows what was kept), nearly so beyond.
 */
export class DocumentReview<T> {
  private all = new Float64Array(1024);
  private n = 0;
  private items: { p: number; item: T }[] = [];
  private static readonly PRUNE_AT = 100_000;

  constructor(private readonly rule: ReviewRule) {}

  push(p: number, item: () => T): void {
    if (this.n === this.all.length) { const next = new Float64Array(this.n * 2); next.set(this.all); this.all = next; }
    this.all[this.n++] = p;
    if (p >= this.rule.ceiling) return;
    this.items.push({ p, item: item() });
    if (this.items.length >= 2 * DocumentReview.PRUNE_AT) {
      const keep = Math.max(DocumentReview.PRUNE_AT, 2 * Math.ceil(this.rule.share * this.n) + this.items.filter((x) => x.p < LIKELY_WRONG).length);
      if (keep < this.items.length) {
        const cut = this.items.map((x) => x.p).sort((a, b) => a - b)[keep]!;
        this.items = this.items.filter((x) => x.p < cut);
      }
    }
  }

  /** The flagged items, in the order they came. */
  finish(): T[] {
    const cut = documentReviewBelow(this.all.subarray(0, this.n), this.rule);
    return this.items.filter((x) => x.p < cut).map((x) => x.item);
  }
}
