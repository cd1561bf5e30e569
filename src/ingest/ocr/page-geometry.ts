/**
 * Which way a page image's text runs and how much it is skewed, from projection profiles of its
 * ink (pure pixel code; straighten.ts decodes the page and applies the answer). Text lines make
 * the count of ink pixels per row alternate sharply between lines and gaps; the angle whose
 * rotated rows alternate most is the skew, and a page turned by a quarter shows that in its
 * columns instead. Upside down is not visible in a profile: within each line, upright Latin and
 * Vietnamese text has more ink above its core (ascenders b d đ h k l t, capitals and nearly every
 * tone and vowel mark) than below it (descenders g p q y, the dot below), and a page turned by a
 * half swaps the two.
 */
import type { InkPoints } from './ink-points.js';

export interface PageGeometry {
  /** Clockwise quarter turn that makes the page upright. */
  turn: 0 | 90 | 180 | 270;
  /** Skew of the (turned) page's lines in degrees, positive when they fall to the right; 0 when not measured. */
  skew: number;
  /** Whether the answer rests on enough text lines to act on. */
  confident: boolean;
  /** Whether the upright/upside-down cue was too weak to call (UPRIGHT_SURE…UPSIDE_DOWN_SURE): `turn` then
   * keeps the page's way up as it lies, and a caller that can read a strip both ways may settle it. */
  halfUnsure: boolean;
  /** Text lines seen, and the above-minus-below ink share behind the upright/upside-down call (−1…1). */
  lines: number;
  upright: number;
  /** Skews (degrees) of the page's top and bottom halves of lines, measured apart: a page skewed as a
   * whole (fed crooked) shows one angle in both; a photo in perspective or a curled page does not. */
  halves: [number, number];
}

/** Skews searched, degrees: archive scans lean a few degrees at most; beyond this is not skew. */
const MAX_SKEW = 6;
/** Columns must alternate this much more sharply than rows before a page is read as turned a quarter:
 * text pages measure 0.1–0.17 upright and 6–7 turned, table pages (rules removed) up to 1.1 upright. */
const QUARTER_MARGIN = 2;
/** Vertical strips the upright/upside-down cue is measured in. */
const STRIPS = 6;
/** A page with fewer text lines than this is left as it is (a blank page, a photo, a stamp). */
const MIN_LINES = 4;
/** The above-minus-below ink share of upright pages measured 0.24–0.48 on scans and devset pages, one
 * 0.06; turned by a half, −0.28…−0.46. Below UPSIDE_DOWN_SURE a page is upside down, from UPRIGHT_SURE up
 * it is upright, between them the cue is unsure (halfUnsure). */
const UPSIDE_DOWN_SURE = -0.2;
const UPRIGHT_SURE = 0.1;


/**
 * The points as vertical runs of ink, column by column (points have whole-pixel coordinates):
 * a profile adds a run's rows at once, with one offset per column, instead of point by point.
 * A page's points are profiled ~100 times (bestSkew over rows, columns and each half): built once
 * per point set. Runs of a column are `colStart[x]…colStart[x + 1]`, rows `y0[k]…y1[k] − 1`.
 */
interface ColumnRuns { colStart: Int32Array; y0: Int32Array; y1: Int32Array }

const runsCache = new WeakMap<InkPoints, ColumnRuns>();

function columnRuns(p: InkPoints): ColumnRuns {
  const cached = runsCache.get(p);
  if (cached) return cached;
  const { xs, ys, width: w } = p, n = xs.length;
  // Counting sort of the points by column, then each column's rows in order.
  const start = new Int32Array(w + 1);
  for (let i = 0; i < n; i++) start[xs[i]! + 1]!++;
  for (let x = 0; x < w; x++) start[x + 1]! += start[x]!;
  const fill = start.slice(0, w), rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[fill[xs[i]!]!++] = ys[i]!;
  const colStart = new Int32Array(w + 1), y0 = new Int32Array(n), y1 = new Int32Array(n);
  let runs = 0;
  for (let x = 0; x < w; x++) {
    colStart[x] = runs;
    const col = rows.subarray(start[x]!, start[x + 1]!).sort();
    for (let k = 0; k < col.length;) {
      let e = k + 1;
      while (e < col.length && col[e] === col[e - 1]! + 1) e++;
      y0[runs] = col[k]!; y1[runs++] = col[e - 1]! + 1;
      k = e;
    }
  }
  colStart[w] = runs;
  const built = { colStart, y0, y1 };
  runsCache.set(p, built);
  return built;
}

