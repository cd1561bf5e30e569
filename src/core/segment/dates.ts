/** Vietnamese dates ("ngày 28 tháng 12 năm 2023", "29/12/2023") read from keys, fuzzy on words. */
import { editDistance, foldKey, keyTokens } from './fold.js';

export interface FoundDate {
  iso: string;
  /** Offsets of the date in the key/text. */
  start: number;
  end: number;
}

function near(token: string | undefined, word: string): boolean {
  return token !== undefined && /^[A-Z]+$/.test(token) && editDistance(token, word) <= 1;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1945 || y > 2100) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first date in the text (word form preferred, then numeric d/m/y). */
export function findDate(text: string): FoundDate | undefined {
  const key = foldKey(text);
  const toks = keyTokens(key);
  for (let i = 0; i + 5 < toks.length; i++) {
    const [a, d, b, m, c, y] = toks.slice(i, i + 6) as [typeof toks[0], typeof toks[0], typeof toks[0], typeof toks[0], typeof toks[0], typeof toks[0]];
    if (near(a.text, 'NGAY') && /^\d{1,2}$/.test(d.text) && near(b.text, 'THANG') && /^\d{1,2}$/.test(m.text) && near(c.text, 'NAM') && /^\d{4}$/.test(y.text)) {
      const v = iso(+y.text, +m.text, +d.text);
      if (v) return { iso: v, start: a.start, end: y.end };
    }
  }
  const m = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/.exec(key);
  if (m) {
    const v = iso(+m[3]!, +m[2]!, +m[1]!);
    if (v) return { iso: v, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
