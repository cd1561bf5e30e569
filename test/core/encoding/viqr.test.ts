import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/encoding/index.js';
import { utf8 } from './helpers.js';

const viqr = (s: string) => decodeText(utf8(s), { encoding: 'viqr' }).text;

describe('VIQR decoding', () => {
  it('decodes tone and vowel marks', () => {
    assert.equal(viqr('Vie^.t Nam'), 'Việt Nam');
    assert.equal(viqr('Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam'), 'Cộng hòa xã hội chủ nghĩa Việt Nam');
    assert.equal(viqr('ngu+o+`i dda(ng ky\' ca\'c'), 'người đăng ký các');
  });
  it('decodes every vowel with every tone', () => {
    const vowels: Array<[string, string]> = [
      ['a', 'a'], ['a(', 'ă'], ['a^', 'â'], ['e', 'e'], ['e^', 'ê'], ['i', 'i'], ['o', 'o'], ['o^', 'ô'],
      ['o+', 'ơ'], ['u', 'u'], ['u+', 'ư'], ['y', 'y'],
    ];
    const tones: Array<[string, string]> = [['`', '\u0300'], ["'", '\u0301'], ['?', '\u0309'], ['~', '\u0303'], ['.', '\u0323']];
    for (const [v, uni] of vowels) {
      for (const [mark, combining] of tones) {
        // ă and â need a final consonant; " la" after the word makes a final . or ? a tone.
        const coda = uni === 'ă' || uni === 'â' ? 'n' : '';
        const expected = ('h' + uni + combining).normalize('NFC') + coda + ' la';
        assert.equal(viqr(`h${v}${mark}${coda} la`), expected, `${v}${mark}`);
        assert.equal(viqr(`H${v.toUpperCase()}${mark}${coda.toUpperCase()} la`), expected.toUpperCase().replace(' LA', ' la'), `${v}${mark} upper`);
      }
    }
  });
  it('decodes dd and DD as đ and Đ', () => {
    assert.equal(viqr('dda?ng DDa?ng DDA?NG'), 'đảng Đảng ĐẢNG');
  });
  it('treats a final period or question mark before a capital or at the end as punctuation', () => {
    assert.equal(viqr('To^i ddi. Anh ve^`?'), 'Tôi đi. Anh về?');
    assert.equal(viqr('ca\'c chi. em'), 'các chị em');
    assert.equal(viqr('Ha` No^.i.\r\nXong'), 'Hà Nội.\r\nXong');
  });
  it('reads a final mark before a capital as a tone after a vowel mark or in an all-caps word', () => {
    assert.equal(viqr('So+? No^.i vu. va` CHU? TI.CH UY? BAN'), 'Sở Nội vụ và CHỦ TỊCH UỶ BAN');
    assert.equal(viqr('ke^\'t qua?. Xong'), 'kết quả. Xong');
    assert.equal(viqr('ddi... Xong'), 'đi... Xong');
  });
  it('reads DD inside an all-caps acronym as Đ', () => {
    assert.equal(viqr('So^\' 12/QDD-UBND va` NDD-CP, ADD'), 'Số 12/QĐ-UBND và NĐ-CP, ADD');
  });
  it('keeps a backslash-escaped mark literal', () => {
    assert.equal(viqr('Anh co\\? kho^ng'), 'Anh co? không');
  });
  it('follows the escapes of a text that escapes its literal marks: an unescaped final . or ? is a tone', () => {
    assert.equal(viqr("Ba'o ca'o xong\\.\nVu.\nphu?\nkha'c\\?"), 'Báo cáo xong.\nVụ\nphủ\nkhác?');
    assert.equal(viqr('tu+\\. Tho+. nghe^.'), 'tư. Thợ nghệ', 'an escape after a vowel mark');
    assert.equal(viqr("ca'c vu.\nXong"), 'các vu.\nXong', 'no escapes: a final mark at the end is punctuation');
  });
  it('reads d- as đ at the start of a syllable', () => {
    assert.equal(viqr('d-a(ng D-O^.I ND-CP'), 'đăng ĐỘI ND-CP');
  });
  it('reads a lone dd before a parenthesis as the list item đ)', () => {
    assert.equal(viqr("d) ddu+o+.c; dd) kha'c; dd/mm/yyyy"), 'd) được; đ) khác; dd/mm/yyyy');
  });
  it('reads every DD pair of an all-caps acronym as Đ', () => {
    assert.equal(viqr('DDDDBQH va` QDDDD'), 'ĐĐBQH và QĐĐ');
  });
  it('converts a name or misspelling with a vowel mark inside when its letters could be a syllable', () => {
    assert.equal(viqr('Me^ Ko^ng, lua^t va` ma(x'), 'Mê Kông, luât và ma(x');
  });
  it('leaves words that would not become Vietnamese syllables as they are', () => {
    assert.equal(viqr("don't you're (see)"), "don't you're (see)");
  });
});
