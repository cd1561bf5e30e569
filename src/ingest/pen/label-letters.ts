/**
 * Where the printed letters of the date line really are (issue 14, session 12). blanks.ts places
 * "ngày", "tháng" and "năm" from OCR's word boxes and the words' printed widths, an estimate: on
 * italic or tightly set lines it lands a few pixels off, and a pen digit written into the tail of
 * "ngày" or touching "năm" is then cut. Here the date line is read once more by the OCR engine
 * with its character boxes (RecognizeOptions.symbols), and each blank's edges are moved to the
 * right edge of its label's last letter and the left edge of the next word's first letter.
 * An edge is moved only when the letters are found in order and land near the estimate.
 */
import { foldKey } from '../../core/segment/fold.js';
import type { OcrWord } from '../../core/document.js';
import { shiftedWords, type OcrPageResult, type OcrSymbol } from '../ocr/result.js';
import type { RecognizeOptions } from '../ocr/pool.js';
import type { Blank } from './blanks.js';
import { greyOf, type Rgb } from './ink.js';
import { pgm } from '../ocr/downscale.js';

/** Reads an encoded image (here: a PGM crop) with the given options; the OCR pool's recognize. */
export type CropReader = (image: Uint8Array, options: RecognizeOptions) => Promise<OcrPageResult>;

/** A letter-found edge replaces the estimate only within this many line heights of it. */
const MAX_SHIFT = 1.2;
/** The crop of the date line reaches this many line heights above and below its print band. */
const MARGIN = 0.5;
/** The widest printed letter ("m") in line heights (a word box's height: accents to descenders). */
const WIDEST_LETTER = 1.5;
/** OCR confidence of a word of digits taken for print (a pen's digits read this sure are rare). */
const PRINTED_CONFIDENCE = 85;

/** A decoded page (ink.ts's `Rgb`). */
export type RgbPage = Rgb;

/** A grey PGM (P5) of `box` of an RGB(A) or grey page: an image format both engines read. */
export function pgmCrop(page: RgbPage, box: readonly [number, number, number, number]): Uint8Array {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0, h = y1 - y0;
  const grey = new Uint8Array(w * h);
  let k = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) grey[k++] = Math.round(greyOf(page.data, (y * page.width + x) * page.channels, page.channels));
  return pgm(grey, w, h);
}

/** Each symbol's letter, folded (no marks, upper case); '.' for anything not a letter. */
const letterOf = (s: OcrSymbol, h: number) => {
  // A letter's box wider than a letter is the letter with pen ink glued to it: its edges are not the print's.
  if (s.bbox[2] - s.bbox[0] > WIDEST_LETTER * h) return '.';
  const f = foldKey(s.text);
  return f.length === 1 && /[A-Z]/.test(f) ? f : f === 'Đ' ? 'D' : '.';
};

export interface LabelEdges {
  /** Right edge of "ngày"'s last letter, left edge of "tháng"'s first, right edge of its last, left edge of "năm"'s first (page px); null where not found. */
  ngayEnd: number | null;
  thangStart: number | null;
  thangEnd: number | null;
  namStart: number | null;
}

/**
 * The label letters' edges among the symbols of the date line (page px): "…AY" ends "ngày",
 * "…HANG" or "THA…" marks "tháng", "NAM" or "AM" followed by digits marks "năm", in that order.
 */
export function labelEdges(symbols: readonly OcrSymbol[], lineHeight: number): LabelEdges {
  const letters = symbols.map((s) => letterOf(s, lineHeight)).join('');
  const at = (re: RegExp, from: number) => {
    re.lastIndex = from;
    const m = re.exec(letters);
    return m ? { start: m.index, end: m.index + m[0].length - 1 } : null;
  };
  const ngay = at(/N?GAY|NGA/g, 0);
  const thang = at(/T?HANG|THAN/g, ngay ? ngay.end + 1 : 0);
  const nam = at(/NAM|AM(?=\.*$)/g, thang ? thang.end + 1 : ngay ? ngay.end + 1 : 0);
  const box = (i: number) => symbols[i]!.bbox;
  return {
    // "NGA" without its "Y": the "y" was read as something else (pen glued to it) — its end unknown.
    ngayEnd: ngay && letters[ngay.end] === 'Y' ? box(ngay.end)[2] : null,
    thangStart: thang && letters[thang.start] === 'T' ? box(thang.start)[0] : null,
    thangEnd: thang && letters[thang.end] === 'G' ? box(thang.end)[2] : null,
    namStart: nam && letters[nam.start] === 'N' ? box(nam.start)[0] : null,
  };
}

/** Clean digits in the blank: confident words of 1–2 digits between its edges, and nothing else. */
export function printedDigits(b: Blank, words: readonly OcrWord[]): boolean {
  const inside = words.filter((w) => w.line === b.line && (w.bbox[0] + w.bbox[2]) / 2 > b.startX && (w.bbox[0] + w.bbox[2]) / 2 < b.stopX);
  return inside.length > 0 && inside.every((w) => /^\d{1,2}[.,]?$/.test(w.text) && w.confidence >= PRINTED_CONFIDENCE);
}

/**
 * The day and month blanks with their edges at the printed letters, as read on the date line
 * with character boxes; the blanks as given when the line cannot be read (any failure), or when
 * the page's OCR `words` hold clean printed digits in both blanks (nothing to place).
 */
export async function withLetterEdges(blanks: readonly Blank[], page: RgbPage, read: CropReader, words: readonly OcrWord[] = []): Promise<Blank[]> {
  const day = blanks.find((b) => b.field === 'day' && !b.half), month = blanks.find((b) => b.field === 'month' && !b.half);
  if (!day || !month || !day.band) return [...blanks];
  // A printed date (OCR read clean digits in both blanks) needs no second look.
  if (printedDigits(day, words) && printedDigits(month, words)) return [...blanks];
  const h = day.lineHeight;
  const x0 = Math.max(0, day.box[0]), x1 = Math.min(page.width, Math.round(month.stopX + 2.5 * h));
  const y0 = Math.max(0, Math.round(day.band[0] - MARGIN * h)), y1 = Math.min(page.height, Math.round(day.band[1] + MARGIN * h));
  if (x1 - x0 < 4 * h || y1 - y0 < 4) return [...blanks];
  let edges: LabelEdges;
  try {
    const r = await read(pgmCrop(page, [x0, y0, x1, y1]), { psm: '7', symbols: true });
    edges = labelEdges(shiftedWords(r.symbols ?? [], x0, y0), h);
  } catch {
    return [...blanks];
  }
  const moved = (estimate: number, found: number | null) => (found !== null && Math.abs(found - estimate) <= MAX_SHIFT * h ? found : estimate);
  const fix = (b: Blank, start: number | null, stop: number | null): Blank => {
    const startX = moved(b.startX, start), stopX = moved(b.stopX, stop);
    if (stopX - startX < 0.3 * h) return b;
    return { ...b, startX, stopX, box: [Math.max(0, Math.min(b.box[0], Math.round(startX - h))), b.box[1], Math.max(b.box[2], Math.round(stopX + 0.3 * h)), b.box[3]] };
  };
  return blanks.map((b) => (b === day ? fix(b, edges.ngayEnd, edges.thangStart) : b === month ? fix(b, edges.thangEnd, edges.namStart) : b));
}
