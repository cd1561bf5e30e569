import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import type { GreyImage } from '../../src/ingest/ocr/downscale.js';
import { countStems, withNumeralsFromStems } from '../../src/ingest/ocr/roman-stems.js';

/** A white 200×60 image with black rectangles [x0, y0, x1, y1] drawn on it. */
function drawn(rects: [number, number, number, number][]): GreyImage {
  const width = 200, height = 60;
  const data = new Uint8Array(width * height).fill(240);
  for (const [x0, y0, x1, y1] of rects) {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 20;
  }
  return { data, width, height };
}

/** Two stems of a bold "II" (with serifs) and its dot, in the box [10, 10, 60, 40]. */
const TWO_STEMS_AND_DOT = drawn([
  [10, 10, 26, 13], [14, 10, 22, 40], [10, 37, 26, 40],
  [32, 10, 48, 13], [36, 10, 44, 40], [32, 37, 48, 40],
  [53, 34, 59, 40],
]);

function page(lines: string[][], boxes: Record<string, [number, number, number, number]>): OcrPageResult {
  const words: OcrWord[] = [];
  lines.forEach((ws, i) => ws.forEach((text, k) => words.push({ text, confidence: 90, line: i + 1, bbox: boxes[`${i}:${k}`] ?? [70 + 30 * k, 10, 95 + 30 * k, 40] })));
  return { lines: lines.map((ws) => ws.join(' ')), words, confidence: 90 };
}

describe('counting stems in a numeral box', () => {
  it('counts full-height stems and not serifs or the dot', () => {
    assert.equal(countStems(TWO_STEMS_AND_DOT, [10, 10, 60, 40]), 2);
    assert.equal(countStems(TWO_STEMS_AND_DOT, [10, 10, 30, 40]), 1);
  });

  it('finds no stems in a diagonal stroke (a V has none)', () => {
    const v = drawn(Array.from({ length: 30 }, (_, i) => [10 + Math.floor(i / 2), 10 + i, 14 + Math.floor(i / 2), 11 + i] as [number, number, number, number]));
    assert.equal(countStems(v, [10, 10, 30, 40]), 0);
  });

  it('gives 0 for a blank or too small box', () => {
    assert.equal(countStems(drawn([]), [10, 10, 60, 40]), 0);
    assert.equal(countStems(TWO_STEMS_AND_DOT, [10, 10, 60, 14]), 0);
  });
});

describe('line-opening numerals re-read from their stems', () => {
  it('reads "I." as "II." when its box holds two stems, in the word and in the line', () => {
    const r = page([['I.', 'MỤC', 'TIÊU']], { '0:0': [10, 10, 60, 40] });
    const { result, fixes } = withNumeralsFromStems(r, TWO_STEMS_AND_DOT);
    assert.deepEqual(fixes, [{ line: 1, from: 'I.', to: 'II.' }]);
    assert.equal(result.lines[0], 'II. MỤC TIÊU');
    assert.equal(result.words[0]!.text, 'II.');
    assert.equal(r.lines[0], 'I. MỤC TIÊU', 'the input result is not changed');
  });

  it('never lowers a numeral whose box shows fewer stems than it has I\'s', () => {
    const r = page([['III.', 'KIẾN', 'NGHỊ']], { '0:0': [10, 10, 60, 40] });
    assert.deepEqual(withNumeralsFromStems(r, TWO_STEMS_AND_DOT).fixes, []);
  });

  it('leaves a numeral inside a line, a numeral alone on its line, and other words alone', () => {
    const inside = page([['Mục', 'I.', 'sau']], { '0:1': [10, 10, 60, 40] });
    const alone = page([['I.']], { '0:0': [10, 10, 60, 40] });
    const other = page([['V.', 'KIẾN', 'NGHỊ']], { '0:0': [10, 10, 60, 40] });
    for (const r of [inside, alone, other]) assert.deepEqual(withNumeralsFromStems(r, TWO_STEMS_AND_DOT).fixes, []);
  });
});
