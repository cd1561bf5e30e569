import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import { readDateBlank } from '../../../src/core/segment/fill-ins.js';
import { foldKey } from '../../../src/core/segment/fold.js';

const at = (t: string) => readDateBlank(foldKey(t), t);

describe('a date line whose printed "tháng" a pen day wrecked', () => {
  it('gives the year, and the month when a wreck of "tháng" stands before it, never a day', () => {
    const d = at('Cần Thơ, ngày ká hông 9 năm 2024');
    assert.deepEqual([d?.iso, d?.day, d?.month, d?.year, d?.text], [null, null, 9, 2024, 'ngày ká hông 9 năm 2024']);
    // A legible day number with the month word gone: the day is still not guessed.
    assert.deepEqual([at('Vinh, ngày 17 thảng 4 năm 2023')?.iso, at('Vinh, ngày 17 thảng 4 năm 2023')?.day], ['2023-04-17', 17]);
    const bare = at('Vinh, ngày 17 4 năm 2023');
    assert.deepEqual([bare?.iso, bare?.day, bare?.month, bare?.year], [null, null, null, 2023]);
    // No word before the number that could be "tháng": the year only.
    assert.deepEqual([at('Huế, ngày xy quyết 5 năm 2022')?.month, at('Huế, ngày xy quyết 5 năm 2022')?.year], [null, 2022]);
  });

  it('reads no date where no month-like number stands before "năm", or the line is no place-and-date line', () => {
    for (const t of ['Huế, ngày ab cd 13 năm 2022', 'Huế, ngày ab 5 trong năm 2022', 'ngày 5 năm 2022', 'Căn cứ Luật số 12 ngày ab cd 5 năm 2022', 'Huế, ngày ab cd ef gh 5 năm 2022']) {
      assert.equal(at(t), undefined, t);
    }
  });

  it('puts the year in meta.year and marks the date uncertain, not missing', () => {
    const text = [
      'BỘ Y TẾ  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'BỆNH VIỆN ĐA KHOA  Độc lập - Tự do - Hạnh phúc',
      'Số: 12/KH-BV  Cần Thơ, ngày ká hông 9 năm 2024',
      'KẾ HOẠCH',
      'Khám sức khỏe định kỳ',
      '',
      '1. Mục đích',
    ].join('\n');
    const { structure, diagnostics } = segmentLines(linesFromText(text));
    const m = structure.meta;
    assert.deepEqual([m.date, m.dateText, m.year, m.place, m.uncertain], [null, 'ngày ká hông 9 năm 2024', 2024, 'Cần Thơ', ['date']]);
    const rules = diagnostics.map((d) => d.ruleId);
    assert.ok(rules.includes('segment/uncertain-date') && !rules.includes('segment/missing-date'), rules.join());
    assert.match(diagnostics.find((d) => d.ruleId === 'segment/uncertain-date')!.message, /the year 2024 is in meta\.year, the month reads 9,/);
  });
});
