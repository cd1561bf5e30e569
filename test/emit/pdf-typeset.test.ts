import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { embedTextFont } from '../../src/emit/pdf-font.js';
import { wrap } from '../../src/emit/pdf-typeset.js';

describe('typeset line wrapping', () => {
  let font: PDFFont;
  before(async () => { font = (await embedTextFont(await PDFDocument.create())).font; });
  const fits = (row: string, width: number) => font.widthOfTextAtSize(row, 13) <= width + 0.5;

  it('breaks at spaces, every row within the width, no word lost or split', () => {
    const line = 'Ủy ban nhân dân xã Ngọc Kỳ báo cáo kết quả thực hiện công tác tuyên truyền cải cách hành chính năm 2023 như sau';
    const rows = wrap(line, 300, font);
    assert.ok(rows.length > 1);
    for (const row of rows) assert.ok(fits(row, 300), row);
    assert.deepEqual(rows.join(' ').split(/\s+/), line.split(/\s+/));
  });

  it('keeps an empty line and a leading indent', () => {
    assert.deepEqual(wrap('', 300, font), ['']);
    assert.deepEqual(wrap('   thụt lề', 300, font), ['   thụt lề']);
  });

  it('cuts a word wider than a row, keeping all its letters', () => {
    const word = 'đ'.repeat(500);
    const rows = wrap(word, 200, font);
    assert.ok(rows.length > 1);
    for (const row of rows) assert.ok(fits(row, 200));
    assert.equal(rows.join(''), word);
  });
});
