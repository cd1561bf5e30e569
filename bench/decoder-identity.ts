/**
 * npx tsx bench/decoder-identity.ts — the decoder against BENCH_BASE's (src/ of that commit,
 * bench/lib/base-source.ts; default main at the start of session 23) on random lattices, result
 * for result (choices, confidences, alternatives): the bundled model and the candidate lists a
 * document never makes, which bench:restore's reference sets cannot reach — lists of up to 32
 * candidates, channel scores flat, OCR-like and 40 nats apart, a position every candidate of which
 * the channel rules out (-∞), channel weights 1, 0.5 and 0 (0 · -∞ is NaN). BENCH_ROUNDS lattices
 * (default 3,000) per weight. Prints the first difference, or that all were identical.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { decodeSegment, type Slot } from '../src/core/restore/decoder.js';
import { FIRST_WORD_ID } from '../src/core/restore/lm-tokens.js';
import { loadModel } from '../src/model/load.js';
import { baseSource } from './lib/base-source.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** main at the start of session 23. */
const BASE_REF = '353fcc0';

async function main(): Promise<void> {
  const ref = process.env.BENCH_BASE ?? BASE_REF;
  const tree = baseSource(root, ref);
  if (!tree) return;
  const base = (await import(pathToFileURL(join(tree, 'src', 'core', 'restore', 'decoder.ts')).href)) as { decodeSegment: typeof decodeSegment };
  const model = loadModel(process.env.BENCH_MODEL_DIR);
  const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3000));
  // Frequent words, so that the LM's trigrams (and its bounds) take part.
  const words = Math.min(model.vocab.length - FIRST_WORD_ID, 3000);
  let seed = 5;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let decodes = 0;
  for (let round = 0; round < rounds; round++) {
    const spread = [0, 6, 40][round % 3]!;
    const slots: Slot[] = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
      const ids = Array.from({ length: 1 + Math.floor(random() * 32) }, () => FIRST_WORD_ID + Math.floor(random() * words));
      return { ids, chan: ids.map(() => -random() * spread) };
    });
    const j = Math.floor(random() * slots.length);
    if (round % 4 === 1) slots[j] = { ids: slots[j]!.ids, chan: slots[j]!.ids.map(() => -Infinity) };
    if (round % 8 === 3) slots[j] = { ids: slots[j]!.ids, chan: slots[j]!.ids.map((_, k) => (k % 2 ? -Infinity : -random() * 5)) };
    for (const w of [1, 0.5, 0]) {
      const ours = decodeSegment(model.lm, slots, w), theirs = base.decodeSegment(model.lm, slots, w);
      decodes++;
      if (!isDeepStrictEqual(ours, theirs)) {
        console.log(`round ${round}, weight ${w}: DIFFERENT from ${ref}\n  ours   ${JSON.stringify(ours)}\n  ${ref} ${JSON.stringify(theirs)}`);
        process.exitCode = 1;
        return;
      }
    }
  }
  console.log(`${decodes} decodes of random lattices: identical to ${ref}'s decoder (choices, confidences, alternatives)`);
}

await main();
