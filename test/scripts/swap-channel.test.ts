import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withChannel } from '../../scripts/lib/swap-channel.js';
import { learnChannel } from '../../scripts/lib/learn-channel.js';
import { channelTables } from '../../scripts/lib/channel-tables.js';
import { decodeModelFile } from '../../src/core/restore/model-format.js';
import { OCR_PAIRS, tinyModelBytes } from '../core/restore/tiny-model.js';

describe('a model with its OCR channel learnt again (trial-eng-channel)', () => {
  it('gives the same bytes back for the same channel', () => {
    const bytes = tinyModelBytes();
    const same = channelTables(learnChannel([...OCR_PAIRS, ...OCR_PAIRS]), false);
    assert.deepEqual(withChannel(bytes, same, {}), bytes);
  });

  it('replaces only the channel: vocabulary and language-model sections stay as they were', () => {
    const bytes = tinyModelBytes();
    const other = channelTables(learnChannel([...OCR_PAIRS, ['công tác', 'céng tac']]), false);
    const before = decodeModelFile(bytes), after = decodeModelFile(withChannel(bytes, other, { note: 'trial' }));
    assert.deepEqual(after.header.channel, JSON.parse(JSON.stringify(other)));
    assert.notDeepEqual(after.header.channel, before.header.channel);
    assert.deepEqual(after.header.vocab, before.header.vocab);
    assert.equal((after.header.meta as Record<string, unknown>).note, 'trial');
    for (const [name, array] of Object.entries(before.sections)) assert.deepEqual(after.sections[name], array, name);
  });
});
