/**
 * Recognition-driven segmentation of a blank's pen ink into digits. The ink's pieces (strokes
 * already joined by pen.ts's mergeStrokes) are over-cut into atoms at the low-ink columns of any
 * piece wider than a digit; then every way of grouping consecutive atoms into glyphs is scored by
 * the digit model, and the grouping with the likeliest digits wins (dynamic programming over the
 * atoms). The model's 11th class, "not a digit" (pieces of digits, two digits touching: trained
 * by scripts/build-digits.ts), is what makes a wrong cut or a wrong join score low: a glyph's
 * score is the probability of its likeliest digit, which a fragment or a pair does not get.
 * An atom at either end that the model calls "not a digit" (a piece of the printed word the pen
 * touches, cut off at the word's estimated end) may be left out.
 */
import { classify, digitGuess, forward, normaliseGlyph, NOT_A_DIGIT, slantOf, upright, type DigitGuess, type DigitModel, type InkMap } from './digit-model.js';
import { heightOf, mergeComponents, widthOf, type Component } from './ink.js';
import { median } from '../ocr/result.js';
import { cutLogOdds, pathCut } from './touching.js';

export interface ReadGlyph {
  glyph: Component;
  /** The model's reading; its confidence times `segmentation`. */
  guess: DigitGuess;
  /** The share of the segmentation's weight on this glyph being one glyph (1: no other cut reads). */
  segmentation: number;
}

/** At most this many atoms in one glyph. */
const MAX_ATOMS = 4;
/** A glyph is at most this wide, in digit heights (a wider one is digits that touch). */
const MAX_WIDTH = 1.4;
/** Pieces of different ink components are joined into one glyph only across a gap under this (digit heights). */
const JOIN_GAP = 0.3;
/** Pieces from this wide (digit heights) are over-cut at their low-ink columns. */
const OVER_CUT_FROM = 0.9;
/** Cost of leaving an end atom out, as a log-probability (beside its "not a digit" probability). */
const SKIP_COST = Math.log(0.5);

/**
 * Measured, off in the pipeline (docs/handwriting.md, session 18; bench/pen-segmentation.ts):
 * `narrowSplits` gives pieces 0.55–0.9 digit heights wide a least-ink path cut (touching.ts),
 * weighed by the width prior; `posterior` multiplies each digit's confidence by how sure the
 * segmentation is of its glyph ('glyph': the glyph's share of the weight of all readings, by
 * forward-backward over the same lattice; 'count': the share of readings with as many digits).
 * On synthetic touching strings both cut confident wrong readings by two thirds, but on the real
 * development pages they lowered right readings under the fill threshold.
 */
export interface SegmentOptions {
  narrowSplits?: boolean;
  posterior?: 'glyph' | 'count';
  /**
   * 'digits': the "not a digit" class only chooses the cuts (the lattice scores glyphs as before);
   * each chosen glyph's confidence is the digits' own share (0–9 renormalised without that class).
   * Measured off (session 20): that class's weight is also the model's doubt, and without it
   * misread digits became sure wrong fills on real development pages.
   */
  fill?: 'all' | 'digits';
  /**
   * The model that reads the glyphs of the chosen cuts (default: the one that chose them): cuts
   * by a model with a "not one digit" class (build:digits --not-single), digits and confidence by
   * the committed one. Measured off (session 20): right cuts, no real field changed.
   */
  reader?: DigitModel;
}

/**
 * The best reading of `pieces` (sorted or not) as at most `maxDigits` digits, or null when no
 * grouping reads. `width` is the crop's (pixel indices are y * width + x).
 */
