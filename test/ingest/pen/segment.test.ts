import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, loadDigitModel, normaliseGlyph, sheared, slantOf, upright, type DigitModel } from '../../../src/ingest/pen/digit-model.js';
import { inkComponents, type Component } from '../../../src/ingest/pen/ink.js';
import { classifyInk, digitsShare, overCut, segmentDigits } from '../../../src/ingest/pen/segment.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

const model = loadDigitModel()!;
const { test } = mnistSplit();
const sure = (d: number, k = 0) => test.filter((s) => s.digit === d && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)[k]!.pixels;

/** A grey crop with MNIST glyphs drawn at 2.5× at given x offsets; `gap` blanks columns (a broken stroke). */
function draw(width: number, glyphs: { glyph: Float32Array; x: number }[], gap?: [number, number]): { components: Component[]; width: number } {
  const height = 100;
  const data = new Uint8Array(width * height).fill(250);
  for (const { glyph, x: gx } of glyphs) {
    for (let y = 0; y < 70; y++) for (let x = 0; x < 70; x++) {
      const v = glyph[Math.floor(y / 2.5) * 28 + Math.floor(x / 2.5)]!;
      const X = gx + x;
      if (v > 0.3 && X >= 0 && X < width && !(gap && X >= gap[0] && X < gap[1])) data[(y + 15) * width + X] = 20;
    }
  }
  return { components: inkComponents({ data, width, height, channels: 1 }).filter((c) => c.area > 20), width };
}

const digitsOf = (r: ReturnType<typeof segmentDigits>) => r?.map((g) => g.guess.digit).join('') ?? null;

/** A sure "2" and a sure "5" drawn 44 px apart whose ink touches (one component): which samples touch depends on the model's sure ones. */
function touchingTwoFive(): { components: Component[]; width: number } {
  for (let k = 0; k < 30; k++) {
    const drawn = draw(200, [{ glyph: sure(2, k), x: 10 }, { glyph: sure(5, k), x: 54 }]);
    if (drawn.components.length === 1) return drawn;
  }
  throw new Error('no touching 2 and 5 among the first 30 sure samples');
}

describe('recognition-driven digit segmentation', () => {
  it('reads digits apart as they are', () => {
    const { components, width } = draw(300, [{ glyph: sure(2), x: 10 }, { glyph: sure(7), x: 90 }, { glyph: sure(5), x: 170 }]);
    assert.equal(digitsOf(segmentDigits(components, 60, width, 6, model)), '275');
  });

  it('cuts digits that touch where the model reads two digits', () => {
    // The second digit drawn 44 px after the first (their 70 px boxes overlap): one ink component.
    const { components, width } = touchingTwoFive();
    assert.equal(digitsOf(segmentDigits(components, 60, width, 6, model)), '25');
  });

  it('joins a digit broken into two pieces', () => {
    // A "0" with a column of its ink missing: two pieces, read as one digit.
    const { components, width } = draw(150, [{ glyph: sure(0), x: 20 }], [53, 56]);
    assert.ok(components.length >= 2, 'the digit is broken');
    assert.equal(digitsOf(segmentDigits(components, 60, width, 6, model)), '0');
  });

  it('reads nothing when the ink holds more digits than the blank', () => {
    const { components, width } = draw(300, [{ glyph: sure(1), x: 10 }, { glyph: sure(4), x: 90 }, { glyph: sure(6), x: 170 }]);
    assert.equal(segmentDigits(components, 60, width, 2, model), null);
  });

  it('over-cuts a wide piece at its low-ink columns and leaves a digit-wide one whole', () => {
    const { components, width } = touchingTwoFive();
    assert.ok(overCut(components[0]!, 60, width).length >= 2);
    const one = draw(100, [{ glyph: sure(7), x: 10 }]);
    assert.equal(overCut(one.components[0]!, 60, one.width).length, 1);
  });

  it('measures a glyph\'s slant and undoes it (capped), and reads a far-leaning digit by its upright copy too', () => {
    const glyph = { data: sure(4), width: 28, height: 28 };
    const base = slantOf(glyph);
    const leaning = sheared(glyph, 0.5);
    assert.ok(Math.abs(slantOf(leaning) - base - 0.5) < 0.1, String(slantOf(leaning)));
    assert.ok(Math.abs(slantOf(upright(leaning))) < 0.1);
    assert.ok(Math.abs(slantOf(upright(sheared(glyph, 2)))) > 0.5, 'a slant beyond the cap is undone only in part');
    const guess = classifyInk(model, leaning);
    assert.equal(guess?.digit, 4);
    assert.equal(guess?.probs.length, model.classes);
  });
});

describe('the "not a digit" class for the cuts only (SegmentOptions fill and reader, off in the pipeline)', () => {
  it("fills a digit from the digits' own share: 0–9 renormalised without that class", () => {
    const probs = [0.1, 0.4, 0, 0, 0, 0, 0, 0, 0, 0, 0.5];
    const g = digitsShare({ digit: 1, confidence: 0.4, probs });
    assert.equal(g.digit, 1);
    assert.ok(Math.abs(g.confidence - 0.8) < 1e-9);
    assert.ok(Math.abs(g.probs.slice(0, 10).reduce((a, b) => a + b, 0) - 1) < 1e-9);
    assert.equal(g.probs[10], 0.5);
    const ten = { digit: 3, confidence: 0.6, probs: [0, 0, 0, 0.6, 0.4, 0, 0, 0, 0, 0] };
    assert.deepEqual(digitsShare(ten), ten);
  });

  it('keeps the cuts and digits of the plain reading and raises no confidence above 1', () => {
    const { components, width } = draw(300, [{ glyph: sure(2), x: 10 }, { glyph: sure(7), x: 90 }, { glyph: sure(5), x: 170 }]);
    const plain = segmentDigits(components, 60, width, 6, model)!;
    const share = segmentDigits(components, 60, width, 6, model, { fill: 'digits' })!;
    assert.equal(digitsOf(share), digitsOf(plain));
    share.forEach((g, i) => assert.ok(g.guess.confidence >= plain[i]!.guess.confidence - 1e-9 && g.guess.confidence <= 1 + 1e-9));
  });

  it('reads the glyphs of the chosen cuts with the reader model, not the one that cut them', () => {
    // A reader that says "7" whatever it is shown: the cutter's three glyphs, each read 7.
    const b2 = new Float32Array(11);
    b2[7] = 5;
    const sevens: DigitModel = { hidden: 1, classes: 11, w1: new Float32Array(784), b1: new Float32Array(1), w2: new Float32Array(11), b2 };
    const { components, width } = draw(300, [{ glyph: sure(2), x: 10 }, { glyph: sure(7), x: 90 }, { glyph: sure(5), x: 170 }]);
    const read = segmentDigits(components, 60, width, 6, model, { reader: sevens })!;
    assert.equal(digitsOf(read), '777');
    assert.deepEqual(read.map((g) => g.glyph.x0), segmentDigits(components, 60, width, 6, model)!.map((g) => g.glyph.x0));
  });
});
