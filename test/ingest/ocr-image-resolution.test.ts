import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACROSS_SHARE, AT_TARGET_ACROSS_SHARE, COARSE_TARGET_DPI, DEFAULT_OCR_DPI, ENLARGE_BELOW_DPI, imageDpi, reducedSize, targetDpiFrom, wordsInOriginalPixels } from '../../src/ingest/ocr/image-resolution.js';

const A4_PT: [number, number] = [595.28, 841.89];

describe('page image resolution', () => {
  it('reads a PDF page image\'s resolution from the page it fills, in either orientation', () => {
    assert.equal(Math.round(imageDpi({ width: 2480, height: 3508, pageSizePt: A4_PT })!), 300);
    assert.equal(Math.round(imageDpi({ width: 3508, height: 2480, pageSizePt: A4_PT })!), 300);
    // The page size wins over what the image file states.
    assert.equal(Math.round(imageDpi({ width: 1654, height: 2339, density: 72, pageSizePt: A4_PT })!), 200);
  });

  it('trusts an image file\'s own resolution only when it gives a believable paper size', () => {
    assert.equal(imageDpi({ width: 2480, height: 3508, density: 300 }), 300);
    assert.equal(imageDpi({ width: 1240, height: 1754, density: 150 }), 150);
    // JFIF's placeholder 72 dpi on a 300 dpi scan would mean a 49-inch page: A4 is assumed instead.
    assert.equal(Math.round(imageDpi({ width: 2480, height: 3508, density: 72 })!), 300);
  });

  it('assumes an A4 page when nothing states a resolution', () => {
    assert.equal(Math.round(imageDpi({ width: 2480, height: 3508 })!), 300);
    assert.equal(Math.round(imageDpi({ width: 1500, height: 330 })!), 128);
    assert.equal(imageDpi({ width: 0, height: 0 }), undefined);
  });
});

describe('size for OCR', () => {
  it('reduces a page finer than the target to the target resolution down the page, narrower across', () => {
    assert.deepEqual(reducedSize(2480, 3508, 300, 200), { width: Math.round(2480 * (2 / 3) * ACROSS_SHARE), height: 2339 });
    assert.deepEqual(reducedSize(4960, 7016, 600, 300), { width: Math.round(2480 * ACROSS_SHARE), height: 3508 });
    assert.ok(ACROSS_SHARE > 0.8 && ACROSS_SHARE <= 1);
  });

  it('only narrows a page at or near the target, and keeps its proportions when told to', () => {
    assert.deepEqual(reducedSize(1654, 2339, 200, 200), { width: Math.round(1654 * AT_TARGET_ACROSS_SHARE), height: 2339 });
    assert.deepEqual(reducedSize(1700, 2400, 205, 200), { width: Math.round(1700 * AT_TARGET_ACROSS_SHARE), height: 2400 });
    assert.ok(AT_TARGET_ACROSS_SHARE > ACROSS_SHARE && AT_TARGET_ACROSS_SHARE < 1);
    assert.equal(reducedSize(1654, 2339, 200, 200, false), null);
    assert.deepEqual(reducedSize(2480, 3508, 300, 200, false), { width: 1653, height: 2339 });
  });

  it('leaves pages below the target, and everything when the target is 0', () => {
    assert.equal(reducedSize(1500, 2120, 180, 200), null);
    assert.equal(reducedSize(992, 1403, 120, 200), null);
    assert.equal(reducedSize(2480, 3508, 300, 0), null);
    assert.equal(reducedSize(2480, 3508, undefined, 200), null);
  });

  it('enlarges a very coarse page in proportion to the coarse target, never past the target, and not when the target is 0', () => {
    // A 576 × 960 image assumed A4: about 82 dpi.
    const dpi = imageDpi({ width: 576, height: 960 })!;
    assert.ok(dpi < ENLARGE_BELOW_DPI);
    const k = COARSE_TARGET_DPI / dpi;
    assert.deepEqual(reducedSize(576, 960, dpi, 200), { width: Math.round(576 * k), height: Math.round(960 * k) });
    assert.deepEqual(reducedSize(576, 960, dpi, 100), { width: Math.round(576 * (100 / dpi)), height: Math.round(960 * (100 / dpi)) });
    assert.equal(reducedSize(576, 960, dpi, 0), null);
    assert.ok(reducedSize(576, 960, dpi, 60)!.height < 960, "a target under the page's resolution still reduces it");
    assert.equal(reducedSize(1100, 1560, ENLARGE_BELOW_DPI, 200), null);
  });

  it('takes the target from BAOCAO_OCR_DPI: a number, 0 for never, the default otherwise', () => {
    assert.equal(targetDpiFrom(undefined), DEFAULT_OCR_DPI);
    assert.equal(targetDpiFrom(''), DEFAULT_OCR_DPI);
    assert.equal(targetDpiFrom('250'), 250);
    assert.equal(targetDpiFrom('0'), 0);
    assert.equal(targetDpiFrom('-5'), DEFAULT_OCR_DPI);
    assert.equal(targetDpiFrom('lots'), DEFAULT_OCR_DPI);
  });
});

describe('word boxes of a reduced page', () => {
  it('are scaled back into the original image\'s pixels, within its edges', () => {
    const words = [
      { text: 'Báo', confidence: 91, bbox: [10, 20, 40, 30] as [number, number, number, number], line: 1 },
      { text: 'cáo', confidence: 88, bbox: [990, 210, 1000, 220] as [number, number, number, number], line: 1 },
    ];
    const moved = wordsInOriginalPixels(words, { width: 1000, height: 220 }, { width: 1500, height: 330 });
    assert.deepEqual(moved.map((w) => w.bbox), [[15, 30, 60, 45], [1485, 315, 1500, 330]]);
    assert.deepEqual(moved.map((w) => [w.text, w.confidence, w.line]), [['Báo', 91, 1], ['cáo', 88, 1]]);
  });
});
