/**
 * Numbers and dates filled in by hand into a header's printed blanks ("Số: ……/TB-ĐHĐL", "ngày …
 * tháng … năm 2025"): OCR reads the print and garbles the pen ("Số: 2J5/TB-ĐHĐL", "ngày ØÄ tháng
 * A0 năm 2025"). The printed skeleton still says a lot — the symbol, the year, the digits that
 * are legible — so it is read, and the field is marked uncertain for review instead of dropped.
 */
import { editDistance, foldKey, keyTokens, type KeyToken } from './fold.js';
import { daysInMonth } from './dates.js';
import type { PenFill } from '../document.js';
import type { SegLine } from './lines.js';
import { symbolOf, type DocNumber } from './number.js';
import type { DocType } from './doc-types.js';

export interface NumberBlank {
  /** The filled-in digits when they read as digits, else null. */
  digits: string | null;
  /** What stands in the blank, as read ("2J5", "……", ""). */
  asRead: string;
  year: string | null;
  symbol: string;
  type: DocType | null;
  /** Offset in the line just after the symbol. */
  end: number;
}

/** "Số", as OCR reads it ("S6", "SỐ", "Sốz", "Šố", "$ố"), then a colon, a space or the first digit. */
const LABEL = /^\s*[SŠ$][A-Z]{0,2}(?:\s*[:;.]\s*|\s+|(?=\d))/;
/** The blank (no column gap, no word of three letters in it), a slash, [year/] and the symbol (its
 * hyphens may come out of OCR as dots or dashes: "TB.ĐHĐL"). */
const AFTER_LABEL = /^((?:(?! {2})[^\n]){0,16}?)\s*\/\s*(?:(\d{4})\s*\/\s*)?(\p{L}[\p{L}\d&]*(?:\s*[-.–]\s*[\p{L}\d&]+)+)/u;

/** A number line whose digits may be unreadable: `key` is the line's fold (same offsets as `text`). */
export function readNumberBlank(key: string, text: string): NumberBlank | null {
  const label = LABEL.exec(key);
  if (!label) return null;
  const m = AFTER_LABEL.exec(text.slice(label[0].length));
  if (!m) return null;
  const blank = m[1]!.trim();
  // Letters alone are a word, not a blank; OCR's junk for pen ink mixes in marks ("®%Ù", "4‡1").
  if (/\p{L}{3}/u.test(blank) || (blank !== '' && !/[\d.…_]/.test(blank) && blank.length > 2 && /^[\p{L}\s]+$/u.test(blank))) return null;
  const bare = blank.replace(/[\s.…_·,]/g, '');
  const { symbol, type } = symbolOf(m[3]!.replace(/\s*[.–]\s*/g, '-'));
  return { digits: /^\d{1,6}$/.test(bare) ? bare : null, asRead: blank, year: m[2] ?? null, symbol, type, end: label[0].length + m.index + m[0].length };
}

export interface DateBlank {
  /** The date when day and month are legible and real, else null. */
  iso: string | null;
  day: number | null;
  month: number | null;
  year: number;
  /** The date as written ("ngày ØÄ tháng A0 năm 2025"). */
  text: string;
  start: number;
  end: number;
}

const near = (t: KeyToken | undefined, word: string) => t !== undefined && /^[A-Z]+$/.test(t.text) && editDistance(t.text, word) <= 1;

/**
 * "ngày … tháng … năm YYYY" with the day or month not read as numbers: the printed words and a
 * printed year, with at most two tokens of handwriting in each blank.
 */
export function readDateBlank(key: string, text: string): DateBlank | undefined {
  const toks = keyTokens(key);
  for (let i = 0; i < toks.length; i++) {
    // "Quảng Ngãi, ngày …": "NGAI" is a letter away from "NGAY"; the label is the last of them.
    // Glued ("ngàyÂÚtháng"), the one token is both label and "tháng".
    const glued = gluedDay(toks[i]?.text);
    if (glued === undefined && (!near(toks[i], 'NGAY') || near(toks[i + 1], 'NGAY'))) continue;
    const [first, last] = glued !== undefined ? [i, i] : [i + 1, i + 3];
    for (let j = first; j <= last && j < toks.length; j++) {
      if (glued === undefined && !near(toks[j], 'THANG')) continue;
      for (let k = j + 1; k <= j + 3 && k + 1 < toks.length; k++) {
        const y = toks[k + 1]!;
        if (!near(toks[k], 'NAM') || !/^\d{4}$/.test(y.text) || +y.text < 1945 || +y.text > 2100) continue;
        const day = glued !== undefined ? legible([{ text: glued, start: 0, end: 0 }], 31) : legible(toks.slice(i + 1, j), 31);
        const month = legible(toks.slice(j + 1, k), 12);
        const year = +y.text;
        const real = day !== null && month !== null && day <= daysInMonth(year, month);
        const iso = real ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
        return { iso, day, month, year, text: text.slice(toks[i]!.start, y.end), start: toks[i]!.start, end: y.end };
      }
    }
  }
  return dateWithoutMonthWord(toks, key, text);
}

