/**
 * Province-level unit names (the 63 before the 2025 merger, which include the 34 after it). The
 * restorer can put the wrong marks on a proper name ("LAI CHÂU" → "LẠI CHÂU", "ĐÀ NẴNG" → "ĐÃ
 * NÂNG") because its language model knows them as ordinary syllables; a name that follows "TỈNH" /
 * "THÀNH PHỐ" in an issuer, or that is a whole place field, is put back to its spelling here.
 */
import { foldKey, isUpperText } from './fold.js';

const PROVINCES = [
  'Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Huế', 'Thừa Thiên Huế', 'An Giang', 'Bà Rịa - Vũng Tàu',
  'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận',
  'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam',
  'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu',
  'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ', 'Phú Yên',
  'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình',
  'Thái Nguyên', 'Thanh Hóa', 'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

export const wordsKey = (s: string) => foldKey(s.normalize('NFC')).replace(/[^A-Z]+/g, ' ').trim();
/**
 * wordsKey of two white-space-free words joined by a space, from their own keys: folding is per
 * character, NFC composes nothing with a space, and the fold's OCR rewrites look one character
 * across at most, where a space and the text's end read alike (test/core/segment/places.test.ts).
 */
export const joinedKey = (a: string, b: string) => (a && b ? `${a} ${b}` : a || b);
const BY_KEY = new Map(PROVINCES.map((p) => [wordsKey(p), p]));
/** The province a key names; an initial B may be an OCR'd Đ ("bà Nặng" for "Đà Nẵng"). */
const provinceOf = (key: string) => BY_KEY.get(key) ?? (key.startsWith('B') ? BY_KEY.get('D' + key.slice(1)) : undefined);
const UNIT = /^(TINH|THANH PHO|TP)$/;

/** A proper name keeps its capitals; an upper-case field stays upper-case. */
const inCaseOf = (name: string, like: string) => (isUpperText(like) ? name.toUpperCase() : name);
const hasMarks = (s: string) => /[^\x00-\x7f]/.test(s.normalize('NFD').replace(/[^\p{L}\p{M}]/gu, ''));

/** A whole place field ("Lại Châu") put back to the province's spelling when it is one. */
export function canonicalPlace(place: string): string {
  const name = hasMarks(place) ? provinceOf(wordsKey(place)) : undefined;
  return name && !/[-–]/.test(place) ? inCaseOf(name, place) : place;
}

/** Province names after "TỈNH" / "THÀNH PHỐ" inside an organ name, put back to their spelling. */
export function canonicalUnitNames(text: string): string {
  // Mark-free text (unrestored) stays mark-free rather than half-marked.
  if (!hasMarks(text)) return text;
  const words = [...text.matchAll(/[^\s]+/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  // Each word's key once (was: the previous word's and the previous two's, folded again per word).
  const keys = words.map((w) => wordsKey(w.text));
  let out = '', at = 0;
  for (let i = 1; i < words.length; i++) {
    const unit = UNIT.test(keys[i - 1]!) || (i >= 2 && UNIT.test(joinedKey(keys[i - 2]!, keys[i - 1]!)));
    if (!unit) continue;
    // Longest name first: "Thừa Thiên Huế" before "Huế".
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const span = words.slice(i, i + len);
      const name = provinceOf(wordsKey(span.map((w) => w.text).join(' ')));
      if (!name) continue;
      const from = span[0]!.start, to = span[len - 1]!.end;
      const tail = /[^\p{L}]+$/u.exec(text.slice(from, to))?.[0] ?? '';
      out += text.slice(at, from) + inCaseOf(name, text.slice(from, to)) + tail;
      at = to;
      i += len - 1;
      break;
    }
  }
  return out + text.slice(at);
}
