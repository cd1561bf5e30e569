/**
 * Pen digits the machine wrote into the restored text (pages[].penValues) stay the pen model's
 * reading when the structure is read again from a person's corrected text: uncertain unless the
 * person changed them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { convert } from '../../src/pipeline/index.js';
import { readStructureAgain } from '../../src/pipeline/restructure.js';

const LINES = [
  'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  'Số: 275/TB-ĐHĐL  Hà Nội, ngày 28 tháng 02 năm 2022',
  'THÔNG BÁO',
  'Về kế hoạch giảng dạy',
  '',
  '1. Các khoa thực hiện kế hoạch.',
];

/** A converted notice whose number and day the pen gave (written at their blanks: "2J5", ")"). */
async function penned(): Promise<DocumentResult> {
  const r = await convert({ path: 'a.txt', data: new TextEncoder().encode(LINES.join('\n')) }, { segment: {} });
  const day = LINES[2]!.indexOf('28');
  const penValues = [{ field: 'number' as const, line: 3, start: 4, end: 7, replaced: '2J5' }, { field: 'day' as const, line: 3, start: day, end: day + 2, replaced: ')' }];
  const penFills = [{ field: 'number' as const, line: 3, digits: '275', confidence: [0.9, 0.9, 0.9], ink: 'dark' as const }];
  return { ...r, text: { ...r.text, restored: r.text.original }, review: [], restoreMode: 'clean', pages: r.pages.map((p) => ({ ...p, penFills, penValues })) };
}

describe('pen values in the text when the structure is read again', () => {
  it('keep their fields uncertain while the person has not changed them', async () => {
    const r = await penned();
    assert.equal(LINES[2]!.slice(4, 7), '275');
    const corrected = LINES.join('\n').replace('Các khoa', 'Các khoa, phòng');
    const again = await readStructureAgain(r, corrected);
    assert.deepEqual([again?.meta.number, again?.meta.date, again?.meta.uncertain], ['275/TB-ĐHĐL', '2022-02-28', ['number', 'date']]);
  });

  it('take a number the person wrote over the pen\'s as read', async () => {
    const again = await readStructureAgain(await penned(), LINES.join('\n').replace('275/', '276/'));
    assert.equal(again?.meta.number, '276/TB-ĐHĐL');
    assert.deepEqual(again?.meta.uncertain, ['date']);
  });
});
