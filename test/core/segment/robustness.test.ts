/** Odd input never crashes the segmenter and always gives a structure the JSON schema accepts. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkingDocument } from '../../../src/core/document.js';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { structureSchema } from '../../../src/core/segment/schema.js';
import { segmentStage } from '../../../src/core/segment/stage.js';

const ODD = ['', '\n\n\n', '\f\f', 'Nơi nhận:', 'PHỤ LỤC', 'TM.', 'KT. ', 'Số: /', 'ngày 32 tháng 13 năm 2023', 'I.\nII.\n1.\na)\n-\n+',
  '(Kèm theo Báo cáo số', 'BIỂU TỔNG HỢP\n(Kèm theo)\nSTT\n1\n2\n3', '\u0000\u0001', 'x'.repeat(20000), 'Điều 4.\n\f\nĐiều 5.'];
const PIECES = ['ỦY BAN NHÂN DÂN', 'Số: 1/BC-UBND', 'ngày 1 tháng 1 năm 2020', 'BÁO CÁO', 'I. KẾT QUẢ', '1. A', 'a) b', '- c', 'Nơi nhận:', '- Lưu: VT.',
  'TM. UBND', 'Chủ tịch', 'Nguyễn Văn An', 'PHỤ LỤC', '(Kèm theo Kế hoạch số 2/KH ngày 2/2/2020 của UBND)', 'STT Nội dung Kết quả', '1 x Đạt', '', '\f', 'Trên đây là báo cáo./.'];

describe('segmenter robustness', () => {
  it('gives a valid structure for odd input and for shuffled pieces of documents', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const inputs = [...ODD, ...Array.from({ length: 150 }, () => Array.from({ length: 5 + Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('\n'))];
    for (const text of inputs) {
      const parsed = structureSchema.safeParse(segmentLines(linesFromText(text)).structure);
      assert.ok(parsed.success, `${JSON.stringify(text.slice(0, 60))}: ${parsed.success ? '' : parsed.error.message}`);
    }
  });
  it('turns a failure inside the stage into a diagnostic', () => {
    const doc = { source: { path: 'x', kind: 'text', sha256: '', bytes: 0, pages: 1, encoding: null }, original: 'a', pages: null, paragraphs: [], diagnostics: [] } as unknown as WorkingDocument;
    segmentStage(doc);
    assert.equal(doc.structure, undefined);
    assert.deepEqual(doc.diagnostics.map((d) => d.ruleId), ['segment/failed']);
  });
});
