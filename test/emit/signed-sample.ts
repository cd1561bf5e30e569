/** An e-signed report as plain text (the box a signing tool stamps under the signature block, then an annex), for the emit tests. */
export const SIGNED = [
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc',
  'Số: 12/BC-UBND  Quảng Ngãi, ngày 12 tháng 9 năm 2025',
  'BÁO CÁO',
  'Kết quả công tác',
  'I. KẾT QUẢ',
  'Nội dung đã làm trong năm.',
  'Nơi nhận:  TM. ỦY BAN NHÂN DÂN',
  '- Như trên;  CHỦ TỊCH',
  '- Lưu: VT.',
  '',
  '  Trần Văn Bình',
  'Ký bởi: Trần Văn Bình',
  'Cơ quan: Ủy ban nhân dân tỉnh Quảng Ngãi',
  'Thời gian ký: 12.09.2025 10:15:23 +07:00',
].join('\n') + '\n\fPHỤ LỤC\nBảng số liệu\nSTT  Nội dung  Kết quả\n1  Tuyên truyền  Đạt\n';
