import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusAccumulator } from '../../../scripts/lib/corpus-pass.js';
import { assembleModel } from '../../../scripts/lib/assemble-model.js';
import { channelTables } from '../../../scripts/lib/channel-tables.js';
import { learnChannel } from '../../../scripts/lib/learn-channel.js';
import { modelFromBytes } from '../../../src/core/restore/index.js';
import { withCaseEvidence } from '../../../src/core/restore/case-evidence.js';

function model() {
  const acc = new CorpusAccumulator();
  for (const s of [
    'Đồng chí Tống Thanh Hải phát biểu.', 'Ông Hải và ông Hải cùng đến.', 'Bà Thanh Hải ở xã.',
    'Có hai người và hai năm.', 'Hai bên ký hai bản.', 'Mua hai cái bàn.',
  ]) acc.addLine(s);
  const channel = channelTables(learnChannel([['hai', 'hai']]), false);
  return modelFromBytes(assembleModel(acc, channel, { minSyllableCount: 1, minOtherCount: 1, minBigram: 1, minTrigram: 1 }).bytes);
}

describe('case evidence', () => {
  const m = model();
  const hai = m.vocabIndex.get('hai')!, hải = m.vocabIndex.get('hải')!;
  const cands = { ids: [hai, hải], chan: [0, 0], forms: ['hai', 'hải'] };

  it('the model counts how often each word is written Title-case inside a sentence', () => {
    assert.ok(m.titleLogRate && m.titlePrior !== undefined);
    assert.ok(m.titleLogRate[hải]! > m.titleLogRate[hai]!);
  });

  it('a Title-case word leans to the spelling names use', () => {
    const [a, b] = withCaseEvidence(m, cands, 'title', 1)!;
    assert.ok(b! > a!);
  });

  it('a lower-case word leans to the common word', () => {
    const [a, b] = withCaseEvidence(m, cands, 'lower', 1)!;
    assert.ok(a! > b!);
  });

  it('is off at weight 0 and for a single candidate', () => {
    assert.equal(withCaseEvidence(m, cands, 'title', 0), null);
    assert.equal(withCaseEvidence(m, { ids: [hai], chan: [0], forms: ['hai'] }, 'title', 1), null);
  });
});
