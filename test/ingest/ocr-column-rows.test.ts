import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import { headerInRows } from '../../src/ingest/ocr/column-rows.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import { linesFromText } from '../../src/core/segment/lines.js';
import { segmentLines } from '../../src/core/segment/segment.js';

/** A page as Tesseract gives it: each line's words with boxes (10 px a letter, 20 px tall), lines in the order given. */
function page(lines: [string, number, number][]): OcrPageResult {
  const words: OcrWord[] = [];
  lines.forEach(([text, x, y], k) => {
    let at = x;
    for (const w of text.split(' ')) {
      // Each extra space is a wider gap (a column gap when there are several).
      if (w === '') { at += 30; continue; }
      words.push({ text: w, confidence: 90, bbox: [at, y, at + 10 * w.length, y + 20], line: k + 1 });
      at += 10 * w.length + 10;
    }
  });
  return { lines: lines.map(([t]) => t), words, confidence: 90 };
}

// A signing box at the top right starts the right column higher, so Tesseract reads it first:
// box, motto, date, and only then the issuer and the number.
const RIGHT_FIRST = page([
  ['Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi', 1300, 20],
  ['Thời gian ký: 12.09.2025 10:15:23 +07:00', 1300, 50],
  ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1000, 100],
  ['Độc lập - Tự do - Hạnh phúc', 1100, 130],
  ['Quảng Ngãi, ngày 12 tháng 9 năm 2025', 1050, 190],
  ['ỦY BAN NHÂN DÂN', 200, 102],
  ['TỈNH QUẢNG NGÃI', 200, 132],
  ['Số: 123/BC-UBND', 200, 188],
  ['BÁO CÁO', 800, 260],
  ['Kết quả thực hiện nhiệm vụ quý III năm 2025 trên địa bàn tỉnh', 400, 290],
  ['I. KẾT QUẢ', 200, 340],
]);

describe('the two-column header of an OCR page, read in rows', () => {
  it('puts each left line beside the right line at its height', () => {
    const r = headerInRows(RIGHT_FIRST);
    assert.deepEqual(r.lines.slice(0, 6), [
      'Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi',
      'Thời gian ký: 12.09.2025 10:15:23 +07:00',
      'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc',
      'Số: 123/BC-UBND  Quảng Ngãi, ngày 12 tháng 9 năm 2025',
      'BÁO CÁO',
    ]);
    assert.equal(r.words.length, RIGHT_FIRST.words.length);
    assert.ok(r.words.filter((w) => w.line === 3).some((w) => w.text === 'ỦY'), 'words follow their line');
  });

  it('gives the right issuer, number, place and date where the column order did not', () => {
    const read = (p: OcrPageResult) => segmentLines(linesFromText(p.lines.join('\n')), { fromOcr: true }).structure.meta;
    const meta = read(headerInRows(RIGHT_FIRST));
    assert.deepEqual(meta.issuer, { name: 'TỈNH QUẢNG NGÃI', parent: 'ỦY BAN NHÂN DÂN' });
    assert.equal(meta.number, '123/BC-UBND');
    assert.equal(meta.place, 'Quảng Ngãi');
    assert.equal(meta.date, '2025-09-12');
    assert.equal(meta.eSignatures?.[0]?.signer, 'Ủy ban nhân dân tỉnh Quảng Ngãi');
    assert.notDeepEqual(read(RIGHT_FIRST).issuer, meta.issuer, 'as Tesseract ordered them, the issuer is lost');
  });

  it('leaves a header Tesseract read in rows, and a page without two columns, as they are', () => {
    const rows = page([
      ['ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 200, 100],
      ['TỈNH QUẢNG NGÃI    Độc lập - Tự do - Hạnh phúc', 200, 130],
      ['Số: 123/BC-UBND    Quảng Ngãi, ngày 12 tháng 9 năm 2025', 200, 190],
      ['BÁO CÁO', 800, 260],
    ]);
    assert.equal(headerInRows(rows), rows);
    const prose = page([['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2025 của Quốc hội', 200, 100], ['và các văn bản hướng dẫn thi hành có liên quan đến việc báo cáo', 200, 130], ['I. KẾT QUẢ', 200, 160]]);
    assert.equal(headerInRows(prose), prose);
  });
});
