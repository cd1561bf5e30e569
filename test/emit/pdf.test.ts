import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { DOCUMENT_WRITERS } from '../../src/emit/document-writers.js';
import { documentPdf, pdfKind } from '../../src/emit/pdf.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';
import { loadModel } from '../../src/model/load.js';
import { scanPages } from '../../src/ingest/ocr/pdf-objects.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const words = (text: string) => text.split(/\s+/).filter(Boolean);

async function pdfText(pdf: Uint8Array): Promise<{ pages: string[] }> {
  const parser = new PDFParse({ data: pdf.slice() });
  try {
    const r = await parser.getText();
    return { pages: r.pages.map((p) => p.text) };
  } finally {
    await parser.destroy();
  }
}

/** Bytes of every image XObject on each page, as stored (still encoded). */
async function pageImageBytes(pdf: Uint8Array): Promise<Uint8Array[][]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    return (xobjects?.entries() ?? []).flatMap(([, ref]) => {
      const s = doc.context.lookupMaybe(ref, PDFStream);
      return s instanceof PDFRawStream && s.dict.get(PDFName.of('Subtype')) === PDFName.of('Image') ? [s.contents] : [];
    });
  });
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const pdftotextSkip = hasPdftotext ? false : 'pdftotext not installed (Debian: apt-get install poppler-utils)';

