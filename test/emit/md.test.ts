import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCHEMA_VERSION, type DocumentResult } from '../../src/core/schema.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { readMarkdown } from './read-markdown.js';
import { assertEveryParagraphOnceInOrder } from './shown-text.js';
import { planDocument } from './plan-document.js';
import { allSections, sampleDocument } from './sample-document.js';

const LIST = new Set(['dash', 'plus']);

describe('md writer', () => {
  it('gives every section but list items one heading, in order, its level below the title, starting with its number', async () => {
    const result = await sampleDocument();
    const shown = readMarkdown(documentMarkdown(result));
    const sections = [...allSections(result.sections ?? []), ...(result.annexes ?? []).flatMap((a) => allSections(a.sections))];
    const headed = sections.filter((s) => !LIST.has(s.marker));
    const headings = shown.filter((b) => /^h[2-6]$/.test(b.tag));
    assert.equal(headings.length, headed.length);
    assert.equal(headed.length, 14, 'the sample has 14 numbered sections');
    for (const [i, s] of headed.entries()) {
      assert.equal(headings[i]!.tag, `h${Math.min(s.level + 1, 6)}`, `section ${s.number} ${s.heading}`);
      assert.ok(headings[i]!.text.startsWith(`${s.number}.`), `${headings[i]!.text} starts with ${s.number}`);
      assert.ok(headings[i]!.text.includes(s.heading.replace(/…$/, '').trim()), `${headings[i]!.text} holds ${s.heading}`);
    }
    const items = shown.filter((b) => b.tag === 'li').map((b) => b.text);
    for (const s of sections.filter((x) => LIST.has(x.marker))) assert.ok(items.some((t) => t.startsWith(s.heading.replace(/…$/, '').trim())), `list item ${s.heading}`);
    assert.deepEqual(shown.filter((b) => b.tag === 'h1').map((b) => b.text), [result.meta!.title, result.annexes![0]!.title]);
  });

  it('shows every restored paragraph of the sample once, in reading order', async () => {
    const result = await sampleDocument();
    assertEveryParagraphOnceInOrder(result, readMarkdown(documentMarkdown(result)));
  });

  it('shows the header fields, the annex table as a table, recipients and the signer', async () => {
    const result = await sampleDocument();
    const shown = readMarkdown(documentMarkdown(result));
    const cells = shown.filter((b) => b.tag === 'th' || b.tag === 'td').map((b) => b.text);
    for (const field of ['XÃ NGỌC KỲ', 'Số: 192/BC-UBND', 'Ngọc Kỳ, ngày 29 tháng 12 năm 2023']) assert.ok(cells.some((c) => c.includes(field)), field);
    const table = result.annexes![0]!.tables[0]!;
    for (const cell of [...table.columns, ...table.rows.flat()]) assert.ok(cells.includes(cell), `table cell ${cell}`);
    const text = shown.map((b) => b.text);
    assert.ok(text.includes('BÁO CÁO'));
    assert.ok(text.includes('Nơi nhận:'));
    assert.ok(shown.some((b) => b.tag === 'p' && b.text.includes('Nguyễn Xuân Thoang') && b.text.includes('Chủ tịch')));
  });

  it('escapes pipes and line breaks in table cells', async () => {
    const result = structuredClone(await sampleDocument());
    const rows = result.annexes![0]!.tables[0]!.rows;
    rows[4]![2] = `${rows[4]![2]} | 100%\nđạt`;
    const md = documentMarkdown(result);
    assert.ok(md.includes('| Có \\| 100%<br>đạt |'));
    const cells = readMarkdown(md).filter((b) => b.tag === 'td').map((b) => b.text);
    assert.ok(cells.includes('Có | 100% đạt'), 'one cell, its line break shown');
    assert.equal(cells.length, 5 * 3 + 2 + 2, 'five rows of three cells, and the second row of the two header blocks');
  });

  it('writes a document with no structure as its paragraphs in order', async () => {
    const result = await sampleDocument({ segment: false });
    assert.equal(result.meta, undefined);
    const shown = readMarkdown(documentMarkdown(result));
    assert.equal(shown.filter((b) => /^h\d$/.test(b.tag) || b.tag === 'td').length, 0, 'no headings or tables without a structure');
    assertEveryParagraphOnceInOrder(result, shown);
    assert.equal(shown.length, result.paragraphs.filter((p) => (p.restored ?? p.text).trim() !== '').length);
  });

  it('keeps text that looks like Markdown as text', async () => {
    const texts = ['1. Không phải danh sách', '- gạch đầu dòng?', '# không phải tiêu đề', 'a | b * c _d_ [e](f) <b>g</b> `h` \\ i', '2023) năm', '+ cộng', '=== bằng', '&amp; ký hiệu'];
    const result = {
      schemaVersion: SCHEMA_VERSION,
      source: { path: 'x.txt', kind: 'text', sha256: '0'.repeat(64), bytes: 1, pages: 1, encoding: 'utf-8' },
      text: { original: texts.join('\n\n'), restored: null },
      pages: [{ number: 1, method: 'text', lines: texts }],
      paragraphs: texts.map((text, i) => ({ text, page: 1, lineStart: i + 1, lineEnd: i + 1 })),
      diagnostics: [],
    } as DocumentResult;
    const shown = readMarkdown(documentMarkdown(result));
    assert.deepEqual(shown, texts.map((text) => ({ tag: 'p', text })));
  });
});

describe('md writer on a clean Decree 30 plan', () => {
  it('lays out the header with the motto, lettered headings, nested lists, recipients and the signer', async () => {
    const result = await planDocument();
    const md = documentMarkdown(result);
    const shown = readMarkdown(md);
    assertEveryParagraphOnceInOrder(result, shown);
    const headed = allSections(result.sections ?? []).filter((s) => !LIST.has(s.marker));
    assert.deepEqual(headed.map((s) => s.number), ['I', '1', 'a', 'b', '2', 'II']);
    const headings = shown.filter((b) => /^h[2-6]$/.test(b.tag));
    assert.deepEqual(headings.map((h) => h.tag), headed.map((s) => `h${s.level + 1}`));
    assert.equal(headings[2]!.text, 'a) Nâng cao nhận thức của cán bộ, công chức về chuyển đổi số.');
    assert.equal(headings[3]!.text, 'b) Bảo đảm an toàn thông tin | dữ liệu *quan trọng* [mức 2].', 'pipes, stars and brackets shown as written');
    const cells = shown.filter((b) => b.tag === 'th' || b.tag === 'td').map((b) => b.text);
    assert.deepEqual(cells, ['ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc', 'Số: 45/KH-UBND', 'Đông Sơn, ngày 05 tháng 02 năm 2024']);
    // "+" items nest under the "-" item they follow.
    assert.match(md, /^- Tổ chức tập huấn cho cán bộ cấp xã;\n {2}\+ Mỗi xã cử 02 cán bộ tham dự;\n {2}\+ Kinh phí/m);
    assert.deepEqual(shown.filter((b) => b.tag === 'li').map((b) => b.text), [
      'Tổ chức tập huấn cho cán bộ cấp xã;', 'Mỗi xã cử 02 cán bộ tham dự;', 'Kinh phí do ngân sách huyện bảo đảm.', 'Tuyên truyền trên hệ thống loa truyền thanh.',
      'UBND tỉnh (b/c);', 'Các xã, thị trấn;', 'Lưu: VT.',
    ]);
    assert.equal(shown.at(-1)!.text, 'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn An');
  });
});
