import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { OcrWord } from '../../../src/core/document.js';
import type { OcrSymbol } from '../../../src/ingest/ocr/result.js';
import { findBlanks, type Blank } from '../../../src/ingest/pen/blanks.js';
import { classify, loadDigitModel, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import { labelEdges, withLetterEdges, type CropReader, type RgbPage } from '../../../src/ingest/pen/label-letters.js';
import { readBlank } from '../../../src/ingest/pen/pen.js';
import { renderPenHeader, type PenHeader } from '../../../bench/lib/pen-header.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

const model = loadDigitModel()!;
const { test } = mnistSplit();
const sure = (d: number, k = 0) => test.filter((s) => s.digit === d && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)[k]!.pixels;

/** A word's letters with boxes splitting its box evenly (a stand-in for the engine's character boxes). */
const lettersOf = (text: string, [x0, y0, x1, y1]: readonly number[]): OcrSymbol[] =>
  [...text].map((ch, i, all) => ({ text: ch, confidence: 95, bbox: [Math.round(x0! + ((x1! - x0!) * i) / all.length), y0!, Math.round(x0! + ((x1! - x0!) * (i + 1)) / all.length), y1!] }));

describe('label letters: the date blanks cut at the printed letters', () => {
  it('finds the last letter of "ngày", both ends of "tháng" and the first of "năm" in order', () => {
    const symbols = [...lettersOf('ngày', [100, 0, 180, 40]), ...lettersOf('2', [190, 0, 210, 40]), ...lettersOf('tháng', [230, 0, 330, 40]), ...lettersOf('8', [340, 0, 360, 40]), ...lettersOf('năm', [380, 0, 440, 40]), ...lettersOf('2025', [450, 0, 520, 40])];
    assert.deepEqual(labelEdges(symbols, 40), { ngayEnd: 180, thangStart: 230, thangEnd: 330, namStart: 380 });
  });

  it('trusts no letter whose box is far wider than a letter (pen ink glued to it), nor a label read without its edge letter', () => {
    const glued = [...lettersOf('ngà', [100, 0, 160, 40]), { text: 'y', confidence: 60, bbox: [160, 0, 260, 40] } as OcrSymbol, ...lettersOf('háng', [280, 0, 360, 40])];
    assert.deepEqual(labelEdges(glued, 40), { ngayEnd: null, thangStart: null, thangEnd: 360, namStart: null });
  });

  describe('on a rendered header with a dark pen', () => {
    let page: PenHeader;
    let rgb: RgbPage;
    let words: OcrWord[];
    let blanks: Blank[];
    before(async () => {
      page = await renderPenHeader({ number: [sure(2), sure(7), sure(5)], day: [sure(2, 1), sure(8)], month: [sure(0), sure(2, 2)], ink: [30, 30, 40] });
      const sharp = (await import('sharp')).default;
      const { data, info } = await sharp(page.png).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
      rgb = { data: new Uint8Array(data), width: info.width, height: info.height, channels: info.channels };
      words = page.words.map((w) => ({ ...w, confidence: 95 }));
      blanks = findBlanks(words, rgb.height);
    });

    /** The engine reading the date line crop: the printed words' letters, in the crop's pixels. */
    const reader = (calls: { psm?: string; symbols?: boolean }[]): CropReader => async (image, options) => {
      calls.push(options);
      const [, w, h] = /^P5\s+(\d+)\s+(\d+)/.exec(new TextDecoder('latin1').decode(image.subarray(0, 24)))!.map(Number);
      const date = blanks.find((b) => b.field === 'day')!;
      const x0 = date.box[0], y0 = Math.round(date.band![0] - 0.5 * date.lineHeight);
      const onLine = words.filter((x) => x.line === date.line && x.bbox[0] >= x0 && x.bbox[2] <= x0 + w!);
      return { lines: [], words: [], confidence: 90, symbols: onLine.flatMap((x) => lettersOf(x.text, [x.bbox[0] - x0, x.bbox[1] - y0, x.bbox[2] - x0, Math.min(h!, x.bbox[3] - y0)])) };
    };

    it('reads the date line once, as one line with character boxes, and puts the edges at the letters', async () => {
      const calls: { psm?: string; symbols?: boolean }[] = [];
      const moved = await withLetterEdges(blanks, rgb, reader(calls));
      assert.deepEqual(calls, [{ psm: '7', symbols: true }]);
      const at = (text: string) => words.find((w) => w.text === text)!.bbox;
      const day = moved.find((b) => b.field === 'day')!, month = moved.find((b) => b.field === 'month')!;
      assert.deepEqual([day.startX, day.stopX, month.startX, month.stopX], [at('ngày')[2], at('tháng')[0], at('tháng')[2], at('năm')[0]]);
      assert.deepEqual(moved.find((b) => b.field === 'number'), blanks.find((b) => b.field === 'number'));
      const crop = (b: Blank) => {
        const [x0, y0, x1, y1] = b.box, w = x1 - x0;
        const data = new Uint8Array(w * (y1 - y0) * 3);
        for (let y = y0; y < y1; y++) data.set(rgb.data.subarray((y * rgb.width + x0) * 3, (y * rgb.width + x1) * 3), (y - y0) * w * 3);
        return { data, width: w, height: y1 - y0, channels: 3 };
      };
      assert.deepEqual([readBlank(crop(day), day, model)?.digits, readBlank(crop(month), month, model)?.digits], ['28', '02']);
    });

    it('does not read a printed date again (clean, confident digits in both blanks), but does a pen one', async () => {
      const day = blanks.find((b) => b.field === 'day')!, month = blanks.find((b) => b.field === 'month')!;
      const digit = (text: string, b: Blank, confidence: number): OcrWord => ({ text, confidence, line: b.line, bbox: [Math.round(b.startX + 5), b.band![0], Math.round(b.startX + 40), b.band![1]] });
      const calls: { psm?: string; symbols?: boolean }[] = [];
      assert.deepEqual(await withLetterEdges(blanks, rgb, reader(calls), [...words, digit('15', day, 95), digit('3', month, 93)]), blanks);
      assert.equal(calls.length, 0);
      await withLetterEdges(blanks, rgb, reader(calls), [...words, digit('15', day, 95), digit('J0', month, 40)]);
      assert.equal(calls.length, 1);
    });

    it('keeps the estimated blanks when the line cannot be read again', async () => {
      assert.deepEqual(await withLetterEdges(blanks, rgb, () => Promise.reject(new Error('engine gone'))), blanks);
      assert.deepEqual(await withLetterEdges(blanks, rgb, async () => ({ lines: [], words: [], confidence: 0 })), blanks);
    });
  });
});
