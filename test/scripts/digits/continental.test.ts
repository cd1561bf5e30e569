import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crossedSeven, flaggedMnistOne, loopedTwo } from '../../../scripts/digits/continental.js';
import { mnistSplit, prng } from '../../../scripts/digits/mnist-split.js';

const S = 28;
const { test } = mnistSplit();
/** Ink (> 0.3) of the columns left of x, and in all. */
const inkLeftOf = (p: Float32Array, x: number) => p.filter((v, i) => v > 0.3 && i % S < x).length;
const ink = (p: Float32Array) => p.filter((v) => v > 0.3).length;
/** Columns holding ink on row y. */
const rowWidth = (p: Float32Array, y: number) => p.slice(y * S, (y + 1) * S).filter((v) => v > 0.3).length;

describe('continental hand shapes made from MNIST digits', () => {
  it('crosses a 7 with a bar about its middle: a row there holds more ink than the stem alone', () => {
    const rnd = prng(5);
    const sevens = test.filter((s) => s.digit === 7).slice(0, 30);
    let crossed = 0;
    for (const s of sevens) {
      const g = crossedSeven(s.pixels, rnd);
      if (!g) continue;
      crossed++;
      // The widest row in the lower 70 % of the glyph (below the 7's top stroke) is the bar.
      const rows = Array.from({ length: S }, (_, y) => y).filter((y) => rowWidth(g, y) > 0);
      const top = rows[0]!, bottom = rows[rows.length - 1]!, from = Math.round(top + 0.3 * (bottom - top));
      const widest = Math.max(...rows.filter((y) => y >= from).map((y) => rowWidth(g, y)));
      assert.ok(widest >= 6, `bar ${widest} px wide`);
    }
    assert.ok(crossed >= 25, `${crossed} of 30 crossed`);
  });

  it('gives a 1 a long flag to the left of its top, keeping its own stroke', () => {
    const rnd = prng(6);
    for (const s of test.filter((t) => t.digit === 1).slice(0, 20)) {
      const g = flaggedMnistOne(s.pixels, rnd)!;
      // The new ink lies left of the 1's top and below it.
      const own = Array.from(s.pixels.keys()).filter((i) => s.pixels[i]! > 0.3);
      const topRow = Math.floor(own[0]! / S), topX = own.filter((i) => Math.floor(i / S) === topRow).reduce((a, i) => a + (i % S), 0) / own.filter((i) => Math.floor(i / S) === topRow).length;
      const added = Array.from(g.keys()).filter((i) => g[i]! > 0.3 && s.pixels[i]! <= 0.3);
      assert.ok(added.length > 0 && inkLeftOf(g, Math.floor(topX)) > 0, 'no flag');
      assert.ok(added.reduce((a, i) => a + (i % S), 0) / added.length < topX, 'the flag is not left of the top');
      // The MNIST stroke stays: every inked pixel of it is still inked.
      assert.ok(s.pixels.every((v, i) => v <= 0.3 || g[i]! >= v));
      assert.ok(ink(g) > ink(s.pixels));
    }
  });

  it('loops a 2 at its foot: a closed hole of new ink in the lower half, the stroke of the 2 kept', () => {
    const rnd = prng(7);
    let looped = 0;
    for (const s of test.filter((t) => t.digit === 2).slice(0, 20)) {
      const g = loopedTwo(s.pixels, rnd);
      if (!g) continue;
      looped++;
      assert.ok(s.pixels.every((v, i) => v <= 0.3 || g[i]! >= v), 'the stroke is kept');
      const added = Array.from(g.keys()).filter((i) => g[i]! > 0.3 && s.pixels[i]! <= 0.3);
      assert.ok(added.length > 0, 'no loop drawn');
      // The loop sits low: the new ink's mean row is below the glyph's middle row.
      const rows = Array.from(g.keys()).filter((i) => g[i]! > 0.3).map((i) => Math.floor(i / S));
      const mid = (Math.min(...rows) + Math.max(...rows)) / 2;
      assert.ok(added.reduce((a, i) => a + Math.floor(i / S), 0) / added.length > mid, 'the loop is not in the lower half');
    }
    assert.ok(looped >= 15, `${looped} of 20 looped`);
  });

  it('is deterministic for a seed', () => {
    const p = test.find((s) => s.digit === 7)!.pixels;
    assert.deepEqual(crossedSeven(p, prng(9)), crossedSeven(p, prng(9)));
  });
});
