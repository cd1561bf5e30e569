import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdaptationFileError, bundledModelFingerprint, loadAdaptation, parseAdaptation } from '../../src/model/adaptation-file.js';
import { learnAdaptation } from '../../src/core/restore/learn-archive.js';
import { loadModel } from '../../src/model/load.js';

const model = loadModel();
const fingerprint = bundledModelFingerprint();
const good = () => learnAdaptation([{ text: 'Ủy ban nhân dân xã Nậm Sỏ.' }], model, { model: fingerprint, documents: 0, corrections: 0, texts: 1 });

describe('reading archive.json', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'baocao-adapt-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a file made for this model, ready for it', () => {
    const path = join(dir, 'good.json');
    writeFileSync(path, JSON.stringify(good()));
    const a = loadAdaptation(path, model);
    assert.equal(a.model, model);
    assert.ok(a.syllables.has('so'));
  });

  it('refuses a file made for another model fingerprint, saying so', () => {
    const other = { ...good(), model: '0'.repeat(64) };
    assert.throws(() => parseAdaptation(JSON.stringify(other), 'archive.json', fingerprint),
      (e: Error) => e instanceof AdaptationFileError && /made for another restoration model/.test(e.message) && /baocao learn/.test(e.message));
  });

  it('gives a clear error for a malformed file, never a crash', () => {
    const cases: [string, RegExp][] = [
      ['{"format": "baocao-adaptation", "version": 1, ', /not JSON/],
      ['[1, 2, 3]', /not a baocao adaptation/],
      [JSON.stringify({ ...good(), version: 99 }), /format version 99, this baocao reads version 1/],
      [JSON.stringify({ ...good(), ngrams: { ...good().ngrams, bigrams: [['xã nậm', -3]] } }), /damaged adaptation: ngrams\.bigrams\.0\.1/],
      [JSON.stringify({ ...good(), names: 'Nguyễn' }), /damaged adaptation: names/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseAdaptation(text, 'archive.json', fingerprint), (e: Error) => e instanceof AdaptationFileError && message.test(e.message), text.slice(0, 60));
    }
  });

  it('says when the file is missing or a folder', () => {
    assert.throws(() => loadAdaptation(join(dir, 'none.json'), model), /cannot read the adaptation: no such file/);
    assert.throws(() => loadAdaptation(dir, model), /is a folder/);
  });
});
