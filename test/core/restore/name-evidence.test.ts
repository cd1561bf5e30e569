import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CorpusAccumulator } from '../../../scripts/lib/corpus-pass.js';
import { assembleModel } from '../../../scripts/lib/assemble-model.js';
import { channelTables } from '../../../scripts/lib/channel-tables.js';
import { learnChannel } from '../../../scripts/lib/learn-channel.js';
import { modelFromBytes, restore } from '../../../src/core/restore/index.js';
import { findNames, withNameEvidence } from '../../../src/core/restore/name-evidence.js';
import { NameModel, type NameTablesJson } from '../../../src/core/restore/name-model.js';

/** Hand-made name statistics: "hùng" is a common given name, "hưng" a rare one. */
const TABLES: NameTablesJson = {
  format: 'baocao-names', version: 1,
  surname: { total: 100, counts: { 'lê': 40, 'nguyễn': 50, 'đỗ': 10 } },
  middle: { total: 100, counts: { minh: 60, 'văn': 40 } },
  given: { total: 100, counts: { 'hùng': 90, 'hưng': 2 } },
};
const names = new NameModel(TABLES);

/** A language model in which "hưng" is far more frequent than "hùng" and no "Minh Hùng" is seen. */
function modelWith(withNames: boolean) {
  const acc = new CorpusAccumulator();
  for (const s of [
    'Khí thế hùng mạnh của Lê Văn.', 'Phong trào phục hưng và chấn hưng văn hóa.', 'Tinh thần phục hưng được chấn hưng.',
    'Ông Minh dự họp ở xã.', 'Quê hương chấn hưng và phục hưng.', 'Chấn hưng dự án.',
  ]) acc.addLine(s);
  const channel = channelTables(learnChannel([['hùng', 'hung']]), false);
  const m = modelFromBytes(assembleModel(acc, channel, { minSyllableCount: 1, minOtherCount: 1, minBigram: 1, minTrigram: 1 }).bytes);
  if (withNames) m.names = names;
  return m;
}

describe('name runs in text', () => {
  const starts = (text: string) => [...findNames(text, names.surnameSkeletons)].map(([at, p]) => `${text.slice(at).split(/\s/)[0]}:${p.position}`);

  it('a Title-case run after "ông" that starts with a surname is a name', () => {
    assert.deepEqual(starts('hop voi ong Le Minh Hung ve viec'), ['Le:surname', 'Minh:middle', 'Hung:given']);
  });

  it('finds names after "đồng chí", "đ/c" and a title', () => {
    assert.deepEqual(starts('dong chi Nguyen Hung'), ['Nguyen:surname', 'Hung:given']);
    assert.deepEqual(starts('đ/c Le Hung'), ['Le:surname', 'Hung:given']);
    assert.deepEqual(starts('Pho Chu tich Le Van Hung'), ['Le:surname', 'Van:middle', 'Hung:given']);
  });

  it('the signer line under the upper-case position line is a name, a capital Đ read as P included', () => {
    assert.deepEqual(starts('KT. CHU TICH\nPHO CHU TICH\nPo Minh Hung\n'), ['Po:surname', 'Minh:middle', 'Hung:given']);
  });

  it('the signer line under an OCR-damaged position line, with a stray letter in the surname, is a name', () => {
    assert.deepEqual(starts('TM. UY BAN NHAN DAN XA\nChu tlch ]\n\nNguyfén Minh Hung\n'), ['Nguyfén:surname', 'Minh:middle', 'Hung:given']);
  });

  it('only a signer line is flagged as one', () => {
    const spots = [...findNames('ong Le Minh Hung\nCHU TICH\nDo Minh Hung\n', names.surnameSkeletons).values()];
    assert.deepEqual(spots.map((s) => s.signer), [false, false, false, true, true, true]);
  });

  it('a short surname needs its exact letters: one letter off is another word', () => {
    assert.deepEqual(starts('CHU TICH\nLe Minh Hung\n'), ['Le:surname', 'Minh:middle', 'Hung:given']);
    assert.deepEqual(starts('CHU TICH\nLo Minh Hung\n'), []);
  });

  it('a cue ending a line of lower-case words (found from the line\'s end) names the next line\'s run', () => {
    assert.deepEqual(starts('da lam viec voi ong\nLe Minh Hung ve viec'), ['Le:surname', 'Minh:middle', 'Hung:given']);
    assert.deepEqual(starts('voi ong  \nLe Minh Hung'), ['Le:surname', 'Minh:middle', 'Hung:given']);
    assert.deepEqual(starts('dong chi\nNguyen Hung'), ['Nguyen:surname', 'Hung:given']);
    // The cue must be the line's last word, with only spaces after it.
    assert.deepEqual(starts('ong da den\nLe Minh Hung'), []);
    assert.deepEqual(starts('voi ong.\nLe Minh Hung'), []);
  });

  it('no cue, no surname or a run longer than four words: no name', () => {
    assert.deepEqual(starts('tinh Le Minh Hung'), []);
    assert.deepEqual(starts('ong Minh Hung'), []);
    assert.deepEqual(starts('ong Le Minh Hung Van Nam'), []);
    assert.deepEqual(starts('Ha Noi\nLe Minh Hung'), []);
  });
});

describe('name evidence', () => {
  const slot = { ids: [1, 2, 3], chan: [-1, -1.5, -9] };
  const forms = ['hưng', 'hùng', 'hưng'];

  it('favours the common name among readings close to the best channel score', () => {
    const s = withNameEvidence(names, slot, forms, slot.chan, 'given', { weight: 1, margin: 4 });
    assert.ok(s.chan[1]! > s.chan[0]!);
    // The third reading is too far below on the channel to take part: it counts as unseen.
    assert.ok(Math.abs(s.chan[2]! - slot.chan[2]! - names.unseen('given')) < 1e-9);
  });

  it('an unseen name keeps a small share rather than nothing', () => {
    assert.ok(Number.isFinite(names.score('thoang', 'given')) && names.score('thoang', 'given') < names.score('hưng', 'given'));
  });

  it('a syllable no close reading of which is a known name keeps the reading as read', () => {
    const s = withNameEvidence(names, { ids: [1, 2], chan: [-0.3, 0] }, ['thoáng', 'thoang'], [-0.3, 0], 'given', { weight: 1, margin: 4 }, 'thoang');
    assert.ok(s.chan[1]! - s.chan[0]! > 20);
  });

  it('a known name among the close readings decides as usual, whatever was read', () => {
    const s = withNameEvidence(names, slot, forms, slot.chan, 'given', { weight: 1, margin: 4 }, 'hưng');
    assert.ok(s.chan[1]! > s.chan[0]!);
  });

  it('weight 0 leaves the slot as it is', () => {
    assert.equal(withNameEvidence(names, slot, forms, slot.chan, 'given', { weight: 0, margin: 4 }), slot);
  });
});

describe('restore with the name model', () => {
  const text = 'Ong Le Minh Hung du hop.';
  // Case evidence off, so that only the language model and the name model speak.
  const tuning = { caseWeight: 0 };

  it('a name after "ông" gets the name model\'s marks', () => {
    assert.equal(restore(text, { model: modelWith(true), input: 'stripped', tuning }).text, 'Ông Lê Minh Hùng dự họp.');
  });

  it('names:false turns the name evidence off, as does a model without names', () => {
    assert.equal(restore(text, { model: modelWith(true), input: 'stripped', tuning, names: false }).text, 'Ông Lê Minh Hưng dự họp.');
    assert.equal(restore(text, { model: modelWith(false), input: 'stripped', tuning }).text, 'Ông Lê Minh Hưng dự họp.');
  });
});
