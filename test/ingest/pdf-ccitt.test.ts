import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { PdfSource } from '../../src/ingest/ocr/pdf-source.js';
import { g4Tiff } from '../../src/ingest/ocr/pdf-ccitt.js';

/** A bilevel page 1003 px wide (no multiple of 8) with a black square, as raw grey pixels and as one CCITT G4 strip. */
async function bilevelPage() {
  const W = 1003, H = 240;
  const square = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#000000' } }).png().toBuffer();
  const page = sharp({ create: { width: W, height: H, channels: 3, background: '#ffffff' } }).composite([{ input: square, left: 800, top: 150 }]);
  const tiff = await page.clone().extractChannel(0).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true }).toBuffer();
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = v.getUint32(4, true);
  const tag = (t: number) => { for (let i = 0; i < v.getUint16(ifd, true); i++) if (v.getUint16(ifd + 2 + i * 12, true) === t) return v.getUint32(ifd + 2 + i * 12 + 8, true); throw new Error(`no tag ${t}`); };
  assert.equal(tag(278) >= H, true, 'one strip');
  const strip = new Uint8Array(tiff.subarray(tag(273), tag(273) + tag(279)));
  const grey = await sharp(tiff).greyscale().raw().toBuffer();
  return { W, H, strip, grey };
}

/** A one-page PDF drawing that strip as its page image (`extra` goes into the image dictionary). */
function ccittPdf(strip: Uint8Array, W: number, H: number, extra = ''): Uint8Array {
  const [w, h] = [W * 0.24, H * 0.24];
  const content = `q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`;
  const objects: (string | Uint8Array)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`, strip,
  ];
  const parts: Buffer[] = [];
  let length = 0;
  const put = (b: Buffer) => { parts.push(b); length += b.length; };
  put(Buffer.from('%PDF-1.4\n', 'latin1'));
  const offsets = objects.map((o, i) => {
    const at = length;
    if (typeof o === 'string') put(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
    else {
      put(Buffer.from(`${i + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${W} /Height ${H} /BitsPerComponent 1 /ColorSpace /DeviceGray /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${W} /Rows ${H} >>${extra} /Length ${o.length} >>\nstream\n`, 'latin1'));
      put(Buffer.from(o));
      put(Buffer.from('\nendstream\nendobj\n', 'latin1'));
    }
    return at;
  });
  put(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

describe('bilevel (CCITT G4) scanner pages', () => {
  it('hands OCR the page decoded from its own bytes, pixel for pixel, when its width is no multiple of 8', async () => {
    const { W, H, strip, grey } = await bilevelPage();
    const source = await PdfSource.open(ccittPdf(strip, W, H));
    try {
      const img = await source.image(1, 200);
      assert.equal(img.source, 'embedded-ccitt');
      const { data, info } = await sharp(img.image).greyscale().raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height, info.channels], [W, H, 1]);
      assert.ok(Buffer.compare(data, grey) === 0, 'same pixels as the page (no shear, not inverted)');
      assert.equal(data[180 * W + 830], 0);
      assert.equal(data[180 * W + 700], 255);
    } finally {
      await source.close();
    }
  });

  it('reads a page whose Decode array inverts it the right way round', async () => {
    const { W, H, strip } = await bilevelPage();
    const source = await PdfSource.open(ccittPdf(strip, W, H, ' /Decode [1 0]'));
    try {
      const { data } = await sharp((await source.image(1, 200)).image).greyscale().raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([data[180 * W + 830], data[180 * W + 700]], [255, 0]);
    } finally {
      await source.close();
    }
  });

  it('says black is zero in the TIFF only when the PDF draws the code\'s black as white', () => {
    const photometric = (t: Uint8Array) => new DataView(t.buffer).getUint16(10 + 4 * 12 + 8, true);
    assert.deepEqual([photometric(g4Tiff(new Uint8Array(4), 9, 9)), photometric(g4Tiff(new Uint8Array(4), 9, 9, true))], [0, 1]);
  });
});
