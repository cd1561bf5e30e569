import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Blank } from '../../../src/ingest/pen/blanks.js';
import { classify, loadDigitModel, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import { inkComponents, type Rgb } from '../../../src/ingest/pen/ink.js';
import { isSlash, mergeStrokes, penGlyphs, readBlank } from '../../../src/ingest/pen/pen.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

const model = loadDigitModel()!;
const { test } = mnistSplit();
/** Held-out samples of a digit that the model reads surely on their own (the tests check the plumbing around it). */
const sure = (d: number, k = 0) => test.filter((s) => s.digit === d && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)[k]!.pixels;

/** A white crop with black rectangles (print), a dotted leader, and MNIST glyphs drawn at 2.5× in an ink. */
function crop(width: number, height: number, opts: { print?: [number, number, number, number][]; dots?: [number, number, number]; digits?: { glyph: Float32Array; x: number; y: number }[]; ink?: [number, number, number] }): Rgb {
  const data = new Uint8Array(width * height * 3).fill(250);
  const put = (x: number, y: number, c: readonly number[], a = 1) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 3;
    for (let k = 0; k < 3; k++) data[i + k] = Math.round(Math.min(data[i + k]!, 250 - a * (250 - c[k]!)));
  };
  for (const [x0, y0, x1, y1] of opts.print ?? []) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) put(x, y, [15, 15, 15]);
  if (opts.dots) for (let x = opts.dots[0]; x < opts.dots[1]; x += 12) for (let y = opts.dots[2]; y < opts.dots[2] + 4; y++) for (let k = 0; k < 4; k++) put(x + k, y, [15, 15, 15]);
  for (const d of opts.digits ?? []) {
    for (let y = 0; y < 70; y++) for (let x = 0; x < 70; x++) {
      const v = d.glyph[Math.floor(y / 2.5) * 28 + Math.floor(x / 2.5)]!;
      if (v > 0.1) put(d.x + x, d.y + y, opts.ink ?? [20, 50, 170], v);
    }
  }
  return { data, width, height, channels: 3 };
}

const blank = (field: Blank['field'], width: number, startX: number, stopX: number, extra: Partial<Blank> = {}): Blank =>
  ({ field, line: 3, box: [0, 0, width, 120], lineHeight: 50, startX, stopX, ...extra });

