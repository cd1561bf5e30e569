import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Blank } from '../../../src/ingest/pen/blanks.js';
import { classify, loadDigitModel, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import type { Rgb } from '../../../src/ingest/pen/ink.js';
import { readBlank } from '../../../src/ingest/pen/pen.js';
import { readAcrossEdge } from '../../../src/ingest/pen/label-edge.js';
import type { ReadGlyph } from '../../../src/ingest/pen/segment.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

const model = loadDigitModel()!;
const seven = mnistSplit().test.filter((s) => s.digit === 7 && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)[0]!.pixels;

/** A grey crop: dark print rectangles and a dark MNIST "7" drawn 70 px high at x 120. */
function page(print: [number, number, number, number][]): Rgb {
  const width = 420, height = 120, data = new Uint8Array(width * height * 3).fill(250);
  const put = (x: number, y: number) => data.fill(20, (y * width + x) * 3, (y * width + x) * 3 + 3);
  for (const [x0, y0, x1, y1] of print) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) put(x, y);
  for (let y = 0; y < 70; y++) for (let x = 0; x < 70; x++) if (seven[Math.floor(y / 2.5) * 28 + Math.floor(x / 2.5)]! > 0.3) put(120 + x, 20 + y);
  return { data, width, height, channels: 3 };
}
const day: Blank = { field: 'day', line: 3, box: [0, 0, 420, 120], lineHeight: 50, startX: 75, stopX: 345, band: [50, 95] };
const label: [number, number, number, number][] = [[5, 50, 22, 95], [26, 50, 70, 95], [350, 50, 365, 95], [370, 50, 410, 95]];

describe('pen ink run into the label before the blank', () => {
  it('reads the digit run into the label by moving the edge into it ("17", not the "7" the estimate left)', () => {
    const alone = readBlank(page(label), day, model);
    assert.ok(alone?.digits === '7' && alone.confidence[0]! > 0.9, JSON.stringify(alone));
    // A tall pen stroke crosses the label's last letter up to the blank's edge: one wide, tall component.
    const glued = readBlank(page([...label, [66, 25, 74, 96]]), day, model);
    assert.equal(glued?.digits, '17');
    assert.ok(glued!.confidence.every((c) => c > 0.6), JSON.stringify(glued));
  });

  it('leaves a label letter that only touches the edge alone (no wider than a letter)', () => {
    // The label's last letter ends at the blank's edge and stands a little taller than the print ("g" of "tháng"): not pen.
    const r = readBlank(page([[5, 50, 22, 95], [26, 50, 40, 95], [52, 40, 74, 100], [350, 50, 365, 95], [370, 50, 410, 95]]), day, model);
    assert.equal(r?.digits, '7');
  });
});

describe('the edge moved into the label', () => {
  const g = (digit: number): ReadGlyph => ({ glyph: { x0: 0, y0: 0, x1: 1, y1: 1, area: 1, blue: 0, pixels: [] }, guess: { digit, confidence: 0.9, probs: [] }, segmentation: 1 });
  const blank: Blank = { ...day, startX: 100, lineHeight: 20 };
  it('takes the reading with a digit more that the most consecutive cuts agree on', () => {
    // Cuts 1..12 (one pixel apart): the first two read the one digit, then "28" four times, then "48" twice.
    const at = (x: number) => { const s = Math.round(100 - x); return s <= 2 ? [g(8)] : s <= 6 ? [g(2), g(8)] : s <= 8 ? [g(4), g(8)] : [g(8)]; };
    assert.deepEqual(readAcrossEdge(blank, 1, 2, at)?.map((r) => r.guess.digit), [2, 8]);
  });
  it('takes none when no reading holds over three cuts', () => {
    const at = (x: number) => { const s = Math.round(100 - x); return s % 2 ? [g(1), g(8)] : [g(7), g(8)]; };
    assert.equal(readAcrossEdge(blank, 1, 2, at), null);
    assert.equal(readAcrossEdge(blank, 1, 2, () => [g(8)]), null);
  });
});
