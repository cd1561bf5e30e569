import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { convert, detectKind } from '../../../src/index.js';
import { ingestWord } from '../../../src/ingest/word/index.js';

// Written by LibreOffice (MS Word 97 filter) from fixtures/word/bao-cao-tcvn3.html: a report whose
// header, annex table and signature are tables, and one paragraph typed in .VnTime (TCVN3).
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/word/${name}`, import.meta.url)));

describe('Word 97–2003 .doc input', () => {
  it('is told from text and from other Office files by its WordDocument stream', () => {
    assert.equal(detectKind(fixture('bao-cao-tcvn3.doc'), 'scan-0001.txt'), 'word');
    assert.equal(detectKind(fixture('bao-cao-tcvn3.doc'), 'bao-cao.doc'), 'word');
  });

  it('reads paragraphs and tables from the piece table, table rows ended where the paragraph properties say', () => {
    const r = ingestWord(fixture('bao-cao-tcvn3.doc'));
    const lines = r.pages.flatMap((p) => p.lines);
    assert.match(lines[0]!, /^ỦY BAN NHÂN DÂN\s{4,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    // The annex table's empty cell stays a cell: the row is not cut short there.
    assert.ok(lines.some((l) => /^2\s{4,}Đất đai\s{4,}18$/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^1\s{4,}Tư pháp - Hộ tịch\s{4,}124\s{4,}124$/.test(l)));
    assert.ok(lines.some((l) => /^- Lưu: VT\.\s{4,}Lê Thị Hoa$/.test(l)));
  });

  it('decodes a TCVN3 paragraph, its "ư" (byte 0xAD, the soft hyphen) included', () => {
    const r = ingestWord(fixture('bao-cao-tcvn3.doc'));
    assert.ok(r.original.includes('1. Công tác chỉ đạo, điều hành được thực hiện kịp thời.'), r.original);
    assert.equal(r.encoding, 'doc+tcvn3');
  });

  it('gives the same text as the .docx LibreOffice wrote from the same source', () => {
    assert.equal(ingestWord(fixture('bao-cao-tcvn3.doc')).original, ingestWord(fixture('bao-cao-tcvn3.docx')).original);
  });

  it('reads the header, sections and signature of the report', async () => {
    const r = await convert({ path: 'bao-cao.doc', data: fixture('bao-cao-tcvn3.doc') }, { restore: false, segment: {} });
    assert.equal(r.source.kind, 'word');
    assert.equal(r.meta?.number, '27/BC-UBND');
    assert.equal(r.meta?.date, '2024-03-05');
    assert.equal(r.meta?.type?.code, 'BC');
    assert.equal(r.signature?.name, 'Lê Thị Hoa');
    assert.equal(r.signature?.position, 'CHỦ TỊCH');
  });

  it('refuses a truncated file with a clear error', () => {
    const data = fixture('bao-cao-tcvn3.doc');
    for (const size of [600, 4096, data.length - 3000]) {
      const r = ingestWord(data.subarray(0, size));
      assert.equal(r.pages.length, 0, `cut at ${size}`);
      assert.equal(r.diagnostics[0]?.severity, 'error');
      assert.match(r.diagnostics[0]!.message, /damaged|truncated|no text/);
    }
  });

  it('refuses a header that counts more characters than the stream holds, before allocating for them', () => {
    const data = fixture('bao-cao-tcvn3.doc').slice();
    const view = new DataView(data.buffer);
    // The WordDocument stream starts on a sector with the FIB's magic (0xA5EC).
    let fib = 512;
    while (view.getUint16(fib, true) !== 0xa5ec) fib += 512;
    const lw = fib + 34 + 2 * view.getUint16(fib + 32, true);
    view.setUint32(lw + 2 + 12, 0x7fffffff, true); // ccpText
    const r = ingestWord(data);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/word-damaged');
    assert.match(r.diagnostics[0]!.message, /counts 2147483647 characters/);
  });

  it('ends a sector chain that loops with an error instead of hanging', () => {
    const data = fixture('bao-cao-tcvn3.doc').slice();
    const view = new DataView(data.buffer);
    const dirStart = view.getUint32(0x30, true);
    const firstFatSector = view.getUint32(0x4c, true);
    // The directory's FAT entry points back at itself.
    view.setUint32(512 * (firstFatSector + 1) + 4 * dirStart, dirStart, true);
    const r = ingestWord(data);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/word-damaged');
    assert.match(r.diagnostics[0]!.message, /loops|broken/);
  });
});

describe('Word 97–2003 .doc automatic numbering', () => {
  it('writes the list markers Word draws (roman sections, restarted sub-levels) from the list tables', async () => {
    const data = fixture('so-danh.doc');
    const r = ingestWord(data);
    assert.deepEqual(r.pages[0]!.lines.filter((l) => /^[IV]+\.|^\d\./.test(l)), [
      'I. MỤC ĐÍCH, YÊU CẦU', '1. Mục đích', '2. Yêu cầu', 'II. NỘI DUNG',
      '1. Tuyên truyền trên đài truyền thanh xã;', '2. Niêm yết công khai thủ tục hành chính.', 'III. TỔ CHỨC THỰC HIỆN',
    ]);
    const result = await convert({ path: 'so-danh.doc', data }, { restore: false, segment: {} });
    assert.deepEqual(result.sections?.map((s) => s.number), ['I', 'II', 'III']);
  });
});

describe('Word 97–2003 .doc in TCVN3 fonts', () => {
  it('decodes each run through the font it is set in, capitals-only .VnTimeH runs upper-cased', async () => {
    // The header typed in .VnTimeH ("ñy ban nh©n d©n" prints as "ỦY BAN NHÂN DÂN"), the rest in .VnTime.
    const data = fixture('vntimeh.doc');
    const r = ingestWord(data);
    const lines = r.pages[0]!.lines;
    assert.match(lines[0]!, /^ỦY BAN NHÂN DÂN\s{4,}CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    assert.match(lines[2]!, /^Số: 12\/BC-UBND\s{4,}Ngọc Kỳ, ngày 15 tháng 6 năm 2001$/);
    assert.ok(lines.includes('BÁO CÁO'));
    assert.ok(lines.includes('Times New Roman: 2001'), 'a run in another font stays as stored');
    const result = await convert({ path: 'vntimeh.doc', data }, { restore: false, segment: {} });
    assert.equal(result.meta?.number, '12/BC-UBND');
    assert.equal(result.meta?.date, '2001-06-15');
    assert.equal(result.meta?.type?.code, 'BC');
  });

  it("decodes runs that take their font from the paragraph's style, short lines included", () => {
    // Every paragraph styled in .VnTime with no font of its own; "Sè: 12/BC-UBND" alone is too short to tell by its text.
    const lines = ingestWord(fixture('stylefont.doc')).pages[0]!.lines.filter((l) => l.trim());
    assert.deepEqual(lines, ['Số: 12/BC-UBND', 'Ngọc Kỳ', 'Kết quả công tác năm 2001 của xã Ngọc Kỳ được thực hiện tốt.']);
  });
});
