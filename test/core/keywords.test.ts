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
});
