import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/encoding/index.js';
import { capitaliseHeadingLines } from '../../../src/core/encoding/tcvn3-headings.js';
import { decodeTcvn3 } from '../../../src/core/encoding/tcvn3.js';
import { convert } from '../../../src/pipeline/index.js';

/** TCVN3 bytes of a text, each letter by its lower-case code as a .VnTimeH typist wrote it (the decoder's own table read backwards). */
function tcvn3Bytes(text: string): Uint8Array {
  const code = new Map<string, number>();
  for (let b = 0xff; b >= 0; b--) code.set(decodeTcvn3(Uint8Array.of(b)), b);
  // A capital VN3 has no code for ("Ủ") is typed with its lower-case letter's.
  return Uint8Array.from([...text.normalize('NFC')], (ch) => code.get(ch) ?? code.get(ch.toLowerCase()) ?? 0x3f);
}

/** A Decree-30 report as a .txt export of a file set in .VnTime, its headings in .VnTimeH typed in lower case. */
const REPORT = [
  'ủy ban nhân dân',
  'xã ngọc kỳ',
  'cộng hòa xã hội chủ nghĩa việt nam',
  'Độc lập - Tự do - Hạnh phúc',
  'Số: 192/BC-UBND',
  'Ngọc Kỳ, ngày 29 tháng 12 năm 2023',
  'báo cáo',
  'kết quả công tác tuyên truyền năm 2023',
  'Thực hiện kế hoạch của Ủy ban nhân dân huyện, Ủy ban nhân dân xã báo cáo kết quả công tác tuyên truyền năm 2023 như sau:',
  'i. kết quả đạt được',
  'Tổ chức tuyên truyền đến các thôn trên địa bàn xã, với nhiều hình thức phù hợp và thiết thực; phát hành tài liệu, treo băng rôn, khẩu hiệu và tuyên truyền trên hệ thống loa truyền thanh của xã.',
  'Nơi nhận:',
  '- như trên;',
  '- lưu: vt.',
  'tm. ủy ban nhân dân',
  'chủ tịch',
  'Nguyễn Văn An',
].join('\r\n');

describe('TCVN3 headings typed for a capitals-only font', () => {
  it('puts the header, title, section heading and signature lines of a .VnTimeH export in capitals', () => {
    const { text, encoding } = decodeText(tcvn3Bytes(REPORT));
    assert.equal(encoding, 'tcvn3');
    const lines = text.split('\r\n');
    assert.deepEqual([lines[0], lines[1], lines[2], lines[6], lines[7], lines[9], lines[14], lines[15]],
      ['ỦY BAN NHÂN DÂN', 'XÃ NGỌC KỲ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BÁO CÁO', 'KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN NĂM 2023', 'I. KẾT QUẢ ĐẠT ĐƯỢC', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });

  it('leaves running text, list items and a line with a capital as they were', () => {
    const lines = decodeText(tcvn3Bytes(REPORT)).text.split('\r\n');
    assert.equal(lines[3], 'Độc lập - Tự do - Hạnh phúc');
    assert.equal(lines[12], '- như trên;');
    assert.equal(lines[13], '- lưu: vt.');
    assert.equal(lines[16], 'Nguyễn Văn An');
  });

  it('says which lines it put in capitals, in one info diagnostic', () => {
    const { diagnostics } = decodeText(tcvn3Bytes(REPORT));
    const said = diagnostics.filter((d) => d.ruleId === 'encoding/tcvn3-capitals');
    assert.equal(said.length, 1);
    assert.equal(said[0]!.severity, 'info');
    assert.deepEqual(said[0]!.place, { page: 1, line: 1 });
    assert.match(said[0]!.message, /8 lines .* lines 1, 2, 3, 7, 8, 10/);
  });

  it('finds the type, number and date of a report whose header was typed in .VnTimeH', async () => {
    const doc = await convert({ path: 'bao-cao.txt', data: tcvn3Bytes(REPORT) }, { restore: false });
    assert.equal(doc.meta?.type?.name, 'Báo cáo');
    assert.equal(doc.meta?.number, '192/BC-UBND');
    assert.equal(doc.meta?.date, '2023-12-29');
    assert.equal(doc.text.original.split('\r\n')[0], 'ỦY BAN NHÂN DÂN');
  });

  it('does not touch a UTF-8 file with the same lower-case lines', () => {
    const { text } = decodeText(new TextEncoder().encode(REPORT));
    assert.equal(text, REPORT);
  });

  it('leaves lower-case lines that go on from the line before in a file wrapped at a width', () => {
    const wrapped = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? `Sinh viên nên photo công ${i}` : 'chứng để giữ lại thực hiện')).join('\n');
    assert.deepEqual(capitaliseHeadingLines(wrapped).lines, []);
  });

  it('leaves a line that follows a long sentence ending in a colon (a list or a quote goes on)', () => {
    const text = 'Tập trung đẩy mạnh xuất khẩu trực tiếp các sản phẩm chủ lực của tỉnh như:\nxoài, nhãn, cà phê, chè và nông sản chế biến\nKết quả tốt.';
    assert.deepEqual(capitaliseHeadingLines(text).lines, []);
  });

  it('leaves a file that is lower case throughout', () => {
    const text = 'thông báo\nkết quả họp\ncác đơn vị thực hiện\ntheo đúng kế hoạch';
    assert.equal(capitaliseHeadingLines(text).text, text);
  });

  it('counts lines on their page after a form feed', () => {
    const text = 'Trang một có nội dung.\fNội dung trang hai.\nbáo cáo tổng hợp';
    assert.deepEqual(capitaliseHeadingLines(text).lines, [{ page: 2, line: 2 }]);
  });
});

describe('TCVN3 all-caps runs', () => {
  it('capitalises a word of lower-case-only codes between two capital words ("DÂN CHỦ Ở CƠ SỞ")', () => {
    const bytes = tcvn3Bytes('DÂN CHỦ ở CƠ SỞ');
    // The capitals VN3 has (Â, Ơ) keep their codes; the toned vowels are lower-case codes, as typed.
    const typed = Uint8Array.from(bytes);
    assert.equal(decodeText(typed, { encoding: 'tcvn3' }).text, 'DÂN CHỦ Ở CƠ SỞ');
    assert.equal(decodeText(tcvn3Bytes('Dân chủ ở cơ sở'), { encoding: 'tcvn3' }).text, 'Dân chủ ở cơ sở');
  });
});
