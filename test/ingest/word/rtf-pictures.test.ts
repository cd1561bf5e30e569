/**
 * Pictures of a Rich Text file with no text (scans pasted in): `{\pict …}` groups in body order,
 * hex or \bin, Word's second copies for old readers (\nonshppict) and headers' pictures left out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wordPictures } from '../../../src/ingest/word/index.js';
import { rtfPictures } from '../../../src/ingest/word/rtf-pictures.js';
import { assertBothScans, assertReadByOcr, assertSameBytes, indexOfBytes, LINE, PAGE2, wordFixture } from './pasted-scans.js';

const RTF = wordFixture('scans-pasted.rtf');
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').replace(/.{128}/g, '$&\r\n');
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** A 2 × 2 pixel, 24-bit device-independent bitmap (BITMAPINFOHEADER and rows of 8 bytes). */
function dib(): Uint8Array {
  const b = new Uint8Array(40 + 16);
  const v = new DataView(b.buffer);
  v.setUint32(0, 40, true); v.setInt32(4, 2, true); v.setInt32(8, 2, true); v.setUint16(12, 1, true); v.setUint16(14, 24, true);
  b.fill(0xff, 40);
  return b;
}

describe('pictures of an .rtf', () => {
  it('are found in the order they stand in the body, each once', () => {
    assertBothScans(rtfPictures(RTF));
    assertBothScans(wordPictures(RTF).pictures);
  });

  it('skip the copies for old readers, headers\' pictures and metafiles; \\bin data is read', () => {
    const file = concat(
      latin1(`{\\rtf1\\ansi{\\header {\\pict\\pngblip ${hex(PAGE2)}}}{\\*\\shppict{\\pict\\picw1500\\pngblip{\\*\\blipuid 00ff}${hex(LINE)}}}`),
      latin1(`{\\nonshppict{\\pict\\wmetafile8 ${hex(PAGE2)}}}{\\pict\\emfblip 0100000000}\\par {\\pict\\jpegblip\\bin${PAGE2.length} `),
      PAGE2,
      latin1('}}'),
    );
    assertBothScans(rtfPictures(file));
  });

  it('take a device-independent bitmap (\\dibitmap) as a BMP file', () => {
    const found = rtfPictures(latin1(`{\\rtf1{\\pict\\dibitmap0\\picw2\\pich2 ${hex(dib())}}}`));
    assert.equal(found.length, 1);
    assert.deepEqual([...found[0]!.subarray(0, 2)], [0x42, 0x4d]);
    assert.equal(new DataView(found[0]!.buffer).getUint32(10, true), 14 + 40, 'the pixels start after the two headers');
    assertSameBytes(found[0]!.subarray(14), dib(), 'the bitmap after the file header');
  });

  it('cut short are left out, those before still read, never a throw', () => {
    const second = indexOfBytes(RTF, latin1('\\jpegblip'));
    assert.ok(second > 0);
    const found = rtfPictures(RTF.subarray(0, second + 20000));
    assert.equal(found.length, 1);
    assertSameBytes(found[0], LINE, 'the first picture');
    assert.deepEqual(rtfPictures(RTF.subarray(0, indexOfBytes(RTF, latin1('\\pngblip')) + 3000)), []);
    assert.deepEqual(rtfPictures(latin1('{\\rtf1{\\pict\\pngblip\\bin99999999 x}}')), []);
    // A control word of a million letters, or a parameter of a million digits: junk, no throw.
    assert.deepEqual(rtfPictures(latin1(`{\\rtf1{\\${'a'.repeat(1e6)}}{\\pict\\pngblip\\bin${'9'.repeat(1e6)} x}}`)), []);
  });

  it('of an .rtf with no text are read by OCR, a page each', async () => {
    await assertReadByOcr('scans-pasted.rtf', RTF);
  });
});
