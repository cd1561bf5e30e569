import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scanPages, scannedJpegPages } from '../../src/ingest/ocr/pdf-objects.js';
import { parseValue } from '../../src/ingest/ocr/pdf-syntax.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));
const jpeg = fixture('page2.jpg');

describe('PDF object reader', () => {
  it('parses dictionaries, arrays, names, references, strings and numbers', () => {
    const { value } = parseValue('<< /Type /Page /Kids [ 9 0 R 1 0 R ] /Box [0 -1.5 .5] /T (a\\)b) /H <ab> /N#20x true /Z null >>', 0);
    assert.deepEqual(value, {
      Type: { name: 'Page' }, Kids: [{ num: 9, gen: 0 }, { num: 1, gen: 0 }], Box: [0, -1.5, 0.5],
      T: { str: true, bytes: 'a)b' }, H: { str: true, bytes: '\xab' }, 'N x': true, Z: null,
    });
  });

  it('hands each scanned page its embedded JPEG byte for byte, in page order', () => {
    const pages = scannedJpegPages(fixture('scanned-2p.pdf'));
    assert.equal(pages.length, 2);
    assert.ok(pages.every((p) => p && p[0] === 0xff && p[1] === 0xd8));
    assert.deepEqual(pages[1], jpeg);
  });

  it('tells pages that may carry a text layer (fonts) from image-only pages', () => {
    assert.deepEqual(scanPages(fixture('scanned-2p.pdf')).map((p) => p.fonts), [false, false]);
    assert.deepEqual(scanPages(fixture('text.pdf')).map((p) => p.fonts), [true]);
    assert.deepEqual(scanPages(fixture('mixed.pdf')).map((p) => [p.fonts, p.jpeg !== null]), [[true, false], [false, true]]);
  });

  it('gives each page\'s MediaBox size in points, which tells its image\'s resolution', () => {
    assert.deepEqual(scanPages(fixture('scanned-2p.pdf')).map((p) => p.sizePt), [[360, 79.2], [360, 79.2]]);
  });

  it('gives no JPEG for a text page, and finds the scanned page of a mixed PDF', () => {
    assert.deepEqual(scannedJpegPages(fixture('text.pdf')), [null]);
    const mixed = scannedJpegPages(fixture('mixed.pdf'));
    assert.equal(mixed[0], null);
    assert.deepEqual(mixed[1], jpeg);
  });

  it('finds nothing in a truncated PDF rather than throwing', () => {
    assert.deepEqual(scannedJpegPages(fixture('corrupt.pdf')), []);
  });
});
