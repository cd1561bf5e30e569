/**
 * The pen digits of one blank (blanks.ts) read from its crop: ink components, the pen's told
 * from the print's, strokes of one digit merged, then cut into digits by the digit model itself
 * (segment.ts: touching digits split, broken ones joined where that reads best). Returns null
 * when the blank cannot be read with some sense (no pen ink found, more ink than the blank's
 * digits): the header then keeps its printed skeleton.
 */
import type { PenFill } from '../../core/document.js';
import type { Blank } from './blanks.js';
import type { DigitModel } from './digit-model.js';
import { heightOf, inkComponents, mergeComponents, widthOf, type Component, type Rgb } from './ink.js';
import { componentOf, segmentDigits, type ReadGlyph, type SegmentOptions } from './segment.js';
import { median } from '../ocr/result.js';
import { gluedAcrossEdge, readAcrossEdge } from './label-edge.js';

/** Blueness (blue over the mean of red and green) that pen ink has above the print of its line. */
const BLUE_OVER_PRINT = 12;
/** Least blueness of pen ink at all. */
const MIN_BLUE = 18;

const maxDigits = (b: Blank) => (b.field === 'number' ? 6 : 2);

/** Reads a blank; `blank`'s coordinates are the page's, `img` is the crop of `blank.box`. */
export function readBlank(img: Rgb, blank: Blank, model: DigitModel, options: SegmentOptions = {}): PenFill | null {
  const all = inkComponents(img); // found once: the pen is picked from them, the print measured on them
  const pen = penGlyphs(img, blank, all);
  if (!pen) return null;
  let read = segmentDigits(pen.glyphs, blank.lineHeight, img.width, maxDigits(blank), model, options);
  if (!read) return null;
  const print = printHeight(all, img, blank);
  // Pen ink run into the label: the edge moved into it may read the digit the estimate cut (label-edge.ts).
  const readFrom = (startX: number) => {
    const moved = penGlyphs(img, { ...blank, startX }, all);
    return moved ? segmentDigits(moved.glyphs, blank.lineHeight, img.width, maxDigits(blank), model, options) : null;
  };
  const across = read.length < maxDigits(blank) && gluedAcrossEdge(all, img, blank, print) ? readAcrossEdge(blank, read.length, maxDigits(blank), readFrom) : null;
  if (across) read = across;
  const own = blank.field === 'number' ? asRead(read) : withinCalendar(read, blank.field === 'day' ? 31 : 12);
  // A digit may be lost in the label's last letter: the reading is kept, but no digit of it is sure.
  const lost = !across && read.length < maxDigits(blank) && print > 0 && gluedToLabel(all, img, blank, print);
  const { digits } = own, confidence = lost ? own.confidence.map((c) => Math.min(c, GLUED_CONFIDENCE)) : own.confidence;
  const scale = print ? +(median(read.map((r) => heightOf(r.glyph))) / print).toFixed(2) : undefined;
  // Each glyph's probabilities of 0–9 as the model gave them: the core weighs other readings with
  // evidence of its own (an e-signature's day, segment/signing-date.ts).
  const digitProbs = read.map((r) => r.guess.probs.slice(0, 10).map((p) => +p.toFixed(3)));
  return { field: blank.field, line: blank.line, digits, confidence, ink: pen.how, ...(scale ? { scale } : {}), digitProbs };
}

const asRead = (read: readonly ReadGlyph[]) => ({ digits: read.map((r) => String(r.guess.digit)).join(''), confidence: read.map((r) => +r.guess.confidence.toFixed(3)) });

/** A digit the calendar admits must have at least this raw probability to replace the model's first choice. */
const MIN_ADMITTED = 0.05;

/**
 * A day or month read as the likeliest value the calendar admits (1–31, 1–12): a month's first
 * glyph read "3" at 0.18 with "1" close behind is "1", as nothing else can stand there. Each
 * digit's confidence is then its share among the digits that could stand in its place (the
 * others kept). The model's own reading stands when it is already a real value, or when no real
 * value is likely enough (MIN_ADMITTED): the field is then refused downstream, as before.
 */
