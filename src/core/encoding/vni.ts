/**
 * VNI-Windows: a plain vowel followed by a mark byte (Vieät = V i e + ä), read through windows-1252.
 * ơ ư đ and the toned i / ỵ have one byte of their own. Upper-case letters use upper-case mark
 * bytes; we accept either case of mark after either case of vowel, as mixed fonts produce both.
 */
import { CP1252_CHAR } from './cp1252.js';
import { withTone, type Tone } from '../vi-text/marks.js';

type Shape = 'circumflex' | 'breve' | null;

/** Mark bytes (lower, upper): the vowel shape they add and the tone they carry. */
const MARK_ROWS: Array<[number, number, Shape, Tone]> = [
  [0xf8, 0xd8, null, 1], [0xf9, 0xd9, null, 2], [0xfb, 0xdb, null, 3], [0xf5, 0xd5, null, 4], [0xef, 0xcf, null, 5],
  [0xe2, 0xc2, 'circumflex', 0], [0xe0, 0xc0, 'circumflex', 1], [0xe1, 0xc1, 'circumflex', 2],
  [0xe5, 0xc5, 'circumflex', 3], [0xe3, 0xc3, 'circumflex', 4], [0xe4, 0xc4, 'circumflex', 5],
  [0xea, 0xca, 'breve', 0], [0xe8, 0xc8, 'breve', 1], [0xe9, 0xc9, 'breve', 2],
  [0xfa, 0xda, 'breve', 3], [0xfc, 0xdc, 'breve', 4], [0xeb, 0xcb, 'breve', 5],
];

/** Bytes that are whole letters by themselves. */
const SINGLE: Array<[number, string]> = [
  [0xf4, 'ơ'], [0xd4, 'Ơ'], [0xf6, 'ư'], [0xd6, 'Ư'], [0xf1, 'đ'], [0xd1, 'Đ'],
  [0xec, 'ì'], [0xcc, 'Ì'], [0xed, 'í'], [0xcd, 'Í'], [0xe6, 'ỉ'], [0xc6, 'Ỉ'],
  [0xf3, 'ĩ'], [0xd3, 'Ĩ'], [0xf2, 'ị'], [0xd2, 'Ị'], [0xee, 'ỵ'], [0xce, 'Ỵ'],
];

const markShape = new Map<number, Shape>();
const markTone = new Map<number, Tone>();
for (const [lo, up, shape, tone] of MARK_ROWS) {
  for (const b of [lo, up]) {
    markShape.set(b, shape);
    markTone.set(b, tone);
  }
}
const single = new Map<number, string>(SINGLE);

const CIRCUMFLEX: Record<string, string> = { a: 'â', e: 'ê', o: 'ô', A: 'Â', E: 'Ê', O: 'Ô' };
const BREVE: Record<string, string> = { a: 'ă', A: 'Ă' };
/** Letters a mark byte may follow. */
const BASE_VOWELS = new Set([...'aeiouyAEIOUY', 'ơ', 'Ơ', 'ư', 'Ư']);

function baseOf(b: number): string | null {
  if (b < 0x80) {
    const ch = String.fromCharCode(b);
    return BASE_VOWELS.has(ch) ? ch : null;
  }
  const s = single.get(b);
  return s !== undefined && BASE_VOWELS.has(s) ? s : null;
}

export function decodeVni(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const base = baseOf(b);
    if (base === null) {
      out += single.get(b) ?? String.fromCharCode(CP1252_CHAR[b]!);
      i++;
      continue;
    }
    let letter = base;
    let tone: Tone = 0;
    i++;
    // Up to two mark bytes: a shape (optionally with tone), then a tone.
    for (let k = 0; k < 2 && i < bytes.length; k++) {
      const m = bytes[i]!;
      const shape = markShape.get(m);
      if (shape === undefined) break;
      const t = markTone.get(m)!;
      const shaped = shape === 'circumflex' ? CIRCUMFLEX[letter] : shape === 'breve' ? BREVE[letter] : letter;
      if (shaped === undefined || (tone !== 0 && t !== 0) || (shape !== null && letter !== base)) break;
      letter = shaped;
      if (t !== 0) tone = t;
      i++;
      if (tone !== 0) break;
    }
    out += tone === 0 ? letter : withTone(letter, tone);
  }
  return out;
}
