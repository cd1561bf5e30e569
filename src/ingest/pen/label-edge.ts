/**
 * Pen digits run into the printed label ("ngày" whose "y" the first "1" of a pen "11" crosses, a
 * "2" written into the tail of the "y"): the blank's left edge, where the label's print is
 * estimated to end (blanks.ts, label-letters.ts), cuts the digit, so the reading lacks it ("8" for
 * 28). Print and pen cannot be told apart there by colour (a navy pen is 1–2 levels bluer than the
 * print) nor by a fixed cut, so the edge is moved left in small steps and the blank read again at
 * each: where the digit model reads one digit more, and keeps reading the same digits over
 * several steps, the edge has passed the digit's start and not yet reached far into the letter
 * (a letter's piece reads "not a digit", or digits that change from step to step).
 */
import type { Blank } from './blanks.js';
import { heightOf, widthOf, type Component, type Rgb } from './ink.js';
import type { ReadGlyph } from './segment.js';

/** How far left of the estimated edge the cut is tried, in line heights (about a printed "y"). */
const REACH = 0.6;
/** Cuts tried over that reach. */
const STEPS = 12;
/** Consecutive cuts that must read the same digits for a reading to count. */
const MIN_RUN = 3;
/** The ink run into the label stands this much taller than the print (a pen digit, not a letter). */
const PEN_OVER_PRINT = 1.15;

/** A label's last letter alone ("y", "g", a colon) is narrower than this, in line heights. */
const LETTER_WIDTH = 0.9;

/**
 * A component that starts in the label and reaches the blank's edge, wider than a letter, taller
 * than the print and not cut by the crop: pen ink glued to the label's last letter.
 */
export function gluedAcrossEdge(all: readonly Component[], img: Rgb, blank: Blank, print: number): boolean {
  const lo = blank.startX - blank.box[0], h = blank.lineHeight;
  return print > 0 && all.some((c) => c.x0 < lo - 2 && c.x1 >= lo - 2 && c.y0 > 0 && c.y1 < img.height - 1 && widthOf(c) > LETTER_WIDTH * h && heightOf(c) >= PEN_OVER_PRINT * print);
}

/**
 * The blank read with its left edge moved into the label: the reading with more glyphs than
 * `had` that the most consecutive cuts agree on (at least MIN_RUN; the nearest the estimate on a
 * tie), as read at the middle of that run; null when there is none. `read` reads the blank with
 * a given left edge (page px), as pen.ts does with the estimate.
 */
export function readAcrossEdge(blank: Blank, had: number, maxDigits: number, read: (startX: number) => ReadGlyph[] | null): ReadGlyph[] | null {
  const step = (REACH * blank.lineHeight) / STEPS;
  const readings: (ReadGlyph[] | null)[] = [];
  for (let s = 1; s <= STEPS; s++) {
    const r = read(blank.startX - s * step);
    readings.push(r && r.length > had && r.length <= maxDigits ? r : null);
  }
  const key = (r: ReadGlyph[] | null) => (r ? r.map((g) => g.guess.digit).join('') : '');
  let best: { from: number; to: number } | null = null;
  for (let i = 0; i < readings.length;) {
    let j = i + 1;
    while (j < readings.length && key(readings[j]!) === key(readings[i]!)) j++;
    if (key(readings[i]!) && j - i >= MIN_RUN && (!best || j - i > best.to - best.from)) best = { from: i, to: j };
    i = j;
  }
  return best ? readings[(best.from + best.to - 1) >> 1]! : null;
}
