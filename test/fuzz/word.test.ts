import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ingestWord } from '../../src/ingest/word/index.js';
import { fuzzIngest, HANG_MS, mutate, rng, type Seed } from './mutator.js';

// A fixed seed, so every machine runs the same damaged files; a failure names its case and mutations.
const SEED = 20261207;
const CASES = 300;
const SEEDS: Seed[] = ['bao-cao-tcvn3.doc', 'bao-cao-tcvn3.docx', 'so-danh.doc', 'vntimeh.doc', 'stylefont.doc']
  .map((name) => ({ name, data: new Uint8Array(readFileSync(new URL(`../../fixtures/word/${name}`, import.meta.url))) }));

describe('fuzzed Word files', () => {
  it(`are read or refused with a clear error, never a throw or a hang (seed ${SEED}: ${CASES} damaged .doc/.docx)`, () => {
    const { read, refused, problems } = fuzzIngest(SEED, CASES, SEEDS, ingestWord);
    assert.deepEqual(problems, []);
    assert.ok(read > 0 && refused > 0, `the mutations reach both sides (read ${read}, refused ${refused})`);
  });
});

describe('fuzzed WordprocessingML', () => {
  it('a damaged document.xml (stray end tags, huge tags, cut entities) is read without a throw or a hang', async () => {
    const { readZipEntry, zipEntries } = await import('../../src/ingest/word/zip.js');
    const { readBody } = await import('../../src/ingest/word/docx.js');
    const { parseStyles } = await import('../../src/ingest/word/docx-styles.js');
    const { parseNumbering } = await import('../../src/ingest/word/docx-numbering.js');
    const docx = SEEDS[1]!.data;
    const entries = zipEntries(docx);
    const xml = readZipEntry(docx, entries.get('word/document.xml')!, 1 << 24);
    const seed: Seed = { name: 'document.xml', data: xml, text: new TextDecoder().decode(xml) };
    const r = rng(SEED + 1);
    const problems: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const { data, ops } = mutate(r, seed, [seed]);
      const text = new TextDecoder().decode(data);
      const t = performance.now();
      try {
        readBody(text, parseStyles(text), parseNumbering(text));
      } catch (e) {
        problems.push(`#${i} [${ops.join(', ')}]: threw ${(e as Error).message}`);
      }
      if (performance.now() - t > HANG_MS) problems.push(`#${i} [${ops.join(', ')}]: took ${Math.round(performance.now() - t)} ms`);
    }
    assert.deepEqual(problems, []);
  });
});