export function segmentDigits(pieces: readonly Component[], lineHeight: number, width: number, maxDigits: number, model: DigitModel, options: SegmentOptions = {}): ReadGlyph[] | null {
  const { narrowSplits = false, posterior, fill = 'all' } = options;
  if (pieces.length === 0) return null;
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  // Digits of one hand in one blank are about as high as each other.
  const hh = Math.max(median(sorted.map(heightOf)), 0.6 * lineHeight);
  const atoms: { c: Component; piece: number; cut: boolean; cutOdds: number }[] = [];
  sorted.forEach((p, i) => {
    const narrow = narrowSplits && widthOf(p) < OVER_CUT_FROM * hh ? pathCut(p, hh, width) : null;
    const parts = narrow ? narrow.map((px) => componentOf(px, width, p.blue)) : overCut(p, hh, width);
    // A cut the reading keeps inside a piece weighs the prior that a piece this wide is two digits.
    const cutOdds = narrow ? cutLogOdds(widthOf(p) / hh) : 0;
    // A piece cut at the blank's edge may be print run on from the word beside it, like a cut-off atom.
    for (const c of parts) atoms.push({ c, piece: i, cut: parts.length > 1 || p.cutAtEdge === true, cutOdds });
  });
  const n = atoms.length;
  // The glyph of atoms i..j-1 (null: they read as none), at j * (MAX_ATOMS + 1) + (j - i): each is
  // made and classified once, by the forward pass, and taken again by the way back.
  const glyphs: (ReadGlyph | null)[] = new Array((n + 1) * (MAX_ATOMS + 1)).fill(null);
  const glyphOf = (i: number, j: number): ReadGlyph | null => {
    const group = atoms.slice(i, j);
    const joinable = group.every((a, k) => k === 0 || a.piece === group[k - 1]!.piece || a.c.x0 - group[k - 1]!.c.x1 <= JOIN_GAP * hh);
    const c = group.length === 1 ? group[0]!.c : mergeComponents(group.map((a) => a.c));
    if (!joinable || widthOf(c) > MAX_WIDTH * hh) return null;
    const guess = classifyInk(model, inkOf(c, width));
    return guess ? { glyph: c, guess, segmentation: 1 } : null;
  };
  const notDigit = (g: ReadGlyph) => (model.classes > NOT_A_DIGIT ? g.guess.probs[NOT_A_DIGIT]! : 0);
  // The boundary before atom i, when it lies inside a piece: the prior's log-odds of that cut.
  const cutBefore = (i: number) => (i > 0 && atoms[i - 1]!.piece === atoms[i]!.piece ? atoms[i]!.cutOdds : 0);
  // The lattice: node j * K + k is atoms 0..j-1 read as k glyphs; an edge reads atoms i..j-1 as one
  // glyph (k → k + 1) or leaves a single cut-off end atom out (k → k). Edges are listed once.
  const K = maxDigits + 1;
  const edges: { i: number; j: number; k: number; to: number; w: number; skipped: boolean }[] = [];
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - MAX_ATOMS); i < j; i++) {
      const g = (glyphs[j * (MAX_ATOMS + 1) + j - i] = glyphOf(i, j));
      if (!g) continue;
      const atEnd = i === 0 || j === n;
      const skippable = atEnd && j - i === 1 && atoms[i]!.cut && notDigit(g) > g.guess.confidence;
      for (let k = 0; k <= maxDigits; k++) {
        if (k + 1 <= maxDigits) edges.push({ i, j, k, to: k + 1, w: Math.log(Math.max(g.guess.confidence, 1e-9)) + cutBefore(i), skipped: false });
        // Left out: only a single cut-off atom at either end that the model says is no digit.
        if (skippable) edges.push({ i, j, k, to: k, w: Math.log(notDigit(g)) + SKIP_COST, skipped: true });
      }
    }
  }
  // Best path (max) and total weight (log-sum) into each node; edges are in order of j, so one pass.
  const best = new Float64Array((n + 1) * K).fill(-Infinity), alpha = new Float64Array((n + 1) * K).fill(-Infinity);
  const fromEdge = new Int32Array((n + 1) * K).fill(-1);
  best[0] = 0;
  alpha[0] = 0;
  edges.forEach((e, x) => {
    const a = e.i * K + e.k, b = e.j * K + e.to;
    if (best[a]! === -Infinity) return;
    if (best[a]! + e.w > best[b]!) (best[b] = best[a]! + e.w), (fromEdge[b] = x);
    alpha[b] = logAdd(alpha[b]!, alpha[a]! + e.w);
  });
  let k = -1;
  for (let m = 1; m <= maxDigits; m++) if (best[n * K + m]! > (k < 0 ? -Infinity : best[n * K + k]!)) k = m;
  if (k < 0) return null;
  // The weight of every path out of each node to the end (any count of glyphs ≥ 1).
  const beta = new Float64Array((n + 1) * K).fill(-Infinity);
  for (let m = 1; m <= maxDigits; m++) beta[n * K + m] = 0;
  for (let x = edges.length - 1; x >= 0; x--) {
    const e = edges[x]!;
    beta[e.i * K + e.k] = logAdd(beta[e.i * K + e.k]!, e.w + beta[e.j * K + e.to]!);
  }
  let z = -Infinity;
  for (let m = 1; m <= maxDigits; m++) z = logAdd(z, alpha[n * K + m]!);
  // A glyph's share of the paths through its atoms, whatever the count before it: how sure the
  // segmentation is of that glyph (a touching pair read as one digit, or a digit as two, is not).
  const share = (i: number, j: number) => {
    let s = -Infinity;
    for (const e of edges) if (e.i === i && e.j === j && !e.skipped) s = logAdd(s, alpha[e.i * K + e.k]! + e.w + beta[e.j * K + e.to]!);
    return Math.min(1, Math.exp(s - z));
  };
  const out: ReadGlyph[] = [];
  for (let cell = n * K + k; cell > 0;) {
    const e = edges[fromEdge[cell]!]!;
    if (!e.skipped) {
      const g = glyphs[e.j * (MAX_ATOMS + 1) + e.j - e.i]!;
      const segmentation = posterior === 'count' ? Math.exp(alpha[n * K + k]! - z) : posterior === 'glyph' ? share(e.i, e.j) : 1;
      const read = options.reader ? classifyInk(options.reader, inkOf(g.glyph, width)) ?? g.guess : g.guess;
      const guess = fill === 'digits' ? digitsShare(read) : read;
      out.push({ ...g, segmentation, guess: { ...guess, confidence: guess.confidence * segmentation } });
    }
    cell = e.i * K + e.k;
  }
  return out.reverse();
}

