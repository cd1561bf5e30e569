import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';

const seg = (t: string) => segmentLines(linesFromText(t)).structure;

describe('segment header', () => {
  it('reads a printed date whose number OCR glued to the word beside it ("26tháng", "ngày26", "năm2020")', () => {
    for (const line of ['Số: 1906/SGDĐT-CTrTT  Đà Nẵng, ngày 26tháng 7 năm 2020', 'Số: 1906/SGDĐT-CTrTT  Đà Nẵng, ngày26 tháng 7 năm2020']) {
      const m = seg(['UBND THÀNH PHỐ ĐÀ NẴNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc', line,
        'V/v phòng, chống dịch', 'Kính gửi: Các trường', 'Nội dung.'].join('\n')).meta;
      assert.equal(m.date, '2020-07-26', line);
      assert.equal(m.place, 'Đà Nẵng');
    }
  });

  it('keeps a date that names no real day as written, with a diagnostic, instead of dropping it', () => {
    for (const [written, line] of [['ngày 31 tháng 4 năm 2023', 'An Bình, ngày 31 tháng 4 năm 2023'], ['29/2/2023', 'An Bình, 29/2/2023']] as const) {
      const { structure, diagnostics } = segmentLines(linesFromText(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ AN BÌNH  Độc lập - Tự do - Hạnh phúc',
        'Số: 12/BC-UBND', line, 'BÁO CÁO', 'Kết quả năm 2023', '', 'I. KẾT QUẢ', 'Nội dung.'].join('\n')));
      assert.equal(structure.meta.date, null, written);
      assert.equal(structure.meta.dateText, written);
      assert.equal(structure.meta.place, 'An Bình');
      assert.equal(structure.meta.number, '12/BC-UBND');
      const d = diagnostics.find((x) => x.ruleId === 'segment/impossible-date');
      assert.equal(d?.severity, 'warning', written);
      assert.equal(d?.place?.line, 4);
      assert.ok(!diagnostics.some((x) => x.ruleId === 'segment/missing-date'));
    }
    // A leap day that exists is a date.
    const leap = seg(['ỦY BAN NHÂN DÂN', 'XÃ AN BÌNH', 'Số: 12/BC-UBND', 'An Bình, ngày 29 tháng 2 năm 2024', 'BÁO CÁO', 'Kết quả', '', 'I. KẾT QUẢ', 'Nội dung.'].join('\n'));
    assert.equal(leap.meta.date, '2024-02-29');
    assert.equal(leap.meta.dateText, 'ngày 29 tháng 2 năm 2024');
  });
  it('reads a decree, a circular and a joint circular as such, by their name line or their symbol', () => {
    const head = (number: string, name: string) => seg(['CHÍNH PHỦ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      `Số: ${number}  Hà Nội, ngày 05 tháng 3 năm 2020`, name, 'Về công tác văn thư', '', 'Điều 1. Phạm vi', 'Nội dung.'].join('\n')).meta.type?.name;
    assert.equal(head('30/2020/NĐ-CP', 'NGHỊ ĐỊNH'), 'Nghị định');
    assert.equal(head('30/2020/NĐ-CP', ''), 'Nghị định');
    assert.equal(head('01/2011/TT-BNV', 'THÔNG TƯ'), 'Thông tư');
    assert.equal(head('55/2005/TTLT-BNV-VPCP', 'THÔNG TƯ LIÊN TỊCH'), 'Thông tư liên tịch');
    assert.equal(head('12/TTr-UBND', 'TỜ TRÌNH'), 'Tờ trình');
  });
  it('splits the two header columns OCR put on one line and reads number, place, date and type', () => {
    const s = seg(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc',
      'Số: 192/BC-UBND  Ngọc Kỳ, ngày 29 tháng 12 năm 2023', 'BÁO CÁO', 'Kết quả tuyên truyền năm 2023', '', 'I. KẾT QUẢ THỰC HIỆN', 'Nội dung.'].join('\n'));
    assert.deepEqual(s.meta.issuer, { name: 'XÃ NGỌC KỲ', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(s.meta.number, '192/BC-UBND');
    assert.equal(s.meta.date, '2023-12-29');
    assert.equal(s.meta.place, 'Ngọc Kỳ');
    assert.deepEqual(s.meta.type, { code: 'BC', name: 'Báo cáo' });
    assert.equal(s.meta.title, 'Kết quả tuyên truyền năm 2023');
    assert.equal(s.sections[0]?.kind, 'results');
  });
  it('reads place and date past a stray quote or speck OCR put before the place name', () => {
    for (const stray of ['“', '"', "'", '‘ ', '. ']) {
      const s = seg(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc',
        'Số: 192/BC-UBND', `${stray}Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2023`, 'BÁO CÁO', 'Kết quả năm 2023', '', 'I. KẾT QUẢ', 'Nội dung.'].join('\n'));
      assert.equal(s.meta.place, 'Thành phố Hồ Chí Minh', stray);
      assert.equal(s.meta.date, '2023-12-29', stray);
    }
  });
  it('reads a number whose slash OCR lost, and the place beside it, when the symbol has its hyphen', () => {
    const s = seg(['ỦY BAN NHÂN DÂN THÀNH PHỐ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc',
      'Số: 5155SGDĐT-GDTX  Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025', 'Về hướng dẫn đánh giá năm 2025', 'Kính gửi: Ủy ban nhân dân phường'].join('\n'));
    assert.equal(s.meta.number, '5155/SGDĐT-GDTX');
    assert.equal(s.meta.place, 'Thành phố Hồ Chí Minh');
    assert.equal(s.meta.date, '2025-11-28');
    // Digits and letters without a hyphen after them are no number ("Số: 12ABC" stays unread).
    const t = seg(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ AN BÌNH  Độc lập - Tự do - Hạnh phúc',
      'Số: 12ABC  An Bình, ngày 2 tháng 1 năm 2024', 'BÁO CÁO', 'Kết quả năm 2023'].join('\n'));
    assert.equal(t.meta.number, null);
  });
  it('reads a department under a city committee and an OCR-damaged decision symbol', () => {
    const s = seg(['UY BAN NHAN DAN TINH  CONG HOA XA HOI CHU NGHIA VIET NAM', 'QUANG TRI', 'Doc lap - Tu do - Hanh phuc',
      'So: 36/2025/Qb-UBND Quang Tri, ngay 19 thang 11 nam 2025', 'QUYET PINH', 'BAN HANH QUY DINH'].join('\n'));
    assert.equal(s.meta.number, '36/2025/QĐ-UBND');
    assert.equal(s.meta.type?.code, 'QĐ');
    assert.equal(s.meta.issuer?.name, 'TINH QUANG TRI');
    assert.equal(s.meta.date, '2025-11-19');
  });
  it('completes an issuer whose locality OCR cut short from the place of the date line', () => {
    const head = (issuer: string, place: string) => seg([`ỦY BAN NHÂN DÂN ${issuer}  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, 'Độc lập - Tự do - Hạnh phúc',
      `Số: 012/CT-UBND  ${place}, ngày 26 tháng 11 năm 2025`, 'CHỈ THỊ', 'VỀ VIỆC TĂNG CƯỜNG CẢI CÁCH THỦ TỤC HÀNH CHÍNH'].join('\n')).meta.issuer?.name;
    assert.equal(head('TỈNH ĐẮK', 'Đắk Lắk'), 'TỈNH ĐẮK LẮK');
    assert.equal(head('TỈNH ĐẮK LẮK', 'Đắk Lắk'), 'TỈNH ĐẮK LẮK');
    // Another locality, or the same first word without a unit before it, is left as read.
    assert.equal(head('TỈNH ĐẮK NÔNG', 'Đắk Lắk'), 'TỈNH ĐẮK NÔNG');
    assert.equal(head('TỈNH GIA', 'Hà Nội'), 'TỈNH GIA');
  });
  it('drops a quote mark standing alone between title words, keeping quoted words', () => {
    const title = (t: string) => seg(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc',
      'Số: 192/BC-UBND  Ngọc Kỳ, ngày 29 tháng 12 năm 2023', 'BÁO CÁO', t].join('\n')).meta.title;
    assert.equal(title("KẾT QUẢ ' TRIỂN KHAI NĂM 2023"), 'KẾT QUẢ TRIỂN KHAI NĂM 2023');
    assert.equal(title('KẾT QUẢ PHONG TRÀO “DÂN VẬN KHÉO” NĂM 2023'), 'KẾT QUẢ PHONG TRÀO “DÂN VẬN KHÉO” NĂM 2023');
  });
  it('drops a full stop inside a title after a whole syllable, keeping abbreviations\' stops', () => {
    const title = (t: string) => seg(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH ĐẮK LẮK  Độc lập - Tự do - Hạnh phúc',
      'Số: 12/CT-UBND  Đắk Lắk, ngày 26 tháng 11 năm 2025', 'CHỈ THỊ', t].join('\n')).meta.title;
    assert.equal(title('VỀ VIỆC TĂNG CƯỜNG. CẢI CÁCH THỦ TỤC HÀNH CHÍNH'), 'VỀ VIỆC TĂNG CƯỜNG CẢI CÁCH THỦ TỤC HÀNH CHÍNH');
    assert.equal(title('VỀ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI TP. HỒ CHÍ MINH'), 'VỀ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TẠI TP. HỒ CHÍ MINH');
  });
  it('completes a missing header from the annex reference', () => {
    const s = seg(['BÁO CÁO', 'Kết quả', '', 'I. KẾT QUẢ', 'Đã đăng 60 tin bài, đạt 100%.', '', 'BIỂU TỔNG HỢP', 'Đánh giá',
      '(Kèm theo Báo cáo số 192/BC-UBND ngày 29/12/2023 của UBND xã Ngọc Kỳ)', 'STT Hình thức tuyên truyền Mức độ thực hiện',
      '1 Tăng cường tuyên truyền trong Đạt', 'các bộ phận', '2 Tuyên truyền trực quan Có', '', 'TM. ỦY BAN NHÂN DÂN', 'Chủ tịch', '', 'Nguyễn Xuân Thoang'].join('\n'));
    assert.equal(s.meta.number, '192/BC-UBND');
    assert.equal(s.meta.date, '2023-12-29');
    assert.deepEqual(s.annexes[0]?.tables[0]?.columns, ['STT', 'Hình thức tuyên truyền', 'Mức độ thực hiện']);
    assert.deepEqual(s.annexes[0]?.tables[0]?.rows, [['1', 'Tăng cường tuyên truyền trong các bộ phận', 'Đạt'], ['2', 'Tuyên truyền trực quan', 'Có']]);
    assert.equal(s.signature?.name, 'Nguyễn Xuân Thoang');
    assert.equal(s.signature?.authority, 'TM.');
    assert.deepEqual(s.figures.map((f) => f.text), ['60 tin bài', '100%']);
  });

  it('reads a first line "BÁO CÁO SỐ 12/BC-UBND" as the type and number, never as an issuer ("SỐ" folds as "SỞ")', () => {
    const { meta } = seg(['BÁO CÁO SỐ 12/BC-UBND', '', 'Kết quả công tác cải cách hành chính năm 2023', '', 'I. KẾT QUẢ', 'Nội dung.'].join('\n'));
    assert.equal(meta.issuer, null);
    assert.equal(meta.type?.name, 'Báo cáo');
    assert.equal(meta.number, '12/BC-UBND');
    assert.equal(meta.title, 'Kết quả công tác cải cách hành chính năm 2023');
    // Under an issuer column, a line holding a number is left out of the column too.
    const under = seg(['SỞ TÀI CHÍNH', 'TỜ TRÌNH SỐ 7/TTR-STC GỬI KÈM', '', 'Nội dung.'].join('\n')).meta;
    assert.equal(under.issuer?.name, 'SỞ TÀI CHÍNH');
  });
});