describe('pen ink in a blank', () => {
  it('takes blue ink and leaves black print and the dotted leader', () => {
    const img = crop(420, 120, {
      print: [[5, 50, 40, 95], [45, 60, 70, 95], [350, 50, 365, 95], [370, 50, 410, 95]],
      dots: [80, 340, 90],
      digits: [{ glyph: sure(2), x: 95, y: 20 }, { glyph: sure(7), x: 170, y: 24 }, { glyph: sure(5), x: 250, y: 18 }],
    });
    const pen = penGlyphs(img, blank('number', 420, 75, 345));
    assert.equal(pen?.how, 'blue');
    assert.equal(pen!.glyphs.length, 3);
    const r = readBlank(img, blank('number', 420, 75, 345), model);
    assert.deepEqual(r?.digits, '275');
    // The pen's height over the printed capitals' (45 px): the digits are drawn about 50 px high.
    assert.ok(r?.scale !== undefined && r.scale > 0.95 && r.scale < 1.3, String(r?.scale));
    // Each glyph's probabilities of 0–9 are kept, the reading's digit the likeliest of each.
    assert.equal(r?.digitProbs?.length, 3);
    r!.digitProbs!.forEach((p, i) => { assert.equal(p.length, 10); assert.equal(p.indexOf(Math.max(...p)), +r!.digits[i]!); });
  });

  it('on a grey page takes the dark ink between the printed words, not the dots or the print', () => {
    const img = crop(420, 120, {
      print: [[5, 50, 40, 95], [45, 60, 70, 95], [350, 50, 365, 95], [370, 50, 410, 95]],
      dots: [80, 340, 90],
      digits: [{ glyph: sure(1), x: 120, y: 20 }, { glyph: sure(9), x: 190, y: 22 }],
      ink: [30, 30, 30],
    });
    const r = readBlank(img, blank('day', 420, 75, 345), model);
    assert.equal(r?.ink, 'dark');
    assert.equal(r?.digits, '19');
    assert.equal(r?.confidence.length, 2);
  });

  it('leaves out ink wholly above the line\'s print (a ruled line crossing the crop), which would join a digit', () => {
    const img = crop(420, 120, {
      print: [[5, 50, 40, 95], [45, 60, 70, 95], [350, 50, 365, 95], [370, 50, 410, 95], [0, 8, 420, 11], [200, 4, 206, 11]],
      digits: [{ glyph: sure(8), x: 180, y: 25 }],
      ink: [30, 30, 30],
    });
    const r = readBlank(img, blank('month', 420, 75, 345, { band: [50, 95] }), model);
    assert.equal(r?.digits, '8');
  });

  it('leaves out the next word\'s first stroke cut off at the blank\'s edge (its letter box placed a little past its ink)', () => {
    const img = crop(420, 120, {
      // "n": two stems and the arch between them.
      print: [[5, 50, 40, 95], [45, 60, 70, 95], [296, 68, 301, 95], [296, 68, 322, 73], [317, 68, 322, 95], [335, 50, 410, 95]],
      digits: [{ glyph: sure(0), x: 110, y: 25 }, { glyph: sure(2), x: 190, y: 25 }],
      ink: [30, 30, 30],
    });
    const b = blank('month', 420, 75, 306);
    const pen = penGlyphs(img, b)!;
    assert.deepEqual(pen.glyphs.map((g) => g.cutAtEdge ?? false), [false, false, true]);
    assert.equal(readBlank(img, b, model)?.digits, '02');
  });

  it('takes a digit whole when its ink overshoots the blank\'s estimated edge by a sliver, and cuts print that runs in', () => {
    // The "0" starts 4 px left of where the label's end was estimated (x 75); the label's last letter reaches 12 px into the blank.
    const img = crop(420, 120, {
      print: [[5, 50, 40, 95], [45, 60, 87, 95], [350, 50, 365, 95], [370, 50, 410, 95]],
      digits: [{ glyph: sure(0), x: 180, y: 25 }, { glyph: sure(2), x: 255, y: 25 }],
      ink: [30, 30, 30],
    });
    // The glyph placed so that its ink starts at x 71 (its first inked column at 2.5×).
    const left = Math.min(...Array.from(sure(0), (v, i) => (v > 0.1 ? i % 28 : 28)));
    const whole = crop(420, 120, { print: [[5, 50, 40, 95], [45, 60, 66, 95]], digits: [{ glyph: sure(0), x: 71 - Math.floor(left * 2.5), y: 25 }], ink: [30, 30, 30] });
    const zero = penGlyphs(whole, blank('day', 420, 75, 345))!.glyphs;
    assert.equal(zero.length, 1);
    assert.equal(zero[0]!.cutAtEdge, undefined);
    assert.ok(zero[0]!.x0 < 75, String(zero[0]!.x0));
    // Print mostly outside the blank is still cut at its edge.
    const cut = penGlyphs(img, blank('day', 420, 75, 345))!.glyphs;
    assert.deepEqual(cut.map((g) => [g.x0, g.cutAtEdge ?? false]).slice(0, 1), [[75, true]]);
  });

  it('reads nothing when there is no pen in the blank, or more glyphs than the blank holds', () => {
    const empty = crop(420, 120, { print: [[5, 50, 40, 95], [350, 50, 365, 95]], dots: [80, 340, 90] });
    assert.equal(readBlank(empty, blank('number', 420, 75, 345), model), null);
    const three = crop(420, 120, { digits: [0, 1, 2].map((k) => ({ glyph: sure(3, k), x: 80 + 80 * k, y: 20 })) });
    assert.equal(readBlank(three, blank('day', 420, 75, 345), model), null);
  });

  it('splits day and month at the widest gap when OCR lost "tháng" (blue ink only)', () => {
    const img = crop(700, 120, {
      print: [[300, 50, 330, 95], [335, 60, 360, 95]],
      digits: [{ glyph: sure(2), x: 100, y: 20 }, { glyph: sure(8), x: 160, y: 20 }, { glyph: sure(4), x: 440, y: 20 }],
    });
    const b = (half: 'left' | 'right') => blank(half === 'left' ? 'day' : 'month', 700, 60, 650, { half });
    assert.equal(readBlank(img, b('left'), model)?.digits, '28');
    assert.equal(readBlank(img, b('right'), model)?.digits, '4');
  });
});

describe('digit segmentation', () => {
  const comps = (img: Rgb) => inkComponents(img).filter((c) => c.area > 20);

  it('joins a stroke drawn apart to its digit', () => {
    // A "5" whose flag is drawn apart: a body and a short bar over it.
    const five = crop(120, 120, { print: [[30, 50, 60, 100], [40, 25, 80, 32]] });
    assert.equal(mergeStrokes(comps(five)).length, 1);
  });

  it('knows a printed slash from an upright stroke', () => {
    const slash = crop(80, 100, {});
    for (let y = 10; y < 90; y++) for (let k = 0; k < 5; k++) { const x = 15 + Math.round((90 - y) * 0.5) + k, i = (y * 80 + x) * 3; slash.data[i] = slash.data[i + 1] = slash.data[i + 2] = 10; }
    const bar = crop(80, 100, { print: [[30, 10, 36, 90]] });
    assert.equal(isSlash(comps(slash)[0]!, 80, 60), true);
    assert.equal(isSlash(comps(bar)[0]!, 80, 60), false);
  });
});