export function withinCalendar(read: readonly ReadGlyph[], max: number): { digits: string; confidence: number[] } {
  const own = asRead(read);
  const k = read.length, value = Number(own.digits);
  if (k > 2 || (value >= 1 && value <= max)) return own;
  const p = (i: number, d: number) => read[i]!.guess.probs[d] ?? 0;
  const real = (s: string) => { const v = Number(s); return s.length === k && v >= 1 && v <= max; };
  let best = '', bestScore = 0;
  for (let v = 1; v <= max; v++) {
    const s = k === 2 ? String(v).padStart(2, '0') : String(v);
    if (!real(s)) continue;
    let score = 1;
    for (let i = 0; i < k; i++) score *= p(i, +s[i]!);
    if (score > bestScore) { bestScore = score; best = s; }
  }
  if (!best || [...best].some((d, i) => p(i, +d) < MIN_ADMITTED)) return own;
  const confidence = [...best].map((d, i) => {
    let admitted = 0;
    for (let e = 0; e <= 9; e++) if (real(best.slice(0, i) + e + best.slice(i + 1))) admitted += p(i, e);
    return +(p(i, +d) / admitted).toFixed(3);
  });
  return { digits: best, confidence };
}

/** Confidence a reading keeps at most when pen ink ran into the label (below PEN_MIN_CONFIDENCE: flagged, never filled). */
const GLUED_CONFIDENCE = 0.5;

/**
 * Pen ink run into the label's last letter ("ngày" whose "y" the first "1" of a pen "11" crosses):
 * one component ending at the blank's start, wider than a letter (0.9 line heights) and taller
 * than the print (1.15×), not cut by the crop. Left of the blank it is not read, so the
 * reading may lack a digit ("1" for 11).
 */
function gluedToLabel(all: readonly Component[], img: Rgb, blank: Blank, print: number): boolean {
  const lo = blank.startX - blank.box[0], h = blank.lineHeight;
  return all.some((c) => c.x0 < lo && c.x1 >= lo - 2 && c.x1 <= lo + 0.5 * h && c.y0 > 0 && c.y1 < img.height - 1 && widthOf(c) > 0.9 * h && heightOf(c) >= 1.15 * print);
}

/**
 * Height of the printed capitals beside the blank: the 80th percentile of the heights of the
 * letter-sized components wholly outside the blank (accents and dots are smaller, descenders
 * rarer), or 0 when there are fewer than three.
 */
function printHeight(all: readonly Component[], img: Rgb, blank: Blank): number {
  const bx = blank.box[0], h = blank.lineHeight;
  const hs = all
    .filter((c) => (c.x1 + bx < blank.startX || c.x0 + bx > blank.stopX) && c.y0 > 0 && c.y1 < img.height - 1 && heightOf(c) >= 0.3 * h && heightOf(c) <= 1.2 * h)
    .map(heightOf)
    .sort((a, b) => a - b);
  return hs.length >= 3 ? hs[Math.floor(0.8 * (hs.length - 1))]! : 0;
}

/**
 * The blank's pen ink as pieces (strokes of one digit joined; digits that touch still one piece),
 * or null when there is none or far more than its digits.
 */
export function penGlyphs(img: Rgb, blank: Blank, all: Component[] = inkComponents(img)): { glyphs: Component[]; how: PenFill['ink'] } | null {
  const h = blank.lineHeight;
  const pen = penComponents(all, blank, blank.box[0], img.width, img.height);
  if (!pen || (blank.half && pen.how !== 'blue')) return null;
  let glyphs = mergeStrokes(pen.components.filter((c) => digitSized(c, h)));
  if (blank.half) {
    // Day and month in one box: split at the widest gap (where the printed "tháng" stands).
    let cut = -1, widest = -Infinity;
    for (let i = 1; i < glyphs.length; i++) if (glyphs[i]!.x0 - glyphs[i - 1]!.x1 > widest) (widest = glyphs[i]!.x0 - glyphs[i - 1]!.x1), (cut = i);
    if (cut < 0 || widest < 1.5 * h) return null;
    glyphs = blank.half === 'left' ? glyphs.slice(0, cut) : glyphs.slice(cut);
  }
  // A broken digit is two pieces at most; more is not the blank's digits.
  return glyphs.length === 0 || glyphs.length > 2 * maxDigits(blank) ? null : { glyphs, how: pen.how };
}

/**
 * Leader dots, colons, accents, scanner dust and strokes of a dotted or ruled leader are not
 * digits: a digit is at least a third of the line high or wide, and not a flat dash.
 */
export function digitSized(c: Component, h: number): boolean {
  const w = widthOf(c), hh = heightOf(c);
  return Math.max(w, hh) >= 0.3 * h && c.area >= 0.02 * h * h && !(hh < 0.25 * h && w > 1.5 * hh);
}

/**
 * The pen's components: blue ones when the line's print is not blue (colour scans with a blue
 * ballpoint); else the ink between where the label's print ends and the next word's starts
 * (grey and bilevel pages, dark pens), cut at those edges when pen and print touch.
 */
