import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import { splitMarginNotes } from '../../src/ingest/ocr/margin-notes.js';
import { paragraphsFromPages } from '../../src/core/paragraphs.js';
import { linesFromDocument } from '../../src/core/segment/lines.js';
import type { WorkingDocument } from '../../src/core/document.js';

const H = 30;
/** One line of words: [text, x, confidence?] laid out at row `line`, 12 px per letter. */
function row(line: number, items: [string, number, number?][]): OcrWord[] {
  return items.map(([text, x, confidence = 96]) => ({ text, confidence, bbox: [x, line * 50, x + text.length * 12, line * 50 + H] as [number, number, number, number], line }));
}
/** Prose from x = 160: each line five words, joined the way OCR joins them. */
const PROSE = ['có nhiều điểm mê tín', 'đi ngược thuần phong mỹ', 'tục của dân tộc có', 'biểu hiện phản văn hóa', 'lôi kéo tín đồ từ', 'bỏ gia đình cha mẹ'];
function page(extra: OcrWord[][], prose = PROSE, startLine = 1): OcrPageResult {
  const words: OcrWord[] = [];
  extra.forEach((ws) => words.push(...ws));
  prose.forEach((text, k) => {
    let x = 160;
    words.push(...row(startLine + extra.length + k, text.split(' ').map((t) => { const w: [string, number] = [t, x]; x += t.length * 12 + 12; return w; })));
  });
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines = [...byLine.keys()].sort((a, b) => a - b).map((l) => byLine.get(l)!.sort((a, b) => a.bbox[0] - b.bbox[0]).map((w) => w.text).join(' '));
  return { lines, words, confidence: 90 };
}

describe('margin notes (handwriting down a margin read as junk before the print)', () => {
  it('takes a junk note before a printed line onto a line of its own, keeping every word', () => {
    const r = page([row(1, [['z)', 20, 77], ['Kính', 200], ['gửi:', 260], ['các', 320], ['sở', 370]]), row(2, [['Ầ', 110, 25], ['Trời', 160], ['mẹ', 220], ['với', 270], ['nhiều', 320]])]);
    const s = splitMarginNotes(r);
    assert.equal(s.result.lines[0], 'Kính gửi: các sở');
    assert.equal(s.result.lines[1], 'Trời mẹ với nhiều');
    assert.deepEqual(s.result.lines.slice(r.lines.length), ['z)', 'Ầ']);
    assert.deepEqual(s.marginLines, [r.lines.length + 1, r.lines.length + 2]);
    assert.equal(s.result.words.length, r.words.length);
    const z = s.result.words.find((w) => w.text === 'z)')!;
    assert.equal(s.result.lines[z.line - 1], 'z)');
    assert.deepEqual(s.moved.map((m) => [m.line, m.text, m.side]), [[1, 'z)', 'left'], [2, 'Ầ', 'left']]);
  });

  it('marks a line of nothing but a note in the margin', () => {
    const r = page([row(1, [['\\S', 40, 0]])]);
    const s = splitMarginNotes(r);
    assert.deepEqual(s.marginLines, [1]);
    assert.equal(s.result.lines.length, r.lines.length);
  });

  it('leaves print left of the body alone: a sure header column, and a handwritten number that reads as one', () => {
    const header = row(1, [['PHÒNG', 60], ['AN', 190], ['NINH', 240], ['Độc', 700], ['lập', 760]]);
    const number = row(2, [['Số:542', 60, 16], ['/TB-UBND', 280, 16], ['Quảng', 700], ['Ngãi,', 780]]);
    const s = splitMarginNotes(page([header, number]));
    assert.deepEqual(s.marginLines, []);
    assert.deepEqual(s.moved, []);
  });

  it('keeps a code beside its words when no gap parts them ("V/v thực hiện")', () => {
    const s = splitMarginNotes(page([row(1, [['V/v', 120, 55], ['thực', 165], ['hiện', 225], ['Thông', 285], ['báo', 365]])]));
    assert.deepEqual(s.moved, []);
  });

  it('leaves a table row wider than the prose alone: its border and row number are print', () => {
    const r = page([row(1, [['|', 40, 40], ['1', 70, 70], ['Nguyễn', 200], ['Văn', 290], ['An', 350]]), row(2, [['|', 40, 40], ['12.', 70, 60], ['Trần', 200], ['Thị', 270], ['Bình', 330]])]);
    const s = splitMarginNotes(r);
    assert.deepEqual(s.moved, []);
    assert.deepEqual(s.marginLines, []);
  });

  it('judges nothing on a page with no shared left edge (a table)', () => {
    const cells = [0, 1, 2, 3, 4, 5].map((k) => row(k + 1, [['8h30-9h30', 20, 60], ['Khoa', 300 + k * 90], ['Công', 400 + k * 90], ['nghệ', 470 + k * 90], ['nhà', 560 + k * 90]]));
    const s = splitMarginNotes(page(cells, []));
    assert.deepEqual(s.marginLines, []);
  });

  it('keeps margin lines out of the paragraphs around them and out of the lines the structure reads', () => {
    const lines = ['Kính gửi: các sở', 'ăn', 'tục của dân tộc có', 'biểu hiện phản văn hóa'];
    const pages = [{ number: 1, lines, method: 'ocr' as const, marginLines: [2] }];
    const paragraphs = paragraphsFromPages(pages);
    assert.ok(paragraphs.some((p) => p.text === 'ăn' && p.lineStart === 2 && p.lineEnd === 2));
    assert.ok(!paragraphs.some((p) => /(^|\s)ăn(\s|$)/u.test(p.text) && p.text !== 'ăn'));
    const doc = { source: { path: 'x', kind: 'image', bytes: 1, pages: 1, encoding: null }, original: lines.join('\n'), pages, paragraphs, diagnostics: [] } as unknown as WorkingDocument;
    assert.deepEqual(linesFromDocument(doc).lines.map((l) => l.text), ['Kính gửi: các sở', 'tục của dân tộc có', 'biểu hiện phản văn hóa']);
  });
});
