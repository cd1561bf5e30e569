import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { penDate, penNumber, type PenReading } from '../../../src/core/segment/fill-ins.js';
import { metaSchema } from '../../../src/core/segment/schema.js';

/** A notice whose number and date were written by hand, as OCR read them (line 3 holds both blanks). */
const notice = [
  'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  'Số: 2J5/TB-ĐHĐL  Hà Nội, ngày ØÄ tháng 02 năm 2022',
  'THÔNG BÁO',
  'Về kế hoạch giảng dạy',
  '',
  '1. Các khoa thực hiện.',
].join('\n');

const pen = (field: PenReading['field'], digits: string, confidence = digits.split('').map(() => 0.97), line = 3): PenReading => ({ page: 1, line, field, digits, confidence, ink: 'dark' });
const segment = (readings: PenReading[]) => segmentLines(linesFromText(notice), { fromOcr: true, pen: readings });

describe('pen readings of handwritten blanks in the header', () => {
  it('fill meta.number and meta.date and keep both uncertain, with a warning to confirm them', () => {
    const { structure, diagnostics } = segment([pen('number', '275'), pen('day', '28'), pen('month', '02')]);
    const m = structure.meta;
    assert.deepEqual([m.number, m.numberSymbol, m.date, m.year, m.uncertain], ['275/TB-ĐHĐL', 'TB-ĐHĐL', '2022-02-28', 2022, ['number', 'date']]);
    const rules = diagnostics.map((d) => d.ruleId);
    assert.ok(rules.includes('segment/handwritten-number') && rules.includes('segment/handwritten-date'), rules.join(' '));
    assert.ok(!rules.includes('segment/uncertain-number') && !rules.includes('segment/uncertain-date'));
    assert.match(diagnostics.find((d) => d.ruleId === 'segment/handwritten-number')!.message, /275 \(0\.97 0\.97 0\.97\)/);
    assert.ok(metaSchema.safeParse(m).success);
  });

  it('keep the skeleton when a digit is unsure, a date does not exist, or the pen disagrees with legible OCR', () => {
    const cases: [PenReading[], string | null, string | null][] = [
      [[pen('number', '275', [0.97, 0.4, 0.99])], null, null],
      [[pen('number', '000')], null, null],
      // 30 February does not exist; the OCR read the month "02" legibly.
      [[pen('day', '30')], null, null],
      // The pen's month 03 disagrees with the OCR's legible 02.
      [[pen('day', '28'), pen('month', '03')], null, null],
      // The readings of another line are not the header's.
      [[pen('number', '275', undefined, 5), pen('day', '28', undefined, 5)], null, null],
      // The day alone, with the OCR's legible month.
      [[pen('day', '28')], null, '2022-02-28'],
    ];
    for (const [readings, number, date] of cases) {
      const { structure, diagnostics } = segment(readings);
      assert.deepEqual([structure.meta.number, structure.meta.date, structure.meta.uncertain], [number, date, ['number', 'date']], JSON.stringify(readings));
      if (!number) assert.ok(diagnostics.some((d) => d.ruleId === 'segment/uncertain-number'));
    }
  });

  it('take the place of legible OCR digits only when the ink is taller than the print (handwriting) and every digit is sure', () => {
    // Tesseract read the pen "899" as the legible "922".
    const legible = segmentLines(linesFromText(notice.replace('2J5/', '922/')), { fromOcr: true, pen: [] });
    assert.equal(legible.structure.meta.number, '922/TB-ĐHĐL');
    assert.ok(!(legible.structure.meta.uncertain ?? []).includes('number'));
    const read = (r: PenReading) => segmentLines(linesFromText(notice.replace('2J5/', '922/')), { fromOcr: true, pen: [r] });
    const tall = read({ ...pen('number', '899'), scale: 1.6 });
    assert.equal(tall.structure.meta.number, '899/TB-ĐHĐL');
    assert.ok((tall.structure.meta.uncertain ?? []).includes('number'), 'stays uncertain for a person to confirm');
    assert.match(tall.diagnostics.find((d) => d.ruleId === 'segment/handwritten-number')!.message, /OCR read "922".*899/);
    // As tall as print (printed digits) or no scale measured: OCR's digits stand.
    for (const r of [{ ...pen('number', '899'), scale: 1.0 }, pen('number', '899')]) {
      assert.equal(read(r).structure.meta.number, '922/TB-ĐHĐL', JSON.stringify(r));
    }
    // Handwriting read otherwise with a digit unsure: neither reading is taken, the number is left for review.
    const unsure = read({ ...pen('number', '899', [0.97, 0.5, 0.97]), scale: 1.6 }).structure.meta;
    assert.deepEqual([unsure.number, unsure.uncertain?.includes('number')], [null, true]);
  });

  it('are no number when they hold fewer than half the marks OCR saw in the blank (a digit lost)', () => {
    const lines = linesFromText(notice.replace('2J5/', '4‡1/'));
    assert.equal(penNumber([pen('number', '1')], lines[2]), null);
    assert.equal(penNumber([pen('number', '11')], lines[2])?.number.full, '11/TB-ĐHĐL');
    const leader = linesFromText(notice.replace('2J5/', '……1/'));
    assert.equal(penNumber([pen('number', '7')], leader[2])?.number.full, '7/TB-ĐHĐL', 'leader dots are no marks');
  });

  it('read only the header line they belong to', () => {
    const lines = linesFromText(notice);
    assert.equal(penNumber([pen('number', '275')], lines[1]), null);
    assert.equal(penNumber([pen('number', '275')], lines[2])?.number.full, '275/TB-ĐHĐL');
    assert.equal(penDate([pen('day', '28'), pen('month', '2')], lines[2], 'ngày ØÄ tháng 02 năm 2022')?.iso, '2022-02-28');
    assert.equal(penDate([pen('day', '28'), pen('month', '2')], lines[2], null), null);
  });
});
