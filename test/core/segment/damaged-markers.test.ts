/** Damaged OCR section markers: taken only as the next number of their sequence, with a heading after them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segmentLines } from '../../../src/core/segment/segment.js';
import { linesFromText } from '../../../src/core/segment/lines.js';
import type { SectionNode } from '../../../src/core/segment/schema.js';

/** The section tree of a body (after an opening line) as "number" / "number > child" paths. */
function paths(body: string[], fromOcr = false): string[] {
  const lines = ['Thực hiện chỉ đạo của huyện, UBND xã báo cáo như sau:', ...body];
  const out: string[] = [];
  const walk = (ss: readonly SectionNode[], path: string[]) => ss.forEach((s) => { out.push([...path, s.number].join(' > ')); walk(s.children, [...path, s.number]); });
  walk(segmentLines(linesFromText(lines.join('\n')), { fromOcr }).structure.sections, []);
  return out;
}

describe('damaged Roman numerals', () => {
  const body = (second: string) => ['I. ĐÁNH GIÁ CHUNG', 'Tình hình tốt.', second, 'Tiếp tục triển khai.'];
  for (const read of ['IL. NHIỆM VỤ TRỌNG TÂM', 'H. NHIỆM VỤ TRỌNG TÂM', '1I. NHIỆM VỤ TRỌNG TÂM', '11. NHIỆM VỤ TRỌNG TÂM']) {
    it(`reads "${read.split(' ')[0]}" as II where II comes next before an upper-case heading`, () => {
      assert.deepEqual(paths(body(read)), ['I', 'II']);
    });
  }
  it('reads "ML." as III where III comes next', () => {
    assert.deepEqual(paths(body('II. NHIỆM VỤ TRỌNG TÂM').concat('ML. VỀ MỘT SỐ KIẾN NGHỊ')), ['I', 'II', 'III']);
    assert.deepEqual(paths(body('ML. VỀ MỘT SỐ KIẾN NGHỊ')), ['I']);
  });
  it('reads an unpunctuated first numeral ("L MỤC ĐÍCH", "1L ĐÁNH GIÁ") as I', () => {
    assert.deepEqual(paths(['L MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', 'Nội dung.']), ['I', 'I > 1']);
    assert.deepEqual(paths(['1L ĐÁNH GIÁ CHUNG', '1. Về tình hình', 'Nội dung.']), ['I', 'I > 1']);
  });
  it('reads a numeral glued to its heading ("I.ĐÁNH GIÁ")', () => {
    assert.deepEqual(paths(['I.ĐÁNH GIÁ CHUNG', '1. Cấp ủy phải làm', 'Nội dung.']), ['I', 'I > 1']);
  });
  it('refuses a look-alike that is not the next numeral', () => {
    assert.deepEqual(paths(body('H. NHIỆM VỤ').concat('IL. KIẾN NGHỊ CỤ THỂ')).filter((p) => !p.includes('>')), ['I', 'II']);
    assert.deepEqual(paths(['I. ĐÁNH GIÁ CHUNG', 'Nội dung.', 'L NHIỆM VỤ TRỌNG TÂM']), ['I']);
  });
  it('refuses a look-alike without an upper-case heading of four letters', () => {
    assert.deepEqual(paths(body('IL. Nhiệm vụ trọng tâm')), ['I']);
    assert.deepEqual(paths(body('H. ABC')), ['I']);
  });
  it('reads an OCR\'d heading numeral that repeats the last one as the next when it lost a stem ("I", "I", "II" → I, II, III)', () => {
    assert.deepEqual(paths(body('I. NHIỆM VỤ TRỌNG TÂM').concat('II. VỀ MỘT SỐ KIẾN NGHỊ'), true), ['I', 'II', 'III']);
    assert.deepEqual(paths(body('II. NHIỆM VỤ TRỌNG TÂM').concat('II. VỀ MỘT SỐ KIẾN NGHỊ'), true), ['I', 'II', 'III']);
  });
  it('reads an OCR\'d "1." before a heading wholly in capitals as the II it merged into, inside a Roman sequence', () => {
    const doc = ['I. ĐÁNH GIÁ CHUNG', 'Tình hình tốt.', '1. MỘT SỐ YÊU CẦU', 'Nội dung.', 'III. NHIỆM VỤ TRỌNG TÂM', '1. Hoàn thành mục tiêu', 'Nội dung.'];
    assert.deepEqual(paths(doc, true), ['I', 'II', 'III', 'III > 1']);
    assert.deepEqual(paths(doc).filter((p) => !p.includes('>')), ['I', 'III'], 'typed text keeps its numbers');
    assert.deepEqual(paths(['I. ĐÁNH GIÁ CHUNG', '1. Kết quả đạt được', 'Nội dung.'], true), ['I', 'I > 1'], 'a numbered item stays one');
    assert.deepEqual(paths(['1. MỘT SỐ YÊU CẦU', 'Nội dung.'], true), ['1'], 'no Roman sequence open');
  });
  it('keeps a repeated numeral in typed text, one that one more stem would not make the next, or one with no upper-case heading', () => {
    assert.deepEqual(paths(body('I. NHIỆM VỤ TRỌNG TÂM').concat('II. VỀ MỘT SỐ KIẾN NGHỊ')), ['I', 'I', 'II']);
    const three = ['I. ĐÁNH GIÁ', 'Nội dung.', 'II. NHIỆM VỤ', 'Nội dung.', 'III. KIẾN NGHỊ', 'Nội dung.'];
    assert.deepEqual(paths(three.concat('III. ĐỀ XUẤT KHÁC'), true).filter((p) => !p.includes('>')), ['I', 'II', 'III', 'III']);
    assert.deepEqual(paths(body('I. Nhiệm vụ trọng tâm'), true).filter((p) => !p.includes('>')), ['I', 'I']);
  });
  it('keeps an undamaged arabic heading that continues its list, even in capitals', () => {
    assert.deepEqual(paths(['1. ĐÁNH GIÁ CHUNG', 'Nội dung.', '2. NHIỆM VỤ TRỌNG TÂM']), ['1', '2']);
  });
});

