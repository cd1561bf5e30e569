import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { misreadRecipientsLabelAt } from '../../../src/core/segment/markers.js';
import { segmentLines } from '../../../src/core/segment/segment.js';

const HEAD = [
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc',
  'Số: 11/CT-UBND  Quảng Ngãi, ngày 11 tháng 5 năm 2021',
  'CHỈ THỊ',
  'Về việc tăng cường chỉ đạo Kỳ thi tốt nghiệp',
  '',
  '1. Sở Giáo dục và Đào tạo chủ trì tổ chức Kỳ thi theo đúng quy định./.',
];
const UNITS = ['Văn phòng Chính phủ', 'Bộ Giáo dục và Đào tạo', 'Thường trực Tỉnh ủy', 'Thường trực HĐND tỉnh', 'Chủ tịch, các PCT UBND tỉnh',
  'Đoàn Đại biểu Quốc hội tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Tỉnh ủy', 'Công an tỉnh', 'Thanh tra tỉnh',
  'Các sở, ban ngành, đoàn thể tỉnh', 'Kho bạc Nhà nước Quảng Ngãi', 'UBND các huyện, thị xã, thành phố', 'Báo Quảng Ngãi', 'VPUB: CVP, PCVP(VX), CBTH'];
/** OCR's reading of a closing whose "Nơi nhận:" came out as junk, the position printed level with it. */
const closing = (label: string) => [`${label}  CHỦ TỊCH`, ...UNITS.map((u) => `- ${u};`), '- Lưu: VT, KGVX.', 'Đặng Văn Minh'];

describe('a recipients list whose label OCR misread', () => {
  it('is found from the list ending in "Lưu: …" under a short "word:" line, and says so', () => {
    const { structure, diagnostics } = segmentLines(linesFromText([...HEAD, ...closing('đốn:')].join('\n')));
    assert.equal(structure.recipients.length, UNITS.length + 1, 'the units and the archive item');
    assert.equal(structure.recipients[0], 'Văn phòng Chính phủ');
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/recipients-label-misread'));
  });

  it("reads the signer printed under a list longer than the block's usual reach", () => {
    for (const label of ['đốn:', 'Nơi nhận:']) {
      const { structure } = segmentLines(linesFromText([...HEAD, ...closing(label)].join('\n')));
      assert.equal(structure.signature?.position, 'CHỦ TỊCH', label);
      assert.equal(structure.signature?.name, 'Đặng Văn Minh', label);
    }
  });

  it("does not reach into an attached draft's own recipients and signer", () => {
    const own = ['Nơi nhận:  TM. ỦY BAN NHÂN DÂN', '- Như trên;  KT. CHỦ TỊCH', '- Thường trực Tỉnh ủy;  PHÓ CHỦ TỊCH', '- Lưu: VT, KGVX.  Trần Hoàng Tuấn'];
    const draft = ['HỘI ĐỒNG NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc', 'NGHỊ QUYẾT', 'Bãi bỏ các nghị quyết',
      'Điều 1. Bãi bỏ toàn bộ các nghị quyết.', 'Điều 2. Nghị quyết có hiệu lực từ ngày thông qua.', 'Nơi nhận:  CHỦ TỊCH', ...UNITS.slice(0, 9).map((u) => `- ${u};`),
      `- ${UNITS[9]};  Bùi Thị Quỳnh Vân`, ...UNITS.slice(10).map((u) => `- ${u};`), '- Lưu: VT, VHXH.'];
    const { structure } = segmentLines(linesFromText([...HEAD, ...own, ...draft].join('\n')));
    assert.equal(structure.signature?.name, 'Trần Hoàng Tuấn');
  });

  it('reads a position OCR put above "Nơi nhận:" with the name under the list, and keeps it out of the body', () => {
    const text = [...HEAD, 'CHỦ TỊCH', 'Nơi nhận:', ...UNITS.slice(0, 8).map((u) => `- ${u};`), '- Lưu: VT, NC.', 'Nguyễn Hoàng Giang'].join('\n');
    const { structure } = segmentLines(linesFromText(text));
    assert.equal(structure.signature?.position, 'CHỦ TỊCH');
    assert.equal(structure.signature?.name, 'Nguyễn Hoàng Giang');
    assert.ok(!JSON.stringify(structure.sections).includes('CHỦ TỊCH'));
  });

  it('drops a short lower-case fragment a seal left before the position beside the list', () => {
    const text = [...HEAD, 'Nơi nhận:  TL. CHỦ TỊCH', '—_m  KT. CHÁNH VĂN PHÒNG', 'cà  ăn  PHÓ CHÁNH VĂN PHÒNG', '- CT, PCT UBND tỉnh;', '- Lưu: VT, KTTH.', 'Hà Thị Lê Vân'].join('\n');
    const { structure } = segmentLines(linesFromText(text));
    assert.equal(structure.signature?.position, 'PHÓ CHÁNH VĂN PHÒNG');
    assert.equal(structure.signature?.name, 'Hà Thị Lê Vân');
  });

  it('is not made up from a dash list without the archive item or without a label-like line over it', () => {
    const noArchive = linesFromText([...HEAD, 'đốn:  CHỦ TỊCH', '- Văn phòng Chính phủ;', '- Công an tỉnh;'].join('\n'));
    assert.equal(misreadRecipientsLabelAt(noArchive, 0, noArchive.length), -1);
    const noLabel = linesFromText([...HEAD, '- Văn phòng Chính phủ;', '- Công an tỉnh;', '- Lưu: VT.'].join('\n'));
    assert.equal(misreadRecipientsLabelAt(noLabel, 0, noLabel.length), -1);
  });
});
