import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../../src/core/document.js';
import { findBlanks, symbolStart } from '../../../src/ingest/pen/blanks.js';
import { advance } from '../../../src/ingest/pen/print-widths.js';

/** Words of one line laid out at 0.05 px per 1/1000 em (13 pt at 300 dpi), with their printed widths. */
function line(parts: (string | number)[], y = 300): OcrWord[] {
  const words: OcrWord[] = [];
  let x = 400;
  for (const p of parts) {
    if (typeof p === 'number') { x += p; continue; }
    const w = advance(p) * 0.05;
    words.push({ text: p, confidence: 95, bbox: [Math.round(x), y, Math.round(x + w), y + 50], line: 3 });
    x += w + 14;
  }
  return words;
}

describe('handwritten blanks located from OCR words', () => {
  it('finds the number blank between "Số:" and the symbol, and the day and month between the date words', () => {
    const words = line(['Số:', 200, '/TB-ĐHĐL', 300, 'Hà', 'Nội,', 'ngày', 120, 'tháng', 120, 'năm', '2025']);
    const blanks = findBlanks(words, 3508);
    assert.deepEqual(blanks.map((b) => b.field), ['number', 'day', 'month']);
    const [n, d, m] = blanks as [typeof blanks[0], typeof blanks[0], typeof blanks[0]];
    const at = (t: string) => words.find((w) => w.text === t)!.bbox;
    assert.ok(Math.abs(n.startX - at('Số:')[2]) <= 8 && n.stopX === at('/TB-ĐHĐL')[0]);
    assert.ok(d.startX <= at('tháng')[0] && d.startX >= at('ngày')[2] - 8 && d.stopX === at('tháng')[0]);
    assert.ok(m.startX >= at('tháng')[2] - 8 && m.stopX === at('năm')[0]);
    // Room above the line for digits that ride over the dots.
    assert.ok(n.box[1] < 300 - 50 && n.box[3] > 350);
  });

  it('finds the number blank after a label OCR read with another vowel ("sá:", "Sé:") and a dotted symbol', () => {
    for (const label of ['sá:', 'Sé:', 'S6:']) {
      const blanks = findBlanks(line([label, 200, '/TB.ĐHĐL']), 3508);
      assert.deepEqual(blanks.map((b) => b.field), ['number'], label);
    }
    assert.deepEqual(findBlanks(line(['Sa', 'Pa', 200, 'và/TB']), 3508), [], 'a place "Sa Pa" is no label');
  });

  it('measures the printed symbol from its right edge when OCR glued the pen digits to it', () => {
    const words = line(['Số:', 30, '2J5/TB-ĐHĐL']);
    const glued = words[1]!;
    const [n] = findBlanks(words, 3508);
    // "/TB-ĐHĐL" prints 4666/1000 em wide: the blank stops that far from the word's right edge.
    assert.ok(Math.abs(n!.stopX - (glued.bbox[2] - 4666 * 0.05)) < 3, String(n!.stopX));
    assert.ok(n!.startX < glued.bbox[0]);
  });

  it('takes the symbol from the slash a clean symbol follows, not a pen stroke read as a slash before a capital', () => {
    assert.equal(symbolStart('Sốz2⁄Lj6/TB-ĐHĐL'), 'Sốz2⁄Lj6'.length);
    assert.equal(symbolStart('2J5/2025/NĐ-CP,'), 3);
    // No clean symbol anywhere: the first slash before a capital, as before.
    assert.equal(symbolStart('x⁄Lj/TB-ĐHĐLxx'), 1);
    const words = line(['Số:', 30, 'Sz2⁄Lj6/TB-ĐHĐL']);
    const [n] = findBlanks(words, 3508);
    assert.ok(Math.abs(n!.stopX - (words[1]!.bbox[2] - 4666 * 0.05)) < 3, String(n!.stopX));
  });

  it('starts the day blank after "ngày", not after the place "Ngãi" a letter away from it', () => {
    const words = line(['Quảng', 'Ngãi,', 'ngày', 120, 'tháng', 120, 'năm', '2025']);
    const day = findBlanks(words, 3508).find((b) => b.field === 'day')!;
    const ngay = words.find((w) => w.text === 'ngày')!.bbox;
    assert.ok(day.startX >= ngay[2] - 8 && day.box[0] === ngay[0], String(day.startX));
  });

  it('keeps both date blanks in one box, left and right, when OCR lost "tháng"', () => {
    const blanks = findBlanks(line(['Hà', 'Nội,', 'ngày', 'ổ', '_~I', 'năm', '2025']), 3508);
    assert.deepEqual(blanks.map((b) => [b.field, b.half]), [['day', 'left'], ['month', 'right']]);
  });

  it('places the day blank inside one word when OCR glued "ngày", the pen and "tháng" ("ngàyÂÚtháng")', () => {
    const words = line(['Quảng', 'Ngãi,', 'ngàyÂÚtháng', '3', 'năm', '2018']);
    const glued = words[2]!.bbox;
    const day = findBlanks(words, 3508).find((b) => b.field === 'day')!;
    assert.equal(day.half, undefined);
    // The day runs from where "ngày" prints to where "tháng" starts, both measured in the word.
    assert.ok(Math.abs(day.startX - (glued[0] + advance('ngày') * 0.05)) < 3, String(day.startX));
    assert.ok(Math.abs(day.stopX - (glued[2] - advance('tháng') * 0.05)) < 3, String(day.stopX));
    assert.ok(findBlanks(words, 3508).some((b) => b.field === 'month' && b.startX >= glued[2] - 1));
  });

  it('finds nothing below the header or on a line without the printed words', () => {
    assert.deepEqual(findBlanks(line(['Số:', 200, '/TB-ĐHĐL'], 2000), 3508), []);
    assert.deepEqual(findBlanks(line(['Hà', 'Nội,', 'hôm', 'nay']), 3508), []);
  });
});
