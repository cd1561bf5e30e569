import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, WorkingDocument } from '../../../src/core/document.js';
import { normaliseParagraphText, paragraphsFromPages } from '../../../src/core/paragraphs.js';
import { segmentStage } from '../../../src/core/segment/stage.js';

/** A notice's page whose signature column's position and name were read from the seal's red ink (lines 10 and 11). */
const lines = [
  'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG  Độc lập - Tự do - Hạnh phúc',
  'Số: 12/KH-DCT  Thành phố Hồ Chí Minh, ngày 5 tháng 6 năm 2026',
  'KẾ HOẠCH',
  'Khảo sát sự hài lòng',
  '',
  'Các đơn vị liên quan phối hợp triển khai thực hiện./.',
  'Nơi nhận:  KT. HIỆU TRƯỞNG',
  '- Lưu: VT, QLCL.',
  'PHÓ HIỆU TRƯỞNG',
  'Lê Văn Bình',
];

function documentOf(redLines?: number[]): WorkingDocument {
  const page: Page = { number: 1, lines, method: 'ocr', confidence: 90, ...(redLines ? { redLines } : {}) };
  const doc: WorkingDocument = {
    source: { path: 'scan.png', kind: 'image', sha256: '0'.repeat(64), bytes: 0, pages: 1, encoding: null },
    original: lines.join('\n'), pages: [page], paragraphs: paragraphsFromPages([page]), diagnostics: [],
  };
  doc.restored = doc.original;
  for (const p of doc.paragraphs) p.restored = p.text = normaliseParagraphText(p.text);
  return doc;
}

describe('a signer read from the seal\'s red ink alone', () => {
  it('is flagged uncertain, position and name each where its line is red, and said', () => {
    const doc = segmentStage(documentOf([10, 11]));
    const s = doc.structure!.signature!;
    assert.deepEqual([s.authority, s.position, s.name, s.uncertain], ['KT.', 'PHÓ HIỆU TRƯỞNG', 'Lê Văn Bình', ['position', 'name']]);
    assert.equal(doc.diagnostics.filter((d) => d.ruleId === 'segment/red-print-signer' && d.severity === 'warning').length, 2);
    const nameOnly = segmentStage(documentOf([11])).structure!.signature!;
    assert.deepEqual(nameOnly.uncertain, ['name']);
  });

  it('leaves a block read from black print as it was', () => {
    const doc = segmentStage(documentOf());
    assert.equal(doc.structure!.signature!.uncertain, undefined);
    assert.ok(!doc.diagnostics.some((d) => d.ruleId === 'segment/red-print-signer'));
  });
});
