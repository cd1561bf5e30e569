import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, type TokenKind } from '../../../src/core/vi-text/index.js';

function kinds(text: string): Array<[TokenKind, string]> {
  return tokenize(text).map((t) => [t.kind, t.text]);
}

describe('tokenize', () => {
  it('splits a report line into words, codes, numbers, punctuation and spaces', () => {
    assert.deepEqual(kinds('Số: 72/KH-UBND ngày 29/12/2023'), [
      ['word', 'Số'], ['punct', ':'], ['space', ' '], ['code', '72/KH-UBND'], ['space', ' '],
      ['word', 'ngày'], ['space', ' '], ['code', '29/12/2023'],
    ]);
  });
  it('keeps a bare domain name whole, so that its parts are not read as words', () => {
    assert.deepEqual(kinds('trang sinhvien.epu.edu.vn;'), [['word', 'trang'], ['space', ' '], ['url', 'sinhvien.epu.edu.vn'], ['punct', ';']]);
    assert.deepEqual(kinds('dichvucong.gov.vn/tra-cuu.'), [['url', 'dichvucong.gov.vn/tra-cuu'], ['punct', '.']]);
    // Not a sentence glued to the next one, nor a number, nor a word in capitals.
    assert.deepEqual(kinds('xong.Trong').map((k) => k[0]), ['word', 'punct', 'word']);
    assert.deepEqual(kinds('1.500'), [['number', '1.500']]);
    assert.deepEqual(kinds('HA.VN').map((k) => k[0]), ['word', 'punct', 'word']);
  });
  it('recognises document codes', () => {
    for (const code of ['72/KH-UBND', '192/BC-UBND', '30/2020/NĐ-CP', 'QĐ-UBND', 'NĐ-CP', '2020-2025', 'COVID-19', 'H2O', 'x4', '01/2024/TT-BNV']) {
      assert.deepEqual(kinds(code), [['code', code]], code);
    }
  });
  it('does not join lower-case words around a slash or hyphen', () => {
    assert.deepEqual(kinds('V/v'), [['word', 'V'], ['punct', '/'], ['word', 'v']]);
    assert.deepEqual(kinds('kinh tế-xã hội').map((k) => k[0]), ['word', 'space', 'word', 'punct', 'word', 'space', 'word']);
  });
  it('leaves a trailing separator out of a code', () => {
    assert.deepEqual(kinds('72/KH-'), [['code', '72/KH'], ['punct', '-']]);
    assert.deepEqual(kinds('UBND.'), [['word', 'UBND'], ['punct', '.']]);
  });
  it('reads numbers with separators and percent', () => {
    assert.deepEqual(kinds('1.500 3,5 100% 12.'), [
      ['number', '1.500'], ['space', ' '], ['number', '3,5'], ['space', ' '], ['number', '100%'], ['space', ' '],
      ['number', '12'], ['punct', '.'],
    ]);
  });
  it('keeps a comma after a number as punctuation', () => {
    assert.deepEqual(kinds('12, 13'), [['number', '12'], ['punct', ','], ['space', ' '], ['number', '13']]);
  });
  it('recognises URLs without their trailing punctuation, and e-mail addresses', () => {
    assert.deepEqual(kinds('(xem https://ngocky.gov.vn/bc?id=3).'), [
      ['punct', '('], ['word', 'xem'], ['space', ' '], ['url', 'https://ngocky.gov.vn/bc?id=3'], ['punct', ')'], ['punct', '.'],
    ]);
    assert.deepEqual(kinds('www.chinhphu.vn'), [['url', 'www.chinhphu.vn']]);
    assert.deepEqual(kinds('gửi ubnd.ngocky@thanhhoa.gov.vn.'), [
      ['word', 'gửi'], ['space', ' '], ['email', 'ubnd.ngocky@thanhhoa.gov.vn'], ['punct', '.'],
    ]);
  });
  it('treats each line break as one newline token and other whitespace as space', () => {
    assert.deepEqual(kinds('a\r\nb\nc\rd\fe \t\u00a0f'), [
      ['word', 'a'], ['newline', '\r\n'], ['word', 'b'], ['newline', '\n'], ['word', 'c'], ['newline', '\r'],
      ['word', 'd'], ['newline', '\f'], ['word', 'e'], ['space', ' \t\u00a0'], ['word', 'f'],
    ]);
    assert.deepEqual(kinds('\n\n'), [['newline', '\n'], ['newline', '\n']]);
  });
  it('keeps Vietnamese letters and decomposed marks inside words', () => {
    assert.deepEqual(kinds('Nguyễn Việt'), [['word', 'Nguyễn'], ['space', ' '], ['word', 'Việt']]);
    assert.deepEqual(kinds('Vie\u0302\u0323t'), [['word', 'Vie\u0302\u0323t']]);
  });
  it('gives start and end offsets into the input', () => {
    const text = 'Kết quả: 100%';
    for (const t of tokenize(text)) assert.equal(text.slice(t.start, t.end), t.text);
  });
  it('keeps surrogate pairs together as other', () => {
    assert.deepEqual(kinds('a😀\u0001'), [['word', 'a'], ['other', '😀'], ['other', '\u0001']]);
  });
  it('is lossless for any input', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const alphabet = 'aăđ Đ1./-,%:@\r\n\f\t😀ễ\u0301Ww:hxtps\ud800\udc00\udfff';
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = Math.floor(rand() * 30);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const tokens = tokenize(s);
      assert.equal(tokens.map((t) => t.text).join(''), s);
      let at = 0;
      for (const t of tokens) {
        assert.equal(t.start, at);
        assert.ok(t.end > t.start);
        at = t.end;
      }
    }
  });
  it('returns no tokens for empty input', () => {
    assert.deepEqual(tokenize(''), []);
  });
});
