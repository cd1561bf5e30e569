import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isVietnameseSyllable, parseSyllable } from '../../../src/core/vi-text/index.js';

describe('parseSyllable', () => {
  const parses: Array<[string, string, string, number]> = [
    ['người', 'ng', 'ươi', 1], ['nghiêng', 'ngh', 'iêng', 0], ['Nguyễn', 'ng', 'uyên', 4],
    ['quốc', 'qu', 'ôc', 2], ['quỳnh', 'qu', 'ynh', 1], ['quyết', 'qu', 'yêt', 2], ['quân', 'qu', 'ân', 0],
    ['giá', 'gi', 'a', 2], ['gì', 'gi', 'i', 1], ['gìn', 'gi', 'in', 1], ['giếng', 'gi', 'iêng', 2],
    ['giữ', 'gi', 'ư', 4], ['ĐẢNG', 'đ', 'ang', 3], ['ủy', '', 'uy', 3], ['uỷ', '', 'uy', 3],
    ['yêu', '', 'yêu', 0], ['ý', '', 'y', 2], ['anh', '', 'anh', 0], ['kỳ', 'k', 'y', 1], ['ghế', 'gh', 'ê', 2],
    ['hoạch', 'h', 'oach', 5], ['khuỷu', 'kh', 'uyu', 3], ['xoong', 'x', 'oong', 0], ['thuở', 'th', 'uơ', 3],
    ['tuất', 't', 'uât', 2], ['Đắk', 'đ', 'ăk', 2], ['Lắk', 'l', 'ăk', 2], ['rượu', 'r', 'ươu', 5], ['khuya', 'kh', 'uya', 0], ['chiếc', 'ch', 'iêc', 2],
  ];
  for (const [s, onset, rhyme, tone] of parses) {
    it(`parses ${s} as ${onset || '∅'} + ${rhyme} + tone ${tone}`, () => {
      assert.deepEqual(parseSyllable(s), { onset, rhyme, tone });
    });
  }
  it('accepts decomposed input', () => {
    assert.deepEqual(parseSyllable('Vie\u0302\u0323t'), { onset: 'v', rhyme: 'iêt', tone: 5 });
  });
});

describe('isVietnameseSyllable', () => {
  it('accepts common syllables in any case and either tone style', () => {
    for (const s of ['kết', 'quả', 'tuyên', 'truyền', 'công', 'tác', 'cải', 'cách', 'hành', 'chính', 'năm',
      'của', 'xã', 'được', 'Đảng', 'ủy', 'hòa', 'hoà', 'KHỎE', 'Thuỷ']) {
      assert.ok(isVietnameseSyllable(s), s);
    }
  });
  it('rejects stop-final rhymes without sắc or nặng', () => {
    for (const s of ['kêt', 'tôt', 'hoc', 'sach', 'lơp', 'kềt', 'hỏc', 'sãch', 'lờp']) assert.equal(isVietnameseSyllable(s), false, s);
    for (const s of ['kết', 'tột', 'học', 'sách', 'lớp']) assert.ok(isVietnameseSyllable(s), s);
  });
  it('rejects English-model OCR damage and English words', () => {
    for (const s of ['ctia', 'dugc', 'tuyén', 'truyén', 'x4', 'with', 'report', 'UBND', 'html']) {
      assert.equal(isVietnameseSyllable(s), false, s);
    }
  });
  it('checks the spelling rules tying onsets to the following vowel', () => {
    for (const s of ['ka', 'ce', 'ci', 'ghu', 'nge', 'ngi', 'ghá', 'kuy', 'qa', 'quo']) assert.equal(isVietnameseSyllable(s), false, s);
    for (const s of ['ca', 'ke', 'ghe', 'nghe', 'ga', 'nga', 'ky', 'quy']) assert.ok(isVietnameseSyllable(s), s);
  });
  it('rejects vowel clusters Vietnamese does not have', () => {
    for (const s of ['aei', 'ieu', 'uoa', 'tuyen', 'yêngh', 'thuyen']) assert.equal(isVietnameseSyllable(s), false, s);
  });
  it('rejects two tone marks, empty and overlong strings, non-letters', () => {
    for (const s of ['hòà', '', 'nghiêngg', 'a1', 'a-b', 'nghiêngnh']) assert.equal(isVietnameseSyllable(s), false, s);
  });
});
