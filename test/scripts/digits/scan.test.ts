import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanned } from '../../../scripts/digits/scan.js';
import { labelLetters, leaderDots } from '../../../scripts/digits/not-digits.js';
import { mnistSplit, prng } from '../../../scripts/digits/mnist-split.js';

describe('scanned pen glyphs for training', () => {
  const { test } = mnistSplit();

  it('makes a bilevel glyph at a scan\'s scale (22–64 px high, plus a margin) from an MNIST digit', () => {
    const rnd = prng(1);
    for (const s of test.slice(0, 40)) {
      const g = scanned({ data: s.pixels, width: 28, height: 28 }, rnd);
      if (!g) continue;
      assert.ok(g.data.every((v) => v === 0 || v === 1));
      assert.ok(g.height >= 20 && g.height <= 72, String(g.height));
      assert.ok(g.data.some((v) => v === 1));
    }
  });

  it('is deterministic for a seed', () => {
    const a = scanned({ data: test[3]!.pixels, width: 28, height: 28 }, prng(9))!;
    const b = scanned({ data: test[3]!.pixels, width: 28, height: 28 }, prng(9))!;
    assert.deepEqual(a, b);
  });

  it('writes a digit over a dotted leader only where the dots touch it, and draws the same without leaders as before', () => {
    let added = 0;
    for (const [i, s] of test.slice(0, 30).entries()) {
      const plain = scanned({ data: s.pixels, width: 28, height: 28 }, prng(100 + i));
      // Without leaders the PRNG is not drawn from once more: the committed model's build is unchanged.
      assert.deepEqual(scanned({ data: s.pixels, width: 28, height: 28 }, prng(100 + i), 0), plain);
      const led = scanned({ data: s.pixels, width: 28, height: 28 }, prng(100 + i), 1);
      if (!plain || !led) continue;
      assert.ok(led.data.every((v) => v === 0 || v === 1));
      const ink = (g: typeof led) => g.data.reduce((a, v) => a + v, 0);
      // The same glyph (the same draws up to the leader) plus the dots that touch it.
      added += ink(led) - ink(plain);
      assert.ok(ink(led) >= ink(plain));
    }
    assert.ok(added > 0, 'some dots touch some digits');
  });

  it('draws leader dots and label letters with ink', () => {
    const rnd = prng(2);
    for (let i = 0; i < 20; i++) {
      assert.ok(leaderDots(rnd).some((v) => v > 0.5));
      assert.ok(labelLetters(rnd).some((v) => v > 0.5));
    }
  });
});
