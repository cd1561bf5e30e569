import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { segmentLines } from '../../../src/core/segment/segment.js';

const HEAD = [
  'UBND THÀNH PHỐ ĐÀ NẴNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'SỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc',
  'Số: 1595/SGDĐT-CTrTT  Đà Nẵng, ngày 31 tháng 5 năm 2019',
  'V/v triển khai công tác tuyển sinh năm học 2019 - 2020',
  'Kính gửi: Hiệu trưởng các trường trung học phổ thông.',
  'Sở Giáo dục và Đào tạo đề nghị các đơn vị triển khai thực hiện nghiêm túc nội dung trên./.',
  'Nơi nhận:',
  '- Như trên;',
  '- Lưu: VT, CTrTT.',
];
const read = (closing: string[]) => segmentLines(linesFromText([...HEAD, ...closing].join('\n')), { fromOcr: true });

describe("the deputy's position under KT. when its line was not read", () => {
  it('is the head\'s deputy, flagged uncertain with a warning', () => {
    // The position line under the seal read as the seal's words.
    const { structure, diagnostics } = read(['KT. GIÁM ĐỐC', 'DAO Tả', 'Trần Nguyễn Minh Thành']);
    assert.equal(structure.signature?.authority, 'KT.');
    assert.equal(structure.signature?.position, 'PHÓ GIÁM ĐỐC');
    assert.deepEqual(structure.signature?.uncertain, ['position']);
    assert.equal(structure.signature?.name, 'Trần Nguyễn Minh Thành');
    assert.ok(diagnostics.some((d) => d.ruleId === 'segment/position-inferred' && d.severity === 'warning'));
  });

  it('under a minister is a vice-minister (Thứ trưởng)', () => {
    const { structure } = read(['KT. BỘ TRƯỞNG', 'Nguyễn Văn Phúc']);
    assert.equal(structure.signature?.position, 'THỨ TRƯỞNG');
  });

  it('is not guessed when the position was read, under TL., or under a head that is no known position', () => {
    const own = read(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Nguyễn Minh Thành']).structure.signature;
    assert.equal(own?.position, 'PHÓ GIÁM ĐỐC');
    assert.equal(own?.uncertain, undefined);
    assert.equal(read(['TL. GIÁM ĐỐC', 'Trần Nguyễn Minh Thành']).structure.signature?.position ?? null, null);
    assert.equal(read(['KT. ĐOÀN KIỂM TRA', 'Trần Nguyễn Minh Thành']).structure.signature?.position ?? null, null);
  });
});
