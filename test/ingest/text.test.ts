import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestText, splitPages } from '../../src/ingest/text.js';
import { paragraphsFromPages } from '../../src/core/paragraphs.js';
import type { Page } from '../../src/core/document.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const page = (lines: string[], number = 1): Page => ({ number, lines, method: 'text' });
const texts = (lines: string[]) => paragraphsFromPages([page(lines)]).map((p) => p.text);

describe('text ingest: pages and lines', () => {
  it('keeps the decoded text exactly as original, whatever the line endings', () => {
    const text = 'Dòng một\r\nDòng hai\rDòng ba\nDòng bốn\n';
    const r = ingestText(bytes(text), { pageBreaks: 'form-feed' });
    assert.equal(r.original, text);
    assert.deepEqual(r.pages[0]!.lines, ['Dòng một', 'Dòng hai', 'Dòng ba', 'Dòng bốn']);
  });

  it("breaks lines at Word's manual line break (VT, as macros export text) and Unicode's line and paragraph separators, and takes such text for text", () => {
    const text = 'Dòng một\vDòng hai\u2028Dòng ba\u2029Dòng bốn\v'.repeat(20);
    const r = ingestText(bytes(text), { pageBreaks: 'form-feed' });
    assert.equal(r.original, text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.pages[0]!.lines.slice(0, 5), ['Dòng một', 'Dòng hai', 'Dòng ba', 'Dòng bốn', 'Dòng một']);
    assert.equal(r.pages[0]!.lines.length, 80);
  });

  it('splits pages on form feeds and ignores the form feed that ends the last page', () => {
    const pages = splitPages('trang một\n\ftrang hai\nhết\n\f', 'auto');
    assert.deepEqual(pages.map((p) => p.lines), [['trang một'], ['trang hai', 'hết']]);
    assert.deepEqual(pages.map((p) => p.number), [1, 2]);
  });

  it('reads a run of three or more blank lines as a lost page break, with an info diagnostic', () => {
    const diagnostics: never[] = [];
    const pages = splitPages('a\n\nb\n\n\n\nc\n', 'auto', diagnostics);
    assert.deepEqual(pages.map((p) => p.lines), [['a', '', 'b', '', '', ''], ['c']]);
    assert.equal((diagnostics as { ruleId: string }[])[0]!.ruleId, 'ingest/inferred-page-break');
  });

  it('does not infer page breaks when the file has form feeds or when told not to', () => {
    assert.equal(splitPages('a\n\n\n\nb\fc', 'auto').length, 2);
    assert.equal(splitPages('a\n\n\n\nb', 'form-feed').length, 1);
  });

  it('gives each paragraph its page and 1-based line range within the page', () => {
    const r = ingestText(bytes('x\fĐoạn một dòng một\ndòng hai.\n\nĐoạn hai\n'));
    assert.deepEqual(
      r.paragraphs.map((p) => [p.page, p.lineStart, p.lineEnd]),
      [[1, 1, 1], [2, 1, 2], [2, 4, 4]],
    );
  });
});

describe('text ingest: bad input', () => {
  it('reports an empty file as ingest/empty', () => {
    const r = ingestText(new Uint8Array());
    assert.deepEqual(r.diagnostics.map((d) => d.ruleId), ['ingest/empty']);
    assert.equal(r.pages.length, 0);
  });

  it('reports a whitespace-only file as ingest/empty', () => {
    assert.equal(ingestText(bytes(' \n\n\t\n')).diagnostics[0]!.ruleId, 'ingest/empty');
  });

  it('refuses binary data with an error instead of producing garbage paragraphs', () => {
    const junk = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < junk.length; i++) junk[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    const r = ingestText(junk);
    assert.equal(r.pages.length, 0);
    assert.ok(r.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(r.diagnostics));
  });

  it('refuses input over the size limit without decoding it', () => {
    const r = ingestText(new Uint8Array(2048).fill(65), { maxBytes: 1024 });
    assert.equal(r.diagnostics[0]!.ruleId, 'ingest/too-large');
  });
});

describe('paragraphs from visual lines', () => {
  it('joins a line that continues a sentence', () => {
    assert.deepEqual(texts(['Ủy ban nhân dân xã đã ban hành kế hoạch', 'về cải cách hành chính.']), [
      'Ủy ban nhân dân xã đã ban hành kế hoạch về cải cách hành chính.',
    ]);
  });

  it('joins a document code cut after its hyphen without a space', () => {
    assert.deepEqual(texts(['Kế hoạch số 72/KH-', 'UBND ngày 30 tháng 12']), ['Kế hoạch số 72/KH-UBND ngày 30 tháng 12']);
  });

  it('starts a paragraph at headings, numbered points, lettered points and list items', () => {
    const lines = [
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Công tác triển khai',
      '2.1. Nội dung, hình thức tuyên truyền',
      'a) Tuyên truyền trực tiếp',
      '- Thông tin đầy đủ, kịp thời',
      '+ Trên trang thông tin điện tử',
      'Phần II tổ chức thực hiện',
    ];
    assert.deepEqual(texts(lines), lines);
  });

  it('does not take a year or a count at the start of a line for a numbered point', () => {
    assert.deepEqual(texts(['kế hoạch ngày 21 tháng 02 năm', '2023 của UBND xã; tổng cộng', '1500 lượt người']).length, 1);
  });

  it('starts a paragraph at "Căn cứ", "Nơi nhận:" and an all-caps line, marked or mark-free', () => {
    assert.deepEqual(texts(['BÁO CÁO', 'Kết quả công tác năm 2023', 'Căn cứ Kế hoạch số 72', 'Can cu Ke hoach so 17', 'Nơi nhận:']).length, 5);
  });

  it('keeps a heading wrapped over two all-caps lines together', () => {
    assert.deepEqual(texts(['II. ĐÁNH GIÁ VỀ CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH THỦ', 'TỤC HÀNH CHÍNH.', 'Công tác tuyên truyền đã được tiến hành']), [
      'II. ĐÁNH GIÁ VỀ CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH THỦ TỤC HÀNH CHÍNH.',
      'Công tác tuyên truyền đã được tiến hành',
    ]);
  });

  it('ends a paragraph after a sentence-final line followed by a capital, and at blank lines', () => {
    assert.deepEqual(texts(['Câu một kết thúc.', 'Câu hai bắt đầu', 'và tiếp tục', '', 'đoạn ba']), [
      'Câu một kết thúc.',
      'Câu hai bắt đầu và tiếp tục',
      'đoạn ba',
    ]);
  });

  it('ends a paragraph at a line that stops well short of the margin in hard-wrapped text', () => {
    const full = 'Tuyên truyền về các kết quả chỉ số cải cách hành chính của xã';
    assert.deepEqual(texts([full, full, 'ngắn', 'Đoạn mới bắt đầu ở đây', 'và tiếp tục']), [
      `${full} ${full} ngắn`,
      'Đoạn mới bắt đầu ở đây và tiếp tục',
    ]);
  });
});
