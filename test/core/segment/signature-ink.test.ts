import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OcrWord, Page, WorkingDocument } from '../../../src/core/document.js';
import { normaliseParagraphText, paragraphsFromPages } from '../../../src/core/paragraphs.js';
import { segmentStage } from '../../../src/core/segment/stage.js';
import { findSignatureInk, leaveOutSignatureInk, withoutWords } from '../../../src/core/segment/signature-ink.js';

/** A made-up OCR'd page: each line's pieces ([text, x, confidence] per word), 30 px high, a line every 40 px. */
function ocrPage(rows: [string, number, number][][]): Page {
  const words: OcrWord[] = [];
  const lines = rows.map((row, i) => {
    let text = '', lastEnd = -1;
    for (const [w, x, confidence] of row) {
      // A gap of more than two word heights is a column gap (two spaces), as OCR's lines have it.
      text += text ? (x - lastEnd > 60 ? '  ' : ' ') : '';
      text += w;
      const width = 18 * [...w].length;
      words.push({ text: w, confidence, bbox: [x, 100 + 40 * i, x + width, 130 + 40 * i], line: i + 1 });
      lastEnd = x + width;
    }
    return text;
  });
  return { number: 1, lines, method: 'ocr', confidence: 90, words };
}

const sure = (text: string, x: number): [string, number, number][] => {
  const out: [string, number, number][] = [];
  for (const w of text.split(' ')) { out.push([w, x, 95]); x += 18 * [...w].length + 12; }
  return out;
};

/** A notice's last lines: the recipients on the left, the signer's column on the right, with seal and signature ink read as words. */
function signedPage(): Page {
  return ocrPage([
    [...sure('BỘ CÔNG THƯƠNG', 100), ...sure('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 700)],
    [...sure('TRƯỜNG ĐẠI HỌC ĐIỆN LỰC', 100), ...sure('Độc lập - Tự do - Hạnh phúc', 700)],
    [...sure('Số: 12/TB-ĐHĐL', 100), ...sure('Hà Nội, ngày 5 tháng 9 năm 2025', 700)],
    sure('THÔNG BÁO', 500),
    sure('Về việc tổ chức nhập học cho sinh viên khóa mới', 200),
    sure('Thực hiện kế hoạch năm học 2025 - 2026, Nhà trường thông báo lịch nhập học cho sinh viên', 100),
    sure('khóa mới như sau: thời gian từ ngày 12/9/2025 đến hết ngày 20/9/2025 tại nhà A.', 100),
    sure('Nhà trường thông báo để các đơn vị biết và thực hiện./.', 200),
    [...sure('Nơi nhận:', 100), ...sure('KT. HIỆU TRƯỞNG', 800)],
    [...sure('- Các khoa;', 100), ...sure('PHÓ HIỆU TRƯỞNG', 790)],
    [...sure('- Phòng Đào tạo;', 100), ['›', 800, 5], ['c', 880, 51], ['TRưới', 950, 16]],
    [...sure('- Hiệu trưởng (để b/c);', 100), ['dau', 820, 20], ['VÀ', 1000, 90], ['c', 1040, 99]],
    [...sure('- Lưu: VT, ĐT.', 100), ['ưo', 420, 10]],
    [['`', 760, 0], ...sure('Nguyễn Văn Hùng', 800)],
  ]);
}

function documentOf(page: Page, restore: (line: string) => string = (l) => l): WorkingDocument {
  const original = page.lines.join('\n');
  const doc: WorkingDocument = {
    source: { path: 'scan.png', kind: 'image', sha256: '', bytes: 0, pages: 1, encoding: null },
    original, pages: [page], paragraphs: paragraphsFromPages([page]), diagnostics: [],
  };
  // What restoration does to ink: it reads "dau" as a word ("đau").
  doc.restored = page.lines.map(restore).join('\n');
  // As the pipeline's normalise and restore stages leave them.
  for (const p of doc.paragraphs) {
    p.text = normaliseParagraphText(p.text);
    p.restored = normaliseParagraphText(restore(p.text));
  }
  return doc;
}

describe('seal and signature ink over the signature block', () => {
  it('leaves the unsure words of the signer\'s column out of the restored text, keeping the text as read', () => {
    const doc = documentOf(signedPage(), (l) => l.replace('dau', 'đau'));
    segmentStage(doc);
    assert.equal(doc.structure?.signature?.name, 'Nguyễn Văn Hùng');
    leaveOutSignatureInk(doc);
    const restored = doc.restored!.split('\n');
    assert.equal(restored[10], '- Phòng Đào tạo;');
    // "VÀ" read sure stays (a seal's legible word is told from print by nothing here); a lone "c" read at 99 too.
    assert.equal(restored[11], '- Hiệu trưởng (để b/c);  VÀ c');
    assert.equal(restored[13], 'Nguyễn Văn Hùng');
    // The recipients' column is not the signer's: its junk stays.
    assert.equal(restored[12], '- Lưu: VT, ĐT.  ưo');
    assert.equal(restored[9], '- Các khoa;  PHÓ HIỆU TRƯỞNG');
    assert.equal(doc.original, doc.pages[0]!.lines.join('\n'));
    assert.deepEqual(doc.pages[0]!.inkWords, [
      { line: 11, text: '›' }, { line: 11, text: 'c' }, { line: 11, text: 'TRưới' }, { line: 12, text: 'dau' }, { line: 14, text: '`' },
    ]);
    assert.ok(doc.diagnostics.some((d) => d.ruleId === 'segment/signature-ink' && d.severity === 'info'));
    assert.ok(!doc.paragraphs.some((p) => /TRưới|đau/.test(p.restored ?? '')), `paragraphs follow the restored text: ${JSON.stringify(doc.paragraphs)}`);
  });

  it('finds nothing without a printed name, on a page not read by OCR, or where the block has no head', () => {
    const page = signedPage();
    const noName = ocrPage([]);
    noName.lines = page.lines.slice(0, 13);
    noName.words = page.words!.filter((w) => w.line <= 13);
    const doc = documentOf(noName);
    segmentStage(doc);
    assert.equal(findSignatureInk(doc), null);
    const typed = documentOf({ ...signedPage(), method: 'pdf-text', words: undefined });
    segmentStage(typed);
    const before = typed.restored;
    leaveOutSignatureInk(typed);
    assert.equal(typed.restored, before);
    assert.equal(typed.pages[0]!.inkWords, undefined);
  });

  it('leaves a line alone when its restored words are not its words as read one for one', () => {
    assert.equal(withoutWords('a  b c', 'a  b c', ['a', 'b', 'c'], new Set([1])), 'a  c');
    assert.equal(withoutWords('a  b c', 'a  b', ['a', 'b', 'c'], new Set([1])), null);
    assert.equal(withoutWords('a b', 'a b', ['a', 'x'], new Set([1])), null);
    assert.equal(withoutWords('x  b', 'x  b', ['x', 'b'], new Set([0])), 'b');
    assert.equal(withoutWords('x', 'y', ['x'], new Set([0])), '');
  });
});