/**
 * Row counts of the points sheared by `tan` (row y − x·tan): the rows of lines leaning by that
 * slope; only the columns fromX…toX − 1 when given (a strip of the page).
 */
function profile(p: InkPoints, tan: number, fromX = 0, toX = p.width): Int32Array {
  const shift = Math.ceil(Math.abs(tan) * p.width) + 1;
  const bins = new Int32Array(p.height + 2 * shift + 1);
  const { colStart, y0, y1 } = columnRuns(p), base = shift + 0.5;
  // Each run as +1 where it starts and −1 past its end, summed down the rows afterwards.
  const steps = new Int32Array(bins.length + 1);
  for (let x = fromX; x < toX; x++) {
    const at = Math.floor(base - x * tan);
    for (let k = colStart[x]!; k < colStart[x + 1]!; k++) { steps[y0[k]! + at]!++; steps[y1[k]! + at]!--; }
  }
  for (let i = 0, run = 0; i < bins.length; i++) bins[i] = run += steps[i]!;
  return bins;
}

/** How sharply a profile alternates: the sum of squared steps between neighbouring rows. */
function sharpness(bins: Int32Array): number {
  let s = 0;
  for (let i = 1; i < bins.length; i++) { const d = bins[i]! - bins[i - 1]!; s += d * d; }
  return s;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** The lean (degrees, on a whole-degree grid) whose rows alternate most, and how sharply. */
export function coarseSkew(p: InkPoints): { angle: number; score: number } {
  let best = { angle: 0, score: -1 };
  for (let a = -MAX_SKEW; a <= MAX_SKEW; a += 1) {
    const s = sharpness(profile(p, Math.tan(rad(a))));
    if (s > best.score) best = { angle: a, score: s };
  }
  return best;
}

/** The lean (degrees) whose rows alternate most, refined from a coarse one down to 0.025°. */
export function bestSkew(p: InkPoints, from = coarseSkew(p)): { angle: number; score: number } {
  let best = from;
  const search = (centre: number, half: number, step: number) => {
    for (let a = centre - half; a <= centre + half + 1e-9; a += step) {
      const s = sharpness(profile(p, Math.tan(rad(a))));
      if (s > best.score) best = { angle: a, score: s };
    }
  };
  search(best.angle, 0.75, 0.25);
  search(best.angle, 0.2, 0.1);
  search(best.angle, 0.075, 0.025);
  return { angle: Math.round(best.angle * 1000) / 1000, score: best.score };
}

/** The points as they lie after turning the page clockwise by `turn`. */
export function turned(p: InkPoints, turn: 0 | 90 | 180 | 270): InkPoints {
  if (turn === 0) return p;
  const { xs, ys, width: w, height: h } = p;
  const n = xs.length, nx = new Float32Array(n), ny = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!, y = ys[i]!;
    if (turn === 90) { nx[i] = h - 1 - y; ny[i] = x; }
    else if (turn === 180) { nx[i] = w - 1 - x; ny[i] = h - 1 - y; }
    else { nx[i] = y; ny[i] = w - 1 - x; }
  }
  return turn === 180 ? { xs: nx, ys: ny, width: w, height: h } : { xs: nx, ys: ny, width: h, height: w };
}

/**
 * Text lines of a profile (runs of inked rows; a one-row gap, as under a tone mark, does not
 * split a line) and, summed over them, the ink above each line's core and below it.
 */
