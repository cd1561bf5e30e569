/**
 * canonicalUnitNames reads each word's key once and makes a two-word key by joining two keys
 * (places.ts, joinedKey). That is exact only if folding two words joined by a space gives their
 * keys joined: checked here on random words of letters with and without marks, combining marks,
 * OCR digits, P/Q/U, punctuation, ß, astral letters; and the function against its earlier
 * definition (every word's key folded again from the text) on random issuer lines.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUnitNames, joinedKey, wordsKey } from '../../../src/core/segment/places.js';
import { foldKey, isUpperText } from '../../../src/core/segment/fold.js';
import { mulberry32 as random } from '../../../scripts/lib/seeded-random.js';

const PIECES = ['a', 'A', 'ă', 'Ấ', 'đ', 'Đ', 'ê', 'ơ', 'ư', 'Ữ', 'i', 'h', 'n', 't', 'T', 'p', 'P', 'q', 'Q', 'u', 'U', 'o', 'e', 'y',
  '0', '6', '1', '9', '-', '.', ',', '(', ')', '/', 'ß', 'ǅ', '\u0301', '\u0323', '\u0306', '𝐀', '😀', 'ﬁ', 'İ', 'ς'];
const word = (rnd: () => number) => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join('');

/** canonicalUnitNames as it was: the keys folded again from the words for every word. */
function before(text: string): string {
  const UNIT = /^(TINH|THANH PHO|TP)$/;
  const hasMarks = (s: string) => /[^\x00-\x7f]/.test(s.normalize('NFD').replace(/[^\p{L}\p{M}]/gu, ''));
  if (!hasMarks(text)) return text;
  const words = [...text.matchAll(/[^\s]+/gu)].map((m) => ({ text: m[0], start: m.index!, end: m.index! + m[0].length }));
  let out = '', at = 0;
  for (let i = 0; i < words.length; i++) {
    const b = words.slice(Math.max(0, i - 2), i).map((w) => w.text).join(' ');
    if (!(UNIT.test(wordsKey(words[i - 1]?.text ?? '')) || UNIT.test(wordsKey(b)))) continue;
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const span = words.slice(i, i + len);
      const key = wordsKey(span.map((w) => w.text).join(' '));
      const name = PROVINCE_KEYS.get(key) ?? (key.startsWith('B') ? PROVINCE_KEYS.get('D' + key.slice(1)) : undefined);
      if (!name) continue;
      const from = span[0]!.start, to = span[len - 1]!.end;
      const tail = /[^\p{L}]+$/u.exec(text.slice(from, to))?.[0] ?? '';
      out += text.slice(at, from) + (isUpperText(text.slice(from, to)) ? name.toUpperCase() : name) + tail;
      at = to;
      i += len - 1;
      break;
    }
  }
  return out + text.slice(at);
}
const PROVINCE_KEYS = new Map(['Lai Châu', 'Đà Nẵng', 'Thừa Thiên Huế', 'Huế', 'Hà Nội', 'Quảng Ngãi', 'Bà Rịa - Vũng Tàu'].map((p) => [wordsKey(p), p]));

describe('two-word keys from one-word keys', () => {
  it('folding two words joined by a space gives their keys joined, on 20,000 random pairs', () => {
    const rnd = random(7);
    for (let n = 0; n < 20000; n++) {
      const a = word(rnd), b = word(rnd);
      assert.equal(joinedKey(wordsKey(a), wordsKey(b)), wordsKey(`${a} ${b}`), JSON.stringify([a, b, foldKey(`${a} ${b}`)]));
    }
  });

  it('canonicalUnitNames gives what it gave when every key was folded again', () => {
    const rnd = random(11);
    const units = ['TỈNH', 'Tỉnh', 'THÀNH PHỐ', 'Thành phố', 'TP', 'TP.', 'tỉnh', 'THANH PHO'];
    const names = ['LẠI CHÂU', 'Lai Châu', 'ĐÃ NÂNG', 'Bà Nặng', 'Thừa Thiên Huế', 'HUẾ', 'Hà Nội,', 'Quảng Ngãi', 'Bà Rịa - Vũng Tàu'];
    for (let n = 0; n < 3000; n++) {
      const parts: string[] = [];
      for (let k = Math.floor(rnd() * 8); k >= 0; k--) {
        const r = rnd();
        parts.push(r < 0.3 ? units[Math.floor(rnd() * units.length)]! : r < 0.55 ? names[Math.floor(rnd() * names.length)]! : word(rnd));
      }
      const text = parts.join(rnd() < 0.8 ? ' ' : '  ');
      const want = before(text);
      // Only the provinces both know can be compared: names outside PROVINCE_KEYS are left out of `parts`' names.
      assert.equal(canonicalUnitNames(text), want, JSON.stringify(text));
    }
  });
});
