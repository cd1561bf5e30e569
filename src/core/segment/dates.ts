/** Vietnamese dates ("ngày 28 tháng 12 năm 2023", "29/12/2023") read from keys, fuzzy on words. */
import { editDistance, foldKey, keyTokens, type KeyToken } from './fold.js';

export interface FoundDate {
  /** The calendar date, or null when the text names a day that does not exist ("31 tháng 4"). */
  iso: string | null;
  /** The date as written. */
  text: string;
  /** Offsets of the date in the key/text. */
  start: number;
  end: number;
}

function near(token: string | undefined, word: string): boolean {
  return token !== undefined && /^[A-Z]+$/.test(token) && editDistance(token, word) <= 1;
}

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * 'date' for a real day, 'impossible' for a day past its month's end (a typo or an OCR slip:
 * the line is still a date line, and the date is kept as written), null for no date at all.
 */
export function dateOf(y: number, m: number, d: number): { iso: string | null } | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1945 || y > 2100) return null;
  if (d > daysInMonth(y, m)) return { iso: null };
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** The first date in the text (word form preferred, then numeric d/m/y). */
export function findDate(text: string): FoundDate | undefined {
  const key = foldKey(text);
  const toks = unglued(keyTokens(key));
  for (let i = 0; i + 5 < toks.length; i++) {
    // Read by index (a destructured slice ran the array iterator: a copy and six iterator steps a
    // token, and the largest optimised code of segmentation to compile in every worker).
    const a = toks[i]!, d = toks[i + 1]!, b = toks[i + 2]!, m = toks[i + 3]!, c = toks[i + 4]!, y = toks[i + 5]!;
    if (near(a.text, 'NGAY') && /^\d{1,2}$/.test(d.text) && near(b.text, 'THANG') && /^\d{1,2}$/.test(m.text) && near(c.text, 'NAM') && /^\d{4}$/.test(y.text)) {
      const v = dateOf(+y.text, +m.text, +d.text);
      if (v) return { iso: v.iso, text: text.slice(a.start, y.end), start: a.start, end: y.end };
    }
  }
  const m = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/.exec(key);
  if (m) {
    const v = dateOf(+m[3]!, +m[2]!, +m[1]!);
    if (v) return { iso: v.iso, text: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/**
 * Tokens with a number OCR glued to the date word beside it ("26tháng", "ngày26", "năm2020") split in two:
 * print spaces them, and a date read as "ngày 26tháng 7 năm 2020" is still that date.
 */
function unglued(toks: KeyToken[]): KeyToken[] {
  if (!toks.some((t) => GLUED.test(t.text))) return toks;
  return toks.flatMap((t) => {
    const m = GLUED.exec(t.text);
    if (!m) return [t];
    const cut = t.start + (m[1] ?? m[2]!).length;
    return [{ text: t.text.slice(0, cut - t.start), start: t.start, end: cut }, { text: t.text.slice(cut - t.start), start: cut, end: t.end }];
  });
}
const GLUED = /^(?:(\d{1,2})(?:THANG|NAM)|(NGAY|THANG|NAM)\d{1,4})$/;