describe('damaged arabic numbers', () => {
  it('reads "1," as 1. when it is the next number and a capital follows', () => {
    assert.deepEqual(paths(['II. MỤC TIÊU CỦA KẾ HOẠCH', '1, Phấn đấu đến cuối năm đạt các mục tiêu']), ['II', 'II > 1']);
  });
  it('reads "3.Sở Y tế" (no space after the dot) as 3. when it is the next number', () => {
    assert.deepEqual(paths(['II. NHIỆM VỤ', '1. Sở Nội vụ', 'Tham mưu.', '2. Sở Tài chính', 'Bố trí kinh phí.', '3.Sở Y tế', 'Kiểm tra.']), ['II', 'II > 1', 'II > 2', 'II > 3']);
    assert.deepEqual(paths(['II. NHIỆM VỤ', '1. Sở Nội vụ', 'Tham mưu.', '5.Sở Y tế']), ['II', 'II > 1']);
  });
  it('refuses "3," out of sequence and "1," before a lower-case word', () => {
    assert.deepEqual(paths(['II. MỤC TIÊU CỦA KẾ HOẠCH', '3, Phấn đấu đến cuối năm']), ['II']);
    assert.deepEqual(paths(['II. MỤC TIÊU CỦA KẾ HOẠCH', '1, phấn đấu đến cuối năm']), ['II']);
  });
});

