import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import { cropPgm, mergedLineRegions, withMergedLinesReread } from '../../src/ingest/ocr/merged-lines.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';

type W = [text: string, x0: number, y0: number, x1: number, y1: number, confidence: number];

function result(lines: W[][]): OcrPageResult {
  const words: OcrWord[] = lines.flatMap((ws, i) => ws.map(([text, x0, y0, x1, y1, confidence]) => ({ text, confidence, bbox: [x0, y0, x1, y1] as OcrWord['bbox'], line: i + 1 })));
  return { lines: lines.map((ws) => ws.map((w) => w[0]).join(' ')), words, confidence: 80 };
}

const IMAGE = { data: new Uint8Array(400 * 200).fill(255), width: 400, height: 200 };

/** "… CHÍNH VÀ DỊCH VỤ …" over a centred "ĐẮK LẮK", with the two joined and given up ("B IÀ"). */
const MERGED = result([
  [['HÀNH', 10, 100, 60, 120, 92], ['CHÍNH', 70, 100, 130, 120, 91], ['B', 140, 100, 160, 145, 0], ['IÀ', 165, 98, 230, 148, 0], ['VỤ', 240, 100, 270, 120, 90]],
  [['ĐẮK', 145, 128, 185, 146, 89]],
]);

/** A second reading of the region [134, 92, 236, 154]: both lines, as a psm-6 block would give them. */
const SECOND_READING = result([
  [['VÀ', 8, 8, 38, 28, 93], ['DỊCH', 44, 8, 94, 28, 92], ['V', 98, 8, 102, 28, 60]],
  [['ĐẮK', 11, 36, 51, 54, 90], ['LẮK', 56, 36, 96, 54, 91]],
]);

describe('regions where OCR merged two lines', () => {
  it('finds given-up words two lines tall and pads their region', () => {
    const regions = mergedLineRegions(MERGED, IMAGE);
    assert.equal(regions.length, 1);
    assert.deepEqual(regions[0]!.words.map((w) => w.text), ['B', 'IÀ']);
    assert.deepEqual(regions[0]!.box, [134, 92, 236, 154]);
  });

  it('ignores given-up words of ordinary height, and confident tall ones', () => {
    const ordinary = result([[['HÀNH', 10, 100, 60, 120, 92], ['xx', 70, 100, 90, 120, 0]], [['ĐẮK', 145, 128, 185, 146, 89]]]);
    const confident = result([[['HÀNH', 10, 100, 60, 120, 92], ['BIG', 70, 80, 90, 140, 88]], [['ĐẮK', 145, 128, 185, 146, 89]]]);
    assert.deepEqual(mergedLineRegions(ordinary, IMAGE), []);
    assert.deepEqual(mergedLineRegions(confident, IMAGE), []);
  });

  it('reads at most five regions of a page again, and none larger than a tenth of it', () => {
    const smudges = result(Array.from({ length: 8 }, (_, i) => [['chữ', 10, 20 * i, 40, 20 * i + 15, 90], ['chữ', 100, 20 * i, 130, 20 * i + 15, 90], ['x', 50, 20 * i, 60, 20 * i + 35, 0]] as W[]));
    assert.equal(mergedLineRegions(smudges, IMAGE).length, 5);
    const blot = result([[['chữ', 10, 20, 40, 35, 90], ['chữ', 50, 20, 80, 35, 90], ['x', 90, 0, 390, 190, 0]]]);
    assert.deepEqual(mergedLineRegions(blot, IMAGE), []);
  });

  it('crops the region as a PGM of its size', () => {
    const crop = cropPgm(IMAGE, [134, 92, 236, 154]);
    const header = Buffer.from(crop.subarray(0, 15)).toString('latin1');
    assert.ok(header.startsWith('P5\n102 62\n255\n'));
    assert.equal(crop.length, header.indexOf('255\n') + 4 + 102 * 62);
  });
});

describe('reading a merged region again', () => {
  it('puts each line read back into the page line whose band holds it, without doubling words', async () => {
    let asked = 0;
    const { result: r, fixes } = await withMergedLinesReread(MERGED, IMAGE, async () => { asked++; return SECOND_READING; });
    assert.equal(asked, 1);
    assert.deepEqual(r.lines, ['HÀNH CHÍNH VÀ DỊCH VỤ', 'ĐẮK LẮK']);
    assert.deepEqual(r.words.map((w) => [w.text, w.line]), [['HÀNH', 1], ['CHÍNH', 1], ['VÀ', 1], ['DỊCH', 1], ['VỤ', 1], ['ĐẮK', 2], ['LẮK', 2]]);
    assert.deepEqual(r.words.find((w) => w.text === 'LẮK')!.bbox, [190, 128, 230, 146], 'boxes are in page pixels');
    assert.deepEqual(fixes.map((f) => [f.line, f.from, f.to]), [[1, 'HÀNH CHÍNH B IÀ VỤ', 'HÀNH CHÍNH VÀ DỊCH VỤ'], [2, 'ĐẮK', 'ĐẮK LẮK']]);
  });

  it('keeps the first reading when the second is not confident', async () => {
    const unsure = { ...SECOND_READING, confidence: 30 };
    const { result: r, fixes } = await withMergedLinesReread(MERGED, IMAGE, async () => unsure);
    assert.deepEqual(fixes, []);
    assert.deepEqual(r.lines, MERGED.lines);
  });

  it('reads nothing again on a page without merged lines', async () => {
    const clean = result([[['HÀNH', 10, 100, 60, 120, 92]]]);
    const { result: r } = await withMergedLinesReread(clean, IMAGE, async () => assert.fail('read again'));
    assert.equal(r, clean);
  });
});

describe('a page whose second look fails', () => {
  it('keeps the first reading and says so in a warning', async () => {
    const { default: sharp } = await import('sharp');
    const { ocrPage } = await import('../../src/ingest/ocr/page.js');
    const png = new Uint8Array(await sharp(Buffer.from(IMAGE.data), { raw: { width: 400, height: 200, channels: 1 } }).png().toBuffer());
    let calls = 0;
    const pool = {
      size: 1,
      terminate: async () => undefined,
      recognize: async () => { if (calls++ === 0) return MERGED; throw new Error('worker died'); },
    };
    const r = await ocrPage(pool, png, 1);
    // The merged region, then the junk pieces of its lines (junk-pieces.ts): both second looks fail.
    assert.equal(calls, 3);
    assert.deepEqual(r.page.lines, MERGED.lines);
    assert.deepEqual(r.diagnostics.map((d) => [d.ruleId, d.severity]), [['ocr/merged-lines', 'warning'], ['ocr/junk-reread', 'warning']]);
    assert.match(r.diagnostics[0]!.message, /worker died/);
  });
});