/**
 * "Thành phố Hồ Chí Minh, ngày vô hông 6 năm 2026": the pen day written over the printed "tháng"
 * wrecked it. On a place-and-date line (or the date alone), "ngày", one or two tokens, a number
 * from 1 to 12 and "năm YYYY" still give the year, and the month when a wreck of "tháng" (two
 * letters off at most) stands just before it; the day is never guessed (the field stays uncertain).
 */
function dateWithoutMonthWord(toks: KeyToken[], key: string, text: string): DateBlank | undefined {
  const i = toks.findIndex((t, n) => near(t, 'NGAY') && !near(toks[n + 1], 'NGAY'));
  if (i < 0 || !/^(?:|.*[A-Z].*,)$/s.test(key.slice(0, toks[i]!.start).trim())) return undefined;
  for (let k = i + 3; k <= i + 4 && k + 1 < toks.length; k++) {
    const month = toks[k - 1]!, y = toks[k + 1]!;
    if (!near(toks[k], 'NAM') || !/^\d{1,2}$/.test(month.text) || +month.text < 1 || +month.text > 12 || !/^\d{4}$/.test(y.text) || +y.text < 1945 || +y.text > 2100) continue;
    const wreck = toks[k - 2]!;
    const sound = /^[A-Z]{2,6}$/.test(wreck.text) && editDistance(wreck.text, 'THANG') <= 2;
    return { iso: null, day: null, month: sound ? +month.text : null, year: +y.text, text: text.slice(toks[i]!.start, y.end), start: toks[i]!.start, end: y.end };
  }
  return undefined;
}

/**
 * "ngàyÂÚtháng": OCR glued the label, the pen day and "tháng" into one word. Returns what stands
 * between them (at most 4 characters, maybe nothing), or undefined when the token is not so glued.
 */
export function gluedDay(key: string | undefined): string | undefined {
  if (!key || key.length < 9 || key.length > 13) return undefined;
  const head = key.slice(0, 4), tail = key.slice(-5);
  if (!/^[A-Z]+$/.test(head + tail) || editDistance(head, 'NGAY') > 1 || editDistance(tail, 'THANG') > 1) return undefined;
  return key.slice(4, -5);
}

/** The one number written in a blank, when it reads as one from 1 to `max`. */
function legible(tokens: KeyToken[], max: number): number | null {
  if (tokens.length !== 1 || !/^\d{1,2}$/.test(tokens[0]!.text)) return null;
  const n = +tokens[0]!.text;
  return n >= 1 && n <= max ? n : null;
}

/** A pen reading of a blank (ingest reads it from the page image) with the page it is on. */
export interface PenReading extends PenFill {
  page: number;
}

/** Least classifier probability of each digit for a pen reading to fill a field (else the field stays empty for review). */
export const PEN_MIN_CONFIDENCE = 0.6;

const sure = (r: PenReading | undefined): r is PenReading =>
  r !== undefined && r.digits.length > 0 && r.digits.length === r.confidence.length && r.confidence.every((c) => c >= PEN_MIN_CONFIDENCE);
export const onLine = (r: PenReading, line: SegLine | undefined) => line !== undefined && r.page === line.page && r.line >= line.lineStart && r.line <= line.lineEnd;

/**
 * The number of a blank number line ("Số: ……/TB-ĐHĐL") with its digits read by pen, when every
 * digit is sure (1–6 digits, not all zeros): symbol and year as printed on the line.
 */
