import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { joinPageText, type TextItemLike } from '../../src/ingest/ocr/pdf-page-text.js';

const item = (str: string, x: number, y: number, width: number, hasEOL = false, fontName = 'f1'): TextItemLike => ({ str, transform: [10, 0, 0, 10, x, y], width, height: 10, hasEOL, fontName });
const fallback = (str: string, x: number, y: number, width: number) => item(str, x, y, width, false, 'f2');
const toView = (x: number, y: number): [number, number] => [x, 842 - y];

describe('joinPageText', () => {
  it('puts glyphs a fallback font drew after the rest of the line back in their words (a LibreOffice PDF in a font without Ủ, Ố, Ồ)', () => {
    // pdf.js's items of the first line of such a page, in stream order: the main font's text, then
    // the fallback font's letters at their places, with a blank item of the fallback font over the text.
    const items = [
      item('Y BAN NHÂN', 63, 777, 60), item(' ', 123, 777, 6), item('DÂN THÀNH PH', 129, 777, 72), item(' ', 201, 777, 12),
      item('H', 213, 777, 6), item(' ', 219, 777, 12), item('CHÍ MINH', 231, 777, 48),
      fallback('Ủ', 57, 777, 6), fallback(' ', 63, 777, 138), fallback('Ố', 201, 777, 6), fallback(' ', 207, 777, 12), fallback('Ồ', 219, 777, 6),
      // The next line: the main font's item holds a blank where each fallback letter goes.
      item('', 57, 765, 0, true), item('C NG HÒA XÃ H I CH', 57, 765, 108), item(' ', 165, 765, 12), item('NGHĨA', 177, 765, 30),
      fallback('Ộ', 63, 765, 6), fallback(' ', 69, 765, 66), fallback('Ộ', 135, 765, 6), fallback(' ', 141, 765, 24), fallback('Ủ', 165, 765, 6),
    ];
    assert.equal(joinPageText(items, [], toView).text, 'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA');
  });

  it("keeps the stream order of a line going back in the same font (a scanner's OCR text layer)", () => {
    const items = [item('BIEN', 100, 777, 30), item('.', 40, 777, 3), item('LUC', 140, 777, 20)];
    assert.equal(joinPageText(items, [], toView).text, 'BIEN\t.\tLUC');
  });

  it('keeps the stream order, tabs and blanks of lines that do not go back', () => {
    const items = [item('Số: 12/BC', 57, 777, 50), item('Hà Nội, ngày 1', 300, 777, 80, true), item('BÁO CÁO', 200, 750, 45)];
    assert.equal(joinPageText(items, [], toView).text, 'Số: 12/BC\tHà Nội, ngày 1\nBÁO CÁO');
  });
});
