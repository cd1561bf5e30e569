import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorpusAccumulator } from '../../scripts/lib/corpus-pass.js';
import { assembleModel } from '../../scripts/lib/assemble-model.js';
import { channelTables } from '../../scripts/lib/channel-tables.js';
import { learnChannel } from '../../scripts/lib/learn-channel.js';
import { restore } from '../../src/core/restore/index.js';
import { loadModel, MODEL_FILE, NAMES_FILE } from '../../src/model/load.js';

/** A model folder with a tiny restoration model and, optionally, a name model. */
function modelDir(withNames: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-names-'));
  const acc = new CorpusAccumulator();
  for (const s of ['Ông Lê Văn Hùng dự họp ở xã.', 'Ủy ban nhân dân xã họp.']) acc.addLine(s);
  const channel = channelTables(learnChannel([['họp', 'hop']]), false);
  writeFileSync(join(dir, MODEL_FILE), assembleModel(acc, channel, { minSyllableCount: 1, minOtherCount: 1, minBigram: 1, minTrigram: 1 }).bytes);
  if (withNames) {
    const table = { total: 1, counts: {} };
    writeFileSync(join(dir, NAMES_FILE), JSON.stringify({ format: 'baocao-names', version: 1, surname: { total: 1, counts: { 'lê': 1 } }, middle: table, given: table }));
  }
  return dir;
}

describe('name model file', () => {
  it('is optional: without it the model loads and restores, with no name evidence', () => {
    const dir = modelDir(false);
    try {
      const model = loadModel(dir);
      assert.equal(model.names, undefined);
      assert.equal(restore('Ong Le Van Hung du hop.', { model, input: 'stripped' }).text, 'Ông Lê Văn Hùng dự họp.');
    } finally { rmSync(dir, { recursive: true }); }
  });

  it('is loaded with the model when present', () => {
    const dir = modelDir(true);
    try {
      assert.ok(loadModel(dir).names?.surnameSkeletons.has('le'));
    } finally { rmSync(dir, { recursive: true }); }
  });
});
