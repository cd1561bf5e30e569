import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digitWithPart, strungPair } from '../../../scripts/digits/not-single.js';
import { mnistSplit, prng } from '../../../scripts/digits/mnist-split.js';
import { box } from '../../../scripts/digits/scan.js';
import { inkComponents } from '../../../src/ingest/pen/ink.js';
import type { InkMap } from '../../../src/ingest/pen/digit-model.js';

const { test } = mnistSplit();
const widthOver = (g: InkMap) => { const b = box(g, 0.3)!; return (b.x1 - b.x0 + 1) / (b.y1 - b.y0 + 1); };
/** The map as a crop (ink dark on white) for the reader's own component finder. */
function pieces(g: InkMap): number {
  const data = new Uint8Array(g.width * g.height * 3).fill(255);
  for (let i = 0; i < g.data.length; i++) if (g.data[i]! > 0.3) data.fill(30, 3 * i, 3 * i + 3);
  return inkComponents({ data, width: g.width, height: g.height, channels: 3 }).filter((c) => c.pixels.length > 8).length;
}

describe('"not a single digit" glyphs of one hand', () => {
  it('writes two or three digits into each other: wider than one digit, their ink often one piece', () => {
    const rnd = prng(3);
    let n = 0, wide = 0, onePiece = 0;
    const pick = () => test[Math.floor(rnd() * test.length)]!.pixels;
    for (let k = 0; k < 40; k++) {
      const g = strungPair(pick, rnd);
      if (!g) continue;
      n++;
      if (widthOver(g) > 0.9) wide++;
      if (pieces(g) === 1) onePiece++;
    }
    assert.ok(n >= 38, `${n} of 40 made`);
    assert.ok(wide >= 0.8 * n, `${wide} of ${n} wider than one digit`);
    // Written 5–35 % into each other, about half the pairs' ink touches; the rest overlap in columns
    // (pen.ts's mergeStrokes hands such overlapping pieces to the model as one glyph too).
    assert.ok(onePiece >= 0.35 * n, `${onePiece} of ${n} in one piece`);
  });

  it('keeps only a part of the neighbour: narrower than a whole pair of the same digits', () => {
    let narrower = 0;
    for (let k = 0; k < 30; k++) {
      const a = test[2 * k]!.pixels, b = test[2 * k + 1]!.pixels;
      let turn = 0;
      const pick = () => (turn++ % 2 ? b : a);
      // The same draws (seed) for both: the only difference is the neighbour's cut.
      const whole = strungPair(pick, prng(100 + k)), part = digitWithPart(pick, prng(100 + k));
      if (whole && part && part.width < whole.width) narrower++;
    }
    assert.ok(narrower >= 24, `${narrower} of 30 narrower`);
  });

  it('is deterministic for a seed', () => {
    const pick = (r: () => number) => () => test[Math.floor(r() * test.length)]!.pixels;
    const r1 = prng(9), r2 = prng(9);
    assert.deepEqual(strungPair(pick(r1), r1), strungPair(pick(r2), r2));
  });
});
