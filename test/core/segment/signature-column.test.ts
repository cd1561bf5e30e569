import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';

const HEAD = ['BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  'Số: 2116/TB-ĐHĐL  Hà Nội, ngày 29 tháng 8 năm 2025', 'THÔNG BÁO', 'Về việc nộp hồ sơ', '', '1. Sinh viên nộp hồ sơ đúng hạn.', 'Nhận được thông báo này yêu cầu sinh viên thực hiện./.'];
const seg = (tail: string[]) => segmentLines(linesFromText([...HEAD, ...tail].join('\n'))).structure;

describe('signature block beside the recipients, read by OCR as one column', () => {
  it('reads authority, position and the printed name from the right-hand pieces, and the recipients from the left', () => {
    const s = seg([
      'Nơi nhận:  TL+HIỆU TRƯỞNG',
      '- Các khoa quản lý SV, CVHT;  TRƯỞNG PHÒNG CTSV',
      '- CBL các lớp, SV các khóa;',
      'Nghĩ Gug',
      '- Hiệu trưởng (để b/c);',
      '`Phùng Thị Xuân Bình',
      '- Lưu: VT, CTSV.',
    ]);
    assert.deepEqual([s.signature?.authority, s.signature?.position, s.signature?.name], ['TL.', 'TRƯỞNG PHÒNG CTSV', 'Phùng Thị Xuân Bình']);
    assert.deepEqual(s.recipients, ['Các khoa quản lý SV, CVHT', 'CBL các lớp, SV các khóa', 'Hiệu trưởng (để b/c)', 'Lưu: VT, CTSV.']);
  });

  it('finds it by the authority beside a recipients label OCR garbled', () => {
    const s = seg([
      'Nginhậm  TL.HIỆU TRƯỞNG.',
      'KG ùn  KT. TRƯỞNG PHÒNG QL ĐÀO TẠO',
      '- Phòng KH-TC, CTSV (để thực hiện);  PHÓ TRƯỞNG PHÒNG',
      '- Lưu: VT, QL Đào tạo (01).',
      '_— Vũ Thị Thu Nga',
    ]);
    assert.deepEqual([s.signature?.authority, s.signature?.position, s.signature?.name], ['TL.', 'PHÓ TRƯỞNG PHÒNG', 'Vũ Thị Thu Nga']);
  });

  it('leaves a document without a signature block without one', () => {
    const s = seg(['Nơi nhận:', '- Các khoa;', '- Lưu: VT.']);
    assert.equal(s.signature, null);
    assert.deepEqual(s.recipients, ['Các khoa', 'Lưu: VT.']);
  });

  it('reads a police or army signer printed with a rank: the name without it, the rank kept', () => {
    const s = seg(['Nơi nhận:  PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH', '- Như trên;', '- Lưu PA83.', 'Trung tá Ngô Văn Công']);
    assert.deepEqual([s.signature?.position, s.signature?.name, s.signature?.rank], ['PHÓ TRƯỞNG PHÒNG PHỤ TRÁCH', 'Ngô Văn Công', 'Trung tá']);
    const general = seg(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', '', 'GIÁM ĐỐC', '', 'Thiếu tướng Trần Văn Hùng']);
    assert.deepEqual([general.signature?.name, general.signature?.rank], ['Trần Văn Hùng', 'Thiếu tướng']);
    const plain = seg(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', '', 'GIÁM ĐỐC', '', 'Trần Văn Hùng']);
    assert.equal(plain.signature?.rank, undefined);
  });

  it('takes no seal text read under "KT. X" for the position: the deputy\'s is "PHÓ X"', () => {
    const s = seg(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. GIÁM ĐỐC', 'VÀ ĐÀO TẠO', 'Trần Nguyễn Minh Thành']);
    // The seal's words are not taken; the deputy's position is inferred and flagged (deputyUnder).
    assert.deepEqual([s.signature?.authority, s.signature?.position, s.signature?.name, s.signature?.uncertain], ['KT.', 'PHÓ GIÁM ĐỐC', 'Trần Nguyễn Minh Thành', ['position']]);
    const read = seg(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Nguyễn Minh Thành']);
    assert.equal(read.signature?.position, 'PHÓ GIÁM ĐỐC');
  });
});