describe('damaged list letters', () => {
  const list = (third: string) => ['1. Thủ trưởng các sở', 'a) Thực hiện nghiêm việc cải cách;', 'b) Tiếp tục rà soát;', third];
  it('reads "C)" as c) where c comes next', () => {
    assert.deepEqual(paths(list('C) Rà soát, chuẩn hóa các mẫu đơn;')), ['1', '1 > a', '1 > b', '1 > c']);
  });
  it('reads "8)" as g) after e) and "4)" as the first letter a)', () => {
    const after = ['1. Thủ trưởng các sở', 'd) Một;', 'e) Hai;', '8) Nâng cao chất lượng;'];
    assert.deepEqual(paths(after), ['1', '1 > d', '1 > e', '1 > g']);
    assert.deepEqual(paths(['1.2. Mục tiêu 2. Lĩnh vực kinh tế', '4) Lĩnh vực lao động:']), ['1.2', '1.2 > a']);
  });
  it('reads "8)" as b) where b comes next', () => {
    assert.deepEqual(paths(['1. Thủ trưởng các sở', 'a) Một;', '8) Tiếp tục rà soát;']), ['1', '1 > a', '1 > b']);
  });
  it('reads "cÙ" or "c]" as c) where c comes next, but not another letter so damaged', () => {
    assert.deepEqual(paths(list('cÙ Rà soát, chuẩn hóa các mẫu đơn;')), ['1', '1 > a', '1 > b', '1 > c']);
    assert.deepEqual(paths(list('c] Rà soát, chuẩn hóa các mẫu đơn;')), ['1', '1 > a', '1 > b', '1 > c']);
    assert.deepEqual(paths(list('dÙ Rà soát, chuẩn hóa các mẫu đơn;')).at(-1), '1 > b');
  });
  it('reads a letter marker with a speck before it ("_¢) Chủ tịch") when the letter comes next', () => {
    assert.deepEqual(paths(list('_¢) Chủ tịch Ủy ban nhân dân xã chịu trách nhiệm;')), ['1', '1 > a', '1 > b', '1 > c']);
    assert.deepEqual(paths(list('_e) Chủ tịch Ủy ban nhân dân xã chịu trách nhiệm;')).at(-1), '1 > b');
  });
  it('refuses a look-alike that is not the next letter', () => {
    assert.deepEqual(paths(list('E) Rà soát, chuẩn hóa;')).at(-1), '1 > b');
    assert.deepEqual(paths(list('4) Rà soát, chuẩn hóa;')).at(-1), '4');
  });
  it('keeps a digit that is the next number of its own list', () => {
    assert.deepEqual(paths(['1) Một việc', '2) Hai việc', '3) Ba việc', '4) Bốn việc']), ['1', '2', '3', '4']);
  });
  it('does not take a figure at a line start for a letter', () => {
    assert.deepEqual(paths(['1. Kết quả', 'a) Thực hiện tốt;', '8) cuộc họp đã được tổ chức trong năm.']), ['1', '1 > a', '8']);
  });
  it('reads no letter before any numbered heading', () => {
    assert.deepEqual(paths(['4) Lĩnh vực lao động:', 'Nội dung.']), ['4']);
  });
});

describe('damaged dashes', () => {
  it('reads "~" as a dash item inside a dash list when a capital follows', () => {
    assert.deepEqual(paths(['1. Mục đích', '- Tăng cường sự lãnh đạo.', '~ Rà soát những kết quả.']), ['1', '1 > -', '1 > -']);
  });
  it('reads ": - Theo dõi" (a speck before the dash) as a dash item inside a dash list', () => {
    assert.deepEqual(paths(['1. Mục đích', '- Tăng cường sự lãnh đạo.', ': - Theo dõi, tổng hợp báo cáo.']), ['1', '1 > -', '1 > -']);
    assert.deepEqual(paths(['1. Mục đích', ': - Theo dõi, tổng hợp báo cáo.']), ['1']);
  });
  it('refuses "~" outside a dash list or before a figure', () => {
    assert.deepEqual(paths(['1. Mục đích', '~ Rà soát những kết quả.']), ['1']);
    assert.deepEqual(paths(['1. Mục đích', '- Tăng cường sự lãnh đạo.', '~ 50% số xã đạt chuẩn.']), ['1', '1 > -']);
  });
});

describe('hyphens that wrapped lines start with', () => {
  const wide = 'Phối hợp với các tổ chức, chính quyền địa phương để bảo vệ di tích lịch sử';
  it('reads "- văn hóa, …" after a full-width line that ends mid-sentence as that sentence running on', () => {
    assert.deepEqual(paths(['1. Mục đích', '- Tăng cường sự lãnh đạo của các cấp ủy đối với công tác bảo tồn.', wide, '- văn hóa, xã hội hóa trong công tác bảo tồn.']), ['1', '1 > -']);
  });
  it('keeps a dash item after a line that ends a sentence or a list opening, or before a capital', () => {
    assert.deepEqual(paths(['1. Mục đích', wide + ':', '- văn hóa, xã hội hóa trong công tác bảo tồn.']), ['1', '1 > -']);
    assert.deepEqual(paths(['1. Mục đích', '- Tăng cường sự lãnh đạo của các cấp ủy đối với công tác bảo tồn.', wide, '- Văn hóa, xã hội hóa trong công tác bảo tồn.']), ['1', '1 > -', '1 > -']);
  });
});
