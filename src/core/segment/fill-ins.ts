/**
 * Numbers and dates filled in by hand into a header's printed blanks ("Số: ……/TB-ĐHĐL", "ngày …
 * tháng … năm 2025"): OCR reads the print and garbles the pen ("Số: 2J5/TB-ĐHĐL", "ngày ØÄ tháng
 * A0 năm 2025"). The printed skeleton still says a lot — the symbol, the year, the digits that
 * are legible — so it is read, and the field is marked uncertain for review instead of dropped.
 */
import { editDistance, keyTokens, type KeyToken } from './fold.js';
import { symbolOf } from './number.js';
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
/** The blank (no column gap, no word of three letters in it), a slash, [year/] and the symbol. */
const AFTER_LABEL = /^((?:(?! {2})[^\n]){0,16}?)\s*\/\s*(?:(\d{4})\s*\/\s*)?(\p{L}[\p{L}\d&]*(?:\s*-\s*[\p{L}\d&]+)+)/u;

/** A number line whose digits may be unreadable: `key` is the line's fold (same offsets as `text`). */
export function readNumberBlank(key: string, text: string): NumberBlank | null {
  const label = LABEL.exec(key);
  if (!label) return null;
  const m = AFTER_LABEL.exec(text.slice(label[0].length));
  if (!m) return null;
  const blank = m[1]!.trim();
  if (/\p{L}{3}/u.test(blank) || (blank !== '' && !/[\d.…_]/.test(blank) && blank.length > 2)) return null;
  const bare = blank.replace(/[\s.…_·,]/g, '');
  const { symbol, type } = symbolOf(m[3]!);
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
    if (!near(toks[i], 'NGAY')) continue;
    for (let j = i + 1; j <= i + 3 && j < toks.length; j++) {
      if (!near(toks[j], 'THANG')) continue;
      for (let k = j + 1; k <= j + 3 && k + 1 < toks.length; k++) {
        const y = toks[k + 1]!;
        if (!near(toks[k], 'NAM') || !/^\d{4}$/.test(y.text) || +y.text < 1945 || +y.text > 2100) continue;
        const day = legible(toks.slice(i + 1, j), 31), month = legible(toks.slice(j + 1, k), 12);
        const year = +y.text;
        const real = day !== null && month !== null && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
        const iso = real ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` : null;
        return { iso, day, month, year, text: text.slice(toks[i]!.start, y.end), start: toks[i]!.start, end: y.end };
      }
    }
  }
  return undefined;
}

/** The one number written in a blank, when it reads as one from 1 to `max`. */
function legible(tokens: KeyToken[], max: number): number | null {
  if (tokens.length !== 1 || !/^\d{1,2}$/.test(tokens[0]!.text)) return null;
  const n = +tokens[0]!.text;
  return n >= 1 && n <= max ? n : null;
}
