/** Section kinds, the heading hierarchy and its tree, paragraphs and figures. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kindOfHeading } from '../../../src/core/segment/kinds.js';
import { headingOf } from '../../../src/core/segment/headings.js';
import { foldKey } from '../../../src/core/segment/fold.js';
import { findFigures } from '../../../src/core/segment/figures.js';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import type { SectionNode } from '../../../src/core/segment/schema.js';

const seg = (lines: string[]) => segmentLines(linesFromText(lines.join('\n'))).structure;
const marker = (t: string) => headingOf(t, foldKey(t));
const P = { page: 1, lineStart: 1, lineEnd: 1 };

describe('section kinds', () => {
  const cases: [string, string][] = [
    ['KẾT QUẢ THỰC HIỆN', 'results'],
    ['ĐÁNH GIÁ CHUNG', 'assessment'],
    ['PANH GIA VE CONG TAC TUYEN TRUYEN', 'assessment'],
    ['Ưu điểm', 'strengths'],
    ['Tồn tại, hạn chế', 'limitations'],
    ['Về ưu điểm, tồn tại, hạn chế', 'assessment'],
    ['Nguyên nhân', 'causes'],
    ['Bài học kinh nghiệm', 'lessons'],
    ['Đề xuất, kiến nghị', 'proposals'],
    ['PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024', 'directions'],
    ['NHIỆM VỤ TRỌNG TÂM TRONG THỜI GIAN TỚI', 'directions'],
    ['MỤC ĐÍCH, YÊU CẦU', 'purpose'],
    ['NHIỆM VỤ, GIẢI PHÁP', 'solutions'],
    ['Nhiệm vụ cụ thể', 'tasks'],
    ['NỘI DUNG KẾ HOẠCH', 'tasks'],
    ['CHẾ ĐỘ BÁO CÁO', 'implementation'],
    ['TỔ CHỨC THỰC HIỆN', 'implementation'],
    ['PHỤ LỤC', 'annex'],
    ['Thông tin chung', 'other'],
  ];
  for (const [heading, kind] of cases) {
    it(`names "${heading}" ${kind}`, () => assert.equal(kindOfHeading(heading) ?? 'other', kind));
  }
  it('lets a weak "triển khai" heading keep its parent\'s kind, but not at the top', () => {
    assert.equal(kindOfHeading('Công tác triển khai', 'results'), null);
    assert.equal(kindOfHeading('Công tác triển khai'), 'implementation');
    assert.equal(kindOfHeading('Tổ chức thực hiện', 'results'), 'implementation');
    assert.equal(kindOfHeading('Nội dung, hình thức tuyên truyền', 'results'), null);
  });
});

describe('heading markers', () => {
  it('reads every level of the Vietnamese hierarchy', () => {
    assert.deepEqual(marker('Phần I. TÌNH HÌNH CHUNG'), { kind: 'part', number: 'Phần I', textStart: 8 });
    assert.equal(marker('Chương II QUY ĐỊNH CHUNG')?.kind, 'chapter');
    assert.deepEqual(marker('II. ĐÁNH GIÁ'), { kind: 'roman', number: 'II', textStart: 4 });
    assert.equal(marker('Điều 3. Hiệu lực thi hành')?.number, 'Điều 3');
    assert.deepEqual(marker('1. Công tác chỉ đạo'), { kind: 'arabic', number: '1', textStart: 3 });
    assert.equal(marker('2.1. Nội dung tuyên truyền')?.number, '2.1');
    assert.equal(marker('2.1.3. Chi tiết')?.kind, 'decimal3');
    assert.equal(marker('a) Tuyên truyền trực quan')?.number, 'a');
    assert.equal(marker('- Thông tin kịp thời')?.kind, 'dash');
    assert.equal(marker('+ Trên trang điện tử')?.kind, 'plus');
  });
  it('does not take numbers, dates or sentences for headings', () => {
    assert.equal(marker('2023 là năm bản lề'), null);
    assert.equal(marker('101 của các bộ phận chuyên môn'), null);
    assert.equal(marker('Trong năm 2023, UBND xã đã'), null);
    assert.equal(marker('IV'), null);
  });
});

describe('section tree', () => {
  const s = seg([
    'I. KẾT QUẢ ĐẠT ĐƯỢC', '1. Công tác chỉ đạo', 'Đã ban hành kế hoạch.', '2. Kết quả cụ thể', '2.1. Tuyên truyền', 'Đăng 60 tin bài.',
    'a) Trực quan', '- Treo 20 khẩu hiệu;', '+ Tại trụ sở xã.', '2.2. Thống kê', 'Có 55 lượt.', '',
    'II. TỒN TẠI, HẠN CHẾ', 'Kinh phí còn hạn chế.', 'III. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2024', '1. Tiếp tục tuyên truyền.', '2. Duy trì chuyên mục.',
  ]);
  const shape = (xs: SectionNode[]): unknown[] => xs.map((x) => [x.number, x.level, x.kind, shape(x.children)]);
  it('nests each marker under the nearest open section of an outer rank', () => {
    assert.deepEqual(shape(s.sections), [
      ['I', 1, 'results', [
        ['1', 2, 'results', []],
        ['2', 2, 'results', [
          ['2.1', 3, 'results', [['a', 4, 'results', [['-', 5, 'results', [['+', 6, 'results', []]]]]]]],
          ['2.2', 3, 'results', []],
        ]],
      ]],
      ['II', 1, 'limitations', []],
      ['III', 1, 'directions', [['1', 2, 'directions', []], ['2', 2, 'directions', []]]],
    ]);
  });
  it('keeps body text as paragraphs of its section, with original text and line provenance', () => {
    const one = s.sections[0]!.children[0]!;
    assert.equal(one.heading, 'Công tác chỉ đạo');
    assert.deepEqual(one.paragraphs.map((p) => [p.text, p.original, p.provenance.lineStart]), [['Đã ban hành kế hoạch.', 'Đã ban hành kế hoạch.', 3]]);
    assert.equal(s.sections[1]!.paragraphs[0]!.text, 'Kinh phí còn hạn chế.');
    assert.deepEqual(s.sections[1]!.provenance, { page: 1, lineStart: 13, lineEnd: 13 });
  });
  it('joins a heading wrapped over two upper-case lines', () => {
    const t = seg(['II. ĐÁNH GIÁ VỀ CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH THỦ', 'TỤC HÀNH CHÍNH.', '', '1. Ưu điểm', 'Tốt.']);
    assert.equal(t.sections[0]!.heading, 'ĐÁNH GIÁ VỀ CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH THỦ TỤC HÀNH CHÍNH');
    assert.equal(t.sections[0]!.children[0]!.kind, 'strengths');
  });
  it('runs a paragraph on across a page gap when the sentence is cut mid-line', () => {
    const long = 'Cung cấp các địa chỉ, số điện thoại đường dây nóng của cơ quan để đăng tải ý kiến phản ánh';
    const t = seg(['I. KẾT QUẢ', long, 'của tổ chức, cá nhân về các quy định thủ tục hành chính và kết quả giải quyết, trả', '', '', '',
      'lời của các bộ phận chuyên môn với nhân dân.', '', 'Tuyên truyền trực quan đạt kết quả tốt trong năm qua ở xã.']);
    assert.equal(t.sections[0]!.paragraphs.length, 2);
    assert.deepEqual(t.sections[0]!.paragraphs[0]!.provenance, { page: 1, lineStart: 2, lineEnd: 7 });
  });
  it('takes the kind of a sentence-long heading from its first words only', () => {
    const t = seg(['Điều 1. Ban hành kèm theo Quyết định này Quy chế tiếp nhận, xử lý, giải quyết và trả lời kiến nghị của cử tri trên địa bàn tỉnh.',
      'Điều 2. Hiệu lực thi hành', 'Quyết định có hiệu lực.']);
    assert.deepEqual(t.sections.map((x) => x.kind), ['other', 'implementation']);
  });
  it('reads an article number alone on its line with its heading on the next, in any case', () => {
    const t = seg(['điều 3. Ban hành Quy định.', 'Điều 4.', 'Hiệu lực và trách nhiệm thi hành', '1. Quyết định có hiệu lực kể từ ngày ký.']);
    assert.deepEqual(t.sections.map((x) => [x.number, x.heading, x.kind, x.provenance.lineEnd]), [
      ['Điều 3', 'Ban hành Quy định', 'other', 1], ['Điều 4', 'Hiệu lực và trách nhiệm thi hành', 'implementation', 3],
    ]);
    assert.equal(t.sections[1]!.children[0]!.number, '1');
  });
  it('reads OCR\'d letter items: "¢)" is c), a second "d)" after d) is đ)', () => {
    const t = seg(['1. Mục tiêu', 'a) Đến năm 2025;', 'b) Đến năm 2030;', '¢) Đến năm 2035;', 'd) Đến năm 2040;', 'd) Đến năm 2045;', 'e) Đến năm 2050.']);
    assert.deepEqual(t.sections[0]!.children.map((x) => x.number), ['a', 'b', 'c', 'd', 'đ', 'e']);
  });
  it('keeps a list marker the restorer took for a word, reading it on the original line', () => {
    const original = ['1. Muc tieu', 'b) Den nam 2030;', '¢) Den nam 2035;', 'd) Den nam 2040.'].join('\n');
    const restored = ['1. Mục tiêu', 'b) Đến năm 2030;', 'ở) Đến năm 2035;', 'd) Đến năm 2040.'].join('\n');
    const t = segmentLines(linesFromText(restored, original)).structure;
    assert.deepEqual(t.sections[0]!.children.map((x) => [x.number, x.heading]), [['b', 'Đến năm 2030'], ['c', 'Đến năm 2035'], ['d', 'Đến năm 2040']]);
  });
  it('flags repeated or skipped section numbers for review, leaving the numbers as read', () => {
    const r = segmentLines(linesFromText(['I. ĐÁNH GIÁ', 'Tốt.', 'II. NHIỆM VỤ', '1. Một', '3. Ba', 'II. KIẾN NGHỊ', 'a) Một', 'b) Hai', 'd) Bốn', 'e) Năm'].join('\n')));
    assert.deepEqual(r.structure.sections.map((x) => x.number), ['I', 'II', 'II']);
    assert.deepEqual(r.diagnostics.filter((d) => d.ruleId === 'segment/numbering').map((d) => d.place?.line), [5, 6, 9]);
  });
  it('puts text before the first heading into the preamble', () => {
    const t = seg(['Căn cứ Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 của UBND xã;', 'Căn cứ Kế hoạch số 17/KH-UBND;',
      'Thực hiện chỉ đạo của huyện, UBND xã báo cáo như sau:', 'I. KẾT QUẢ', 'Tốt.']);
    assert.equal(t.preamble.length, 3);
    assert.equal(t.sections.length, 1);
  });
});

describe('figures', () => {
  const texts = (t: string) => findFigures(t, P).map((f) => [f.value, f.unit, f.text]);
  it('reads counts with their units and percentages', () => {
    assert.deepEqual(texts('đã đăng tải 60 tin bài, 25 tin bài với 55 lượt tuyên truyền, khoảng 900 phút, đạt 100%.'), [
      [60, 'tin bài', '60 tin bài'], [25, 'tin bài', '25 tin bài'], [55, 'lượt', '55 lượt'], [900, 'phút', '900 phút'], [100, '%', '100%'],
    ]);
  });
  it('reads Vietnamese thousands and decimal separators', () => {
    assert.deepEqual(texts('cho 1.500 lượt người, đạt 41,97%'), [[1500, 'lượt', '1.500 lượt'], [41.97, '%', '41,97%']]);
  });
  it('keeps the clause a figure stands in as its phrase', () => {
    assert.equal(findFigures('Trong năm, tuyên truyền cho khoảng 1500 lượt về thủ tục; tốt.', P)[0]!.phrase, 'tuyên truyền cho khoảng 1500 lượt về thủ tục');
  });
  it('skips dates, document numbers and numbers without a unit', () => {
    assert.deepEqual(texts('Kế hoạch số 17/KH-UBND ngày 21 tháng 02 năm 2023, mức độ 3, 4, Quyết định số 12 ngày 5'), []);
  });
  it('counts after "số" when a counting unit follows, but not an address', () => {
    assert.deepEqual(texts('mục chuyển đổi số 20 tin bài; nhà số 3 xã'), [[20, 'tin bài', '20 tin bài']]);
  });
});
