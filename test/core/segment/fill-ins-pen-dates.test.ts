import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import type { PenReading } from '../../../src/core/segment/fill-ins.js';

/** A provincial letter whose day was written by hand and OCR read it as the digits on line 3. */
const letter = (date: string) => linesFromText([
  'ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TỈNH QUẢNG NGÃI  Độc lập - Tự do - Hạnh phúc',
  `Số: 24/TTr-UBND  Quảng Ngãi, ${date}`,
  'TỜ TRÌNH',
  'Về việc phê duyệt kế hoạch',
  '',
  '1. Các sở thực hiện.',
].join('\n'));

/** A pen reading of line 3; `scale` is its glyphs' height over the print's (1.0: printed digits). */
const pen = (field: PenReading['field'], digits: string, scale: number, confidence = digits.split('').map(() => 0.97)): PenReading =>
  ({ page: 1, line: 3, field, digits, confidence, ink: 'dark', scale });
const meta = (date: string, readings: PenReading[]) => {
  const { structure, diagnostics } = segmentLines(letter(date), { fromOcr: true, pen: readings });
  return { date: structure.meta.date, uncertain: structure.meta.uncertain, rules: diagnostics.map((d) => d.ruleId) };
};

describe('a number OCR read legibly from pen ink', () => {
  const number = (readings: PenReading[]) => {
    const { structure, diagnostics } = segmentLines(letter('ngày 07 tháng 02 năm 2025'), { fromOcr: true, pen: readings });
    return { number: structure.meta.number, symbol: structure.meta.numberSymbol, uncertain: structure.meta.uncertain ?? [], rules: diagnostics.map((d) => d.ruleId) };
  };

  it('is left empty for review, its symbol kept, when the ink is handwriting and the pen reads other digits unsure', () => {
    const m = number([pen('number', '21', 1.23, [0.63, 0.52])]);
    assert.deepEqual([m.number, m.symbol, m.uncertain], [null, 'TTr-UBND', ['number']]);
    assert.ok(m.rules.includes('segment/uncertain-number'), m.rules.join());
  });

  it('takes the pen reading, flagged, from a small hand (1.2–1.25× the print) only when each digit it reads otherwise is very sure', () => {
    const taken = number([pen('number', '28', 1.23, [0.62, 0.91])]);
    assert.deepEqual([taken.number, taken.uncertain], ['28/TTr-UBND', ['number']]);
    assert.ok(taken.rules.includes('segment/handwritten-number'), taken.rules.join());
    // The differing digit read at 0.71: no value is given where one may be wrong.
    const left = number([pen('number', '14', 1.22, [0.71, 0.99])]);
    assert.deepEqual([left.number, left.uncertain], [null, ['number']]);
    // Unequal lengths align nowhere: every digit must be very sure.
    assert.equal(number([pen('number', '284', 1.23, [0.95, 0.97, 0.8])]).number, null);
    assert.equal(number([pen('number', '284', 1.23, [0.95, 0.97, 0.92])]).number, '284/TTr-UBND');
  });

  it('stands when the pen agrees, or the digits are print-sized', () => {
    for (const r of [pen('number', '24', 1.4, [0.6, 0.5]), pen('number', '21', 1.05, [0.63, 0.52]), pen('number', '024', 1.4)]) {
      assert.deepEqual([number([r]).number, number([r]).uncertain], ['24/TTr-UBND', []], r.digits);
    }
  });
});

describe('a day OCR read legibly from pen ink', () => {
  it('takes the pen reading, flagged, when the ink is handwriting and the pen reads other digits, sure', () => {
    const m = meta('ngày 2 tháng 12 năm 2024', [pen('day', '31', 1.49), pen('month', '12', 1.0)]);
    assert.deepEqual([m.date, m.uncertain], ['2024-12-31', ['date']]);
    assert.ok(m.rules.includes('segment/handwritten-date'), m.rules.join());
  });

  it('leaves the date empty for review when the pen reads other digits unsure, or a day that does not exist', () => {
    for (const [date, day] of [['ngày 2 tháng 12 năm 2024', pen('day', '31', 1.49, [0.97, 0.4])], ['ngày 2 tháng 02 năm 2024', pen('day', '31', 1.49)]] as const) {
      const m = meta(date, [day]);
      assert.deepEqual([m.date, m.uncertain], [null, ['date']], date);
      assert.ok(m.rules.includes('segment/uncertain-date'), m.rules.join());
    }
    // A blank date line ("ngày‡5"): OCR's legible 5 stands in pen the reader reads "15" unsure.
    const blank = meta('ngày 5 tháng 0] năm 2025', [pen('day', '15', 1.27, [0.56, 1]), pen('month', '01', 1.0)]);
    assert.deepEqual([blank.date, blank.uncertain], [null, ['date']]);
  });

  it('keeps OCR’s date when the digits are print-sized, or the pen agrees', () => {
    assert.deepEqual(meta('ngày 2 tháng 12 năm 2024', [pen('day', '3', 1.02)]), { date: '2024-12-02', uncertain: [], rules: meta('ngày 2 tháng 12 năm 2024', []).rules });
    assert.equal(meta('ngày 07 tháng 02 năm 2025', [pen('day', '7', 1.4)]).date, '2025-02-07');
    assert.deepEqual(meta('ngày 07 tháng 02 năm 2025', [pen('day', '07', 1.4)]).uncertain ?? [], []);
  });

  it('takes the pen’s sure month over the one OCR read legibly from handwriting, on a blank date line', () => {
    // "ngày) Tháng 09 năm 2022": the day is no digits, the month OCR's misreading of a pen "02".
    const m = meta('ngày) tháng 09 năm 2022', [pen('day', '28', 1.92), pen('month', '02', 1.65, [0.99, 0.71])]);
    assert.deepEqual([m.date, m.uncertain], ['2022-02-28', ['date']]);
    // Print-sized digits that the pen reads otherwise stay a dispute: no date.
    assert.equal(meta('ngày) tháng 09 năm 2022', [pen('day', '28', 1.92), pen('month', '02', 1.05)]).date, null);
  });

  it('keeps OCR’s date when the pen reads no day or month at all (a glyph of the next word cut in)', () => {
    const m = meta('ngày 26 tháng 7 năm 2020', [pen('day', '26', 1.38, [0.96, 0.39]), pen('month', '71', 1.22)]);
    assert.deepEqual([m.date, m.uncertain ?? []], ['2020-07-26', []]);
    // A real month other than OCR's still disputes it.
    assert.equal(meta('ngày 26 tháng 7 năm 2020', [pen('month', '11', 1.22, [0.97, 0.4])]).date, null);
  });
});
