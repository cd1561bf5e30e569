/**
 * A Word file of pictures only (scanned pages pasted into Word): each picture read by OCR as a page,
 * in the order they stand; a Word file with text keeps to its text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { Document, ImageRun, Packer, PageBreak, Paragraph } from 'docx';
import { convert } from '../../../src/index.js';
import { docxPictures } from '../../../src/ingest/word/docx-pictures.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/scans/${name}`, import.meta.url)));
const LINE = fixture('line.png'); // "Kết quả tuyên truyền công tác cải cách hành chính năm 2023", 1500 × 110
const PAGE2 = fixture('page2.jpg'); // "Trang hai của bản quét thử nghiệm" …, 1500 × 330

const picture = (data: Uint8Array, type: 'png' | 'jpg', width: number, height: number) => new ImageRun({ type, data, transformation: { width: width / 3, height: height / 3 } });

async function wordFile(children: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

const pastedScans = () => wordFile([
  new Paragraph({ children: [picture(LINE, 'png', 1500, 110)] }),
  new Paragraph({ children: [new PageBreak()] }),
  new Paragraph({ children: [picture(PAGE2, 'jpg', 1500, 330)] }),
]);

describe('pictures of a .docx', () => {
  it('are found in the order they stand in the body, each once, linked and vector ones left out', async () => {
    const bytes = await pastedScans();
    const found = docxPictures(bytes);
    assert.equal(found.length, 2);
    assert.deepEqual([...found[0]!.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    assert.deepEqual([...found[1]!.subarray(0, 2)], [0xff, 0xd8]);
    // The same picture drawn again (a VML copy for old Word), a linked one and an EMF: nothing more.
    const zip = await JSZip.loadAsync(bytes);
    const body = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const firstId = /r:embed="([^"]+)"/.exec(body)![1]!;
    zip.file('word/media/chart.emf', new Uint8Array([1, 0, 0, 0, 0x6c, 0, 0, 0]));
    zip.file('word/_rels/document.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://example.org/a.png" TargetMode="External"/><Relationship Id="rIdE" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/chart.emf"/></Relationships>'));
    zip.file('word/document.xml', body.replace('</w:body>', `<w:p><w:r><w:pict><v:imagedata r:id="${firstId}"/></w:pict></w:r></w:p><w:p><w:r><w:pict><v:imagedata r:id="rIdX"/><v:imagedata r:id="rIdE"/></w:pict></w:r></w:p></w:body>`));
    assert.equal(docxPictures(new Uint8Array(await zip.generateAsync({ type: 'uint8array' }))).length, 2);
  });

  it('of a Word file with no text are read by OCR, a page each, with a note saying so', async () => {
    const r = await convert({ path: 'scans-pasted.docx', data: await pastedScans() }, { restore: false, segment: false });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(r.diagnostics.some((d) => d.ruleId === 'ingest/word-pictures' && /2 pictures/.test(d.message)));
    assert.equal(r.pages.length, 2);
    assert.deepEqual(r.pages.map((p) => p.method), ['ocr', 'ocr']);
    assert.match(r.text.original, /tuyên truyền công tác cải cách hành chính[\s\S]*\f[\s\S]*Trang hai của bản quét/);
  });

  it('are read up to a total size for the file: a ZIP of pictures inflating to gigabytes is not unpacked whole', async () => {
    const bytes = await pastedScans();
    // The PNG is 8,779 bytes, the JPEG 45,077.
    assert.equal(docxPictures(bytes, 60_000).length, 2);
    assert.deepEqual(docxPictures(bytes, 20_000).map((p) => p.length), [LINE.length]);
    assert.deepEqual(docxPictures(bytes, LINE.length).map((p) => p.length), [LINE.length]);
  });

  it('are picked by --pages as pages, by their order', async () => {
    const r = await convert({ path: 'scans-pasted.docx', data: await pastedScans() }, { restore: false, segment: false, ingest: { pages: [{ from: 2, to: 2 }] } });
    assert.equal(r.pages.length, 1);
    assert.equal(r.pages[0]!.number, 2);
    assert.match(r.text.original, /^Trang hai/);
  });

  it('are left as they are in a Word file with text when they do not look like scanned pages', async () => {
    const bytes = await wordFile([new Paragraph('Báo cáo kết quả công tác năm 2024.'), new Paragraph({ children: [picture(PAGE2, 'jpg', 1500, 330)] })]);
    const r = await convert({ path: 'text.docx', data: bytes }, { restore: false, segment: false });
    assert.equal(r.text.original.trim(), 'Báo cáo kết quả công tác năm 2024.');
    assert.ok(!r.diagnostics.some((d) => d.ruleId === 'ingest/word-pictures'));
    assert.deepEqual(r.pages.map((p) => p.method), ['text']);
  });
});