export function lineInk(bins: Int32Array): { lines: number; above: number; below: number } {
  let peak = 0;
  for (const v of bins) peak = Math.max(peak, v);
  const floor = Math.max(1, peak * 0.03);
  let lines = 0, above = 0, below = 0;
  let i = 0;
  while (i < bins.length) {
    if (bins[i]! < floor) { i++; continue; }
    let end = i;
    for (let j = i; j < bins.length; j++) {
      if (bins[j]! >= floor) end = j;
      else if (j - end > 1) break;
    }
    const height = end - i + 1;
    if (height >= 4) {
      let top = 0;
      for (let j = i; j <= end; j++) top = Math.max(top, bins[j]!);
      const core = top * 0.5;
      let a = i, b = end;
      while (bins[a]! < core) a++;
      while (bins[b]! < core) b--;
      let up = 0, down = 0;
      for (let j = i; j < a; j++) up += bins[j]!;
      for (let j = b + 1; j <= end; j++) down += bins[j]!;
      lines++;
      above += up;
      below += down;
    }
    i = end + 1;
  }
  return { lines, above, below };
}

/**
 * lineInk summed over vertical strips of the page: the lines of a table's columns (or of a
 * two-column header) sit at offsets from one another, and one profile across them all would blend
 * one column's core with another's ascenders.
 */
export function stripInk(p: InkPoints, tan: number): { lines: number; above: number; below: number } {
  const total = { lines: 0, above: 0, below: 0 };
  const width = p.width / STRIPS;
  for (let s = 0, x = 0; s < STRIPS; s++) {
    // The strip's columns: those whose x / width falls in strip s.
    const from = x;
    while (x < p.width && Math.floor(x / width) === s) x++;
    const ink = lineInk(profile(p, tan, from, x));
    total.lines = Math.max(total.lines, ink.lines);
    total.above += ink.above;
    total.below += ink.below;
  }
  return total;
}

/** Orientation and skew of a page from its ink points. */
export function pageGeometry(p: InkPoints): PageGeometry {
  const none: PageGeometry = { turn: 0, skew: 0, confident: false, halfUnsure: false, lines: 0, upright: 0, halves: [0, 0] };
  if (p.xs.length < 200) return none;
  // Rows against columns, each at its own best lean: on a whole-degree grid a page skewed by half a
  // degree smears its lines across the gaps, and columns could win.
  const rows = bestSkew(p);
  const sideways = turned(p, 90);
  const columns = bestSkew(sideways);
  const quarter = columns.score > rows.score * QUARTER_MARGIN;
  const base: 0 | 90 = quarter ? 90 : 0;
  const upright = quarter ? sideways : p;
  const skew = (quarter ? columns : rows).angle;
  const ink = stripInk(upright, Math.tan(rad(skew)));
  if (ink.lines < MIN_LINES) return { ...none, lines: ink.lines };
  const lean = (ink.above - ink.below) / Math.max(1, ink.above + ink.below);
  const half = lean < UPSIDE_DOWN_SURE;
  // A half turn keeps the lines' slope: the skew stands as measured.
  const turn = ((base + (half ? 180 : 0)) % 360) as PageGeometry['turn'];
  return { turn, skew, confident: true, halfUnsure: !half && lean < UPRIGHT_SURE, lines: ink.lines, upright: Math.round(lean * 1000) / 1000, halves: halfSkews(upright, skew) };
}

/**
 * The skews of the upper and the lower half of an upright page's lines, each searched on its own
 * (bestSkew over ±MAX_SKEW). The page is cut along its lines' lean `skew` at the median of its
 * ink, so each line falls wholly in one half and both halves hold as much ink.
 */
export function halfSkews(p: InkPoints, skew: number): [number, number] {
  const tan = Math.tan(rad(skew));
  const key = new Float32Array(p.xs.length);
  for (let i = 0; i < key.length; i++) key[i] = p.ys[i]! - p.xs[i]! * tan;
  const cut = Float32Array.from(key).sort()[key.length >> 1]!;
  const half = (upper: boolean): InkPoints => {
    let n = 0;
    for (let i = 0; i < key.length; i++) if ((key[i]! < cut) === upper) n++;
    const xs = new Float32Array(n), ys = new Float32Array(n);
    for (let i = 0, j = 0; i < key.length; i++) if ((key[i]! < cut) === upper) { xs[j] = p.xs[i]!; ys[j++] = p.ys[i]!; }
    return { xs, ys, width: p.width, height: p.height };
  };
  return [bestSkew(half(true)).angle, bestSkew(half(false)).angle];
}
