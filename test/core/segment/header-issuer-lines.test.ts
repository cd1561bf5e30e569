import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';

describe("the header's issuer read from the column's lines", () => {
  it('is not cut inside "CÔNG THƯƠNG", nor joined to a speck OCR read left of the motto', () => {
    const text = [
      'BỘ NÔNG NGHIỆP  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      ',  ˆ  Độc lập - Tự do - Hạnh phúc',
      'TRƯỜNG CAO ĐẲNG CÔNG THƯƠNG',
      'MIỀN TRUNG',
      'Số: 15/KH-CĐ  Đà Nẵng, ngày 3 tháng 4 năm 2025',
      'KẾ HOẠCH',
      'Tuyển sinh năm 2025',
      '',
      '1. Mục đích',
    ].join('\n');
    const m = segmentLines(linesFromText(text)).structure.meta;
    assert.deepEqual(m.issuer, { name: 'TRƯỜNG CAO ĐẲNG CÔNG THƯƠNG MIỀN TRUNG', parent: 'BỘ NÔNG NGHIỆP' });
    assert.equal(m.date, '2025-04-03');
  });
});
