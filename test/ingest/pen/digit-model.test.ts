import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, forward, loadDigitModel, modelFromFile, modelToFile, normaliseGlyph, NOT_A_DIGIT, SIDE } from '../../../src/ingest/pen/digit-model.js';
import { mnistSplit, prng } from '../../../scripts/digits/mnist-split.js';
import { digitPiece, flaggedOne, openFour, touchingPair } from '../../../scripts/digits/synthetic.js';

describe('pen digit model', () => {
  const model = loadDigitModel();
  const { train, test } = mnistSplit();

  it('is committed in dictionaries/ and loads', () => {
    assert.ok(model, 'dictionaries/pen-digits.json is missing: npm run build:digits');
    if (model.kind === 'cnn') assert.ok(model.temperature > 0 && model.k1.length === model.c1 * 25);
    else assert.equal(model.w1.length, model.hidden * SIDE * SIDE);
  });

  it('keeps the held-out test part apart from the training part', () => {
    // Every fifth sample of each digit is held out.
    assert.ok(Math.abs(train.length / test.length - 4) < 0.05, `${train.length} / ${test.length}`);
    const key = (p: Float32Array) => Array.from(p.slice(200, 600)).join(',');
    const trained = new Set(train.slice(0, 3000).map((s) => key(s.pixels)));
    assert.equal(test.slice(0, 500).filter((s) => trained.has(key(s.pixels))).length, 0);
  });

  it('reads held-out MNIST digits it was never trained on', () => {
    const sample = test.filter((_, i) => i % 4 === 0);
    const right = sample.filter((s) => classify(model!, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).digit === s.digit).length;
    assert.ok(right / sample.length > 0.95, `held-out accuracy ${right}/${sample.length}`);
  });

  it('reads Vietnamese-style digits drawn with a seed it was not trained on: the flagged 1 and the open 4', () => {
    const rnd = prng(99);
    const read = (p: Float32Array) => classify(model!, normaliseGlyph({ data: p, width: 28, height: 28 })!).digit;
    const ones = Array.from({ length: 40 }, () => read(flaggedOne(rnd))), fours = Array.from({ length: 40 }, () => read(openFour(rnd)));
    assert.ok(ones.filter((d) => d === 1).length >= 36, `flagged 1s read as ${ones.join('')}`);
    assert.ok(fours.filter((d) => d === 4).length >= 36, `open 4s read as ${fours.join('')}`);
  });

  it('says "not a digit" to most pieces of held-out digits and to two held-out digits touching', () => {
    assert.equal(model!.classes, 11);
    const rnd = prng(7);
    const pieces = test.slice(0, 400).map((s) => digitPiece(s.pixels, rnd)).filter((p) => p !== null).map((p) => normaliseGlyph({ data: p, width: 28, height: 28 })!);
    const pairs = test.slice(0, 200).map((s, i) => normaliseGlyph(touchingPair(s.pixels, test[i + 700]!.pixels, rnd)!)!);
    const rejected = (xs: Float32Array[]) => xs.filter((x) => { const p = forward(model!, x); return p[NOT_A_DIGIT]! > Math.max(...p.slice(0, 10)); }).length / xs.length;
    assert.ok(rejected(pieces) > 0.6, `pieces rejected ${rejected(pieces)}`);
    assert.ok(rejected(pairs) > 0.6, `pairs rejected ${rejected(pairs)}`);
    // and still reads the digits themselves as digits
    const whole = test.slice(0, 400).map((s) => normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!);
    assert.ok(rejected(whole) < 0.05, `whole digits rejected ${rejected(whole)}`);
  });

  it('normalises a glyph that fills its whole map without reading past its edges', () => {
    // A ring touching all four edges of an odd-sized map (a bug read one column past the edge: NaN).
    const w = 37, h = 53;
    const data = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const dx = (x - (w - 1) / 2) / ((w - 1) / 2), dy = (y - (h - 1) / 2) / ((h - 1) / 2);
      const r = Math.hypot(dx, dy);
      if (r <= 1 && r > 0.7) data[y * w + x] = 1;
    }
    const x = normaliseGlyph({ data, width: w, height: h })!;
    assert.ok(x.every((v) => Number.isFinite(v) && v >= 0 && v <= 1));
    // MNIST's frame: the ink in the middle 20 rows and centred.
    let mass = 0, my = 0, mx = 0;
    x.forEach((v, i) => { mass += v; my += v * Math.floor(i / SIDE); mx += v * (i % SIDE); });
    assert.ok(Math.abs(my / mass - 13.5) < 1.5 && Math.abs(mx / mass - 13.5) < 1.5);
    assert.equal(classify(model!, x).digit, 0);
  });

  it('gives nothing for an empty map', () => {
    assert.equal(normaliseGlyph({ data: new Float32Array(100), width: 10, height: 10 }), null);
  });

  it('writes and reads its file form unchanged', () => {
    const back = modelFromFile(JSON.parse(JSON.stringify(modelToFile(model!))));
    assert.deepEqual(back, model);
    assert.throws(() => modelFromFile({ ...modelToFile(model!), format: 'x' } as never));
  });
});
