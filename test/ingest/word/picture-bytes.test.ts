/** The raster check and the DIB → BMP wrapping the Word picture readers share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dibAsBmp, isRaster } from '../../../src/ingest/word/picture-bytes.js';

function header(bitCount: number, compression = 0, used = 0): Uint8Array {
  const b = new Uint8Array(40 + 1100);
  const v = new DataView(b.buffer);
  v.setUint32(0, 40, true); v.setInt32(4, 4, true); v.setInt32(8, 4, true); v.setUint16(12, 1, true);
  v.setUint16(14, bitCount, true); v.setUint32(16, compression, true); v.setUint32(32, used, true);
  return b;
}
const pixelsAt = (bmp: Uint8Array | null) => new DataView(bmp!.buffer).getUint32(10, true);

describe('a device-independent bitmap as a BMP file', () => {
  it('says where its pixels start, past the palette or the colour masks', () => {
    assert.equal(pixelsAt(dibAsBmp(header(8))), 14 + 40 + 256 * 4);
    assert.equal(pixelsAt(dibAsBmp(header(8, 0, 16))), 14 + 40 + 16 * 4);
    assert.equal(pixelsAt(dibAsBmp(header(1))), 14 + 40 + 2 * 4);
    assert.equal(pixelsAt(dibAsBmp(header(32, 3))), 14 + 40 + 12);
    assert.equal(pixelsAt(dibAsBmp(header(24))), 14 + 40);
    const bmp = dibAsBmp(header(24))!;
    assert.equal(new DataView(bmp.buffer).getUint32(2, true), bmp.length);
    assert.ok(isRaster(bmp));
  });

  it('is refused for a header no BMP reader takes or a palette past the end', () => {
    assert.equal(dibAsBmp(new Uint8Array(30)), null);
    const odd = header(24);
    odd[0] = 12; // an OS/2 core header
    assert.equal(dibAsBmp(odd), null);
    assert.equal(dibAsBmp(header(7)), null);
    assert.equal(dibAsBmp(header(8).subarray(0, 200)), null);
  });
});

describe('raster pictures by their first bytes', () => {
  it('are PNG, JPEG, TIFF, BMP, GIF and WebP; metafiles and short bytes are not', () => {
    const head = (...b: number[]) => Uint8Array.from([...b, ...new Array(12).fill(0)]);
    for (const b of [head(0x89, 0x50, 0x4e, 0x47), head(0xff, 0xd8), head(0x49, 0x49, 0x2a), head(0x4d, 0x4d, 0, 0x2a), head(0x42, 0x4d), head(0x47, 0x49, 0x46)]) assert.ok(isRaster(b), String(b.subarray(0, 4)));
    assert.ok(isRaster(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50])));
    assert.ok(!isRaster(head(1, 0, 0, 0, 0x6c))); // EMF
    assert.ok(!isRaster(head(0xd7, 0xcd, 0xc6, 0x9a))); // placeable WMF
    assert.ok(!isRaster(Uint8Array.from([0x89, 0x50, 0x4e, 0x47])));
  });
});
