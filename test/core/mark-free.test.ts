/** paragraphs.ts reads line openings mark-free from a per-unit table; the definition is NFD, marks dropped, đ → d. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markFree, markFreeSlow } from '../../src/core/paragraphs.js';

describe('markFree from its table', () => {
  it('matches the definition on every code unit below U+2000, alone and after a letter', () => {
    for (let code = 0; code < 0x2000; code++) {
      const ch = String.fromCharCode(code);
      assert.equal(markFree(ch), markFreeSlow(ch), `U+${code.toString(16)}`);
      assert.equal(markFree(`Ư${ch}a`), markFreeSlow(`Ư${ch}a`), `U+${code.toString(16)} inside`);
    }
  });

  it('matches it on random text of Vietnamese, Greek, Hebrew points, combining marks and wider characters', () => {
    const pool = 'aăâđĐeêoôơuưyÝỹỆệẶặộỢờừữỰ \u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0345ΐάἄᾷϓЙё\u05b0\u05b4\u05bcא\u0958ǅﬀ\u2126\u212b\uac00\u1100\u1161'.split('');
    let x = 3;
    const next = (n: number) => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return (x >>> 8) % n; };
    for (let k = 0; k < 20_000; k++) {
      const text = Array.from({ length: 1 + next(30) }, () => pool[next(pool.length)]).join('');
      assert.equal(markFree(text), markFreeSlow(text), JSON.stringify(text));
    }
  });
});