function penComponents(all: Component[], blank: Blank, bx: number, width: number, height: number): { components: Component[]; how: PenFill['ink'] } | null {
  if (all.length === 0) return null;
  const print = all.filter((c) => c.x1 + bx < blank.startX || c.x0 + bx > blank.stopX);
  const ref = print.length ? median(print.map((c) => c.blue)) : Math.min(...all.map((c) => c.blue));
  const blue = all.filter((c) => c.blue >= MIN_BLUE && c.blue >= ref + BLUE_OVER_PRINT && digitSized(c, blank.lineHeight));
  if (blue.length) return { components: blue, how: 'blue' };
  // Dark ink cut by the crop's top or bottom belongs to the lines above and below; so does ink
  // wholly above or below the line's print (the rule under the motto, a stamp's edge).
  const by = blank.box[1], band = blank.band;
  const cs = all.filter((c) => c.y0 > 0 && c.y1 < height - 1 && !(band && (c.y1 + by < band[0] || c.y0 + by > band[1])));
  const lo = Math.round(blank.startX - bx);
  let hi = Math.round(blank.stopX - bx);
  if (blank.field === 'number') {
    // The symbol's printed slash, where OCR glued the digits to it: the rightmost slash near where the symbol should start.
    const h = blank.lineHeight;
    const slash = cs.filter((c) => c.x0 > lo && c.x0 < hi + 1.2 * h && c.x1 > hi - 1.5 * h && isSlash(c, width, h)).sort((a, b) => b.x0 - a.x0)[0];
    if (slash) hi = slash.x0 - 1;
  }
  const inside: Component[] = [];
  // Ink over an edge by a sliver (the pen overshooting where the label's end was estimated) is the pen's, whole.
  const sliver = (c: Component) => {
    const out = Math.max(0, lo - c.x0) + Math.max(0, c.x1 - hi);
    return out <= SLIVER * blank.lineHeight && out <= SLIVER * widthOf(c);
  };
  for (const c of cs) {
    if (c.x1 < lo || c.x0 > hi) continue;
    if ((c.x0 >= lo && c.x1 <= hi) || sliver(c)) inside.push(c);
    else {
      const pixels = c.pixels.filter((p) => p % width >= lo && p % width <= hi);
      if (pixels.length) inside.push({ ...componentOf(pixels, width, c.blue), cutAtEdge: true });
    }
  }
  return inside.length ? { components: inside, how: 'dark' } : null;
}

/** Most ink a component may have outside the blank's edges to be taken whole, in line heights and in its own widths. */
const SLIVER = 0.15;

/** A printed "/": tall, narrow, its ink along a rising diagonal. */
export function isSlash(c: Component, width: number, lineHeight: number): boolean {
  const w = widthOf(c), h = heightOf(c);
  if (h < 0.55 * lineHeight || w < 0.2 * h || w > 0.8 * h) return false;
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (const p of c.pixels) {
    const x = p % width, y = (p - x) / width;
    sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
  }
  const n = c.pixels.length;
  const cov = sxy / n - (sx / n) * (sy / n), vx = sxx / n - (sx / n) ** 2, vy = syy / n - (sy / n) ** 2;
  return vx > 0 && vy > 0 && cov / Math.sqrt(vx * vy) < -0.8;
}

/** Components overlapping in x by half the narrower one are strokes of one digit ("5"'s flag, "7"'s bar). */
export function mergeStrokes(cs: readonly Component[]): Component[] {
  const sorted = [...cs].sort((a, b) => a.x0 - b.x0);
  const out: Component[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last) {
      const overlap = Math.min(last.x1, c.x1) - Math.max(last.x0, c.x0) + 1;
      if (overlap >= 0.5 * Math.min(widthOf(last), widthOf(c))) {
        out[out.length - 1] = mergeComponents([last, c]);
        continue;
      }
    }
    out.push(c);
  }
  // A short stroke beside a digit is part of it ("5"'s flag drawn apart): joined to the nearer neighbour.
  const tall = median(out.map(heightOf));
  for (let i = 0; i < out.length && out.length > 1; i++) {
    const c = out[i]!;
    if (heightOf(c) >= 0.5 * tall) continue;
    const gap = (d: Component | undefined) => (d ? Math.max(d.x0 - c.x1, c.x0 - d.x1) : Infinity);
    const j = gap(out[i - 1]) <= gap(out[i + 1]) ? i - 1 : i + 1;
    if (gap(out[j]) > 0.4 * tall) continue;
    out[Math.min(i, j)] = mergeComponents([c, out[j]!]);
    out.splice(Math.max(i, j), 1);
    i = Math.min(i, j) - 1;
  }
  return out;
}

