import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlignmentType, Document, LevelFormat, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { convert, detectKind } from '../../../src/index.js';
import { ingestWord } from '../../../src/ingest/word/index.js';

const cell = (...lines: string[]) => new TableCell({ children: lines.map((l) => new Paragraph(l)), width: { size: 4500, type: WidthType.DXA } });

/** A Decree-30 report as an office types it in Word: the header and the signature as borderless tables. */
async function report(options: { legacyBody?: boolean } = {}): Promise<Uint8Array> {
  const body = options.legacyBody
    // TCVN3 bytes as Word keeps them for a run set in .VnTime ("Báo cáo kết quả công tác tuyên truyền").
    ? new Paragraph({ children: [new TextRun({ text: 'B¸o c¸o kÕt qu¶ c«ng t¸c tuyªn truyÒn n¨m 2024.', font: '.VnTime' })] })
    : new Paragraph('Báo cáo kết quả công tác tuyên truyền năm 2024.');
  const doc = new Document({
    sections: [{
      children: [
        new Table({ rows: [
          new TableRow({ children: [cell('UBND HUYỆN NGỌC LẶC', 'UBND XÃ NGỌC KỲ'), cell('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc')] }),
          new TableRow({ children: [cell('Số: 15/BC-UBND'), cell('Ngọc Kỳ, ngày 20 tháng 12 năm 2024')] }),
        ] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'báo cáo', allCaps: true, bold: true })] }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('Kết quả công tác tuyên truyền năm 2024')] }),
        new Paragraph('I. KẾT QUẢ ĐẠT ĐƯỢC'),
        body,
        new Paragraph({ children: [new PageBreak()] }),
        new Paragraph('II. PHƯƠNG HƯỚNG NĂM 2025'),
        new Paragraph('Tiếp tục đẩy mạnh công tác tuyên truyền.'),
        new Table({ rows: [
          new TableRow({ children: [cell('Nơi nhận:', '- UBND huyện;', '- Lưu: VT.'), cell('TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', '', 'Nguyễn Văn An')] }),
        ] }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('Word .docx input', () => {
  it('is told from text by its bytes, whatever its name', async () => {
    const bytes = await report();
    assert.equal(detectKind(bytes, 'bao-cao.docx'), 'word');
    assert.equal(detectKind(bytes, 'bao-cao.txt'), 'word');
  });

  it('lays a table row out as its cells side by side, one line per paragraph, and keeps page breaks', async () => {
    const r = ingestWord(await report());
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(r.encoding, 'docx');
    assert.equal(r.pages.length, 2);
    const first = r.pages[0]!.lines;
    assert.match(first[0]!, /^UBND HUYỆN NGỌC LẶC\s{4,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
    assert.match(first[1]!, /^UBND XÃ NGỌC KỲ\s{4,}Độc lập - Tự do - Hạnh phúc$/);
    assert.ok(first.includes('BÁO CÁO'), 'a run set in all capitals reads as printed');
    assert.ok(r.pages[1]!.lines.some((l) => /^Nơi nhận:\s{4,}TM\. ỦY BAN NHÂN DÂN$/.test(l)));
  });

  it('reads the Decree 30 header and signature of a report typed in Word', async () => {
    const result = await convert({ path: 'bao-cao.docx', data: await report() }, { restore: false, segment: {} });
    assert.equal(result.source.kind, 'word');
    assert.equal(result.meta?.number, '15/BC-UBND');
    assert.equal(result.meta?.date, '2024-12-20');
    assert.equal(result.signature?.name, 'Nguyễn Văn An');
    assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
  });

  it('decodes a run typed in a TCVN3 font (.VnTime) to Unicode', async () => {
    const r = ingestWord(await report({ legacyBody: true }));
    assert.ok(r.original.includes('Báo cáo kết quả công tác tuyên truyền năm 2024.'));
    assert.equal(r.encoding, 'docx+tcvn3');
    assert.ok(r.diagnostics.some((d) => d.ruleId === 'encoding/legacy-font'));
  });

  it("writes Word's automatic numbering before its paragraphs, so numbered sections are found", async () => {
    const numbered = new Document({
      numbering: { config: [{ reference: 'sections', levels: [
        { level: 0, format: LevelFormat.UPPER_ROMAN, text: '%1.' },
        { level: 1, format: LevelFormat.DECIMAL, text: '%2.' },
        { level: 2, format: LevelFormat.BULLET, text: '-' },
      ] }] },
      sections: [{ children: [
        new Paragraph({ text: 'KẾT QUẢ ĐẠT ĐƯỢC', numbering: { reference: 'sections', level: 0 } }),
        new Paragraph({ text: 'Công tác chỉ đạo', numbering: { reference: 'sections', level: 1 } }),
        new Paragraph({ text: 'Ban hành kế hoạch tuyên truyền;', numbering: { reference: 'sections', level: 2 } }),
        new Paragraph({ text: 'Công tác kiểm tra', numbering: { reference: 'sections', level: 1 } }),
        new Paragraph({ text: 'PHƯƠNG HƯỚNG NĂM 2025', numbering: { reference: 'sections', level: 0 } }),
        new Paragraph({ text: 'Nhiệm vụ trọng tâm', numbering: { reference: 'sections', level: 1 } }),
      ] }],
    });
    const r = ingestWord(new Uint8Array(await Packer.toBuffer(numbered)));
    assert.deepEqual(r.pages[0]!.lines, ['I. KẾT QUẢ ĐẠT ĐƯỢC', '1. Công tác chỉ đạo', '- Ban hành kế hoạch tuyên truyền;', '2. Công tác kiểm tra', 'II. PHƯƠNG HƯỚNG NĂM 2025', '1. Nhiệm vụ trọng tâm']);
  });

  it('gives a clear error for a damaged or truncated .docx, and no pages', async () => {
    const bytes = await report();
    const cut = ingestWord(bytes.subarray(0, Math.floor(bytes.length / 2)));
    assert.equal(cut.pages.length, 0);
    assert.equal(cut.diagnostics[0]?.ruleId, 'ingest/word-damaged');
    const result = await convert({ path: 'cut.docx', data: bytes.subarray(0, 100) }, { restore: false });
    assert.ok(result.diagnostics.some((d) => d.severity === 'error'));
  });
});
