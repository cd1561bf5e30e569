import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { placeDateLine } from '../../src/emit/block-text.js';
import { documentBlocks, splitHeading, type Block } from '../../src/emit/document-blocks.js';
import { sampleDocument } from './sample-document.js';

/** Each paragraph index in exactly one block, in reading order. */
function assertEachParagraphOnce(result: DocumentResult, blocks: Block[]) {
  const from = blocks.flatMap((b) => b.from);
  assert.deepEqual(from, result.paragraphs.map((_, i) => i));
}

describe('document layout', () => {
  it('puts each paragraph of the sample in exactly one block, in reading order', async () => {
    const result = await sampleDocument();
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    const kinds = new Set(blocks.map((b) => b.kind));
    for (const k of ['header', 'type', 'title', 'heading', 'paragraph', 'list-item', 'table', 'caption', 'recipients-label', 'recipient', 'signature']) assert.ok(kinds.has(k as Block['kind']), k);
  });

  it('reads a paragraph cut by a page break as one', async () => {
    const result = await sampleDocument();
    const joined = documentBlocks(result).filter((b) => b.kind === 'paragraph' && b.from.length === 2);
    assert.ok(joined.length >= 1);
    for (const b of joined) assert.notEqual(result.paragraphs[b.from[0]!]!.page, result.paragraphs[b.from[1]!]!.page);
  });

  it('shows the rows of a table as read when the table lost one of their words', async () => {
    const result = structuredClone(await sampleDocument());
    const table = result.annexes![0]!.tables[0]!;
    table.rows[1]![1] = table.rows[1]![1]!.replace('Đài truyền thanh', 'Đài');
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    assert.equal(blocks.find((b) => b.kind === 'table'), undefined);
    const row = result.paragraphs.findIndex((p) => (p.restored ?? p.text).startsWith('2 Duy trì và nâng cao'));
    assert.ok(row > 0);
    assert.ok(blocks.some((b) => b.kind === 'paragraph' && b.from.includes(row)), 'the row is shown as it was read');
  });

  it('shows header fields that no paragraph holds (taken from an annex) before the title', async () => {
    const result = await sampleDocument();
    const [first, second] = documentBlocks(result);
    assert.deepEqual(first, { kind: 'header', annex: false, issuer: ['ỦY BAN NHÂN DÂN', 'XÃ NGỌC KỲ'], motto: [], number: 'Số: 192/BC-UBND', placeDate: 'Ngọc Kỳ, ngày 29 tháng 12 năm 2023', from: [] });
    assert.deepEqual(second, { kind: 'type', text: 'BÁO CÁO', from: [0] });
  });

  it('gives a document with no structure one paragraph block per paragraph', async () => {
    const result = await sampleDocument({ segment: false });
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    assert.ok(blocks.every((b) => b.kind === 'paragraph' && b.from.length === 1));
  });

  it('splits a numbered item into its heading and the rest of its paragraph, never blindly', () => {
    assert.deepEqual(splitHeading('2.1. Nội dung, hình thức tuyên truyền.', { heading: 'Nội dung, hình thức tuyên truyền' }), { heading: '2.1. Nội dung, hình thức tuyên truyền.', body: '' });
    assert.deepEqual(splitHeading('1. Tiếp tục tuyên truyền. Thường xuyên cập nhật.', { heading: 'Tiếp tục tuyên truyền' }), { heading: '1. Tiếp tục tuyên truyền.', body: 'Thường xuyên cập nhật.' });
    assert.deepEqual(splitHeading('3. Phối hợp với các bộ phận chuyên môn để tăng cường công tác. Cập nhật.', { heading: 'Phối hợp với các bộ phận …' }), { heading: '3. Phối hợp với các bộ phận chuyên môn để tăng cường công tác.', body: 'Cập nhật.' });
    assert.deepEqual(splitHeading('4. Ket qua khac', { heading: 'Kết quả' }), { heading: '4. Ket qua khac', body: '' });
  });

  it('writes the place and date as Decree 30 does', () => {
    assert.equal(placeDateLine('Ngọc Kỳ', '2023-02-05', null), 'Ngọc Kỳ, ngày 05 tháng 02 năm 2023');
    assert.equal(placeDateLine('Hà Nội', '2023-12-29', null), 'Hà Nội, ngày 29 tháng 12 năm 2023');
    assert.equal(placeDateLine(null, null, 'ngày 31 tháng 4 năm 2023'), 'Ngày 31 tháng 4 năm 2023');
    assert.equal(placeDateLine('Huế', null, null), 'Huế');
  });
});

describe('document layout of the header', () => {
  it('takes the type and the title from one paragraph that holds both', async () => {
    const result = structuredClone(await sampleDocument());
    // As if the header's two lines had been read as one paragraph.
    const [type, title, ...rest] = result.paragraphs;
    result.paragraphs = [{ ...type!, text: `${type!.text} ${title!.text}`, restored: `${type!.restored} ${title!.restored}`, lineEnd: title!.lineEnd }, ...rest];
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    const titles = blocks.filter((b) => b.kind === 'title' && !b.annex);
    assert.deepEqual(titles.map((b) => b.from), [[0]]);
    assert.equal((titles[0] as { text: string }).text, 'BÁO CÁO Kết quả tuyên truyền công tác cải cách hành chính năm 2023');
  });

  it('shows the title field once when no paragraph of the header holds it', async () => {
    const result = structuredClone(await sampleDocument());
    result.meta!.title = 'Tiêu đề không có trong văn bản';
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    assert.deepEqual(blocks.filter((b) => b.kind === 'title' && !b.annex).map((b) => [(b as { text: string }).text, b.from]), [['Tiêu đề không có trong văn bản', []]]);
  });
});

describe('document layout of the type', () => {
  it('shows a type no paragraph says (known from the number) after the header', async () => {
    const result = structuredClone(await sampleDocument());
    result.paragraphs = result.paragraphs.slice(1);
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    assert.deepEqual(blocks.slice(0, 3).map((b) => [b.kind, b.from]), [['header', []], ['type', []], ['title', [0]]]);
    assert.equal((blocks[1] as { text: string }).text, 'BÁO CÁO');
  });

  it('puts it after a header the paragraphs hold, not before', async () => {
    const result = structuredClone(await sampleDocument());
    const [, title, ...rest] = result.paragraphs;
    // The header as a Decree 30 document prints it, on the lines before the title.
    const header = ['ỦY BAN NHÂN DÂN', 'XÃ NGỌC KỲ', 'Số: 192/BC-UBND Ngọc Kỳ, ngày 29 tháng 12 năm 2023'].map((text, i) => ({ text, restored: text, page: 1, lineStart: i + 1, lineEnd: i + 1 }));
    result.paragraphs = [...header, title!, ...rest];
    result.meta!.provenance = { page: 1, lineStart: 1, lineEnd: 3 };
    const blocks = documentBlocks(result);
    assertEachParagraphOnce(result, blocks);
    assert.deepEqual(blocks.slice(0, 3).map((b) => [b.kind, b.from]), [['header', [0, 1, 2]], ['type', []], ['title', [3]]]);
  });
});
