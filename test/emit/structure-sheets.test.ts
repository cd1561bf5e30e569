import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Structure } from '../../src/core/segment/schema.js';
import { figuresCsv, sectionsCsv, tableCsvs } from '../../src/emit/structure-sheets.js';
import { parseCsv } from '../cli/run-cli.js';

const at = (page: number, lineStart: number, lineEnd = lineStart) => ({ page, lineStart, lineEnd });
const paragraph = (text: string, original: string, line: number) => ({ text, original, provenance: at(1, line) });

function structure(): Structure {
  const child = { number: '1', marker: 'arabic' as const, heading: 'Ưu điểm', kind: 'strengths' as const, level: 2, paragraphs: [paragraph('Đã hoàn thành.', 'Da hoan thanh.', 8)], children: [], provenance: at(1, 7), confidence: 0.9 };
  return {
    meta: { type: { code: 'BC', name: 'Báo cáo' }, number: '5/BC-UBND', issuer: { name: 'XÃ AN BÌNH', parent: 'ỦY BAN NHÂN DÂN' }, place: 'An Bình', date: '2024-01-02', dateText: 'ngày 02 tháng 01 năm 2024', title: 'Kết quả năm 2023', motto: true, completedFrom: [], provenance: at(1, 1, 4), confidence: 0.9 },
    preamble: [paragraph('Căn cứ Kế hoạch số 1/KH-UBND;', 'Can cu Ke hoach so 1/KH-UBND;', 5)],
    sections: [{ number: 'II', marker: 'roman', heading: 'ĐÁNH GIÁ', kind: 'assessment', level: 1, paragraphs: [], children: [child], provenance: at(1, 6), confidence: 0.9 }],
    closing: null,
    signature: null,
    recipients: [],
    recipientsInfo: null,
    annexes: [
      {
        title: 'BIỂU TỔNG HỢP', subtitle: null, reference: null, referenceInfo: null, issuer: null, place: null, date: null,
        tables: [{ columns: ['STT', '=Nội dung', 'Kết quả'], rows: [['1', 'Tuyên truyền', 'Đạt'], ['2', 'Hội nghị']], originalRows: [['1', 'Tuyen truyen', 'Dat'], ['2', 'Hoi nghi']], provenance: at(2, 3, 6), confidence: 0.8 }],
        sections: [], provenance: at(2, 1, 6), confidence: 0.8,
      },
    ],
    figures: [{ value: 900, text: '900 phút', unit: 'phút', phrase: 'khoảng 900 phút', provenance: at(1, 8), confidence: 0.9 }],
  };
}

describe('structure spreadsheets', () => {
  it('writes one sections row per paragraph with its section path, kind, restored and original text', async () => {
    const rows = parseCsv(await sectionsCsv(structure()));
    assert.deepEqual(rows.map((r) => [r.path, r.kind, r.text]), [
      ['(preamble)', 'preamble', 'Căn cứ Kế hoạch số 1/KH-UBND;'],
      ['II', 'assessment', ''],
      ['II > 1', 'strengths', 'Đã hoàn thành.'],
    ]);
    assert.equal(rows[2]!.original, 'Da hoan thanh.');
    assert.equal(rows[2]!.line_start, '8');
  });

  it('writes a table with its own header row, pads short rows and guards formula-like header cells', async () => {
    const [csv, ...more] = await tableCsvs(structure());
    assert.equal(more.length, 0);
    assert.ok(csv!.startsWith('\uFEFFSTT,\'=Nội dung,Kết quả\r\n'));
    const rows = parseCsv(csv!);
    assert.deepEqual(rows.map((r) => Object.values(r)), [['1', 'Tuyên truyền', 'Đạt'], ['2', 'Hội nghị', '']]);
  });

  it('writes figures with their value, unit and phrase', async () => {
    const rows = parseCsv(await figuresCsv(structure()));
    assert.deepEqual(rows.map((r) => [r.value, r.unit, r.phrase]), [['900', 'phút', 'khoảng 900 phút']]);
  });
});
