import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isTiff, tiffPageOffsets, tiffSinglePage, tiffTruncation } from '../../src/ingest/ocr/tiff.js';

const tiff = new Uint8Array(readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url)));

describe('multi-page TIFF splitting', () => {
  it('finds one image directory per page', () => {
    assert.ok(isTiff(tiff));
    assert.equal(tiffPageOffsets(tiff).length, 2);
  });

  it('makes each page a standalone one-page TIFF without touching the original', () => {
    const [first, second] = tiffPageOffsets(tiff);
    const before = tiff.slice();
    const page2 = tiffSinglePage(tiff, second!);
    assert.deepEqual(tiffPageOffsets(page2), [second]);
    assert.deepEqual(tiffPageOffsets(tiffSinglePage(tiff, first!)), [first]);
    assert.deepEqual(tiff, before);
  });

  it('gives separate pages of a file read as a Node Buffer (whose slice() shares its bytes)', () => {
    const file = readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url));
    const [first, second] = tiffPageOffsets(file);
    const page1 = tiffSinglePage(file, first!);
    const page2 = tiffSinglePage(file, second!);
    assert.deepEqual(tiffPageOffsets(page1), [first]);
    assert.deepEqual(tiffPageOffsets(page2), [second]);
    assert.deepEqual(new Uint8Array(file), tiff);
  });

  it('rejects non-TIFF bytes and a directory chain pointing outside the file', () => {
    assert.throws(() => tiffPageOffsets(new Uint8Array(16)), /not a TIFF/);
    const broken = tiff.slice(0, 8);
    assert.throws(() => tiffPageOffsets(broken), /no readable image directory/);
  });

  it('stops at a directory chain that loops back on itself', () => {
    const looped = tiff.slice();
    const [, second] = tiffPageOffsets(tiff);
    const view = new DataView(looped.buffer);
    const count = view.getUint16(second!, true);
    view.setUint32(second! + 2 + count * 12, view.getUint32(4, true), true);
    assert.equal(tiffPageOffsets(looped).length, 2);
  });
});

describe('a TIFF cut short', () => {
  const whole = () => new Uint8Array(readFileSync(new URL('../../fixtures/scans/pages-2p.tif', import.meta.url)));

  it('is whole when nothing is missing', () => {
    assert.equal(tiffTruncation(whole()), null);
  });

  it('names the page whose directory lies past the end, instead of reading fewer pages', () => {
    const tiff = whole();
    const cut = tiff.subarray(0, Math.floor(tiff.length * 0.97));
    assert.equal(tiffPageOffsets(cut).length, 1, 'the chain walk alone sees one page');
    assert.match(tiffTruncation(cut)!, /^the file is cut short: the directory of page 2 starts at byte [\d,]+, past its end \([\d,]+ bytes\)$/);
  });

  it('names the page whose image data runs past the end', () => {
    const tiff = whole();
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
    const [first] = tiffPageOffsets(tiff);
    for (let k = 0; k < view.getUint16(first!, true); k++) {
      const at = first! + 2 + k * 12;
      if (view.getUint16(at, true) === 279) view.setUint32(at + 8, tiff.length * 2, true); // StripByteCounts of page 1
    }
    assert.match(tiffTruncation(tiff)!, /^the file is cut short: the image data of page 1 runs to byte [\d,]+, past its end/);
  });
});
