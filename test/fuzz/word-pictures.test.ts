/**
 * Damaged Word files of pasted scans (every format): their pictures are found or none, never a
 * throw or a hang, and never more pictures than the file holds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { wordPictures } from '../../src/ingest/word/index.js';
import { fuzzIngest, ingestOutcome, type Seed } from './mutator.js';

const SEED = 20261207;
const CASES = 200;
const SEEDS: Seed[] = ['scans-pasted.doc', 'scans-floating.doc', 'scans-pasted.odt', 'scans-pasted.fodt', 'scans-pasted.rtf'].map((name) => ({
  name,
  data: new Uint8Array(readFileSync(new URL(`../../fixtures/word/${name}`, import.meta.url))),
}));

/** Pictures found count as read, none as refused; a third picture from a two-picture file is a problem. */
function pictures(data: Uint8Array) {
  const found = wordPictures(data).pictures;
  if (found.length > 2) throw new Error(`${found.length} pictures from a file of 2`);
  return { diagnostics: found.length ? [] : [{ severity: 'error' }], pages: found };
}

describe('fuzzed Word files of pasted scans', () => {
  it(`give their pictures or none, never a throw or a hang (seed ${SEED}: ${CASES} damaged files)`, () => {
    const { read, refused, problems } = fuzzIngest(SEED, CASES, SEEDS, pictures);
    for (const seed of SEEDS) {
      for (let k = 1; k < 10; k++) ingestOutcome(`${seed.name} cut at ${k}/10`, seed.data.subarray(0, Math.floor((seed.data.length * k) / 10)), problems, pictures);
    }
    assert.deepEqual(problems, []);
    assert.ok(read > 0 && refused > 0, `the mutations reach both sides (read ${read}, refused ${refused})`);
  });
});
