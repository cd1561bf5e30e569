import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, PenFill, WorkingDocument } from '../../../src/core/document.js';
import { normaliseParagraphText, paragraphsFromPages } from '../../../src/core/paragraphs.js';
import { segmentStage } from '../../../src/core/segment/stage.js';
import { dateEdits, numberEdit, writePenValues } from '../../../src/core/segment/pen-values.js';
import { reviewTargets } from '../../../src/core/corrections.js';
import { toDocumentResult, validateDocumentResult } from '../../../src/core/schema.js';

/** A notice whose number and date were written by hand, as OCR read them (line 3 holds both blanks). */
const notice = (blanks = 'Số: 2J5/TB-ĐHĐL  Hà Nội, ngày) tháng § năm 2022') => [
  'BỘ CÔNG THƯƠNG  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'TRƯỜNG ĐẠI HỌC ĐIỆN LỰC  Độc lập - Tự do - Hạnh phúc',
  blanks,
  'THÔNG BÁO',
  'Về kế hoạch giảng dạy',
  '',
  '1. Các khoa thực hiện kế hoạch.',
];

const pen = (field: PenFill['field'], digits: string, confidence = digits.split('').map(() => 0.97)): PenFill => ({ line: 3, field, digits, confidence, ink: 'dark' });

/** The working document after restore (which left the lines as read) and segment, with pen readings on page 1. */
function segmented(lines: string[], penFills: PenFill[], review: WorkingDocument['review'] = []): WorkingDocument {
  const page: Page = { number: 1, lines, method: 'ocr', confidence: 90, penFills };
  const doc: WorkingDocument = {
    source: { path: 'scan.png', kind: 'image', sha256: '0'.repeat(64), bytes: 0, pages: 1, encoding: null },
    original: lines.join('\n'), pages: [page], paragraphs: paragraphsFromPages([page]), diagnostics: [],
  };
  doc.restored = doc.original;
  for (const p of doc.paragraphs) p.restored = p.text = normaliseParagraphText(p.text);
  doc.review = review;
  doc.restoreMode = 'vie-ocr';
  segmentStage(doc);
  return doc;
}

describe('pen values written into the restored text', () => {
  it('writes the number and date the header took at their blanks, keeping the text as read, and names the characters', () => {
    const doc = segmented(notice(), [pen('number', '275'), pen('day', '28'), pen('month', '02')]);
    assert.deepEqual([doc.structure!.meta.number, doc.structure!.meta.date], ['275/TB-ĐHĐL', '2022-02-28']);
    writePenValues(doc);
    const line = doc.restored!.split('\n')[2]!;
    assert.equal(line, 'Số: 275/TB-ĐHĐL  Hà Nội, ngày 28 tháng 02 năm 2022');
    assert.equal(doc.original.split('\n')[2], notice()[2], 'the text as read keeps OCR\'s junk');
    const values = doc.pages[0]!.penValues!;
    assert.deepEqual(values.map((v) => [v.field, line.slice(v.start, v.end), v.replaced]), [['number', '275', '2J5'], ['day', '28', ')'], ['month', '02', '§']]);
    assert.ok(doc.diagnostics.some((d) => d.ruleId === 'segment/pen-values' && d.severity === 'info' && d.place?.line === 3));
    assert.ok(doc.paragraphs.some((p) => p.restored?.includes('Số: 275/TB-ĐHĐL')), 'paragraphs follow the restored text');
    const result = toDocumentResult(doc);
    const checked = validateDocumentResult(result);
    assert.ok(checked.ok, checked.ok ? '' : checked.message);
  });

  it('writes nothing for a reading the header left flagged without a value', () => {
    // A digit under the bar: the number stays empty for review; the date's month is not legible and has no pen reading.
    const doc = segmented(notice(), [pen('number', '275', [0.97, 0.4, 0.99]), pen('day', '28')]);
    assert.deepEqual([doc.structure!.meta.number, doc.structure!.meta.date], [null, null]);
    writePenValues(doc);
    assert.equal(doc.restored, doc.original);
    assert.equal(doc.pages[0]!.penValues, undefined);
    assert.ok(!doc.diagnostics.some((d) => d.ruleId === 'segment/pen-values'));
  });

  it('writes only the part the pen filled: a month OCR read legibly stays as read', () => {
    const doc = segmented(notice('Số: 2J5/TB-ĐHĐL  Hà Nội, ngày tháng 02 năm 2022'), [pen('day', '28')]);
    assert.equal(doc.structure!.meta.date, '2022-02-28');
    writePenValues(doc);
    assert.equal(doc.restored!.split('\n')[2], 'Số: 2J5/TB-ĐHĐL  Hà Nội, ngày 28 tháng 02 năm 2022');
    assert.deepEqual(doc.pages[0]!.penValues!.map((v) => v.field), ['day']);
  });

  it('keeps review items on the line placed, and drops those of the junk replaced', () => {
    const review = [
      { page: 1, line: 3, original: '2J5', restored: '2J5', confidence: 0.2, alternatives: [] },
      { page: 1, line: 3, original: 'Nội', restored: 'Nội', confidence: 0.5, alternatives: [] },
    ];
    const doc = segmented(notice(), [pen('number', '275'), pen('day', '28'), pen('month', '02')], review);
    writePenValues(doc);
    assert.deepEqual(doc.review!.map((r) => r.original), ['Nội']);
    const [target] = reviewTargets(toDocumentResult(doc));
    const line = doc.restored!.split('\n')[2]!;
    assert.equal(line.slice(target!.start!, target!.end!), 'Nội');
  });

  it('finds the blanks however OCR left them: glued to the label, spaced before the slash, glued into one word', () => {
    assert.deepEqual(numberEdit('Số: 202Ó.. /TB-ĐHĐL', '2095'), { field: 'number', start: 4, end: 10, digits: '2095' });
    assert.deepEqual(numberEdit('Số:/TB-ĐHĐL', '12'), { field: 'number', start: 3, end: 3, digits: ' 12' });
    assert.equal(numberEdit('Số: 12/TB-ĐHĐL', '12'), null, 'the digits are there already');
    assert.equal(numberEdit('Thông báo số 12', '12'), null);
    const glued = 'Hà Nội, ngàyÂÚtháng 3 năm 2018';
    const [day] = dateEdits(glued, '20', '3');
    assert.equal(glued.slice(day!.start, day!.end), 'ÂÚ');
    assert.equal(dateEdits(glued, null, '3').length, 0, 'the month already reads 3');
    assert.deepEqual(dateEdits('không có ngày', '1', '2'), []);
  });
});
