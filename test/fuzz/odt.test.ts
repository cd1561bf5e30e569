import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ingestWord } from '../../src/ingest/word/index.js';
import { readOdtBody } from '../../src/ingest/word/odt.js';
import { parseOdtStyles } from '../../src/ingest/word/odt-styles.js';
import { fuzzIngest, HANG_MS, mutate, rng, type Seed } from './mutator.js';

// A fixed seed, so every machine runs the same damaged files; a failure names its case and mutations.
const SEED = 20261206;
const CASES = 200;
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/word/${name}`, import.meta.url)));
const SEEDS: Seed[] = ['bao-cao-odt.odt', 'bao-cao-tcvn3.odt'].map((name) => ({ name, data: fixture(name) }));

describe('fuzzed OpenDocument text files', () => {
  it(`are read or refused with a clear error, never a throw or a hang (seed ${SEED}: ${CASES} damaged .odt)`, () => {
    const { read, refused, problems } = fuzzIngest(SEED, CASES, SEEDS, ingestWord);
    assert.deepEqual(problems, []);
    assert.ok(read > 0 && refused > 0, `the mutations reach both sides (read ${read}, refused ${refused})`);
  });

  it('a damaged flat .fodt (stray end tags, huge tags, cut entities) is read without a throw or a hang', () => {
    const data = fixture('bao-cao-odt.fodt');
    const seed: Seed = { name: 'bao-cao-odt.fodt', data, text: new TextDecoder().decode(data) };
    const r = rng(SEED + 1);
    const problems: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const { data: bytes, ops } = mutate(r, seed, [seed]);
      const t = performance.now();
      try {
        ingestWord(bytes);
        const xml = new TextDecoder().decode(bytes);
        readOdtBody(xml, parseOdtStyles(xml));
      } catch (e) {
        problems.push(`#${i} [${ops.join(', ')}]: threw ${(e as Error).message}`);
      }
      if (performance.now() - t > HANG_MS) problems.push(`#${i} [${ops.join(', ')}]: took ${Math.round(performance.now() - t)} ms`);
    }
    assert.deepEqual(problems, []);
  });
});
