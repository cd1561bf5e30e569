/**
 * A Word file with text and a scanned page pasted in (an annex, a signed letter): the picture that
 * looks like a page is read by OCR and added after the text; logos, banners and photos are not
 * read; whatever the pictures do, the document's text is kept and never made an error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { convert } from '../../src/index.js';
import { looksLikeScannedPage } from '../../src/ingest/word-pictures.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url));
const LINE = fixture('line.png'); // "Kết quả tuyên truyền công tác cải cách hành chính năm 2023", 1500 × 110
const PAGE2 = fixture('page2.jpg'); // "Trang hai của bản quét thử nghiệm" …, 1500 × 330

/** An A4 page at 150 dpi with the two scanned strips on it: what a pasted annex looks like. */
const scannedPage = async () => new Uint8Array(await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#fbfbf8' } })
  .composite([{ input: await sharp(LINE).resize(1100).toBuffer(), top: 200, left: 70 }, { input: await sharp(PAGE2).resize(1100).toBuffer(), top: 400, left: 70 }])
  .jpeg({ quality: 90 }).toBuffer());
/** A photo: every level of light, no paper. */
const photo = async () => new Uint8Array(await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 70 } } }).jpeg().toBuffer());
const blankPage = async () => new Uint8Array(await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } }).png().toBuffer());

const TEXT = 'Báo cáo kết quả công tác năm 2024 của Ủy ban nhân dân xã.';
async function reportWith(pictures: { data: Uint8Array; type: 'png' | 'jpg'; width: number; height: number }[]): Promise<Uint8Array> {
  const runs = pictures.map((p) => new Paragraph({ children: [new ImageRun({ type: p.type, data: p.data, transformation: { width: p.width / 3, height: p.height / 3 } })] }));
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(TEXT), ...runs] }] })));
}

/** A stand-in pool answering every reading with `reply()`. */
const standInPool = (reply: () => Promise<{ lines: string[]; words: never[]; confidence: number }>): OcrPool => ({ size: 1, recognize: reply, terminate: async () => undefined });

