import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { candidateCover } from '../../bench/lib/candidate-cover.js';
import type { ClassifiedError } from '../../bench/lib/error-classes.js';
import { tinyModel } from '../core/restore/tiny-model.js';

const lost = (gt: string, raw: string, out: string, cls: ClassifiedError['cls'] = 'ocr-skeleton'): ClassifiedError => ({ cls, gt, raw, out, at: 0 });

describe('candidate cover of a lost syllable', () => {
  it('finds the truth among the channel candidates of a token with its letters', () => {
    const c = candidateCover(tinyModel(), lost('bán', 'ban', 'bàn', 'tone-vowel'));
    assert.equal(c?.where, 'in');
    assert.match(c!.note, /^in #\d+ -?\d+\.\d\d \(chosen -?\d+\.\d\d\), of \d+$/);
  });

  it('tells a vocabulary word the channel does not offer from a word outside the vocabulary', () => {
    assert.equal(candidateCover(tinyModel(), lost('chợ', 'xyz', 'xyz'))?.where, 'missing');
    assert.equal(candidateCover(tinyModel(), lost('2116', '26', '26'))?.where, 'oov');
  });

  it('has nothing to say when the OCR dropped the syllable or only its case is wrong', () => {
    assert.equal(candidateCover(tinyModel(), lost('chợ', '', '', 'ocr-dropped')), null);
    assert.equal(candidateCover(tinyModel(), lost('Chợ', 'cho', 'chợ', 'case')), null);
  });
});
