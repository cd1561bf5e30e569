import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/encoding/index.js';
import { latin1 } from './helpers.js';

/**
 * TCVN 5712:1993 VN1 as glibc's TCVN5712-1 writes it: VN3's lower-case codes plus the capitals
 * with marks that VN3 lacks, at 0x01–0x17, 0x80–0x9F and in VN3's gaps. Written out here from the
 * standard's table (iconv -f TCVN5712-1 of each byte), independently of the decoder.
 */
const VN1_CAPITALS: Record<string, number> = {
  Ú: 0x01, Ụ: 0x02, Ừ: 0x04, Ử: 0x05, Ữ: 0x06, Ứ: 0x11, Ự: 0x12, Ỳ: 0x13, Ỷ: 0x14, Ỹ: 0x15, Ý: 0x16, Ỵ: 0x17,
  À: 0x80, Ả: 0x81, Ã: 0x82, Á: 0x83, Ạ: 0x84, Ặ: 0x85, Ậ: 0x86, È: 0x87, Ẻ: 0x88, Ẽ: 0x89, É: 0x8a, Ẹ: 0x8b,
  Ệ: 0x8c, Ì: 0x8d, Ỉ: 0x8e, Ĩ: 0x8f, Í: 0x90, Ị: 0x91, Ò: 0x92, Ỏ: 0x93, Õ: 0x94, Ó: 0x95, Ọ: 0x96, Ộ: 0x97,
  Ờ: 0x98, Ở: 0x99, Ỡ: 0x9a, Ớ: 0x9b, Ợ: 0x9c, Ù: 0x9d, Ủ: 0x9e, Ũ: 0x9f, Ằ: 0xaf, Ẳ: 0xba, Ẵ: 0xbf, Ắ: 0xc0,
  Ầ: 0xc1, Ẩ: 0xc2, Ẫ: 0xc3, Ấ: 0xc4, Ề: 0xc5, Ể: 0xcd, Ễ: 0xd9, Ế: 0xda, Ồ: 0xdb, Ổ: 0xe0, Ỗ: 0xf0, Ố: 0xff,
};
/** The codes VN1 shares with VN3 (ABC). */
const SHARED: Record<string, number> = {
  Ă: 0xa1, Â: 0xa2, Ê: 0xa3, Ô: 0xa4, Ơ: 0xa5, Ư: 0xa6, Đ: 0xa7, ă: 0xa8, â: 0xa9, ê: 0xaa, ô: 0xab, ơ: 0xac, ư: 0xad, đ: 0xae,
  à: 0xb5, ả: 0xb6, ã: 0xb7, á: 0xb8, ạ: 0xb9, ằ: 0xbb, ẳ: 0xbc, ẵ: 0xbd, ắ: 0xbe, ặ: 0xc6, ầ: 0xc7, ẩ: 0xc8, ẫ: 0xc9,
  ấ: 0xca, ậ: 0xcb, è: 0xcc, ẻ: 0xce, ẽ: 0xcf, é: 0xd0, ẹ: 0xd1, ề: 0xd2, ể: 0xd3, ễ: 0xd4, ế: 0xd5, ệ: 0xd6, ì: 0xd7,
  ỉ: 0xd8, ĩ: 0xdc, í: 0xdd, ị: 0xde, ò: 0xdf, ỏ: 0xe1, õ: 0xe2, ó: 0xe3, ọ: 0xe4, ồ: 0xe5, ổ: 0xe6, ỗ: 0xe7, ố: 0xe8,
  ộ: 0xe9, ờ: 0xea, ở: 0xeb, ỡ: 0xec, ớ: 0xed, ợ: 0xee, ù: 0xef, ủ: 0xf1, ũ: 0xf2, ú: 0xf3, ụ: 0xf4, ừ: 0xf5, ử: 0xf6,
  ữ: 0xf7, ứ: 0xf8, ự: 0xf9, ỳ: 0xfa, ỷ: 0xfb, ỹ: 0xfc, ý: 0xfd, ỵ: 0xfe,
};

function vn1(text: string): Uint8Array {
  return Uint8Array.from([...text.normalize('NFC')].map((ch) => {
    const b = VN1_CAPITALS[ch] ?? SHARED[ch] ?? ch.charCodeAt(0);
    if (b > 0xff) throw new Error(`no VN1 code for ${ch}`);
    return b;
  }));
}

const LETTER = [
  'ỦY BAN NHÂN DÂN XÃ YÊN KHƯƠNG',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 12/BC-UBND',
  'BÁO CÁO',
  'Kết quả thực hiện nhiệm vụ năm 2025',
  'Ủy ban nhân dân xã báo cáo Ủy ban nhân dân huyện như sau. Ở các thôn, Ý kiến của nhân dân được tiếp thu.',
  'Ông Nguyễn Văn Ấn, Bà Trần Thị Ửng, ỨNG DỤNG CÔNG NGHỆ THÔNG TIN; ĐỔI MỚI, ĐỒNG BỘ, TỔ CHỨC, ỔN ĐỊNH.',
  '',
].join('\r\n');

describe('TCVN 5712 VN1 text', () => {
  it('is told from TCVN3 by its capitals and read with every letter right', () => {
    const r = decodeText(vn1(LETTER));
    assert.equal(r.encoding, 'tcvn5712-1');
    assert.equal(r.text, LETTER);
  });
  it('reads every VN1 capital, once the file reads as VN1', () => {
    for (const ch of Object.keys(VN1_CAPITALS)) {
      const text = `NGƯỜI VÀ ĐIỀU ${ch}\n`;
      assert.equal(decodeText(vn1(text)).text, text, ch);
    }
  });
  it('is read so when asked with --encoding tcvn5712-1', () => {
    assert.equal(decodeText(vn1('Ở XÃ'), { encoding: 'tcvn5712-1' }).text, 'Ở XÃ');
  });
  it('keeps TCVN3 (ABC) text with curly quotes, dashes and an ellipsis as TCVN3', () => {
    // Word's punctuation sits on the bytes VN1 uses for capitals: 0x93 “ 0x94 ” 0x96 – 0x85 … 0x92 ’.
    const abc = latin1('\x93B\xb8o c\xb8o\x94 \x96 k\xd5t qu\xb6 n\xa8m 2025\x85 \x93Ch\xbcng h\xb9n\x94, t\xb5i li\xd6u c\xf1a x\xb7\x92s.\r\n');
    const r = decodeText(abc);
    assert.equal(r.encoding, 'tcvn3');
    assert.equal(r.text, '“Báo cáo” – kết quả năm 2025… “Chẳng hạn”, tài liệu của xã’s.\r\n');
  });
  it('reads VN1 mojibake in a UTF-8 file (its bytes shown through windows-1252)', () => {
    const bytes = vn1(LETTER);
    const cp1252 = new TextDecoder('windows-1252').decode(bytes);
    const r = decodeText(new TextEncoder().encode(cp1252));
    assert.equal(r.encoding, 'tcvn5712-1');
    assert.equal(r.text, LETTER);
  });
});
