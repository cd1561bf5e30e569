/**
 * The character classes are worked out at each code unit's first look-up (not all at import): the
 * answer must be the Unicode property's for every code unit, whatever the order of the look-ups.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CharClass, charClass, isWordCode } from '../../../src/core/vi-text/chars.js';
import { mulberry32 as random } from '../../../scripts/lib/seeded-random.js';

function expected(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return CharClass.Other;
  if (c >= 0x30 && c <= 0x39) return CharClass.Digit;
  if (c === 0x0a || c === 0x0d || c === 0x0c) return CharClass.Newline;
  const ch = String.fromCharCode(c);
  if (/\p{L}/u.test(ch)) return CharClass.Letter;
  if (/\p{M}/u.test(ch)) return CharClass.Mark;
  if (/\s/u.test(ch)) return CharClass.Space;
  if (/[\p{P}\p{S}]/u.test(ch)) return CharClass.Punct;
  return CharClass.Other;
}

describe('character classes, worked out on first look-up', () => {
  it('give every BMP code unit its Unicode class, looked up in random order and again', () => {
    const order = Array.from({ length: 0x10000 }, (_, i) => i);
    const rnd = random(7);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const c of order) assert.equal(charClass(c), expected(c), `U+${c.toString(16)}`);
    for (let c = 0; c < 0x10000; c++) {
      assert.equal(charClass(c), expected(c), `again U+${c.toString(16)}`);
      assert.equal(isWordCode(c), expected(c) === CharClass.Letter || expected(c) === CharClass.Mark);
    }
  });

  it('answer as the full table did past the BMP and for a surrogate half', () => {
    assert.equal(charClass(0x10000), undefined);
    assert.equal(isWordCode(0x1f600), false);
    assert.equal(charClass(0xd83d), CharClass.Other);
    assert.equal(charClass('ệ'.charCodeAt(0)), CharClass.Letter);
    assert.equal(charClass(0x0301), CharClass.Mark);
  });
});