export function penNumber(readings: readonly PenReading[], line: SegLine | undefined): { reading: PenReading; number: DocNumber } | null {
  const r = readings.find((x) => x.field === 'number' && onLine(x, line));
  if (!line || !sure(r) || !/^\d{1,6}$/.test(r.digits) || !/[1-9]/.test(r.digits)) return null;
  const blank = readNumberBlank(line.key, line.text);
  if (!blank || droppedDigits(r.digits, blank.asRead)) return null;
  const full = `${r.digits}/${blank.year ? `${blank.year}/` : ''}${blank.symbol}`;
  return { reading: r, number: { full, number: r.digits, year: blank.year, symbol: blank.symbol, type: blank.type, start: 0, end: blank.end } };
}

/**
 * A pen reading with fewer than half as many digits as OCR saw marks in the blank ("1" where OCR
 * read "4‡1"): a digit was lost in the cutting, so the reading is no number (it stays flagged).
 * OCR reads one pen digit as one mark, or two at most; leader dots are no marks.
 */
function droppedDigits(digits: string, asRead: string): boolean {
  const marks = [...asRead.replace(/[\s.…_·,]/gu, '')].length;
  return digits.length * 2 < marks;
}

/**
 * Pen glyphs this much taller than the line's printed capitals are handwriting (PenFill.scale).
 * Printed digits stand at about the capitals' height (1.0); pen digits over a dotted leader run
 * taller.
 */
export const HANDWRITTEN_SCALE = 1.25;

/**
 * OCR read legible digits in a number blank, but the ink there is handwriting (its glyphs stand
 * taller than the print: PenFill.scale) and the pen reader reads other digits, every one sure:
 * the pen reading is taken (still for a person to confirm). Tesseract reads a clear hand as
 * legible wrong digits ("922" for 899); printed digits are never this tall. Between
 * DISPUTED_SCALE and HANDWRITTEN_SCALE (a small hand at 100 dpi measures 1.2–1.25) the pen is
 * taken only when every digit it reads otherwise than OCR is very sure (PEN_OVER_OCR_CONFIDENCE):
 * a pen "280" (0.91 0.99 1.00) over OCR's "880", but not a pen "1635" (0.71 0.67 …) over "2635".
 */
export function penNumberOverOcr(readings: readonly PenReading[], line: SegLine | undefined, ocr: DocNumber): { reading: PenReading; number: DocNumber } | null {
  const r = readings.find((x) => x.field === 'number' && onLine(x, line));
  if (!line || !sure(r) || !/^\d{1,6}$/.test(r.digits) || !/[1-9]/.test(r.digits) || +r.digits === +ocr.number) return null;
  const scale = r.scale ?? 0;
  if (scale < HANDWRITTEN_SCALE && !(scale >= DISPUTED_SCALE && differingDigitsSure(r, ocr.number))) return null;
  const full = `${r.digits}/${ocr.year ? `${ocr.year}/` : ''}${ocr.symbol}`;
  return { reading: r, number: { ...ocr, full, number: r.digits } };
}

/**
 * Least confidence of the pen's digits where they differ from OCR's legible ones, for the pen to be
 * taken over OCR in the band of heights where the ink may be a small hand or print (DISPUTED_SCALE
 * to HANDWRITTEN_SCALE). The CNN's calibration (docs/handwriting.md, session 15): 99.6 % of its
 * readings at ≥ 0.9 are right on scanned held-out digits, 87 % of those at [0.6, 0.75).
 */
export const PEN_OVER_OCR_CONFIDENCE = 0.9;

/**
 * Every digit the pen reads otherwise than OCR is read at PEN_OVER_OCR_CONFIDENCE or more (the
 * digits both read alike corroborate each other); readings of unequal length align nowhere, so
 * every pen digit must be that sure.
 */
function differingDigitsSure(r: PenReading, ocrDigits: string): boolean {
  const aligned = r.digits.length === ocrDigits.length;
  return [...r.digits].every((d, i) => (aligned && d === ocrDigits[i]) || (r.confidence[i] ?? 0) >= PEN_OVER_OCR_CONFIDENCE);
}

/**
 * Pen glyphs this much taller than the print cast doubt on OCR's legible digits when the pen
 * reader reads other ones, even unsure: the field is then left for review, not filled as OCR
 * read it. Lower than HANDWRITTEN_SCALE (which lets the pen's own reading in): printed digits
 * measure 1.0–1.1, a small hand at 100 dpi about 1.23 (the second outside set's development half).
 */
export const DISPUTED_SCALE = 1.2;

/**
 * OCR read legible digits in a number blank whose ink is handwriting, and the pen reader reads
 * other digits there, not sure enough to take (penNumberOverOcr): a pen "1635" (its "1" at 0.71)
 * read by OCR as a clear "2635". The number is then no number, for a person to fill.
 */
