import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentKeywords } from '../../src/core/keywords.js';

describe('document keywords', () => {
  it('are the most frequent terms of two or more syllables, longest form kept', () => {
    const texts = [
      'Công tác cải cách hành chính được triển khai. Cải cách hành chính là nhiệm vụ trọng tâm.',
      'Ủy ban nhân dân xã chỉ đạo cải cách hành chính; thủ tục hành chính được niêm yết.',
      'Thủ tục hành chính công khai. Công tác tuyên truyền được đẩy mạnh, tuyên truyền trên loa.',
    ];
    const kw = documentKeywords(texts);
    assert.equal(kw[0], 'cải cách hành chính', kw.join('; '));
    assert.ok(kw.includes('thủ tục hành chính'), kw.join('; '));
    assert.ok(kw.includes('tuyên truyền'), kw.join('; '));
    assert.ok(!kw.includes('cải cách') && !kw.includes('cách hành chính'), 'parts of a kept term are not terms of their own');
  });

  it('never start or end on a function word, never cross punctuation, never count one-off runs', () => {
    const kw = documentKeywords(['của các xã và của các xã. Xã, huyện. Xã, huyện.', 'một lần duy nhất']);
    assert.ok(kw.every((k) => !/^(của|các|và)\b|\b(của|các|và)$/.test(k)), kw.join('; '));
    assert.ok(!kw.includes('xã huyện'), 'a comma splits clauses');
    assert.ok(!kw.includes('lần duy nhất'));
  });

  it('gives nothing for a text without repeated terms', () => {
    assert.deepEqual(documentKeywords(['Báo cáo']), []);
    assert.deepEqual(documentKeywords([]), []);
  });
  it('ranks the same in a document of more distinct syllables than number keys hold', () => {
    const body = ['cải cách hành chính và thủ tục hành chính; cải cách hành chính nhà nước.', 'Tuyên truyền cải cách hành chính.'];
    // 9,000 distinct made-up syllables, one-off runs that never count but push the ids past 8,192.
    const letters = (i: number): string => (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));
    const filler = Array.from({ length: 9000 }, (_, i) => `q${letters(i)}`);
    assert.deepEqual(documentKeywords([...body, filler.join(' ')]), documentKeywords(body));
  });
});
