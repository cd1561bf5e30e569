/**
 * Pathological input shapes for bench:pathological and the scale tests: texts of a given size
 * in bytes that stress one part of the pipeline each. Deterministic (no randomness).
 */

const SENTENCES = [
  'Ủy ban nhân dân xã đã ban hành Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 về cải cách hành chính nhà nước năm 2023;',
  'tuyên truyền, phổ biến kết quả các chỉ số cải cách hành chính tới cán bộ, công chức, viên chức và nhân dân trên địa bàn xã.',
  'Cập nhật, rà soát, niêm yết công khai đầy đủ các thủ tục hành chính đã được sửa đổi, bổ sung lên Trang thông tin điện tử.',
  'Kết quả việc tổ chức tuyên truyền công tác cải cách hành chính đạt 100%, đảm bảo theo đúng kế hoạch đề ra.',
];

export type ShapeName = 'normal' | 'many-line-paragraph' | 'long-table' | 'form-feeds' | 'one-line';

export const SHAPES: Record<ShapeName, { about: string; make: (bytes: number) => string }> = {
  normal: { about: 'a report repeated: header, headings, wrapped paragraphs, list items', make: normalText },
  'many-line-paragraph': { about: 'one paragraph of one-character lines', make: (n) => fill(n, (i) => 'abcdefghik'[i % 10]! + '\n') },
  'long-table': { about: 'a plain-text table: header row, numbered rows with wide gaps', make: tableText },
  'form-feeds': { about: 'one short line per page, pages split by form feeds', make: (n) => fill(n, (i) => `Trang ${i + 1} báo cáo\f`) },
  'one-line': { about: 'the report text with no line break at all', make: (n) => fill(n, (i) => SENTENCES[i % SENTENCES.length]! + ' ') },
};

/** A ~3 KB report (the same shape as bench:convert's), repeated to `bytes`. */
export function normalText(bytes: number): string {
  let s = 0;
  return fill(bytes, (i) => {
    if (i % 40 === 0) return `\nBÁO CÁO SỐ ${i}/BC-UBND\n\nKết quả công tác tuyên truyền cải cách hành chính năm 2023\n\n`;
    if (i % 9 === 0) return `\n${(i % 5) + 1}. KẾT QUẢ THỰC HIỆN NHIỆM VỤ\n\n`;
    if (i % 7 === 0) return `- ${SENTENCES[s++ % SENTENCES.length]!.slice(0, 70)}\n`;
    return SENTENCES[s++ % SENTENCES.length]!.slice(0, 78) + '\n';
  });
}

/** A report whose annex is one long table (header row, numbered rows with wide gaps, a status column). */
function tableText(bytes: number): string {
  const head = 'BÁO CÁO\nKết quả công tác năm 2023\n\nI. KẾT QUẢ\nTốt.\n\nPHỤ LỤC\nDANH SÁCH CÁC NHIỆM VỤ\n' +
    '(Kèm theo Báo cáo số 17/BC-UBND ngày 05 tháng 3 năm 2025 của Ủy ban nhân dân tỉnh Đồng Tháp)\n\n' +
    'STT  Nội dung  Đơn vị thực hiện  Thời gian  Kết quả\n';
  return head + fill(bytes - Buffer.byteLength(head), (i) => `${i + 1}  Tuyên truyền cải cách hành chính  Sở Nội vụ  Quý ${(i % 4) + 1}  ${i % 3 ? 'Hoàn thành' : 'Chưa đạt'}\n`);
}

/** Pieces joined until the UTF-8 size reaches `bytes`. */
function fill(bytes: number, piece: (i: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = piece(i);
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  return parts.join('');
}
