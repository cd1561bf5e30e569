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

export interface ReadGlyph {
  glyph: Component;
  guess: DigitGuess;
}

/** At most this many atoms in one glyph. */
const MAX_ATOMS = 4;
/** A glyph is at most this wide, in digit heights (a wider one is digits that touch). */
const MAX_WIDTH = 1.4;
/** Pieces of different ink components are joined into one glyph only across a gap under this (digit heights). */
const JOIN_GAP = 0.3;
/** Cost of leaving an end atom out, as a log-probability (beside its "not a digit" probability). */
const SKIP_COST = Math.log(0.5);

/**
 * The best reading of `pieces` (sorted or not) as at most `maxDigits` digits, or null when no
 * grouping reads. `width` is the crop's (pixel indices are y * width + x).
 */
export function segmentDigits(pieces: readonly Component[], lineHeight: number, width: number, maxDigits: number, model: DigitModel): ReadGlyph[] | null {
  if (pieces.length === 0) return null;
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  // Digits of one hand in one blank are about as high as each other.
  const hh = Math.max(median(sorted.map(heightOf)), 0.6 * lineHeight);
  const atoms: { c: Component; piece: number; cut: boolean }[] = [];
  sorted.forEach((p, i) => {
    const parts = overCut(p, hh, width);
    // A piece cut at the blank's edge may be print run on from the word beside it, like a cut-off atom.
    for (const c of parts) atoms.push({ c, piece: i, cut: parts.length > 1 || p.cutAtEdge === true });
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
    return guess ? { glyph: c, guess } : null;
  };
  const notDigit = (g: ReadGlyph) => (model.classes > NOT_A_DIGIT ? g.guess.probs[NOT_A_DIGIT]! : 0);
  // Cell j * (maxDigits + 1) + k: the best log-score of atoms 0..j-1 read as k glyphs (-Infinity:
  // no reading), the atom it came from and whether its last atom was left out (an end atom only).
  const K = maxDigits + 1;
  const score = new Float64Array((n + 1) * K).fill(-Infinity);
  const from = new Int32Array((n + 1) * K);
  const skip = new Uint8Array((n + 1) * K);
  const take = (cell: number, s: number, i: number, skipped: boolean) => {
    if (s > score[cell]!) {
      score[cell] = s;
      from[cell] = i;
      skip[cell] = skipped ? 1 : 0;
    }
  };
  score[0] = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = Math.max(0, j - MAX_ATOMS); i < j; i++) {
      const g = (glyphs[j * (MAX_ATOMS + 1) + j - i] = glyphOf(i, j));
      if (!g) continue;
      for (let k = 0; k <= maxDigits; k++) {
        const prev = score[i * K + k]!;
        if (prev === -Infinity) continue;
        // Read as a digit.
        if (k + 1 <= maxDigits) take(j * K + k + 1, prev + Math.log(Math.max(g.guess.confidence, 1e-9)), i, false);
        // Left out: only a single cut-off atom at either end that the model says is no digit.
        const atEnd = i === 0 || j === n;
        if (atEnd && j - i === 1 && atoms[i]!.cut && notDigit(g) > g.guess.confidence) take(j * K + k, prev + Math.log(notDigit(g)) + SKIP_COST, i, true);
      }
    }
  }
  let k = -1;
  for (let m = 1; m <= maxDigits; m++) if (score[n * K + m]! > (k < 0 ? -Infinity : score[n * K + k]!)) k = m;
  if (k < 0) return null;
  const out: ReadGlyph[] = [];
  for (let j = n; j > 0;) {
    const cell = j * K + k;
    const i = from[cell]!;
    if (!skip[cell]) {
      out.push(glyphs[j * (MAX_ATOMS + 1) + j - i]!);
      k--;
    }
    j = i;
  }
  return out.reverse();
}

/**
 * A piece wider than a digit cut at its low-ink columns (local minima of the column profile, at
 * least a quarter of a digit height from each other and from its edges): more cuts than digits,
 * the grouping decides which stand. A piece narrower than 0.9 digit heights is one atom (cutting
 * narrower ones measured worse on bench:handwriting: an "8" read as "15").
 */
export function overCut(c: Component, hh: number, width: number): Component[] {
  const w = widthOf(c);
  if (w < 0.9 * hh) return [c];
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
