import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { ingestImage } from '../../src/ingest/image.js';
import { pgm, reduceForOcr } from '../../src/ingest/ocr/downscale.js';
import { ocrPage } from '../../src/ingest/ocr/page.js';
import type { OcrPool } from '../../src/ingest/ocr/pool.js';

/** A white 6 × 8 inch page at `dpi` with a black half-inch square 1 inch from the top-left corner. */
async function page(dpi: number, format: 'png' | 'jpeg' | 'tiff'): Promise<Uint8Array> {
  const side = Math.round(dpi / 2);
  const square = await sharp({ create: { width: side, height: side, channels: 3, background: '#000000' } }).png().toBuffer();
  const img = sharp({ create: { width: 6 * dpi, height: 8 * dpi, channels: 3, background: '#ffffff' } })
    .composite([{ input: square, left: dpi, top: dpi }])
    .withMetadata({ density: dpi });
  return new Uint8Array(format === 'png' ? await img.png().toBuffer() : format === 'tiff' ? await img.tiff({ compression: 'lzw' }).toBuffer() : await img.jpeg({ quality: 95 }).toBuffer());
}

/** Parses a binary PGM into size and pixels. */
function readPgm(data: Uint8Array) {
  const m = /^P5\n(\d+) (\d+)\n255\n/.exec(Buffer.from(data.subarray(0, 32)).toString('latin1'))!;
  return { width: Number(m[1]), height: Number(m[2]), pixels: data.subarray(m[0].length) };
}

describe('reducing a page image for OCR', () => {
  it('reduces a 300 dpi page to a grey image of 200 dpi down and 170 across, content in the same place', async () => {
    const r = await reduceForOcr(await page(300, 'png'), { targetDpi: 200 });
    assert.deepEqual(r.original, { width: 1800, height: 2400 });
    assert.deepEqual(r.reduced, { width: 1020, height: 1600 });
    const img = readPgm(r.image);
    assert.deepEqual([img.width, img.height, img.pixels.length], [1020, 1600, 1020 * 1600]);
    const at = (x: number, y: number) => img.pixels[y * img.width + x]!;
    // The square spans 1–1.5 in: x 170..255, y 200..300 on the reduced image.
    assert.ok(at(212, 250) < 30, 'inside the square is black');
    assert.ok(at(150, 250) > 225 && at(275, 250) > 225 && at(212, 180) > 225 && at(212, 320) > 225, 'outside it is white');
  });

  it('uses the PDF page size when given, whatever the file states', async () => {
    // A 300 dpi image placed on a 3 × 4 inch page is really 600 dpi.
    const r = await reduceForOcr(await page(300, 'jpeg'), { targetDpi: 200, pageSizePt: [216, 288] });
    assert.deepEqual(r.reduced, { width: 510, height: 800 });
  });

  it('passes the bytes through unchanged when the page is not finer than the target or the target is 0', async () => {
    const coarse = await page(150, 'jpeg');
    assert.equal((await reduceForOcr(coarse, { targetDpi: 200 })).image, coarse);
    const fine = await page(300, 'png');
    const off = await reduceForOcr(fine, { targetDpi: 0 });
    assert.equal(off.image, fine);
    assert.equal(off.reduced, undefined);
  });

  it('passes bytes it cannot read through to OCR instead of failing', async () => {
    const junk = new TextEncoder().encode('not an image at all');
    assert.equal((await reduceForOcr(junk, { targetDpi: 200 })).image, junk);
  });

  it('writes a binary PGM header before the pixels', () => {
    assert.deepEqual([...pgm(new Uint8Array([0, 255]), 2, 1)], [...Buffer.from('P5\n2 1\n255\n', 'latin1'), 0, 255]);
  });
});

describe('OCR of a reduced page', () => {
  it('gives word boxes in the input image\'s pixels', async () => {
    let seen: { width: number; height: number } | undefined;
    const pool: OcrPool = {
      size: 1,
      terminate: async () => undefined,
      recognize: async (image) => {
        seen = readPgm(image);
        // The square as the engine would box it on the reduced image: x 170..255, y 200..300.
        return { lines: ['■'], words: [{ text: '■', confidence: 90, bbox: [170, 200, 255, 300], line: 1 }], confidence: 90 };
      },
    };
    const r = await ocrPage(pool, await page(300, 'png'), 1, { targetDpi: 200 });
    assert.deepEqual([seen?.width, seen?.height], [1020, 1600]);
    assert.deepEqual(r.page.words?.[0]?.bbox, [300, 300, 450, 450]);
    assert.deepEqual(r.diagnostics, []);
  });

  it('reduces TIFF pages by the resolution their tags state, narrowed unless told to keep proportions, unless told never to', async () => {
    const sizes: number[][] = [];
    const pool: OcrPool = {
      size: 1,
      terminate: async () => undefined,
      recognize: async (image) => {
        const isPgm = image[0] === 0x50 && image[1] === 0x35;
        sizes.push(isPgm ? [readPgm(image).width, readPgm(image).height] : []);
        return { lines: [], words: [], confidence: 0 };
      },
    };
    const tiff = await page(300, 'tiff');
    await ingestImage(tiff, { ocr: pool });
    await ingestImage(tiff, { ocr: pool, ocrDpi: 0 });
    await ingestImage(tiff, { ocr: pool, ocrNarrow: false });
    assert.deepEqual(sizes, [[1020, 1600], [], [1200, 1600]]);
  });
});