export function numberDisputed(readings: readonly PenReading[], line: SegLine | undefined, ocr: DocNumber): PenReading | null {
  const r = readings.find((x) => x.field === 'number' && onLine(x, line));
  return r && (r.scale ?? 0) >= DISPUTED_SCALE && /^\d{1,6}$/.test(r.digits) && +r.digits !== +ocr.number ? r : null;
}

export interface PenDate {
  iso: string;
  day: PenReading | null;
  month: PenReading | null;
}

/**
 * The date of a blank date line ("ngày … tháng … năm 2025") from pen readings of its day and
 * month, each taken only when sure; a day or month that OCR read legibly must agree with the
 * pen's, or stands in for a missing one. Null unless the day exists in that month and year.
 */
export function penDate(readings: readonly PenReading[], line: SegLine | undefined, dateText: string | null): PenDate | null {
  if (!line || dateText === null) return null;
  const blank = readDateBlank(foldKey(dateText), dateText);
  if (!blank) return null;
  const pick = (field: 'day' | 'month', legible: number | null, max: number): { n: number; r: PenReading | null } | null => {
    const r = readings.find((x) => x.field === field && onLine(x, line));
    const pen = sure(r) && /^\d{1,2}$/.test(r.digits) && +r.digits >= 1 && +r.digits <= max ? r : null;
    // OCR's legible digit in handwriting the pen reads otherwise, sure: the pen's (as penDateOverOcr does).
    if (pen && legible !== null && +pen.digits !== legible) return disputes(pen, legible, max) ? { n: +pen.digits, r: pen } : null;
    // OCR's legible digit stands in handwriting the pen reads otherwise, unsure: a misread pen, not a day.
    if (legible !== null && r && disputes(r, legible, max)) return null;
    if (pen) return { n: +pen.digits, r: pen };
    return legible !== null ? { n: legible, r: null } : null;
  };
  const day = pick('day', blank.day, 31), month = pick('month', blank.month, 12);
  if (!day || !month || (!day.r && !month.r)) return null;
  if (day.n > daysInMonth(blank.year, month.n)) return null;
  return { iso: `${blank.year}-${String(month.n).padStart(2, '0')}-${String(day.n).padStart(2, '0')}`, day: day.r, month: month.r };
}

/**
 * A reading of handwriting (taller than the print) that reads another day or month (1–`max`) than
 * `value`. A reading that is no day or month at all ("71" for a month OCR read "7": a glyph of the
 * next word cut in) is a mis-cut, no evidence against OCR's legible digits.
 */
const disputes = (r: PenReading, value: number, max: number) => (r.scale ?? 0) >= DISPUTED_SCALE && /^\d{1,2}$/.test(r.digits) && +r.digits >= 1 && +r.digits <= max && +r.digits !== value;

/**
 * A date OCR read legibly ("ngày 2 tháng 12 năm 2024") where the day's or month's ink is
 * handwriting and the pen reader reads other digits (a pen "31" read as a clear "2"): the pen's
 * value when every disputing reading is sure and the day exists, else no date (iso null) — a
 * date read from pen ink by OCR is left for review, never filled as read. Null when nothing
 * disputes OCR's date.
 */
export function penDateOverOcr(readings: readonly PenReading[], line: SegLine | undefined, iso: string): PenDate | { iso: null } | null {
  if (!line) return null;
  const year = +iso.slice(0, 4), ocr = { day: +iso.slice(8, 10), month: +iso.slice(5, 7) };
  const at = (field: 'day' | 'month') => readings.find((x) => x.field === field && onLine(x, line));
  const day = at('day'), month = at('month');
  const dDay = day && disputes(day, ocr.day, 31) ? day : null, dMonth = month && disputes(month, ocr.month, 12) ? month : null;
  if (!dDay && !dMonth) return null;
  const d = dDay ? +dDay.digits : ocr.day, m = dMonth ? +dMonth.digits : ocr.month;
  if ((dDay && !sure(dDay)) || (dMonth && !sure(dMonth)) || d < 1 || m < 1 || m > 12 || d > daysInMonth(year, m)) return { iso: null };
  return { iso: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, day: dDay, month: dMonth };
}

/** "2116 (0.99 0.97 0.88 1.00)": a reading with its digit confidences, for a diagnostic. */
export const penText = (r: PenReading) => `${r.digits} (${r.confidence.map((c) => c.toFixed(2)).join(' ')})`;
