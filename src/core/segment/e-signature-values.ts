/** The values of an e-signature: a person's name told from an organisation's, a signing time as ISO 8601. */
import { daysInMonth } from './dates.js';
import { startsWithOrgan } from './issuer.js';

/** "12.09.2025 10:15:23 +07:00": day, month, year, then an optional time and zone. */
const DATE_TIME = /(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})(?:\s*,?\s*(\d{1,2})\s*[:h.]\s*(\d{2})(?:\s*[:.]\s*(\d{2}))?(?:\s*(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})\s*:?\s*(\d{2}))?)?/;

/** A person's name, not an organisation's: 2–5 capitalised words, no organ word, no digits. */
export function isPerson(name: string): boolean {
  const t = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (/[\d@]/.test(t) || startsWithOrgan(t)) return false;
  const words = t.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^\p{Lu}[\p{Ll}]*$/u.test(w)) || words.every((w) => /^\p{Lu}+$/u.test(w));
}

/** "12.09.2025 10:15:23 +07:00" → "2025-09-12T10:15:23+07:00"; a PDF date "D:20250912101523+07'00'" too. */
export function isoTime(text: string): string | null {
  const pdf = /D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text);
  const two = (s: string | undefined) => (s ?? '00').padStart(2, '0');
  const valid = (y: number, mo: number, d: number) => mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
  if (pdf) {
    const [, y, mo, d, h, mi, s, z, sign, zh, zm] = pdf;
    if (!valid(+y!, +mo!, +d!)) return null;
    const date = `${y}-${mo}-${d}`;
    if (h === undefined) return date;
    const zone = z ? 'Z' : sign ? `${sign}${zh}:${two(zm)}` : '';
    return `${date}T${h}:${mi}:${two(s)}${zone}`;
  }
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [, d, mo, y, h, mi, s, sign, zh, zm] = m;
  if (!valid(+y!, +mo!, +d!)) return null;
  const date = `${y}-${two(mo)}-${two(d)}`;
  if (h === undefined || +h > 23 || +mi! > 59) return date;
  return `${date}T${two(h)}:${mi}:${two(s)}${sign ? `${sign}${two(zh)}:${zm}` : ''}`;
}
