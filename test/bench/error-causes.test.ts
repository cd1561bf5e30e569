import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { causes } from '../../bench/lib/error-causes.js';
import { tinyModel } from '../core/restore/tiny-model.js';

const causeOf = (gt: string, raw: string, out: string) => causes(tinyModel(), gt, raw, out).errors.map((e) => `${e.gt}:${e.cause}`);

describe('causes of restore errors on English-model OCR', () => {
  it('puts a syllable the OCR dropped or read as other letters on the OCR', () => {
    assert.deepEqual(causeOf('bán cá ở chợ', 'ban ca chợ', 'bán cá chợ'), ['ở:ocr-lost']);
    assert.deepEqual(causeOf('bán cá ở chợ', 'ban ca xyzw cho', 'bán cá xyzw chợ'), ['ở:ocr-lost']);
    assert.deepEqual(causeOf('năm 2116', 'nam 26', 'năm 26'), ['2116:ocr-lost'], 'a number with other digits');
  });

  it('tells a line the OCR read in another order from a lost one', () => {
    // The second line came first in the OCR: its words are restored right but aligned to nothing.
    assert.deepEqual(causeOf('bán cá ở chợ\ncái bàn', 'cai ban\nban ca o cho', 'cái bàn\nbán cá ở chợ'), ['cái:reordered', 'bàn:reordered']);
  });

  it('tells a syllable glued to its neighbour from one the OCR lost', () => {
    assert.deepEqual(causeOf('năm 2023 xã', 'nam2023 xa', 'nam2023 xã'), ['năm:segmentation', '2023:segmentation']);
  });

  it('tells a word the model does not know, a choice of the language model and a case error apart', () => {
    assert.deepEqual(causeOf('bán cá Xốm', 'ban ca Xom', 'bán cá Xóm'), ['Xốm:unknown-word']);
    assert.deepEqual(causeOf('cái bàn', 'cai ban', 'cái bán'), ['bàn:lm-choice']);
    assert.deepEqual(causeOf('Ủy ban', 'UY ban', 'ỦY ban'), ['Ủy:case']);
  });
});