function pdftotext(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    const r = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pdf writer', () => {
  let pool: OcrPool;
  let scanned: DocumentResult, image: DocumentResult, text: DocumentResult;
  const scannedPdf = fixture('scans/scanned-2p.pdf'), jpeg = fixture('scans/page2.jpg'), report = fixture('bao-cao-ngoc-ky.ocr.txt');

  before(async () => {
    pool = createOcrPool({ jobs: 1 });
    const options = { ingest: { ocr: pool }, restore: { model: loadModel() } };
    [scanned, image, text] = await Promise.all([
      convert({ path: 'scanned-2p.pdf', data: scannedPdf }, options),
      convert({ path: 'page2.jpg', data: jpeg }, options),
      convert({ path: 'bao-cao-ngoc-ky.ocr.txt', data: report }, options),
    ]);
    for (const r of [scanned, image, text]) assert.equal(typeof r.text.restored, 'string', `${r.source.path} was restored`);
  });
  after(() => pool.terminate());

  it('is registered for --format pdf and writes <name>.pdf', async () => {
    const files = await DOCUMENT_WRITERS.pdf!({ result: scanned, json: '', source: scannedPdf });
    assert.deepEqual(files.map((f) => f.suffix), ['.pdf']);
    assert.equal(new TextDecoder().decode((files[0]!.data as Uint8Array).subarray(0, 5)), '%PDF-');
  });

  it('a scanned PDF keeps its pages and their scan bytes, and its text is the restored words in reading order', async () => {
    assert.equal(pdfKind(scanned), 'scan');
    const pdf = await documentPdf(scanned, scannedPdf);
    const { pages } = await pdfText(pdf);
    assert.equal(pages.length, 2);
    assert.deepEqual(words(pages.join('\n')), words(scanned.text.restored!));
    const jpegs = scanPages(scannedPdf).map((p) => p.jpeg!);
    const images = await pageImageBytes(pdf);
    assert.equal(images.length, 2);
    images.forEach((onPage, i) => {
      assert.equal(onPage.length, 1);
      assert.ok(Buffer.from(onPage[0]!).equals(Buffer.from(jpegs[i]!)), `page ${i + 1} image bytes differ from the input's`);
    });
    assert.ok(pdf.length <= scannedPdf.length * 1.25, `${pdf.length} bytes for a ${scannedPdf.length}-byte input`);
  });

  it('puts the restored words, not the OCR reading, in the text layer', async () => {
    // The same page as an English-model OCR would read it: marks lost in the OCR words and lines.
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
    const damaged: DocumentResult = {
      ...scanned,
      text: { original: strip(scanned.text.original), restored: scanned.text.restored },
      pages: scanned.pages.map((p) => ({ ...p, lines: p.lines.map(strip), words: p.words!.map((w) => ({ ...w, text: strip(w.text) })) })),
    };
    assert.notDeepEqual(words(damaged.text.original), words(scanned.text.restored!));
    const { pages } = await pdfText(await documentPdf(damaged, scannedPdf));
    assert.deepEqual(words(pages.join('\n')), words(scanned.text.restored!));
  });

  it('places each word over its OCR box (the text spans the box it was read in)', async () => {
    const pdf = await documentPdf(scanned, scannedPdf);
    const doc = await PDFDocument.load(pdf);
    const { width, height } = doc.getPage(0).getSize();
    const contents = doc.getPage(0).node.Contents() as PDFArray;
    // The page's own content, wrapped in q … Q, then the text layer last.
    const layer = doc.context.lookup(contents.get(contents.size() - 1)) as PDFRawStream;
    const ops = new TextDecoder('latin1').decode(decodePDFRawStream(layer).decode());
    const first = scanned.pages[0]!.words![0]!;
    const scale = width / 1500; // the scan is 1500 px wide
    const tm = ops.match(/1 0 0 1 ([\d.]+) ([\d.]+) Tm/);
    assert.ok(tm, 'a text matrix for the first word');
    assert.ok(ops.includes('3 Tr'), 'invisible text (render mode 3)');
    // The layer is drawn in pixels through one cm from pixels to points.
    const cm = ops.match(/([\d.]+) 0 0 ([\d.]+) 0 0 cm/);
    assert.ok(cm);
    assert.ok(Math.abs(Number(cm[1]) - scale) < 1e-3);
    assert.ok(Math.abs(Number(tm[1]) - first.bbox[0]) < 1e-3);
    assert.ok(Number(tm[2]) > 330 - first.bbox[3] && Number(tm[2]) < 330 - first.bbox[1], 'baseline inside the word box');
    assert.ok(height > 0);
  });

  it('an image input becomes a page holding the image bytes as they are, with the restored text', async () => {
    const pdf = await documentPdf(image, jpeg);
    const images = await pageImageBytes(pdf);
    assert.equal(images.length, 1);
    assert.ok(Buffer.from(images[0]![0]!).equals(Buffer.from(jpeg)));
    const { pages } = await pdfText(pdf);
    assert.deepEqual(words(pages.join('\n')), words(image.text.restored!));
  });

  it('a PNG scan keeps its compressed data and its grey channel (no re-encoding)', async () => {
    const png = fixture('scans/line.png');
    const lines = ['Kết quả tuyên truyền'];
    const result: DocumentResult = {
      ...image,
      source: { ...image.source, kind: 'image', pages: 1 },
      text: { original: lines[0]!, restored: lines[0]! },
      pages: [{ number: 1, method: 'ocr', lines, words: words(lines[0]!).map((w, k) => ({ text: w, confidence: 90, bbox: [30 + k * 150, 40, 160 + k * 150, 90] as [number, number, number, number], line: 1 })) }],
    };
    const pdf = await documentPdf(result, png);
    const stream = (await pageImageBytes(pdf))[0]?.[0];
    // The PNG's IDAT chunk data, unchanged, is the image stream.
    let idat = Buffer.alloc(0);
    for (let at = 8; at < png.length;) {
      const length = Buffer.from(png).readUInt32BE(at);
      if (Buffer.from(png.subarray(at + 4, at + 8)).toString('latin1') === 'IDAT') idat = Buffer.concat([idat, png.subarray(at + 8, at + 8 + length)]);
      at += 12 + length;
    }
    assert.ok(Buffer.from(stream!).equals(idat));
    const doc = await PDFDocument.load(pdf);
    const xobject = doc.getPage(0).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
    const dict = (doc.context.lookup(xobject.values()[0]!) as PDFRawStream).dict;
    assert.equal(dict.get(PDFName.of('ColorSpace'))?.toString(), '/DeviceGray');
    assert.deepEqual(words((await pdfText(pdf)).pages.join(' ')), words(lines[0]!));
  });

  it('a multi-page TIFF gives one page per TIFF page, each the size of its image', async () => {
    const tiff = fixture('scans/pages-2p.tif');
    const lines = [['Trang', 'một'], ['Trang', 'hai']];
    // A stand-in OCR result (words and boxes) keeps this test about the pages.
    const result: DocumentResult = {
      ...image,
      source: { ...image.source, kind: 'image', pages: 2 },
      text: { original: lines.map((l) => l.join(' ')).join('\f'), restored: lines.map((l) => l.join(' ')).join('\f') },
      pages: lines.map((l, i) => ({ number: i + 1, method: 'ocr' as const, lines: [l.join(' ')], words: l.map((w, k) => ({ text: w, confidence: 90, bbox: [30 + k * 200, 40, 200 + k * 200, 90] as [number, number, number, number], line: 1 })) })),
    };
    const pdf = await documentPdf(result, tiff);
    const doc = await PDFDocument.load(pdf);
    assert.equal(doc.getPageCount(), 2);
    const sizes = doc.getPages().map((p) => p.getSize());
    // 1500 × 330 px with no stated resolution: an A4-wide page is assumed, as OCR did.
    for (const s of sizes) assert.ok(Math.abs(s.width / s.height - 1500 / 330) < 1e-6);
    const { pages } = await pdfText(pdf);
    assert.deepEqual(pages.map(words), lines);
  });

  it('a text input gives a typeset A4 PDF whose text reads back with its diacritics', async () => {
    assert.equal(pdfKind(text), 'typeset');
    const pdf = await documentPdf(text, report);
    const doc = await PDFDocument.load(pdf);
    const { width, height } = doc.getPage(0).getSize();
    assert.ok(Math.abs(width - 595.28) < 0.1 && Math.abs(height - 841.89) < 0.1);
    const { pages } = await pdfText(pdf);
    assert.ok(pages.length > 1, 'a long report breaks over pages');
    assert.deepEqual(words(pages.join('\n')), words(text.text.restored!));
    assert.ok(pages.join(' ').includes('Kết quả tuyên truyền'));
  });

  it('fills Title, Subject, Author and CreationDate from the header fields', async () => {
    const doc = await PDFDocument.load(await documentPdf(text, report), { updateMetadata: false });
    assert.equal(doc.getTitle(), text.meta!.title);
    assert.equal(doc.getAuthor(), text.meta!.issuer!.name);
    assert.equal(doc.getSubject(), `${text.meta!.type!.name} ${text.meta!.number}`);
    assert.equal(doc.getCreationDate()?.toISOString(), '2023-12-28T17:00:00.000Z'); // 29/12/2023, Vietnam time
  });

  it('carries the PDF/A-2b parts: XMP identification, sRGB output intent, embedded font, document ID', async () => {
    const pdf = await documentPdf(scanned, scannedPdf);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const xmp = new TextDecoder().decode((doc.context.lookup(doc.catalog.get(PDFName.of('Metadata'))) as PDFRawStream).contents);
    assert.match(xmp, /<pdfaid:part>2<\/pdfaid:part>/);
    assert.match(xmp, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
    assert.ok(xmp.includes(`<rdf:li xml:lang="x-default">${doc.getTitle()}</rdf:li>`));
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    const intent = doc.context.lookup(intents.get(0), PDFDict);
    assert.equal(intent.get(PDFName.of('S'))?.toString(), '/GTS_PDFA1');
    const profile = doc.context.lookup(intent.get(PDFName.of('DestOutputProfile'))) as PDFRawStream;
    assert.equal(profile.dict.get(PDFName.of('N'))?.toString(), '3');
    const icc = decodePDFRawStream(profile).decode();
    assert.equal(new TextDecoder('latin1').decode(icc.subarray(36, 40)), 'acsp', 'an ICC profile');
    assert.equal(new TextDecoder('latin1').decode(icc.subarray(16, 20)), 'RGB ');
    const fonts = doc.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    const type0 = doc.context.lookup(fonts.values()[0], PDFDict);
    const cidFont = doc.context.lookup(type0.lookup(PDFName.of('DescendantFonts'), PDFArray).get(0), PDFDict);
    const descriptor = cidFont.lookup(PDFName.of('FontDescriptor'), PDFDict);
    const program = descriptor.lookup(PDFName.of('FontFile2'), PDFStream);
    assert.match(type0.get(PDFName.of('BaseFont'))!.toString(), /^\/[A-Z]{6}\+/, 'a subset font is named with a tag');
    assert.ok(program, 'the font program is embedded');
    assert.ok(type0.get(PDFName.of('ToUnicode')), 'text maps back to Unicode');
    const id = doc.context.trailerInfo.ID as PDFArray;
    assert.equal(id.size(), 2);
    assert.match(id.get(0).toString(), /^<[0-9A-F]{32}>$/i);
  });

  it('shows a character the font lacks as "?" (never the .notdef glyph PDF/A forbids), keeping the other words', async () => {
    const lines = ['Kết quả 漢 đạt'];
    const result: DocumentResult = { ...text, text: { original: lines[0]!, restored: lines[0]! }, pages: [{ number: 1, method: 'text', lines }] };
    const { pages } = await pdfText(await documentPdf(result, new Uint8Array()));
    assert.deepEqual(words(pages.join('\n')), ['Kết', 'quả', '?', 'đạt']);
  });

  it('falls back to the typeset text when the scan pages cannot be read, so the restored text is kept', async () => {
    const pdf = await documentPdf(scanned, new TextEncoder().encode('%PDF-1.4 not really a PDF'));
    const { pages } = await pdfText(pdf);
    assert.deepEqual(words(pages.join('\n')), words(scanned.text.restored!));
  });

  it('a page OCR\'d from its rendering (no single scan image) gets its words where the rendering showed them', { skip: pdftotextSkip }, async () => {
    // The scan line drawn over the whole page, plus a small second image: the PDF ingest renders such a page.
    const doc = await PDFDocument.create();
    const scan = await doc.embedJpg(jpeg);
    const page = doc.addPage([360, 79.2]);
    page.drawImage(scan, { x: 0, y: 0, width: 360, height: 79.2 });
    page.drawImage(await doc.embedPng(fixture('scans/line.png')), { x: 340, y: 0, width: 15, height: 1.1 });
    const input = await doc.save();
    const result = await convert({ path: 'rendered.pdf', data: input }, { ingest: { ocr: pool }, restore: { model: loadModel() } });
    assert.equal(result.pages[0]!.method, 'ocr');
    const out = await documentPdf(result, input);
    const dir = mkdtempSync(join(tmpdir(), 'baocao-pdf-'));
    try {
      writeFileSync(join(dir, 'a.pdf'), out);
      const html = spawnSync('pdftotext', ['-bbox', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).stdout;
      const first = html.match(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Trang<\/word>/);
      assert.ok(first, html);
      // In page2.jpg (1500 × 330 px on 360 × 79.2 pt) "Trang" spans about x 30–166 px, y 41–93 px.
      const pt = 360 / 1500;
      assert.ok(Math.abs(Number(first[1]) - 30 * pt) < 2 && Math.abs(Number(first[3]) - 166 * pt) < 2, `x ${first[1]}–${first[3]}`);
      assert.ok(Number(first[2]) > 30 * pt && Number(first[4]) < 100 * pt, `y ${first[2]}–${first[4]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('pdftotext finds the restored words of the scan', { skip: pdftotextSkip }, async () => {
    const out = pdftotext(await documentPdf(scanned, scannedPdf));
    assert.deepEqual(words(out), words(scanned.text.restored!));
    assert.ok(out.includes('Báo cáo kết quả'));
  });
});
