import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/encoding/index.js';
import { latin1, utf8 } from './helpers.js';

/** VNI-Windows: every lower-case Vietnamese letter with its byte sequence as windows-1252 text. */
const VNI_TABLE: Array<[string, string]> = [
  ['á', 'aù'], ['à', 'aø'], ['ả', 'aû'], ['ã', 'aõ'], ['ạ', 'aï'],
  ['â', 'aâ'], ['ấ', 'aá'], ['ầ', 'aà'], ['ẩ', 'aå'], ['ẫ', 'aã'], ['ậ', 'aä'],
  ['ă', 'aê'], ['ắ', 'aé'], ['ằ', 'aè'], ['ẳ', 'aú'], ['ẵ', 'aü'], ['ặ', 'aë'],
  ['é', 'eù'], ['è', 'eø'], ['ẻ', 'eû'], ['ẽ', 'eõ'], ['ẹ', 'eï'],
  ['ê', 'eâ'], ['ế', 'eá'], ['ề', 'eà'], ['ể', 'eå'], ['ễ', 'eã'], ['ệ', 'eä'],
  ['í', 'í'], ['ì', 'ì'], ['ỉ', 'æ'], ['ĩ', 'ó'], ['ị', 'ò'],
  ['ó', 'où'], ['ò', 'oø'], ['ỏ', 'oû'], ['õ', 'oõ'], ['ọ', 'oï'],
  ['ô', 'oâ'], ['ố', 'oá'], ['ồ', 'oà'], ['ổ', 'oå'], ['ỗ', 'oã'], ['ộ', 'oä'],
  ['ơ', 'ô'], ['ớ', 'ôù'], ['ờ', 'ôø'], ['ở', 'ôû'], ['ỡ', 'ôõ'], ['ợ', 'ôï'],
  ['ú', 'uù'], ['ù', 'uø'], ['ủ', 'uû'], ['ũ', 'uõ'], ['ụ', 'uï'],
  ['ư', 'ö'], ['ứ', 'öù'], ['ừ', 'öø'], ['ử', 'öû'], ['ữ', 'öõ'], ['ự', 'öï'],
  ['ý', 'yù'], ['ỳ', 'yø'], ['ỷ', 'yû'], ['ỹ', 'yõ'], ['ỵ', 'î'],
  ['đ', 'ñ'],
];

const vni = (s: string) => decodeText(latin1(s), { encoding: 'vni' }).text;

describe('VNI decoding', () => {
  it('covers all 67 lower-case Vietnamese letters with marks', () => {
    assert.equal(VNI_TABLE.length, 67);
    assert.equal(new Set(VNI_TABLE.map((r) => r[0])).size, 67);
  });
  for (const [letter, seq] of VNI_TABLE) {
    it(`decodes ${seq} to ${letter} and ${seq.toUpperCase()} to ${letter.toUpperCase()}`, () => {
      assert.equal(vni(seq), letter);
      assert.equal(vni(seq.toUpperCase()), letter.toUpperCase());
      assert.equal(vni(`t${seq}n`), `t${letter}n`);
    });
  }
  it('decodes whole phrases, title case and capitals', () => {
    assert.equal(vni('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam'), 'Cộng hòa xã hội chủ nghĩa Việt Nam');
    assert.equal(vni('ÑAÛNG UÛY XAÕ NGOÏC KYØ'), 'ĐẢNG ỦY XÃ NGỌC KỲ');
    assert.equal(vni('Ñaûng ngöôøi'), 'Đảng người');
  });
  it('accepts a lower-case mark after a capital vowel', () => {
    assert.equal(vni('Aù'), 'Á');
  });
  it('keeps line breaks and form feeds', () => {
    assert.equal(vni('a\r\nb\fc'), 'a\r\nb\fc');
  });
  it('reads VNI mojibake in a UTF-8 file when asked', () => {
    assert.equal(decodeText(utf8('Vieät Nam'), { encoding: 'vni' }).text, 'Việt Nam');
  });
});
