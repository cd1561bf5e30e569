import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitTone, stripMarks, toNfc } from '../../../src/core/vi-text/index.js';

const TONED_LOWER =
  'àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ';

describe('toNfc', () => {
  it('composes decomposed Vietnamese letters', () => {
    assert.equal(toNfc('Vie\u0302\u0323t'), 'Việt');
    assert.equal(toNfc('Việt'), 'Việt');
  });
});

describe('stripMarks', () => {
  it('reduces every toned vowel, lower and upper, to its plain letter', () => {
    const plain = 'aaaaaaaaaaaaaaaeeeeeeeeeeiiiiiooooooooooooooouuuuuuuuuuyyyyy';
    assert.equal(TONED_LOWER.length, 60);
    assert.equal(stripMarks(TONED_LOWER), plain);
    assert.equal(stripMarks(TONED_LOWER.toUpperCase()), plain.toUpperCase());
  });
  it('removes vowel marks and turns đ into d', () => {
    assert.equal(stripMarks('ăâêôơư ĂÂÊÔƠƯ đĐ'), 'aaeoou AAEOOU dD');
  });
  it('keeps case, digits, punctuation and other scripts', () => {
    assert.equal(stripMarks('Kết quả năm 2023: ĐẢNG ủy, ok! Ω ç'), 'Ket qua nam 2023: DANG uy, ok! Ω ç');
  });
  it('keeps the length of NFC input', () => {
    const s = 'Nghị quyết số 30/2020/NĐ-CP về công tác văn thư';
    assert.equal(stripMarks(s).length, s.length);
  });
  it('drops combining marks of decomposed input', () => {
    assert.equal(stripMarks('Vie\u0302\u0323t Nam'), 'Viet Nam');
  });
  it('returns ASCII input unchanged', () => {
    const s = 'plain ASCII text';
    assert.equal(stripMarks(s), s);
    assert.equal(stripMarks(''), '');
  });
});

describe('splitTone', () => {
  const cases: Array<[string, string, number]> = [
    ['ma', 'ma', 0], ['mà', 'ma', 1], ['má', 'ma', 2], ['mả', 'ma', 3], ['mã', 'ma', 4], ['mạ', 'ma', 5],
    ['người', 'ngươi', 1], ['Việt', 'Viêt', 5], ['ĐẢNG', 'ĐANG', 3], ['đường', 'đương', 1],
    ['thuỷ', 'thuy', 3], ['thủy', 'thuy', 3], ['quốc', 'quôc', 2], ['giữ', 'giư', 4], ['ăn', 'ăn', 0],
  ];
  for (const [word, base, tone] of cases) {
    it(`splits ${word} into ${base} + tone ${tone}`, () => {
      assert.deepEqual(splitTone(word), { base, tone });
    });
  }
  it('finds the tone of every toned vowel', () => {
    for (let i = 0; i < TONED_LOWER.length; i++) {
      const expected = (i % 5) + 1;
      assert.equal(splitTone(TONED_LOWER[i]!).tone, expected, TONED_LOWER[i]);
      assert.equal(splitTone(TONED_LOWER[i]!.toUpperCase()).tone, expected);
    }
  });
  it('reads a combining tone mark in decomposed input', () => {
    assert.deepEqual(splitTone('ma\u0300'), { base: 'ma', tone: 1 });
  });
});
