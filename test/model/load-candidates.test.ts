import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCandidateTable, modelTableTokens } from '../../src/core/restore/candidate-table.js';
import { modelFromBytes } from '../../src/core/restore/index.js';
import { CANDIDATES_FILE, MODEL_FILE, loadModel } from '../../src/model/load.js';
import { modelFingerprint } from '../../src/model/fingerprint.js';
import { tinyModelBytes } from '../core/restore/tiny-model.js';

/** A model folder with the tiny model and a candidate table stamped with `fingerprint` (the model's own when undefined). */
function modelDir(fingerprint?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-candidates-'));
  const bytes = tinyModelBytes();
  const m = modelFromBytes(bytes);
  writeFileSync(join(dir, MODEL_FILE), bytes);
  const tokens = modelTableTokens(m);
  writeFileSync(join(dir, CANDIDATES_FILE), encodeCandidateTable(fingerprint ?? modelFingerprint(bytes, m), tokens, (o, c) => m.channel.candidates(o, c)));
  return dir;
}

describe('candidate table file', () => {
  it('is used with the model it was built for', () => {
    const dir = modelDir();
    try {
      assert.ok(loadModel(dir).channel.candidateTable);
      assert.equal(loadModel(dir, { candidates: false }).channel.candidateTable, undefined);
    } finally { rmSync(dir, { recursive: true }); }
  });

  it('is left unused when built for another model', () => {
    const dir = modelDir('0'.repeat(64));
    try {
      assert.equal(loadModel(dir).channel.candidateTable, undefined);
    } finally { rmSync(dir, { recursive: true }); }
  });

  it('tells models apart by their header and unigrams', () => {
    const bytes = tinyModelBytes();
    const m = modelFromBytes(bytes);
    const other = bytes.slice();
    other[20] = other[20]! ^ 1; // a byte of the JSON header (vocabulary, channel, statistics)
    assert.notEqual(modelFingerprint(other, m), modelFingerprint(bytes, m));
    assert.equal(modelFingerprint(bytes, modelFromBytes(bytes)), modelFingerprint(bytes, m));
  });
});