/**
 * A reading's digits renormalised without the "not a digit" class: probabilities of 0–9 summing
 * to 1 (that class's own probability kept after them, for the record), the confidence the chosen
 * digit's share. A 10-class model's guess is returned as it is.
 */
export function digitsShare(guess: DigitGuess): DigitGuess {
  if (guess.probs.length <= NOT_A_DIGIT) return guess;
  const digits = guess.probs.slice(0, NOT_A_DIGIT);
  const sum = digits.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return guess;
  const probs = [...digits.map((p) => p / sum), ...guess.probs.slice(NOT_A_DIGIT)];
  return { digit: guess.digit, confidence: probs[guess.digit]!, probs };
}

const logAdd = (a: number, b: number) => (a === -Infinity ? b : b === -Infinity ? a : Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))));

/**
 * A piece wider than a digit cut at its low-ink columns (local minima of the column profile, at
 * least a quarter of a digit height from each other and from its edges): more cuts than digits,
 * the grouping decides which stand. A piece narrower than 0.9 digit heights is one atom (cutting
 * narrower ones measured worse on bench:handwriting: an "8" read as "15").
 */
export function overCut(c: Component, hh: number, width: number): Component[] {
  const w = widthOf(c);
  if (w < OVER_CUT_FROM * hh) return [c];
  const cols = new Array<number>(w).fill(0);
  for (const p of c.pixels) cols[(p % width) - c.x0]!++;
  const margin = Math.max(2, Math.round(0.25 * hh));
  const minima: number[] = [];
  for (let x = margin; x < w - margin; x++) if (cols[x]! <= cols[x - 1]! && cols[x]! <= cols[x + 1]!) minima.push(x);
  minima.sort((a, b) => cols[a]! - cols[b]! || a - b);
  const cuts: number[] = [];
  for (const x of minima) {
    if (cuts.length >= 8) break;
    if (cuts.every((y) => Math.abs(y - x) >= margin)) cuts.push(x);
  }
  if (cuts.length === 0) return [c];
  cuts.sort((a, b) => a - b);
  const bounds = [0, ...cuts, w];
  const out: Component[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const lo = c.x0 + bounds[k]!, hi = c.x0 + bounds[k + 1]!;
    const pixels = c.pixels.filter((p) => p % width >= lo && p % width < hi);
    if (pixels.length) out.push(componentOf(pixels, width, c.blue));
  }
  return out;
}

export function componentOf(pixels: number[], width: number, blue: number): Component {
  const c: Component = { x0: Infinity, y0: Infinity, x1: -1, y1: -1, area: pixels.length, blue, pixels };
  for (const p of pixels) {
    const x = p % width, y = (p - x) / width;
    c.x0 = Math.min(c.x0, x);
    c.x1 = Math.max(c.x1, x);
    c.y0 = Math.min(c.y0, y);
    c.y1 = Math.max(c.y1, y);
  }
  return c;
}

/** A glyph's own pixels as an ink map of its bounding box (other ink in the box left out). */
export function inkOf(c: Component, width: number): InkMap {
  const w = widthOf(c), h = heightOf(c);
  const data = new Float32Array(w * h);
  for (const p of c.pixels) {
    const x = p % width, y = (p - x) / width;
    data[(y - c.y0) * w + (x - c.x0)] = 1;
  }
  return { data, width: w, height: h };
}


/**
 * A glyph's digit read as the mean of the model's readings of it as written and upright (its slant
 * undone): pen hands lean further than MNIST's, and an upright copy is nearer what the model learned.
 */
export function classifyInk(model: DigitModel, ink: InkMap): DigitGuess | null {
  if (model.upright) {
    // A model trained on upright glyphs reads the upright copy alone.
    const x = normaliseGlyph(upright(ink));
    return x ? classify(model, x) : null;
  }
  const x = normaliseGlyph(ink);
  if (!x) return null;
  const p = forward(model, x);
  const slant = slantOf(ink);
  const up = Math.abs(slant) > 0.05 ? normaliseGlyph(upright(ink)) : null;
  if (up) {
    const q = forward(model, up);
    for (let k = 0; k < p.length; k++) p[k] = (p[k]! + q[k]!) / 2;
  }
  return digitGuess(p);
}
