/** Small generated Vietnamese reports (~3 KB of text each) for the batch benches: varied, deterministic. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LINES = [
  'Ủy ban nhân dân xã đã ban hành Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 về cải cách hành chính;',
  'tuyên truyền, phổ biến kết quả các chỉ số cải cách hành chính tới cán bộ, công chức, viên chức và nhân dân.',
  'Cập nhật, rà soát, niêm yết công khai đầy đủ các thủ tục hành chính đã được sửa đổi, bổ sung.',
];

export function generatedReport(i: number): string {
  const lines = [`BÁO CÁO SỐ ${i}/BC-UBND`, '', 'Kết quả công tác cải cách hành chính năm 2023', ''];
  for (let n = 0; Buffer.byteLength(lines.join('\n')) < 2900; n++) lines.push(n % 8 === 7 ? `\n${(n % 5) + 1}. KẾT QUẢ THỰC HIỆN\n` : LINES[(i + n) % LINES.length]!);
  return lines.join('\n') + '\n';
}

/** Writes `count` reports as report-0000.txt… into `dir`. */
export async function writeGeneratedReports(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) await writeFile(join(dir, `report-${String(i).padStart(4, '0')}.txt`), generatedReport(i));
}

const CONVERT_SENTENCES = [
  'Ủy ban nhân dân xã đã ban hành Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 về cải cách hành chính nhà nước năm 2023;',
  'tuyên truyền, phổ biến kết quả các chỉ số cải cách hành chính tới cán bộ, công chức, viên chức và nhân dân trên địa bàn xã.',
  'Cập nhật, rà soát, niêm yết công khai đầy đủ các thủ tục hành chính đã được sửa đổi, bổ sung lên Trang thông tin điện tử.',
  'Kết quả việc tổ chức tuyên truyền công tác cải cách hành chính đạt 100%, đảm bảo theo đúng kế hoạch đề ra.',
];

/** bench:convert's ~3 KB report (its digests are kept in bench/convert-reference.json): header, numbered sections, wrapped paragraphs, list items. */
export function convertBenchReport(i: number): string {
  const lines = [`BÁO CÁO SỐ ${i}/BC-UBND`, '', 'Kết quả công tác tuyên truyền cải cách hành chính năm 2023', ''];
  let s = i;
  while (Buffer.byteLength(lines.join('\n')) < 2900) {
    const n = lines.length;
    if (n % 9 === 0) lines.push('', `${(n % 5) + 1}. KẾT QUẢ THỰC HIỆN NHIỆM VỤ`, '');
    else if (n % 7 === 0) lines.push(`- ${CONVERT_SENTENCES[s++ % CONVERT_SENTENCES.length]!.slice(0, 70)}`);
    else lines.push(CONVERT_SENTENCES[s++ % CONVERT_SENTENCES.length]!.slice(0, 78));
  }
  return lines.join('\n') + '\n';
}
