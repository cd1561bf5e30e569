import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isTiff, tiffPageOffsets, tiffSinglePage } from '../../src/ingest/ocr/tiff.js';

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
