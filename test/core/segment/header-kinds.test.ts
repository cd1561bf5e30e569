/**
 * Header fields of hand-made snippets modelled on the kinds of documents in the devset (thông
 * báo, kế hoạch, chỉ thị, công văn, quyết định, tờ trình), clean and with English-model OCR noise.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';

const meta = (lines: string[]) => segmentLines(linesFromText(lines.join('\n'))).structure.meta;
const BODY = ['', 'I. ĐÁNH GIÁ CHUNG', 'Nội dung đánh giá.'];

describe('header fields by document kind', () => {
  it('reads a government-office notice whose two header columns OCR merged onto one line', () => {
    const m = meta(['VĂN PHÒNG CHÍNH PHỦ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 623/TB-VPCP  Hà Nội, ngày 15 tháng 11 năm 2025', 'THÔNG BÁO', 'KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ', 'TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH', ...BODY]);
    assert.deepEqual(m.type, { code: 'TB', name: 'Thông báo' });
    assert.equal(m.number, '623/TB-VPCP');
    assert.deepEqual(m.issuer, { name: 'VĂN PHÒNG CHÍNH PHỦ', parent: null });
    assert.equal(m.place, 'Hà Nội');
    assert.equal(m.date, '2025-11-15');
    assert.equal(m.title, 'KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI BUỔI LÀM VIỆC VỚI LÃNH ĐẠO TỈNH');
    assert.equal(m.motto, true);
  });

  it('reads the same notice from unrestored English-model OCR ("SG:", "Poc lap", "nim")', () => {
    const m = meta(['VAN PHONG CHINH PHU CONG HOA XA HQI CHU NGHIA VIET NAM', 'Poc lap - Tu do - Hanh phic',
      'SG: 623/TB-VPCP Ha Ndi, ngay 15 thang 11 nim 2025', 'THONG BAO', 'KET LUAN CUA PHO THU TUONG', ...BODY]);
    assert.equal(m.type?.code, 'TB');
    assert.equal(m.number, '623/TB-VPCP');
    assert.equal(m.issuer?.name, 'VAN PHONG CHINH PHU');
    assert.equal(m.date, '2025-11-15');
    assert.equal(m.motto, true);
  });

  it('reads a provincial plan with the issuer on two lines under the people\'s committee', () => {
    const m = meta(['ỦY BAN NHÂN DÂN', 'TỈNH ĐỒNG THÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 552/KH-UBND', 'Đồng Tháp, ngày 05 tháng 3 năm 2025', 'KẾ HOẠCH', 'Triển khai chuyển đổi số năm 2025', ...BODY]);
    assert.deepEqual(m.type, { code: 'KH', name: 'Kế hoạch' });
    assert.equal(m.number, '552/KH-UBND');
    assert.deepEqual(m.issuer, { name: 'TỈNH ĐỒNG THÁP', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(m.date, '2025-03-05');
    assert.equal(m.title, 'Triển khai chuyển đổi số năm 2025');
  });

  it('puts a province name the restorer mis-marked back to its spelling ("TỈNH LẠI CHÂU")', () => {
    const m = meta(['ỦY BAN NHÂN DÂN TỈNH LẠI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CHÂU', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 7360/KH-UBND Lai Châu, ngày 19 tháng 11 năm 2025', 'KẾ HOẠCH', 'TRIỂN KHAI THI HÀNH LUẬT', ...BODY]);
    assert.deepEqual(m.issuer, { name: 'TỈNH LAI CHÂU', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(m.place, 'Lai Châu');
    const d = meta(['ỦY BAN NHÂN DÂN THÀNH PHỐ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'ĐÃ NÂNG', 'Số: 2641/QĐ-UBND', 'bà Nặng, ngày 18 tháng 11 năm 2025', 'QUYẾT ĐỊNH', 'Ban hành Quy định', ...BODY]);
    assert.deepEqual(d.issuer, { name: 'THÀNH PHỐ ĐÀ NẴNG', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(d.place, 'Đà Nẵng');
  });

  it('reads a directive with a single-digit month and a leading-zero number', () => {
    const m = meta(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH ĐẮK LẮK  Độc lập - Tự do - Hạnh phúc',
      'Số: 012/CT-UBND  Đắk Lắk, ngày 5 tháng 3 năm 2025', 'CHỈ THỊ', 'Về tăng cường công tác phòng cháy', ...BODY]);
    assert.deepEqual(m.type, { code: 'CT', name: 'Chỉ thị' });
    assert.equal(m.number, '012/CT-UBND');
    assert.equal(m.issuer?.name, 'TỈNH ĐẮK LẮK');
    assert.equal(m.date, '2025-03-05');
  });

  it('reads an official letter whose "V/v" subject stands between the number and the date line', () => {
    const m = meta(['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 4085/UBND-ĐT', 'V/v rà soát và chuẩn hóa dữ liệu số nhà', 'sau sắp xếp', 'Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025',
      'Kính gửi:', '- Sở Xây dựng;', 'Nội dung.']);
    assert.deepEqual(m.type, { code: 'CV', name: 'Công văn' });
    assert.equal(m.number, '4085/UBND-ĐT');
    assert.equal(m.title, 'V/v rà soát và chuẩn hóa dữ liệu số nhà sau sắp xếp');
    assert.equal(m.date, '2025-11-25');
    assert.equal(m.place, 'Thành phố Hồ Chí Minh');
    assert.deepEqual(m.issuer, { name: 'THÀNH PHỐ HỒ CHÍ MINH', parent: 'ỦY BAN NHÂN DÂN' });
  });

  it('still sees a subject line whose "V/v" restoration or OCR damaged ("V/và")', () => {
    const m = meta(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'THÀNH PHỐ HỒ CHÍ MINH  Độc lập - Tự do - Hạnh phúc',
      'Số: 4240/UBND-VX  Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025', 'V/và khẩn trương hoàn thành cập', 'nhật cơ sở dữ liệu', 'Kính gửi:', '- Các sở;']);
    assert.equal(m.type?.code, 'CV');
    assert.equal(m.title, 'V/và khẩn trương hoàn thành cập nhật cơ sở dữ liệu');
  });

  it('sees a "V/v" subject whose slash OCR lost ("Vy", "Vlv") before a capitalised word, and not a lower-case "Vy"', () => {
    const letter = (subject: string) => meta(['SỞ Y TẾ TỈNH  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'BỆNH VIỆN ĐA KHOA  Độc lập - Tự do - Hạnh phúc',
      'Số: 6191/BV-TCKT  Bắc Ninh, ngày 27 tháng 9 năm 2021', subject, 'trên trang thông tin điện tử', '', 'Kính gửi: Sở Y tế', 'Nội dung.']);
    for (const subject of ['Vy Đăng tải thông tin lựa chọn', 'Vlv Đăng tải thông tin lựa chọn', 'V1v Đăng tải thông tin lựa chọn']) {
      const m = letter(subject);
      assert.equal(m.type?.code, 'CV', subject);
      assert.equal(m.title, `${subject} trên trang thông tin điện tử`);
    }
    assert.equal(letter('Vy đã đăng tải thông tin').type, null);
  });

  it('sees a "V/v" subject whose slash OCR read as a stroke ("Vív", "VÍy", "V!v") before its lower-case words', () => {
    const letter = (subject: string) => meta(['UBND THÀNH PHỐ ĐÀ NẴNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc',
      'Số: 2635 /SGDĐT-CTrTT  Đà Nẵng, ngày 24 tháng 5 năm 2019', subject, 'trong dịp nghỉ hè', 'Kính gửi:', '- Các trường;', 'Nội dung.']);
    for (const subject of ['Vív bảo đảm trật tự an toàn giao thông', 'VÍy bảo đảm trật tự an toàn giao thông', 'V!v bảo đảm trật tự an toàn giao thông']) {
      const m = letter(subject);
      assert.equal(m.type?.code, 'CV', subject);
      assert.equal(m.title, `${subject} trong dịp nghỉ hè`);
    }
    assert.equal(letter('Vì bảo đảm trật tự an toàn giao thông').type, null);
  });

  it('does not take the date of a cited document ("42/NQ-CP ngày 09 tháng 4 năm 2020") for the header\'s date', () => {
    const m = meta(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Kinh ni: Chủ tịch UBND các xã, thị trấn.',
      'Thực hiện Nghị quyết số 42/NQ-CP ngày 09 tháng 4 năm 2020 của Chính phủ', 'Nội dung.']);
    assert.equal(m.date, null);
    const dated = meta(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'HUYỆN TĨNH GIA  Độc lập - Tự do - Hạnh phúc',
      'Số: 1113/UBND-LĐTBXH  Tĩnh Gia, ngày 16 tháng 4 năm 2020', 'V/v tổng hợp xác nhận đối tượng', 'Kính gửi: Chủ tịch UBND các xã', 'Nội dung.']);
    assert.equal(dated.date, '2020-04-16');
    assert.equal(dated.number, '1113/UBND-LĐTBXH');
  });

  it('reads a department\'s letter under a city committee, with a "Về …" subject', () => {
    const m = meta(['ỦY BAN NHÂN DÂN THÀNH PHỐ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'HỒ CHÍ MINH',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO  Độc lập - Tự do - Hạnh phúc', 'Số: 5155/SGDĐT-GDTX  Thành phố Hồ Chí Minh, ngày 28 tháng 11 năm 2025',
      'Về hướng dẫn đánh giá, xếp loại', 'trung tâm học tập cộng đồng', '', 'Kính gửi: Ủy ban nhân dân phường, xã', 'Nội dung.']);
    assert.equal(m.type?.code, 'CV');
    assert.equal(m.number, '5155/SGDĐT-GDTX');
    assert.deepEqual(m.issuer, { name: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', parent: 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH' });
    assert.equal(m.title, 'Về hướng dẫn đánh giá, xếp loại trung tâm học tập cộng đồng');
  });

  it('reads a decision numbered with its year', () => {
    const m = meta(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỈNH NGHỆ AN  Độc lập - Tự do - Hạnh phúc',
      'Số: 98/2025/QĐ-UBND  Nghệ An, ngày 20 tháng 11 năm 2025', 'QUYẾT ĐỊNH', 'Ban hành Quy chế phối hợp', 'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN',
      'Căn cứ Luật Tổ chức chính quyền địa phương;']);
    assert.deepEqual(m.type, { code: 'QĐ', name: 'Quyết định' });
    assert.equal(m.number, '98/2025/QĐ-UBND');
    assert.equal(m.date, '2025-11-20');
    assert.equal(m.title, 'Ban hành Quy chế phối hợp');
  });

  it('undoes OCR damage to a decision\'s symbol and number label ("S60:", "QDb")', () => {
    const m = meta(['UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM', 'THANH PHO CAN THO Péc lap - Tu do - Hanh phiic',
      'S60: 2579/QDb-UBND Can Tho, ngay 21 thang 11 nam 2025', 'QUYET PINH', 'BAN HANH QUY DINH TIEU CHI', ...BODY]);
    assert.equal(m.number, '2579/QĐ-UBND');
    assert.equal(m.type?.code, 'QĐ');
    assert.equal(m.issuer?.name, 'THANH PHO CAN THO');
    assert.equal(m.date, '2025-11-21');
  });

  it('reads a submission (tờ trình) and a report with a numeric date', () => {
    const t = meta(['ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'XÃ NGỌC KỲ  Độc lập - Tự do - Hạnh phúc',
      'Số: 45/TTr-UBND  Ngọc Kỳ, ngày 02 tháng 01 năm 2024', 'TỜ TRÌNH', 'Về việc phê duyệt kế hoạch', ...BODY]);
    assert.deepEqual(t.type, { code: 'TTr', name: 'Tờ trình' });
    assert.equal(t.number, '45/TTr-UBND');
    assert.equal(t.date, '2024-01-02');
    const r = meta(['SỞ NỘI VỤ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Số: 17/BC-SNV  Hà Nội, 05/3/2025', 'BÁO CÁO', 'Tình hình thực hiện nhiệm vụ quý I', ...BODY]);
    assert.equal(r.type?.code, 'BC');
    assert.equal(r.date, '2025-03-05');
    assert.equal(r.issuer?.name, 'SỞ NỘI VỤ');
  });

  it('reads an upper-case title that opens with "THỰC HIỆN", and a type name that shares the title\'s line', () => {
    const k = meta(['ỦY BAN NHÂN DÂN', 'TỈNH ĐỒNG THÁP', 'Số: 552/KH-UBND', 'Đồng Tháp, ngày 19 tháng 11 năm 2025', 'KẾ HOẠCH',
      'THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ', 'ĐẾN NĂM 2035', 'I. MỤC ĐÍCH, YÊU CẦU', 'Nội dung.']);
    assert.equal(k.title, 'THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035');
    const t = meta(['VĂN PHÒNG CHÍNH PHỦ', 'Số: 624/TB-VPCP', 'Hà Nội, ngày 16 tháng 11 năm 2025', 'THÔNG BÁO KẾT LUẬN PHIÊN HỌP LẦN THỨ NĂM', 'CỦA BAN CHỈ ĐẠO', 'I. VỀ KẾT QUẢ ĐẠT ĐƯỢC', 'Nội dung.']);
    assert.equal(t.type?.code, 'TB');
    assert.equal(t.title, 'KẾT LUẬN PHIÊN HỌP LẦN THỨ NĂM CỦA BAN CHỈ ĐẠO');
  });

  it('names the issuer of a headerless notice from its closing sentence', () => {
    const s = segmentLines(linesFromText(['THÔNG BÁO', 'KẾT LUẬN CỦA PHÓ THỦ TƯỚNG', 'Ngày 18 tháng 11 năm 2025, Phó Thủ tướng đã làm việc.',
      'I. ĐÁNH GIÁ CHUNG', 'Nội dung.', 'Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT.'].join('\n'))).structure;
    assert.deepEqual(s.meta.issuer, { name: 'Văn phòng Chính phủ', parent: null });
    assert.deepEqual(s.meta.completedFrom, ['issuer']);
    assert.equal(s.meta.type?.code, 'TB');
    assert.equal(s.meta.date, null, 'the date of a meeting in the body is not the document date');
  });

  it('does not take a request sentence ("… yêu cầu …") for the sender', () => {
    const s = segmentLines(linesFromText(['KẾ HOẠCH', 'Tuyên truyền', '', 'I. MỤC ĐÍCH', 'Nội dung.',
      'Ủy ban nhân dân tỉnh yêu cầu các cơ quan nghiêm túc thực hiện./.', 'Nơi nhận:', '- Lưu: VT.'].join('\n'))).structure;
    assert.equal(s.meta.issuer, null);
  });
});
