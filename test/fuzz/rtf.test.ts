import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ingestWord } from '../../src/ingest/word/index.js';
import { fuzzIngest, ingestOutcome, rng, type Seed } from './mutator.js';

// A fixed seed, so every machine runs the same damaged files; a failure names its case and mutations.
const SEED = 20261206;
const CASES = 300;
const SEEDS: Seed[] = ['bao-cao-tcvn3.rtf', 'vntimeh.rtf', 'so-danh.rtf', 'bao-cao-cp1258.rtf', 'stylefont.rtf'].map((name) => {
  const data = new Uint8Array(readFileSync(new URL(`../../fixtures/word/${name}`, import.meta.url)));
  return { name, data, text: new TextDecoder('latin1').decode(data) };
});

const check = (label: string, data: Uint8Array, problems: string[]) => ingestOutcome(label, data, problems, ingestWord);

const ascii = (s: string) => new TextEncoder().encode(s);
const N = 100_000;

describe('fuzzed RTF files', () => {
  it(`are read or refused with a clear error, never a throw or a hang (seed ${SEED}: ${CASES} damaged .rtf)`, () => {
    const { read, refused, problems } = fuzzIngest(SEED, CASES, SEEDS, ingestWord);
    const r = rng(SEED + 1);
    // Cut at every tenth of each file, and random bytes after an RTF header.
    for (const seed of SEEDS) {
      for (let k = 1; k < 10; k++) check(`${seed.name} cut at ${k}/10`, seed.data.subarray(0, Math.floor((seed.data.length * k) / 10)), problems);
    }
    for (let i = 0; i < 20; i++) {
      const noise = Uint8Array.from({ length: 20_000 }, () => Math.floor(r() * 256));
      check(`random bytes #${i}`, new Uint8Array([...ascii('{\\rtf1 '), ...noise]), problems);
    }
    assert.deepEqual(problems, []);
    assert.ok(read > 0 && refused > 0, `the mutations reach both sides (read ${read}, refused ${refused})`);
  });

  it('hostile shapes (deep nesting, long words, \\bin, nested tables, many list numbers) stay linear', () => {
    const problems: string[] = [];
    const cases: Record<string, string> = {
      '100k {': '{'.repeat(N),
      '100k { after the header': `{\\rtf1 ${'{'.repeat(N)}x${'}'.repeat(N)}}`,
      '100k } first': `{\\rtf1 ${'}'.repeat(N)} x`,
      'a 100k-letter control word': `{\\rtf1 \\${'a'.repeat(N)}123 x\\par}`,
      'a huge \\bin': `{\\rtf1 a\\bin999999999999 b\\par}`,
      'a huge \\uc': `{\\rtf1 \\uc999999999 \\u7853 ${'x'.repeat(N)}\\par}`,
      '100k tables deep': `{\\rtf1 ${'\\itap1000000 \\intbl x\\nestcell '.repeat(N / 10)}\\row}`,
      '100k cells, no row': `{\\rtf1 \\intbl ${'x\\cell '.repeat(N)}}`,
      '100k list numbers in one paragraph': `{\\rtf1 ${'{\\listtext 1.\\tab}y'.repeat(N)}\\par}`,
      '100k \\* groups': `{\\rtf1 ${'{\\*\\zz '.repeat(N)}}`,
      '100k paragraphs': `{\\rtf1 ${'\\par '.repeat(N)}x}`,
      '100k fonts': `{\\rtf1 {\\fonttbl ${'{\\f1\\fcharset163 .VnTime;}'.repeat(N / 10)}}\\f1 \\'c0\\par}`,
    };
    for (const [label, text] of Object.entries(cases)) check(label, ascii(text), problems);
    assert.deepEqual(problems, []);
  });
});
