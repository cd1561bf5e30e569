import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cnnForward, type CnnModel } from '../../../src/ingest/pen/cnn.js';
import { classify, modelFromFile, modelToFile, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import { CnnTrainer, fitTemperature, initCnn } from '../../../scripts/digits/cnn-train.js';
import { mnistSplit, prng } from '../../../scripts/digits/mnist-split.js';

const gaussOf = (rnd: () => number) => () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

describe('convolutional pen-digit model', () => {
  it('gives class probabilities that sum to 1, flatter at a higher temperature', () => {
    const rnd = prng(5);
    const m = initCnn(3, 4, 6, 11, gaussOf(rnd));
    const x = Float32Array.from({ length: 784 }, () => rnd());
    const p = cnnForward(m, x), hot = cnnForward(m, x, undefined, 3);
    assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5);
    assert.ok(Math.max(...hot) <= Math.max(...p) + 1e-6);
  });

  it('computes the gradient its numerical derivative gives', () => {
    const rnd = prng(3);
    const m = initCnn(3, 4, 5, 11, gaussOf(rnd));
    const x = Float32Array.from({ length: 784 }, () => rnd());
    const loss = () => -Math.log(cnnForward(m, x, undefined, 1)[3]!);
    const trainer = new CnnTrainer(m);
    trainer.add(x, 3);
    const grads = (trainer as unknown as { g: Record<string, Float32Array> }).g;
    for (const k of ['k1', 'k2', 'w3', 'b4'] as const) {
      const w = m[k];
      for (let t = 0; t < 4; t++) {
        const i = Math.floor(rnd() * w.length), old = w[i]!;
        w[i] = old + 1e-2; const up = loss();
        w[i] = old - 1e-2; const down = loss();
        w[i] = old;
        const num = (up - down) / 2e-2, g = grads[k]![i]!;
        assert.ok(Math.abs(num - g) <= 0.03 * (Math.abs(num) + Math.abs(g)) + 1e-4, `${k}[${i}]: ${num} vs ${g}`);
      }
    }
  });

  it('learns a few MNIST digits, and keeps its weights and temperature through its file form', () => {
    const rnd = prng(11);
    const m: CnnModel = initCnn(4, 8, 16, 11, gaussOf(rnd));
    const { train, test } = mnistSplit();
    const ones = train.filter((s) => s.digit === 1 || s.digit === 0).slice(0, 300);
    const trainer = new CnnTrainer(m);
    for (let epoch = 0; epoch < 2; epoch++) {
      ones.forEach((s, i) => { trainer.add(normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!, s.digit); if (i % 8 === 7) trainer.update(0.003); });
    }
    const held = test.filter((s) => s.digit <= 1).slice(0, 100).map((s) => ({ x: normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!, label: s.digit }));
    assert.ok(held.filter((s) => classify(m, s.x).digit === s.label).length >= 90);
    m.temperature = fitTemperature(m, held);
    assert.ok(m.temperature > 0.4 && m.temperature <= 4.1, String(m.temperature));
    const back = modelFromFile(JSON.parse(JSON.stringify(modelToFile(m))));
    assert.deepEqual(back, m);
    assert.throws(() => modelFromFile({ ...modelToFile(m), c1: 5 } as never), /wrong sizes/);
  });
});
