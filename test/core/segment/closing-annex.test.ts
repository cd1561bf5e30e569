/** Closing sentence, recipients, signature blocks and annexes with their tables. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { canonicalPosition } from '../../../src/core/segment/closing.js';

const seg = (lines: string[]) => segmentLines(linesFromText(lines.join('\n'))).structure;
const BODY = ['I. KẾT QUẢ', 'Nội dung.', 'Trên đây là báo cáo kết quả công tác năm 2023./.'];
const sig = (tail: string[]) => {
  const s = seg([...BODY, ...tail]).signature;
  return s && { authority: s.authority, organ: s.organ, position: s.position, name: s.name };
};

describe('signature', () => {
  it('reads "TM." with the organ, position and name', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '', 'Nguyễn Xuân Thoang']),
      { authority: 'TM.', organ: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: 'Nguyễn Xuân Thoang' });
  });
  it('reads "KT." with the deputy\'s own position on the next line', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', '', 'Trần Văn Bình']),
      { authority: 'KT.', organ: null, position: 'PHÓ CHỦ TỊCH', name: 'Trần Văn Bình' });
    assert.equal(sig(['Nơi nhận:', '- Lưu: VT.', 'KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM', 'Phạm Mạnh Cường'])?.position, 'PHÓ CHỦ NHIỆM');
  });
  it('reads "TL." and "TUQ." (signing for the head) with the signer\'s position', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Lưu: VT.', 'TL. BỘ TRƯỞNG', 'CHÁNH VĂN PHÒNG', 'Lê Thị Hoa']),
      { authority: 'TL.', organ: null, position: 'CHÁNH VĂN PHÒNG', name: 'Lê Thị Hoa' });
    assert.equal(sig(['Nơi nhận:', '- Lưu: VT.', 'TUQ. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Phạm Minh Đức'])?.authority, 'TUQ.');
  });
  it('reads "Q." (acting) with the position on the same line', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Lưu: VT.', 'Q. GIÁM ĐỐC', 'Ngô Văn An']), { authority: 'Q.', organ: null, position: 'GIÁM ĐỐC', name: 'Ngô Văn An' });
  });
  it('reads a signature without an authority mark', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Như Điều 3;', '- Lưu: VT.', 'GIÁM ĐỐC', '', 'Hoàng Văn Nam']),
      { authority: null, organ: null, position: 'GIÁM ĐỐC', name: 'Hoàng Văn Nam' });
  });
  it('splits an organ and a position OCR put on one line ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")', () => {
    assert.deepEqual(sig(['Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH', 'Trương Cảnh Tuyên']),
      { authority: 'TM.', organ: 'ỦY BAN NHÂN DÂN', position: 'CHỦ TỊCH', name: 'Trương Cảnh Tuyên' });
  });
  it('finds the signature at the end of a decision that has no closing sentence or recipients', () => {
    const s = seg(['Điều 1. Ban hành Quy định.', 'Điều 2. Hiệu lực thi hành', 'Quyết định có hiệu lực kể từ ngày ký.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Nam Hưng']);
    assert.deepEqual(s.signature && [s.signature.authority, s.signature.organ, s.signature.position, s.signature.name], ['KT.', 'ỦY BAN NHÂN DÂN', 'PHÓ CHỦ TỊCH', 'Trần Nam Hưng']);
    assert.deepEqual(s.sections.map((x) => x.number), ['Điều 1', 'Điều 2']);
    assert.equal(s.sections[1]!.paragraphs.length, 1);
  });
  it('writes an OCR-damaged position in its spelling, keeping its case', () => {
    assert.equal(canonicalPosition('Chư tlch'), 'Chủ tịch');
    assert.equal(canonicalPosition('PHO CHU TICH'), 'PHÓ CHỦ TỊCH');
    assert.equal(canonicalPosition('Trưởng thôn'), 'Trưởng thôn');
  });
  it('writes a position followed by its unit in its spelling, the unit as read', () => {
    assert.equal(canonicalPosition('TRƯỜNG PHONG. CTSV'), 'TRƯỞNG PHÒNG CTSV');
    assert.equal(canonicalPosition('PHO GIAM DOC SỞ'), 'PHÓ GIÁM ĐỐC SỞ');
    // A school's name is no position, and a line in lower case is left as read.
    assert.equal(canonicalPosition('TRƯỜNG ĐẠI HỌC ĐIỆN LỰC'), 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC');
    assert.equal(canonicalPosition('trưởng phòng. ctsv'), 'trưởng phòng. ctsv');
  });
});

describe('recipients', () => {
  const rec = (tail: string[]) => {
    const s = seg([...BODY, ...tail]);
    return { items: s.recipients, archive: s.recipientsInfo?.archive ?? null, lines: s.recipientsInfo && [s.recipientsInfo.provenance.lineStart, s.recipientsInfo.provenance.lineEnd] };
  };
  it('lists the items after "Nơi nhận:" and picks out "Lưu: …"', () => {
    assert.deepEqual(rec(['Nơi nhận:', '- Phòng VHTT huyện (BC);', '- TTĐU; HĐND; Lãnh đạo UBND xã;', '- Lưu: VP, KT.', 'TM. ỦY BAN NHÂN DÂN']), {
      items: ['Phòng VHTT huyện (BC)', 'TTĐU; HĐND; Lãnh đạo UBND xã', 'Lưu: VP, KT.'], archive: 'Lưu: VP, KT.', lines: [4, 7],
    });
  });
  it('joins items wrapped over lines, in capitals after a comma or in lower case', () => {
    assert.deepEqual(rec(['Nơi nhận:', '- TTgCP, các PTTgCP (để b/c);', '- Các Bộ: TC, NV, NNMT,', 'CT, GDĐT;', '- VPCP: BTCN, các PCN;', 'các Vụ: CN, KTTH;', '- Lưu: VT, QHĐP (2).', 'KT. BỘ TRƯỞNG']).items,
      ['TTgCP, các PTTgCP (để b/c)', 'Các Bộ: TC, NV, NNMT, CT, GDĐT', 'VPCP: BTCN, các PCN; các Vụ: CN, KTTH', 'Lưu: VT, QHĐP (2).']);
  });
  it('reads a b inside a capitals abbreviation as Đ ("TTbU")', () => {
    assert.deepEqual(rec(['Nơi nhận:', '- TTbU; HĐND;', '- Lưu: VT.']).items, ['TTĐU; HĐND', 'Lưu: VT.']);
  });
  it('takes OCR\'d item dashes ("=", "«", a quote) for dashes', () => {
    assert.deepEqual(rec(['Noi nhan:', '- Như trên;', '= TTUB: CT các PCT;', '«TLTU;', '“Lưu: VT.']).items, ['Như trên', 'TTUB: CT các PCT', 'TLTU', 'Lưu: VT.']);
  });
  it('does not take a signature block standing above an attached regulation for an annex title', () => {
    const s = seg(['QUYẾT ĐỊNH', 'Ban hành Quy chế', 'Điều 1. Ban hành Quy chế.', 'Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Bùi Thanh An',
      'QUY CHẾ', 'TIẾP NHẬN KIẾN NGHỊ CỦA CỬ TRI', '(Ban hành kèm theo Quyết định số 98/2025/QĐ-UBND ngày 25/11/2025 của UBND tỉnh Nghệ An)', 'Điều 1. Phạm vi điều chỉnh', 'Quy chế này quy định.']);
    assert.deepEqual(s.annexes.map((a) => a.title), ['QUY CHẾ TIẾP NHẬN KIẾN NGHỊ CỦA CỬ TRI']);
    assert.deepEqual(s.annexes[0]!.sections.map((x) => x.number), ['Điều 1']);
    assert.equal(s.signature?.name, 'Bùi Thanh An');
    assert.equal(s.meta.number, '98/2025/QĐ-UBND');
  });
  it('takes an item written on the label line and reads the OCR\'d label "Noi nhan:"', () => {
    assert.deepEqual(rec(['Nơi nhận: - Như Điều 3;', '- Lưu: VT.']).items, ['Như Điều 3', 'Lưu: VT.']);
    assert.deepEqual(rec(['Noi nhan:', '- Phong VHTT huyen (BC);', '- Luu: VP.']).items, ['Phong VHTT huyen (BC)', 'Luu: VP.']);
  });
  it('reads recipients that come after the signature block', () => {
    const s = seg([...BODY, 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Nguyễn Văn An', '', 'Nơi nhận:', '- Sở Nội vụ;', '- Lưu: VT.']);
    assert.deepEqual(s.recipients, ['Sở Nội vụ', 'Lưu: VT.']);
    assert.equal(s.signature?.name, 'Nguyễn Văn An');
    assert.equal(s.closing?.text, 'Trên đây là báo cáo kết quả công tác năm 2023./.');
  });
});

describe('annexes', () => {
  const REPORT = ['BÁO CÁO', 'Kết quả công tác năm 2025', '', 'I. KẾT QUẢ', 'Tốt.', ''];
  it('reads a multi-column table kept with wide gaps, cells running over lines, and a status column', () => {
    const s = seg([...REPORT, 'PHỤ LỤC', 'DANH SÁCH CÁC NHIỆM VỤ', '(Kèm theo Báo cáo số 17/BC-UBND ngày 05 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh Đồng Tháp)', '',
      'STT  Nội dung  Đơn vị thực hiện  Thời gian  Kết quả', '1  Xây dựng kế hoạch  Sở Nội vụ  Quý I  Hoàn thành',
      '2  Tuyên truyền trên các phương tiện  Sở Văn hóa  Quý II', 'thông tin đại chúng    Chưa hoàn thành', '3  Tổng kết  Văn phòng  Quý IV  Chưa đạt']);
    const a = s.annexes[0]!;
    assert.equal(a.title, 'PHỤ LỤC');
    assert.equal(a.subtitle, 'DANH SÁCH CÁC NHIỆM VỤ');
    assert.deepEqual(a.tables[0]!.columns, ['STT', 'Nội dung', 'Đơn vị thực hiện', 'Thời gian', 'Kết quả']);
    assert.deepEqual(a.tables[0]!.rows, [
      ['1', 'Xây dựng kế hoạch', 'Sở Nội vụ', 'Quý I', 'Hoàn thành'],
      ['2', 'Tuyên truyền trên các phương tiện thông tin đại chúng', 'Sở Văn hóa', 'Quý II', 'Chưa hoàn thành'],
      ['3', 'Tổng kết', 'Văn phòng', 'Quý IV', 'Chưa đạt'],
    ]);
    assert.deepEqual(a.tables[0]!.provenance, { page: 1, lineStart: 11, lineEnd: 15 });
    assert.deepEqual(s.meta.completedFrom, ['number', 'issuer', 'date']);
    assert.equal(s.meta.number, '17/BC-UBND');
  });
  it('reads a single-spaced OCR table (BIỂU TỔNG HỢP) and writes OCR-damaged status words in their spelling', () => {
    const s = seg([...REPORT, 'BIEU TONG HQP', 'Đánh giá mức độ thực hiện', '(Kèm theo Báo cáo số 192/BC-UBND ngày 29/12/2023 của UBND xã Ngọc Kỳ)',
      'STT Hình thức tuyên truyền Mức độ thực hiện', '1 Tăng cường tuyên truyền CCHC trong từng bộ phận chuyên Dắt', 'môn, cơ quan, đơn vị',
      '2 Tuyên truyền trực quan Co']);
    const t = s.annexes[0]!.tables[0]!;
    assert.equal(s.annexes[0]!.title, 'BIỂU TỔNG HỢP');
    assert.equal(s.annexes[0]!.subtitle, 'Đánh giá mức độ thực hiện');
    assert.deepEqual(t.rows, [['1', 'Tăng cường tuyên truyền CCHC trong từng bộ phận chuyên môn, cơ quan, đơn vị', 'Đạt'], ['2', 'Tuyên truyền trực quan', 'Có']]);
    assert.equal(s.meta.date, '2023-12-29');
    assert.deepEqual(s.meta.issuer, { name: 'xã Ngọc Kỳ', parent: 'Ủy ban nhân dân' });
  });
  it('keeps each cell as read beside its restored text, word for word across its lines', () => {
    const read = [...REPORT, 'BIEU TONG HOP', '(Kem theo Bao cao so 192/BC-UBND ngay 29/12/2023 cua UBND xa Ngoc Ky)',
      'STT Hinh thuc tuyen truyen Muc do thuc hien', '1 Tang cuong tuyen truyen trong tung bo phan chuyen Dat', 'mon, co quan, don vi', '2 Tuyen truyen truc quan Co'];
    const restored = [...REPORT, 'BIỂU TỔNG HỢP', '(Kèm theo Báo cáo số 192/BC-UBND ngày 29/12/2023 của UBND xã Ngọc Kỳ)',
      'STT Hình thức tuyên truyền Mức độ thực hiện', '1 Tăng cường tuyên truyền trong từng bộ phận chuyển Đạt', 'môn, cơ quan, đơn vị', '2 Tuyên truyền trực quan Cơ'];
    const t = segmentLines(linesFromText(restored.join('\n'), read.join('\n'))).structure.annexes[0]!.tables[0]!;
    assert.deepEqual(t.rows, [['1', 'Tăng cường tuyên truyền trong từng bộ phận chuyển môn, cơ quan, đơn vị', 'Đạt'], ['2', 'Tuyên truyền trực quan', 'Có']]);
    assert.deepEqual(t.originalRows, [['1', 'Tang cuong tuyen truyen trong tung bo phan chuyen mon, co quan, don vi', 'Dat'], ['2', 'Tuyen truyen truc quan', 'Co']]);
  });
  it('reads an attached plan whose upper-case title runs over many lines, one word restored in lower case', () => {
    const s = seg(['QUYẾT ĐỊNH', 'Ban hành Kế hoạch', 'Điều 1. Ban hành Kế hoạch.', 'Nơi nhận:', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Lộc Hà',
      'KẾ HOẠCH', 'TRIỂN KHAI QUYẾT ĐỊNH SỐ 06/QĐ-TTG NGÀY 02 THÁNG 01 NĂM 2025', 'CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ tín NGƯỠNG, TÔN GIÁO', 'VÀ QUYẾT ĐỊNH SỐ 3103/QĐ-BTC',
      'CỦA BỘ TÀI CHÍNH VỀ ĐỀ ÁN XÂY DỰNG', 'QUY HOẠCH', '(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025 của Ủy ban', 'nhân dân Thành phố)', 'I. MỤC ĐÍCH, YÊU CẦU', 'Nội dung.']);
    assert.equal(s.annexes.length, 1);
    assert.match(s.annexes[0]!.title, /^KẾ HOẠCH TRIỂN KHAI .* VỀ tín NGƯỠNG, TÔN GIÁO .* QUY HOẠCH$/u);
    assert.equal(s.annexes[0]!.reference, '(Kèm theo Quyết định số 2820/QĐ-UBND ngày 19 tháng 11 năm 2025 của Ủy ban nhân dân Thành phố)');
    assert.deepEqual(s.annexes[0]!.sections.map((x) => [x.number, x.kind]), [['I', 'purpose']]);
  });
  it('keeps a title line with a word restored in lower case in the title, not the subtitle', () => {
    const s = seg([...REPORT, 'Nơi nhận:', '- Lưu: VT.', 'QUY ĐỊNH', 'THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC CƯỚI, VIỆC TANG', 'TRÊN ĐỊA BÀN tỉnh LAI CHÂU', '(Kèm theo Quyết định số 87/2025/QĐ-UBND)', 'Điều 1. Phạm vi']);
    assert.equal(s.annexes[0]!.title, 'QUY ĐỊNH THỰC HIỆN NẾP SỐNG VĂN MINH TRONG VIỆC CƯỚI, VIỆC TANG TRÊN ĐỊA BÀN tỉnh LAI CHÂU');
    assert.equal(s.annexes[0]!.subtitle, null);
  });
  it('writes the annex label of a title in its spelling, leaving the rest as read', () => {
    const s = seg([...REPORT, 'ĐIỀU TỔNG HỢP', '(Kèm theo Báo cáo số 5/BC-UBND ngày 2/1/2024 của UBND xã An Bình)', 'STT Nội dung Kết quả', '1 Việc A Đạt']);
    assert.equal(s.annexes[0]!.title, 'BIỂU TỔNG HỢP');
    const p = seg([...REPORT, 'PHU LUC II DANH MUC', '(Kèm theo Báo cáo số 5/BC-UBND ngày 2/1/2024 của UBND xã An Bình)', 'STT Nội dung Kết quả', '1 Việc A Đạt']);
    assert.equal(p.annexes[0]!.title, 'PHỤ LỤC II DANH MUC');
  });
  it('does not take the number of another document an annex is attached to', () => {
    const s = seg([...REPORT, 'PHỤ LỤC', '(Kèm theo Kế hoạch số 17/KH-UBND ngày 05 tháng 3 năm 2025 của UBND tỉnh)', 'STT Nội dung Kết quả', '1 Việc A Đạt']);
    assert.equal(s.meta.number, null);
    assert.equal(s.annexes[0]!.referenceInfo?.number, '17/KH-UBND');
  });
});
