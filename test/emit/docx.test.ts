import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';
import { DOCUMENT_WRITERS } from '../../src/emit/document-writers.js';
import { documentDocx } from '../../src/emit/docx.js';
import { documentJson } from '../../src/emit/json.js';
import { documentMarkdown } from '../../src/emit/md.js';
import { readDocx, xmlText } from './read-docx.js';
import { planDocument } from './plan-document.js';
import { allSections, sampleDocument } from './sample-document.js';
import { assertEveryParagraphOnceInOrder } from './shown-text.js';

const LIST = new Set(['dash', 'plus']);

describe('docx writer', () => {
  it('writes a Word package whose sections are Heading1… by level, with the title as Title', async () => {
    const result = await sampleDocument();
    const docx = await readDocx(await documentDocx(result));
    assert.ok(docx.files.includes('[Content_Types].xml') && docx.files.includes('word/numbering.xml'));
    const headed = [...allSections(result.sections ?? []), ...(result.annexes ?? []).flatMap((a) => allSections(a.sections))].filter((s) => !LIST.has(s.marker));
    const headings = docx.paragraphs.filter((p) => /^Heading\d$/.test(p.tag));
    assert.equal(headings.length, headed.length);
    for (const [i, s] of headed.entries()) {
      assert.equal(headings[i]!.tag, `Heading${s.level}`, `${s.number} ${s.heading}`);
      assert.ok(headings[i]!.text.startsWith(`${s.number}.`) && headings[i]!.text.includes(s.heading.replace(/…$/, '').trim()), headings[i]!.text);
    }
    assert.ok(docx.document.includes('<w:pStyle w:val="Heading1"/>'));
    assert.deepEqual(docx.paragraphs.filter((p) => p.tag === 'Title').map((p) => p.text), [result.meta!.title, result.annexes![0]!.title]);
  });

  it('holds every restored paragraph once in order, the annex table cells and the header block', async () => {
    const result = await sampleDocument();
    const docx = await readDocx(await documentDocx(result));
    // Table cells are paragraphs too: the reading order of the whole body.
    assertEveryParagraphOnceInOrder(result, docx.paragraphs);
    const [header, ...rest] = docx.tables;
    assert.deepEqual(header, [['ỦY BAN NHÂN DÂNXÃ NGỌC KỲ', ''], ['Số: 192/BC-UBND', 'Ngọc Kỳ, ngày 29 tháng 12 năm 2023']]);
    const headerXml = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(docx.document)![0];
    assert.match(headerXml, /<w:tblBorders>(?:<w:\w+ w:val="none"[^>]*\/>)+<\/w:tblBorders>/, 'the header table has no borders');
    const table = result.annexes![0]!.tables[0]!;
    assert.ok(rest.some((t) => JSON.stringify(t) === JSON.stringify([table.columns, ...table.rows])), 'the annex table, cell for cell');
    assert.ok(docx.tables.some((t) => t[0]![1]!.startsWith('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')), "the annex's own header has the motto");
    const list = [...docx.document.matchAll(/<w:numPr>/g)].length;
    assert.equal(list, 3 + result.recipients!.length, 'three dash items and the recipients are list items');
    assert.ok(docx.paragraphs.some((p) => p.text === 'Nguyễn Xuân Thoang'));
  });

  it('sets Times New Roman on every run for all four font slots, and the properties from the header', async () => {
    const result = await sampleDocument();
    const docx = await readDocx(await documentDocx(result));
    // Runs that show characters (a page break's run has none).
    const runs = [...docx.document.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).filter((r) => r.includes('<w:t'));
    assert.ok(runs.length > 60);
    for (const r of runs) {
      const fonts = /<w:rFonts ([^>]*)\/>/.exec(r)?.[1] ?? '';
      for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs']) assert.match(fonts, new RegExp(`w:${slot}="Times New Roman"`), `run ${r.slice(0, 120)}`);
    }
    assert.match(docx.styles, /<w:docDefaults>[\s\S]*w:eastAsia="Times New Roman"[\s\S]*<\/w:docDefaults>/);
    const core = (tag: string) => xmlText(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`).exec(docx.core)?.[1] ?? '');
    assert.equal(core('dc:title'), 'Kết quả tuyên truyền công tác cải cách hành chính năm 2023');
    assert.equal(core('dc:subject'), 'Báo cáo 192/BC-UBND');
    assert.equal(core('dc:creator'), 'ỦY BAN NHÂN DÂN XÃ NGỌC KỲ');
  });

  it('writes a document with no structure as its paragraphs, no headings', async () => {
    const result = await sampleDocument({ segment: false });
    const files = await DOCUMENT_WRITERS.docx!({ result, json: '', source: new Uint8Array() });
    assert.deepEqual(files.map((f) => f.suffix), ['.docx']);
    const docx = await readDocx(files[0]!.data as Uint8Array);
    assert.equal(docx.paragraphs.filter((p) => p.tag !== 'p').length, 0);
    assert.equal(docx.tables.length, 0);
    assertEveryParagraphOnceInOrder(result, docx.paragraphs);
    assert.equal(docx.paragraphs.length, result.paragraphs.filter((p) => (p.restored ?? p.text).trim() !== '').length);
    assert.equal(xmlText(/<dc:title>([^<]*)</.exec(docx.core)?.[1] ?? ''), 'bao-cao-ngoc-ky.ocr.txt', 'untitled: the title is the file');
  });
});

describe('docx writer on text XML cannot hold', () => {
  it('shows control characters and lone surrogates as U+FFFD, so Word opens the file', async () => {
    const data = new TextEncoder().encode('Dòng \u0001 một \u000b hai\n\nDòng <b>&amp; "ba"</b>\n');
    const result = await convert({ path: 'control-\u0002.txt', data }, { restore: false });
    (result.paragraphs[1] as { text: string }).text += ' \ud800';
    const docx = await readDocx(await documentDocx(result));
    for (const part of [docx.document, docx.core]) assert.doesNotMatch(part, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
    // (\v is white space: folded into one space like every run of white space in a paragraph.)
    assert.deepEqual(docx.paragraphs.map((p) => p.text), ['Dòng \uFFFD một hai', 'Dòng <b>&amp; "ba"</b> \uFFFD']);
  });
});

describe('docx writer on a clean Decree 30 plan', () => {
  it('has the motto in the header table, Heading3 for lettered items and "+" items one list level down', async () => {
    const result = await planDocument();
    const docx = await readDocx(await documentDocx(result));
    assertEveryParagraphOnceInOrder(result, docx.paragraphs);
    assert.deepEqual(docx.tables[0], [['ỦY BAN NHÂN DÂNHUYỆN ĐÔNG SƠN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc'], ['Số: 45/KH-UBND', 'Đông Sơn, ngày 05 tháng 02 năm 2024']]);
    assert.deepEqual(docx.paragraphs.filter((p) => /^Heading/.test(p.tag)).map((p) => p.tag), ['Heading1', 'Heading2', 'Heading3', 'Heading3', 'Heading2', 'Heading1']);
    const levels = [...docx.document.matchAll(/<w:numPr><w:ilvl w:val="(\d)"\/>/g)].map((m) => m[1]);
    assert.deepEqual(levels, ['0', '1', '1', '0', '0', '0', '0'], 'two "-" items around two "+" items, then three recipients');
    assert.equal(xmlText(/<dc:creator>([^<]*)</.exec(docx.core)![1]!), 'ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN');
    assert.equal(xmlText(/<dc:subject>([^<]*)</.exec(docx.core)![1]!), 'Kế hoạch 45/KH-UBND');
  });
});

describe('writers on a document with no text', () => {
  it('write an empty Markdown file and a Word file with one empty paragraph', async () => {
    const result = documentJson(await convert({ path: 'blank.txt', data: new TextEncoder().encode(' \n\n \n') }, { restore: false })).result;
    assert.equal(result.paragraphs.length, 0);
    assert.equal(documentMarkdown(result), '');
    const docx = await readDocx(await documentDocx(result));
    assert.deepEqual(docx.paragraphs, [{ tag: 'p', text: '' }]);
  });
});
