import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { readDateBlank, readNumberBlank } from '../../../src/core/segment/fill-ins.js';
import { foldKey } from '../../../src/core/segment/fold.js';
import { DocumentResultSchema } from '../../../src/core/schema.js';
import { metaSchema } from '../../../src/core/segment/schema.js';

/** A notice whose number and date were written by hand into the printed blanks, as OCR read them. */
const notice = (numberLine: string, dateText: string) => [
  'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  `${numberLine}  Hà Nội, ${dateText}`,
  'THÔNG BÁO',
  'Về việc tổ chức đăng ký môn học',
  '',
  '1. Sinh viên đăng ký trực tuyến.',
].join('\n');

const blank = (line: string) => readNumberBlank(foldKey(line), line);

describe('handwritten fill-ins in the header', () => {
  it('reads the printed skeleton of a number whose digits are not legible: the symbol, no digits', () => {
    for (const [line, asRead] of [['Số: 2J5/TB-ĐHĐL', '2J5'], ['Số: ...... /TB-ĐHĐL', '......'], ['Sốz2⁄Lj6/TB-ĐHĐL', '2⁄Lj6'], ['số: dô4Š /TB-ĐHĐL', 'dô4Š'], ['Số: /TB-ĐHĐL', ''], ['Šố:@6/0./TB-ĐHĐL', '@6/0.']] as const) {
      const b = blank(line);
      assert.deepEqual([b?.digits, b?.asRead, b?.symbol, b?.type?.code], [null, asRead, 'TB-ĐHĐL', 'TB'], line);
    }
    // OCR's dot or dash for the symbol's hyphen ("sá:XÄ24J /TB.DHĐL").
    for (const line of ['sá:XÄ24J /TB.ĐHĐL', 'Số: ...... /TB–ĐHĐL']) assert.equal(blank(line)?.symbol, 'TB-ĐHĐL', line);
    // Pen ink OCR read as marks without a digit is still a blank ("số: ®%Ù /TB-UBND" for 660); letters alone are not.
    assert.deepEqual([blank('số: ®%Ù /TB-UBND')?.symbol, blank('số: ®%Ù /TB-UBND')?.digits], ['TB-UBND', null]);
    assert.equal(blank('Số Ab C /TB-UBND'), null);
    // Legible digits apart from the dots of the blank are the number; a year before the symbol is kept.
    assert.deepEqual([blank('Số: 2116 ...... /TB-ĐHĐL')?.digits, blank('Số: ....../2020/NĐ-CP')?.year], ['2116', '2020']);
    // A line that only starts with S is no number line.
    for (const line of ['Sở Giáo dục và Đào tạo/Phòng Tổ chức-Cán bộ', 'Sinh viên khóa D16/TB-ĐHĐL', 'Số liệu tổng hợp']) assert.equal(blank(line), null, line);
  });

  it('reads the printed skeleton of a date whose day or month is not legible: the year, the date as read', () => {
    const at = (t: string) => readDateBlank(foldKey(t), t);
    for (const t of ['ngày tháng § năm 2025', 'ngày ØÄ tháng A0 năm 2025', 'ngày]. tháng J0. năm 2025', 'ngày Ttháng £ năm 2025']) {
      const d = at(`Hà Nội, ${t}`);
      assert.deepEqual([d?.iso, d?.year, d?.text], [null, 2025, t], t);
    }
    // The month legible, the day not.
    assert.deepEqual([at('ngày) Ñháng 02 năm 2022')?.month, at('ngày) Ñháng 02 năm 2022')?.day], [2, null]);
    assert.equal(at('ngày 28 tháng 02 năm 2022')?.iso, '2022-02-28');
    assert.equal(at('trong năm 2025'), undefined);
    // "Quảng Ngãi, ngày …": the blank is after "ngày", not after "Ngãi" (a letter away from it).
    const qn = at('Quảng Ngãi, ngày 7 tháng 02 năm 2025');
    assert.deepEqual([qn?.iso, qn?.text], ['2025-02-07', 'ngày 7 tháng 02 năm 2025']);
    // OCR glued the label, the pen day and "tháng" into one word: the skeleton still stands.
    const glued = at('Quảng Ngãi, ngàyÂÚtháng 3 năm 2018');
    assert.deepEqual([glued?.iso, glued?.day, glued?.month, glued?.year, glued?.text], [null, null, 3, 2018, 'ngàyÂÚtháng 3 năm 2018']);
    assert.equal(at('ngày20tháng 3 năm 2018')?.iso, '2018-03-20');
    // A long word that only starts like "ngày" is no glued date.
    assert.equal(at('ngàyxxxxxxxxthángg 3 năm 2018'), undefined);
  });

  it('keeps symbol and year in meta, marks number and date uncertain with warnings, and never calls them missing', () => {
    const { structure, diagnostics } = segmentLines(linesFromText(notice('Số: 2J5/TB-ĐHĐL', 'ngày ØÄ tháng A0 năm 2025')));
    const m = structure.meta;
    assert.deepEqual([m.number, m.numberSymbol, m.date, m.dateText, m.year, m.place], [null, 'TB-ĐHĐL', null, 'ngày ØÄ tháng A0 năm 2025', 2025, 'Hà Nội']);
    assert.deepEqual(m.uncertain, ['number', 'date']);
    assert.deepEqual(m.type, { code: 'TB', name: 'Thông báo' });
    assert.deepEqual(m.issuer, { name: 'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC', parent: 'BỘ CÔNG THƯƠNG' });
    const rules = diagnostics.map((d) => d.ruleId);
    assert.ok(rules.includes('segment/uncertain-number') && rules.includes('segment/uncertain-date'), rules.join());
    assert.ok(!rules.some((r) => r === 'segment/missing-number' || r === 'segment/missing-date' || r === 'segment/impossible-date'), rules.join());
    const number = diagnostics.find((d) => d.ruleId === 'segment/uncertain-number')!;
    assert.deepEqual([number.severity, number.place?.line], ['warning', 3]);
    assert.match(number.message, /"2J5" before "\/TB-ĐHĐL"/);
    assert.ok(metaSchema.safeParse(m).success);
  });

  it('reads legible handwritten digits as the number and date, with nothing uncertain', () => {
    const m = segmentLines(linesFromText(notice('Số: 2116 ....../TB-ĐHĐL', 'ngày 29 tháng 8 năm 2025'))).structure.meta;
    assert.deepEqual([m.number, m.numberSymbol, m.date, m.year, m.uncertain], ['2116/TB-ĐHĐL', 'TB-ĐHĐL', '2025-08-29', 2025, []]);
  });

  it('still validates a document written before these fields existed', () => {
    const old = { type: null, number: null, issuer: null, place: null, date: null, dateText: null, title: null, motto: false, completedFrom: [], provenance: null, confidence: 0 };
    assert.ok(metaSchema.safeParse(old).success);
    assert.ok(DocumentResultSchema.shape.meta.safeParse(old).success);
  });
});
