import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { after, before, describe, it } from 'node:test';
import { detectImageFormat, ingestImage } from '../../src/ingest/image.js';
import { detectKind } from '../../src/core/source-kind.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

describe('image input', () => {
  let pool: OcrPool;
  before(() => { pool = createOcrPool({ jobs: 1 }); });
  after(async () => { await pool.terminate(); });

  it('recognises image formats by their bytes, not their names', () => {
    assert.equal(detectImageFormat(fixture('line.png')), 'png');
    assert.equal(detectImageFormat(fixture('page2.jpg')), 'jpeg');
    assert.equal(detectImageFormat(fixture('pages-2p.tif')), 'tiff');
    assert.equal(detectImageFormat(fixture('text.pdf')), null);
  });

  it('OCRs every page of a multi-page TIFF, in page order, reporting progress', async () => {
    const progress: string[] = [];
    const r = await ingestImage(fixture('pages-2p.tif'), { ocr: pool, onPage: (n, t) => progress.push(`${n}/${t}`) });
    assert.deepEqual(r.pages.map((p) => [p.number, p.method]), [[1, 'ocr'], [2, 'ocr']]);
    assert.match(r.pages[0]!.lines.join('\n'), /ỦY BAN NHÂN DÂN XÃ NGỌC KỲ/);
    assert.match(r.pages[1]!.lines.join('\n'), /Trang hai/);
    assert.deepEqual(progress, ['1/2', '2/2']);
    assert.deepEqual(r.diagnostics, []);
  });

  it('reads a WebP or GIF page (images saved from the web) like any other', async () => {
    const png = fixture('line.png');
    const asPng = await ingestImage(png, { ocr: pool });
    for (const [format, data] of [['webp', await sharp(png).webp({ lossless: true }).toBuffer()], ['gif', await sharp(png).gif().toBuffer()]] as const) {
      const bytes = new Uint8Array(data);
      assert.equal(detectImageFormat(bytes), format);
      const r = await ingestImage(bytes, { ocr: pool });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], format);
      assert.equal(r.pages[0]!.lines.join('\n'), asPng.pages[0]!.lines.join('\n'), format);
    }
  });

  it('reads an AVIF photo like any other page, told by its ftyp box whatever its name', async () => {
    const png = fixture('line.png');
    const avif = new Uint8Array(await sharp(png).avif({ lossless: true }).toBuffer());
    assert.equal(detectImageFormat(avif), 'avif');
    assert.equal(detectKind(avif, 'photo.jpg.download'), 'image');
    const r = await ingestImage(avif, { ocr: pool });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.match(r.pages[0]!.lines.join('\n'), /cải cách hành chính/);
  });

  it('says of an iPhone HEIC photo that it cannot be decoded here, and to save it as JPEG', async () => {
    // The start of a HEIC file as an iPhone writes it: an ftyp box of brand heic, then the meta box.
    const heic = new Uint8Array([...Buffer.from('00000018', 'hex'), ...Buffer.from('ftypheic'), ...new Uint8Array(4), ...Buffer.from('mif1heic'), ...Buffer.from('0000002c', 'hex'), ...Buffer.from('meta'), ...new Uint8Array(64)]);
    assert.equal(detectImageFormat(heic), 'heic');
    assert.equal(detectKind(heic, 'IMG_0001.HEIC'), 'image');
    assert.equal(detectKind(heic, 'no-name'), 'image');
    const r = await ingestImage(heic, { ocr: pool });
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/image-unsupported');
    assert.match(r.diagnostics[0]!.message, /^a HEIC photo \(as iPhones save them\): .* save or export it as JPEG/);
  });

  it('takes a PNM image (as scanner tools write it) named .pgm, .ppm, .pbm or .pnm for an image, and reads it', async () => {
    const { data, info } = await sharp(fixture('line.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
    const pgm = new Uint8Array(Buffer.concat([Buffer.from(`P5\n${info.width} ${info.height}\n255\n`), data]));
    for (const name of ['scan.pgm', 'scan.PPM', 'scan.pbm', 'scan.pnm']) assert.equal(detectKind(pgm, name), 'image', name);
    assert.equal(detectKind(new TextEncoder().encode('P5 is a plan'), 'plan.txt'), 'text');
    const r = await ingestImage(pgm, { ocr: pool });
    assert.match(r.pages[0]!.lines.join('\n'), /cải cách hành chính/);
  });

  it('reads TIFF pages compressed with JPEG, Deflate or WebP, which tesseract.js cannot read as stored', async () => {
    for (const compression of ['jpeg', 'deflate', 'webp'] as const) {
      const tiff = new Uint8Array(await sharp(fixture('line.png')).tiff({ compression }).toBuffer());
      const r = await ingestImage(tiff, { ocr: pool });
      assert.deepEqual(r.diagnostics.filter((d) => d.severity !== 'info'), [], compression);
      assert.match(r.pages[0]!.lines.join('\n'), /cải cách hành chính/, compression);
    }
  });

  it('says which compression a TIFF page has when nothing here decodes it, and to save it otherwise', async () => {
    // An uncompressed TIFF whose compression tag says LZMA (34925), which neither libtiff build reads.
    const tiff = new Uint8Array(await sharp(fixture('line.png')).tiff({ compression: 'none' }).toBuffer());
    const view = new DataView(tiff.buffer, tiff.byteOffset);
    const ifd = view.getUint32(4, true);
    for (let k = 0; k < view.getUint16(ifd, true); k++) if (view.getUint16(ifd + 2 + 12 * k, true) === 259) view.setUint16(ifd + 2 + 12 * k + 8, 34925, true);
    const r = await ingestImage(tiff, { ocr: pool });
    const said = r.diagnostics.find((d) => d.ruleId === 'ingest/image-unsupported');
    assert.match(said?.message ?? '', /^page 1: the page is compressed with LZMA \(TIFF compression 34925\), which cannot be decoded here: save the scan as a TIFF with LZW/);
  });

  it('reads a bilevel BMP saved with a version 5 header (as ImageMagick and GIMP write it), whose palette tesseract.js misplaced', async () => {
    const { data, info } = await sharp(fixture('line.png')).greyscale().raw().toBuffer({ resolveWithObject: true });
    const row = Math.ceil(info.width / 32) * 4;
    const header = 14 + 124, palette = 8;
    const bmp = new Uint8Array(header + palette + row * info.height);
    const v = new DataView(bmp.buffer);
    bmp[0] = 0x42; bmp[1] = 0x4d;
    v.setUint32(2, bmp.length, true); v.setUint32(10, header + palette, true);
    v.setUint32(14, 124, true); v.setInt32(18, info.width, true); v.setInt32(22, info.height, true);
    v.setUint16(26, 1, true); v.setUint16(28, 1, true); v.setUint32(46, 2, true);
    v.setUint32(header, 0x00ffffff, true); // index 0 white, index 1 black
    for (let y = 0; y < info.height; y++) {
      const at = header + palette + (info.height - 1 - y) * row; // bottom-up
      for (let x = 0; x < info.width; x++) if (data[y * info.width + x]! < 128) bmp[at + (x >> 3)]! |= 0x80 >> (x & 7);
    }
    const r = await ingestImage(bmp, { ocr: pool });
    assert.match(r.pages[0]!.lines.join('\n'), /cải cách hành chính/);
  });

  it('takes an MP4 video, whose ftyp box names other brands, for no image', () => {
    const mp4 = new Uint8Array([...Buffer.from('00000020', 'hex'), ...Buffer.from('ftypisom'), ...Buffer.from('00000200', 'hex'), ...Buffer.from('isomiso2avc1mp41'), ...new Uint8Array(32)]);
    assert.equal(detectImageFormat(mp4), null);
    assert.equal(detectKind(mp4, 'clip.bin'), 'text');
  });

  it('says a WebP it cannot decode is damaged', async () => {
    const cut = new Uint8Array(await sharp(fixture('line.png')).webp().toBuffer()).subarray(0, 40);
    const r = await ingestImage(cut, { ocr: pool });
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/image-corrupt');
  });

  it('gives a diagnostic, not an exception, for bytes that are no image', async () => {
    const r = await ingestImage(new TextEncoder().encode('plain text, not an image'), { ocr: pool });
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/image-unsupported');
    assert.equal(r.diagnostics[0]?.severity, 'error');
  });

  it('says an image too large to hold in memory is too large, not damaged', async () => {
    // What Tesseract answers when Leptonica cannot allocate the page (a 40,000 × 30,000 scan).
    const leptonica = 'Error attempting to read image. (Error in pixCreateNoInit: pixdata_malloc fail for data; Error in pixCreate: pixd not made)';
    const ocr = { size: 1, async recognize(): Promise<never> { throw new Error(leptonica); }, async terminate() {} } as unknown as OcrPool;
    const r = await ingestImage(fixture('line.png'), { ocr, straighten: false });
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/image-corrupt');
    assert.match(r.diagnostics[0]!.message, /^the image is too large to decode in memory \(\d+ × \d+ pixels\): scan it again at 300 dpi or less$/);
  });

  it('refuses a page image of more pixels than sharp allows from its header, without decoding or OCR', async () => {
    // line.png said to be 40,000 × 30,000 (1.2 gigapixels): the IHDR's size and its CRC rewritten.
    const png = Buffer.from(fixture('line.png'));
    png.writeUInt32BE(40_000, 16);
    png.writeUInt32BE(30_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    let asked = 0;
    const ocr = { size: 1, async recognize(): Promise<never> { asked++; throw new Error('not to be called'); }, async terminate() {} } as unknown as OcrPool;
    const r = await ingestImage(new Uint8Array(png), { ocr, straighten: false });
    assert.equal(asked, 0);
    assert.deepEqual(r.pages, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ingest/image-corrupt');
    assert.equal(r.diagnostics[0]!.message, 'the image is too large to decode in memory (40000 × 30000 pixels): scan it again at 300 dpi or less');
  });
});
