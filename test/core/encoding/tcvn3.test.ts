import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/encoding/index.js';
import { latin1, utf8 } from './helpers.js';

/** TCVN 5712:1993 VN3 (ABC): every Vietnamese letter and its byte, written as Latin-1 characters. */
const TCVN3_TABLE: Array<[string, string]> = [
  ['à', '\xb5'], ['á', '\xb8'], ['ả', '\xb6'], ['ã', '\xb7'], ['ạ', '\xb9'],
  ['ă', '\xa8'], ['ằ', '\xbb'], ['ắ', '\xbe'], ['ẳ', '\xbc'], ['ẵ', '\xbd'], ['ặ', '\xc6'],
  ['â', '\xa9'], ['ầ', '\xc7'], ['ấ', '\xca'], ['ẩ', '\xc8'], ['ẫ', '\xc9'], ['ậ', '\xcb'],
  ['đ', '\xae'],
  ['è', '\xcc'], ['é', '\xd0'], ['ẻ', '\xce'], ['ẽ', '\xcf'], ['ẹ', '\xd1'],
  ['ê', '\xaa'], ['ề', '\xd2'], ['ế', '\xd5'], ['ể', '\xd3'], ['ễ', '\xd4'], ['ệ', '\xd6'],
  ['ì', '\xd7'], ['í', '\xdd'], ['ỉ', '\xd8'], ['ĩ', '\xdc'], ['ị', '\xde'],
  ['ò', '\xdf'], ['ó', '\xe3'], ['ỏ', '\xe1'], ['õ', '\xe2'], ['ọ', '\xe4'],
  ['ô', '\xab'], ['ồ', '\xe5'], ['ố', '\xe8'], ['ổ', '\xe6'], ['ỗ', '\xe7'], ['ộ', '\xe9'],
  ['ơ', '\xac'], ['ờ', '\xea'], ['ớ', '\xed'], ['ở', '\xeb'], ['ỡ', '\xec'], ['ợ', '\xee'],
  ['ù', '\xef'], ['ú', '\xf3'], ['ủ', '\xf1'], ['ũ', '\xf2'], ['ụ', '\xf4'],
  ['ư', '\xad'], ['ừ', '\xf5'], ['ứ', '\xf8'], ['ử', '\xf6'], ['ữ', '\xf7'], ['ự', '\xf9'],
  ['ỳ', '\xfa'], ['ý', '\xfd'], ['ỷ', '\xfb'], ['ỹ', '\xfc'], ['ỵ', '\xfe'],
];
const TCVN3_CAPITALS: Array<[string, string]> = [
  ['Ă', '\xa1'], ['Â', '\xa2'], ['Ê', '\xa3'], ['Ô', '\xa4'], ['Ơ', '\xa5'], ['Ư', '\xa6'], ['Đ', '\xa7'],
];

const tcvn3 = (s: string) => decodeText(latin1(s), { encoding: 'tcvn3' }).text;

describe('TCVN3 decoding', () => {
  it('covers all 67 lower-case Vietnamese letters with marks', () => {
    assert.equal(TCVN3_TABLE.length, 67);
    assert.equal(new Set(TCVN3_TABLE.map((r) => r[1])).size, 67);
  });
  for (const [letter, byte] of TCVN3_TABLE) {
    it(`decodes byte 0x${byte.charCodeAt(0).toString(16)} to ${letter}, and to ${letter.toUpperCase()} in an all-caps word`, () => {
      assert.equal(tcvn3(byte), letter);
      assert.equal(tcvn3(`TR${byte}NG`), `TR${letter.toUpperCase()}NG`);
      assert.equal(tcvn3(`Tr${byte}ng`), `Tr${letter}ng`);
    });
  }
  for (const [letter, byte] of TCVN3_CAPITALS) {
    it(`decodes the capital byte 0x${byte.charCodeAt(0).toString(16)} to ${letter}`, () => {
      assert.equal(tcvn3(byte), letter);
    });
  }
  it('keeps ASCII, CRLF and form feeds exactly', () => {
    assert.equal(tcvn3('B\xb8o c\xb8o\r\nn\xa8m 2023\f(1)'), 'Báo cáo\r\nnăm 2023\f(1)');
  });
  it('upper-cases a short word whose neighbour on the line is all caps (.VnTimeH headings)', () => {
    assert.equal(tcvn3('V\xd2 VI\xd6C'), 'VỀ VIỆC');
    assert.equal(tcvn3('\xa7\xb5 N\xbdNG'), 'ĐÀ NẴNG');
    assert.equal(tcvn3('B\xb5 Lan\nV\xd2'), 'Bà Lan\nVề');
    assert.equal(tcvn3('\xa7\xb5 N\xbdng'), 'Đà Nẵng');
  });
  it('carries capitals along a heading, through plain capital syllables', () => {
    assert.equal(tcvn3('TH\xa4NG TIN V\xb5 C\xa5 S\xeb'), 'THÔNG TIN VÀ CƠ SỞ');
    assert.equal(tcvn3('CHUY\xd3N \xa7\xe6I S\xe8 V\xb5 \xa7\xd2 \xb8N 06'), 'CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06');
  });
  it('does not take document codes or lone lower-case words for capitals', () => {
    assert.equal(tcvn3('S\xe8: 634/TB-VPCP'), 'Số: 634/TB-VPCP');
    assert.equal(tcvn3('\xa7A 06 \xae\xb7 \xae\xb9t'), 'ĐA 06 đã đạt');
  });
  it('reads mojibake TCVN3 in a UTF-8 file when asked', () => {
    assert.equal(decodeText(utf8('ViÖt Nam'), { encoding: 'tcvn3' }).text, 'Việt Nam');
  });
});
