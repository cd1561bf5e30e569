import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { prepareAdaptation } from '../../../src/core/restore/adaptation.js';
import { acronymsIn, learnAdaptation, namesIn, placesIn } from '../../../src/core/restore/learn-archive.js';
import { stripMarks } from '../../../src/core/vi-text/index.js';
import { loadModel } from '../../../src/model/load.js';

const model = loadModel();
const record = { model: 'f'.repeat(64), documents: 0, corrections: 0, texts: 1 };
// A commune made up for the test: the bundled model reads "Nam So" as the common "Nậm Sở".
const ARCHIVE = 'Ủy ban nhân dân xã Nậm Sỏ, huyện Tân Uyên. Ông Nguyễn Xuân Thoang, Chủ tịch UBND xã Nậm Sỏ. Ban chỉ đạo ĐMST của xã.';
const learnt = () => prepareAdaptation(model, learnAdaptation([{ text: ARCHIVE }], model, record));

describe('learning from an archive (learn-archive.ts)', () => {
  it('collects names, places after xã/huyện and acronyms with Đ', () => {
    const data = learnAdaptation([{ text: ARCHIVE }], model, record);
    assert.deepEqual(data.names, [['Nguyễn Xuân Thoang', 1]]);
    assert.deepEqual(data.places, [['xã Nậm Sỏ', 2], ['huyện Tân Uyên', 1]]);
    assert.deepEqual(data.acronyms, [['ĐMST', 1]]);
    assert.ok(data.ngrams.trigrams.some(([k, c]) => k === 'xã nậm sỏ' && c === 2));
  });

  it('is deterministic: the same texts give the same file', () => {
    const a = learnAdaptation([{ text: ARCHIVE }, { text: 'Thôn Bản Lìm, xã Nậm Sỏ.' }], model, record);
    const b = learnAdaptation([{ text: ARCHIVE }, { text: 'Thôn Bản Lìm, xã Nậm Sỏ.' }], model, record);
    assert.equal(JSON.stringify(a), JSON.stringify(b));
  });

  it('keeps the n-gram lists under their bounds, names and places first', () => {
    const words = Array.from({ length: 300 }, (_, i) => model.vocab[100 + i]).join(' ');
    const data = learnAdaptation([{ text: words + '. ' + ARCHIVE }], model, record, { maxBigrams: 40, maxTrigrams: 40 });
    assert.ok(data.ngrams.trigrams.length <= 40);
    assert.ok(data.ngrams.trigrams.some(([k]) => k === 'xã nậm sỏ'));
    // A kept trigram's context bigram is kept with it (it is the trigram's context count).
    const bigrams = new Set(data.ngrams.bigrams.map(([k]) => k));
    for (const [k] of data.ngrams.trigrams) if (!k.startsWith('<s> <s>')) assert.ok(bigrams.has(k.slice(0, k.lastIndexOf(' '))), k);
  });

  it('reads places written in capitals after a capital marker, and stops at lower-case words', () => {
    assert.deepEqual(placesIn('UBND XÃ NGỌC KỲ\nthuộc tỉnh Hải Dương và các xã khác'), ['xã Ngọc Kỳ', 'tỉnh Hải Dương']);
    assert.deepEqual(namesIn('Hội nghị do đồng chí Trần Văn Nam chủ trì', model.names!.surnameSkeletons), ['Trần Văn Nam']);
    assert.deepEqual(acronymsIn('Số 12/QĐ-UBND của HĐND; ĐI'), ['QĐ', 'HĐND']);
  });
});

describe('restoring with an adaptation', () => {
  it('changes a made-up commune the bundled model gets wrong', () => {
    const text = stripMarks('Ủy ban nhân dân xã Nậm Sỏ tổ chức hội nghị tổng kết.');
    assert.match(restore(text, { model, input: 'stripped' }).text, /xã Nậm Sở/);
    assert.match(restore(text, { model, input: 'stripped', adaptation: learnt() }).text, /xã Nậm Sỏ/);
  });

  it('leaves an unrelated sentence identical', () => {
    const adaptation = learnt();
    for (const s of ['Hôm nay trời mưa to, nước sông dâng cao.', 'Các em học sinh được nghỉ học để đảm bảo an toàn.']) {
      const text = stripMarks(s);
      assert.equal(restore(text, { model, input: 'stripped', adaptation }).text, restore(text, { model, input: 'stripped' }).text);
    }
  });

  it("reads the archive's people's names as it writes them, wherever they stand", () => {
    const text = 'Dong gop cua Nguyen Xuan Thoang trong nam qua';
    assert.match(restore(text, { model, input: 'stripped', adaptation: learnt() }).text, /Nguyễn Xuân Thoang/);
  });

  it("gives an acronym the archive writes with Đ its Đ in mark-free text", () => {
    assert.match(restore('Ban chi dao DMST cua xa', { model, input: 'stripped', adaptation: learnt() }).text, /ĐMST/);
    assert.doesNotMatch(restore('Ban chi dao DMST cua xa', { model, input: 'stripped' }).text, /ĐMST/);
  });

  it('refuses an adaptation prepared for another model object', () => {
    const other = { ...model };
    assert.throws(() => restore('xa Nam So', { model: other, input: 'stripped', adaptation: learnt() }), /another model/);
  });
});
