import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadModel } from '../../src/index.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';
import { checkCase, describeCase, fuzzCases, type FuzzOutcome } from './harness.js';

// A fixed seed and a small count, so `npm test` runs the same inputs everywhere; bench/fuzz.ts runs long ones.
const SEED = 20261206;
const TEXT_CASES = 24;
const BINARY_CASES = 6;
const LIMIT_MS = 120_000; // a hang, not a speed check: the machine may be loaded

describe('fuzzed inputs through convert()', () => {
  let ocr: OcrPool;
  before(() => { ocr = createOcrPool({ jobs: 1 }); });
  after(async () => { await ocr.terminate(); });

  it(`never throws, never hangs and always passes its own schema (seed ${SEED}: ${TEXT_CASES} texts, ${BINARY_CASES} PDFs and images)`, async () => {
    const model = loadModel();
    const outcomes: FuzzOutcome[] = [];
    for (const fuzz of fuzzCases(SEED, TEXT_CASES, BINARY_CASES)) {
      // Restoration on for most texts, off for every fourth (both paths are run by users).
      const restore = fuzz.index % 4 === 3 ? false : { model };
      outcomes.push(await checkCase(fuzz, { restore, ingest: { ocr } }, LIMIT_MS));
    }
    const problems = outcomes.filter((o) => o.problem).map(describeCase);
    assert.deepEqual(problems, []);
    // The mutations reach both sides: some inputs still convert, some are refused with a clear error.
    assert.ok(outcomes.some((o) => o.status === 'ok') && outcomes.some((o) => o.status === 'error'));
  });
});
