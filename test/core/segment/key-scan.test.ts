/**
 * The per-code-unit key scans (key-scan.ts) find what the global regexes they replace find, on
 * every BMP code unit and on random keys dense in letters, digits, spaces of every kind and colons.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alnumRuns, isRegexSpace, letterOrDigitRuns, spaceRunStarts, unitPositions } from '../../../src/core/segment/key-scan.js';
import { keyTokens } from '../../../src/core/segment/fold.js';

const runsOf = (re: RegExp, key: string, limit = Infinity) => {
  const out: { text: string; start: number; end: number }[] = [];
  for (const m of key.matchAll(re)) { if (out.length >= limit) break; out.push({ text: m[0], start: m.index!, end: m.index! + m[0].length }); }
  return out;
};

/** A deterministic random key: upper-case letters, digits, every white space, colons, marks, astral letters, lone surrogates. */
function randomKey(seed: number): string {
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
  const pool = ['A', 'K', 'Y', 'Z', '0', '9', '5', ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\u200b', ':', ';', '.', 'a', 'Đ', 'É', '\u0301', '𝐀', '\ud800', '-', '@', '@', '\u180e'];
  let out = '';
  const n = next() % 60;
  for (let i = 0; i < n; i++) out += pool[next() % pool.length];
  return out;
}

describe('key scans per code unit', () => {
  it('take as white space exactly what \\s matches, on every BMP code unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isRegexSpace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });

  it('find the matches of their regexes on 20,000 random keys', () => {
    for (let seed = 0; seed < 20_000; seed++) {
      const key = randomKey(seed);
      assert.deepEqual(alnumRuns(key), runsOf(/[A-Z0-9]+/g, key), JSON.stringify(key));
      assert.deepEqual(alnumRuns(key, 2), runsOf(/[A-Z0-9]+/g, key, 2), JSON.stringify(key));
      assert.deepEqual(keyTokens(key, 3), runsOf(/[A-Z0-9]+/g, key, 3), JSON.stringify(key));
      assert.deepEqual(letterOrDigitRuns(key), runsOf(/[A-Z]+|[0-9]+/g, key), JSON.stringify(key));
      assert.deepEqual(spaceRunStarts(key), runsOf(/\s{2,}/g, key).map((r) => r.start), JSON.stringify(key));
      assert.deepEqual(unitPositions(key, 0x3a, 0x3b), runsOf(/[:;]/g, key).map((r) => r.start), JSON.stringify(key));
    }
  });

  it('find a box line\'s tokens, gaps and colons', () => {
    const key = 'KY BOI: UY BAN   THOI GIAN KY19.12.2025 10:15';
    assert.deepEqual(letterOrDigitRuns(key).map((t) => t.text), ['KY', 'BOI', 'UY', 'BAN', 'THOI', 'GIAN', 'KY', '19', '12', '2025', '10', '15']);
    assert.deepEqual(spaceRunStarts(key), [14]);
    assert.deepEqual(unitPositions(key, 0x3a, 0x3b), [6, 42]);
  });
});
