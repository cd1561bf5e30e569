import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, loadDigitModel, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import { inkComponents, widthOf, type Component } from '../../../src/ingest/pen/ink.js';
import { segmentDigits } from '../../../src/ingest/pen/segment.js';
import { cutLogOdds, pathCut } from '../../../src/ingest/pen/touching.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

/** Two upright bars (a "1" beside a "1") whose feet a short bridge joins: one component. */
function bridgedBars(): { c: Component; width: number } {
  const width = 40, height = 50, data = new Uint8Array(width * height).fill(250);
  for (let y = 5; y < 45; y++) for (const x0 of [10, 24]) for (let x = x0; x < x0 + 4; x++) data[y * width + x] = 20;
  for (let x = 14; x < 24; x++) data[42 * width + x] = 20;
  const cs = inkComponents({ data, width, height, channels: 1 });
  assert.equal(cs.length, 1);
  return { c: cs[0]!, width };
}

describe('a path cut through touching digits', () => {
  it('cuts between two joined strokes through the least ink, each stroke whole on its side', () => {
    const { c, width } = bridgedBars();
    const cut = pathCut(c, 25, width);
    assert.ok(cut);
    const xs = (px: number[]) => px.map((p) => p % width);
    assert.ok(Math.max(...xs(cut[0])) < 24, 'the left side holds no pixel of the right bar');
    assert.ok(Math.min(...xs(cut[1])) > 13, 'the right side holds no pixel of the left bar');
    assert.equal(cut[0].length + cut[1].length, c.pixels.length);
  });

  it('does not cut a piece narrower than half a digit height', () => {
    const { c, width } = bridgedBars();
    assert.equal(pathCut(c, widthOf(c) / 0.5 + 10, width), null);
  });

  it('weighs a cut by how wide the piece is: narrow pieces are mostly one digit', () => {
    assert.ok(cutLogOdds(0.7) < Math.log(0.1));
    assert.ok(cutLogOdds(1.0) < cutLogOdds(1.2));
    assert.ok(cutLogOdds(1.5) > 0);
  });
});

describe('the segmentation posterior (off in the pipeline)', () => {
  const model = loadDigitModel()!;
  const { test } = mnistSplit();
  const sure = (d: number) => test.find((s) => s.digit === d && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)!.pixels;
  function draw(glyphs: { glyph: Float32Array; x: number }[]): { components: Component[]; width: number } {
    const width = 300, height = 100, data = new Uint8Array(width * height).fill(250);
    for (const { glyph, x: gx } of glyphs) for (let y = 0; y < 70; y++) for (let x = 0; x < 70; x++) if (glyph[Math.floor(y / 2.5) * 28 + Math.floor(x / 2.5)]! > 0.3) data[(y + 15) * width + gx + x] = 20;
    return { components: inkComponents({ data, width, height, channels: 1 }).filter((c) => c.area > 20), width };
  }

  it('keeps the reading of digits written apart, each confidence the model\'s times its glyph\'s share', () => {
    const { components, width } = draw([{ glyph: sure(2), x: 10 }, { glyph: sure(7), x: 90 }, { glyph: sure(5), x: 170 }]);
    const plain = segmentDigits(components, 60, width, 6, model)!;
    for (const posterior of ['glyph', 'count'] as const) {
      const r = segmentDigits(components, 60, width, 6, model, { posterior })!;
      assert.equal(r.map((g) => g.guess.digit).join(''), '275');
      r.forEach((g, i) => {
        assert.ok(g.segmentation > 0.5 && g.segmentation <= 1, `${posterior}: glyph ${i} share ${g.segmentation}`);
        assert.ok(Math.abs(g.guess.confidence - plain[i]!.guess.confidence * g.segmentation) < 1e-9);
      });
    }
  });

  it('gives the pipeline exactly the plain reading when off', () => {
    const { components, width } = draw([{ glyph: sure(3), x: 10 }, { glyph: sure(8), x: 90 }]);
    const r = segmentDigits(components, 60, width, 6, model)!;
    assert.equal(r.map((g) => g.guess.digit).join(''), '38');
    for (const g of r) assert.equal(g.segmentation, 1);
  });
});
