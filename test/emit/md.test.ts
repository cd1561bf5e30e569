import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { readMarkdown } from './read-markdown.js';
import { assertEveryParagraphOnceInOrder } from './shown-text.js';
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
      schemaVersion: '1.1',
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