describe('pictures of a Word file that has text', () => {
  it('are taken for scanned pages only when large, of page proportions, and paper with ink on it', async () => {
    assert.equal(await looksLikeScannedPage(await scannedPage()), true);
    assert.equal(await looksLikeScannedPage(await photo()), false, 'a photo');
    assert.equal(await looksLikeScannedPage(await blankPage()), false, 'a blank page');
    assert.equal(await looksLikeScannedPage(new Uint8Array(LINE)), false, 'a banner or signature line');
    assert.equal(await looksLikeScannedPage(new Uint8Array(await sharp(PAGE2).resize(300).toBuffer())), false, 'a small picture');
    assert.equal(await looksLikeScannedPage(new Uint8Array([1, 2, 3, 4])), false, 'bytes that are no picture');
  });

  it('are read by OCR and added after the text as pages when they look like scanned pages', async () => {
    const data = await reportWith([{ data: await scannedPage(), type: 'jpg', width: 1240, height: 1754 }, { data: new Uint8Array(LINE), type: 'png', width: 1500, height: 110 }]);
    const r = await convert({ path: 'report-with-annex.docx', data }, { restore: false, segment: false });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(r.pages.map((p) => [p.number, p.method]), [[1, 'text'], [2, 'ocr']]);
    assert.match(r.text.original, /^Báo cáo kết quả công tác năm 2024[^\f]*\f[\s\S]*tuyên truyền công tác cải cách hành chính[\s\S]*Trang hai của bản quét/);
    const note = r.diagnostics.find((d) => d.ruleId === 'ingest/word-pictures');
    assert.match(note?.message ?? '', /^1 of the Word document's 2 pictures looks like a scanned page: read by OCR and added after the text as page 2$/);
    assert.equal(r.source.pages, 2);
  });

  it('are left out, with a note, when they read no text', async () => {
    const data = await reportWith([{ data: await scannedPage(), type: 'jpg', width: 1240, height: 1754 }]);
    const ocr = standInPool(async () => ({ lines: [], words: [], confidence: 0 }));
    const r = await convert({ path: 'report.docx', data }, { restore: false, segment: false, ingest: { ocr, straighten: false } });
    assert.deepEqual(r.pages.map((p) => p.method), ['text']);
    assert.equal(r.text.original.trim(), TEXT);
    assert.match(r.diagnostics.find((d) => d.ruleId === 'ingest/word-pictures')?.message ?? '', /^the Word document's picture looks like a scanned page: read by OCR, but it reads no text \(a photo\?\): left out$/);
  });

  it('never make the document an error when their OCR fails: the text is kept, the failure a warning', async () => {
    const data = await reportWith([{ data: await scannedPage(), type: 'jpg', width: 1240, height: 1754 }]);
    const ocr = standInPool(async () => { throw new Error('the OCR engine crashed'); });
    const r = await convert({ path: 'report.docx', data }, { restore: false, segment: false, ingest: { ocr, straighten: false } });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(r.text.original.trim(), TEXT);
    const failed = r.diagnostics.find((d) => d.ruleId === 'ocr/page-failed');
    assert.equal(failed?.severity, 'warning');
    assert.match(failed!.message, /^picture 1 of the Word document: .*the OCR engine crashed/);
  });

  it('are not read when they are photos, logos or banners', async () => {
    const data = await reportWith([{ data: await photo(), type: 'jpg', width: 1600, height: 1200 }, { data: new Uint8Array(LINE), type: 'png', width: 1500, height: 110 }]);
    const ocr = standInPool(async () => { throw new Error('must not OCR'); });
    const r = await convert({ path: 'report.docx', data }, { restore: false, segment: false, ingest: { ocr } });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.ok(!r.diagnostics.some((d) => d.ruleId === 'ingest/word-pictures'));
    assert.equal(r.text.original.trim(), TEXT);
  });

  it('say of a HEIC photo pasted in that it was not read, and keep the text', async () => {
    // Word on a Mac keeps a pasted iPhone photo as HEIC: its part stands where the JPEG stood.
    const heic = new Uint8Array([...Buffer.from('00000018', 'hex'), ...Buffer.from('ftypheic'), ...new Uint8Array(4), ...Buffer.from('mif1heic'), ...Buffer.from('0000002c', 'hex'), ...Buffer.from('meta'), ...new Uint8Array(64)]);
    const zip = await JSZip.loadAsync(await reportWith([{ data: await scannedPage(), type: 'jpg', width: 1240, height: 1754 }]));
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/') && !name.endsWith('/'));
    assert.equal(media.length, 1);
    zip.file(media[0]!, heic);
    const data = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    const ocr = standInPool(async () => { throw new Error('must not OCR'); });
    const r = await convert({ path: 'report.docx', data }, { restore: false, segment: false, ingest: { ocr } });
    assert.equal(r.text.original.trim(), TEXT);
    const said = r.diagnostics.filter((d) => d.ruleId === 'ingest/word-picture-unreadable');
    assert.equal(said.length, 1);
    assert.equal(said[0]!.severity, 'warning');
    assert.match(said[0]!.message, /^picture 1 of the Word document: a HEIC photo .* save or export it as JPEG.*left unread$/);
  });

  it('are put where they stand among the paragraphs of a .docx, the text cut there', async () => {
    const picture = new Paragraph({ children: [new ImageRun({ type: 'jpg', data: await scannedPage(), transformation: { width: 413, height: 585 } })] });
    const data = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(TEXT), picture, new Paragraph('Nơi nhận: như trên; lưu văn thư.')] }] })));
    const ocr = standInPool(async () => ({ lines: ['Phụ lục danh sách các thôn đạt chuẩn nông thôn mới'], words: [], confidence: 90 }));
    const r = await convert({ path: 'report.docx', data }, { restore: false, segment: false, ingest: { ocr, straighten: false } });
    assert.deepEqual(r.pages.map((p) => [p.number, p.method, p.lines.filter((l) => l.trim()).join('|')]), [
      [1, 'text', TEXT], [2, 'ocr', 'Phụ lục danh sách các thôn đạt chuẩn nông thôn mới'], [3, 'text', 'Nơi nhận: như trên; lưu văn thư.'],
    ]);
    assert.match(r.text.original, /^Báo cáo[^\f]*\fPhụ lục[^\f]*\fNơi nhận/);
    assert.match(r.diagnostics.find((d) => d.ruleId === 'ingest/word-pictures')?.message ?? '', /read by OCR and put where it stands in the text as page 2$/);
    assert.equal(r.source.pages, 3);
  });

  it('are put where they stand in an .odt, by the picture part its frame names', async () => {
    const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"';
    const frame = '<draw:frame draw:name="scan"><draw:image xlink:href="Pictures/scan.jpg" xlink:type="simple"/></draw:frame>';
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}><office:body><office:text><text:p>${TEXT}</text:p><text:p>${frame}</text:p><text:p>Nơi nhận: như trên.</text:p></office:text></office:body></office:document-content>`);
    zip.file('Pictures/scan.jpg', await scannedPage());
    const data = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
    const ocr = standInPool(async () => ({ lines: ['Phụ lục danh sách các thôn đạt chuẩn nông thôn mới'], words: [], confidence: 90 }));
    const r = await convert({ path: 'report.odt', data }, { restore: false, segment: false, ingest: { ocr, straighten: false } });
    assert.deepEqual(r.pages.map((p) => p.method), ['text', 'ocr', 'text']);
    assert.equal(r.pages[2]!.lines.join('').trim(), 'Nơi nhận: như trên.');
    assert.deepEqual(r.paragraphs.map((p) => p.page), [1, 2, 3]);
  });

  it('are put where they stand in a .doc (in line or floating, by the CP of their anchor), an .rtf and a flat .fodt', async () => {
    for (const name of ['pictures-between.doc', 'pictures-between-floating.doc', 'pictures-between.rtf', 'pictures-between.fodt']) {
      const data = new Uint8Array(readFileSync(new URL(`../../fixtures/word/${name}`, import.meta.url)));
      const ocr = standInPool(async () => ({ lines: ['Phụ lục danh sách các thôn đạt chuẩn nông thôn mới'], words: [], confidence: 90 }));
      const r = await convert({ path: name, data }, { restore: false, segment: false, ingest: { ocr, straighten: false } });
      assert.deepEqual(r.pages.map((p) => [p.method, p.lines.filter((l) => l.trim()).join('|')]), [
        ['text', TEXT], ['ocr', 'Phụ lục danh sách các thôn đạt chuẩn nông thôn mới'], ['text', 'Nơi nhận: như trên; lưu văn thư.'],
      ], name);
    }
  });
});
