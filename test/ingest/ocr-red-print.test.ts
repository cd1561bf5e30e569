import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import type { GreyImage } from '../../src/ingest/ocr/downscale.js';
import { redMask } from '../../src/ingest/ocr/red-ink.js';
import { findSeal, redPrintBands, withRedPrintLines } from '../../src/ingest/ocr/red-print.js';

const W = 1000, H = 1200;
/** Print height of the drawn page, in pixels. */
const PH = 20;

/** A blank mask with drawing helpers: a seal (ring, a line of text inside), letters on a baseline. */
function canvas() {
  const m: GreyImage = { data: new Uint8Array(W * H), width: W, height: H };
  const dot = (x: number, y: number) => { if (x >= 0 && y >= 0 && x < W && y < H) m.data[y * W + x] = 1; };
  const rect = (x0: number, y0: number, x1: number, y1: number) => { for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) dot(x, y); };
  return {
    m,
    seal(cx: number, cy: number, r: number) {
      for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) {
        const d = Math.hypot(x - cx, y - cy);
        if (d <= r && d >= r - 6) dot(x, y);
      }
      // The seal's own straight text, inside the ring.
      for (let k = 0; k < 6; k++) rect(cx - 60 + 20 * k, cy - 10, cx - 48 + 20 * k, cy + 10);
    },
    /** `n` letters of print height standing on baseline `y` (moved by `drop(k)`), from `x`, 18 px apart. */
    letters(x: number, y: number, n: number, drop = (_k: number) => 0) {
      for (let k = 0; k < n; k++) rect(x + 18 * k, y + drop(k) - PH, x + 18 * k + 12, y + drop(k));
    },
  };
}

const word = (text: string, line: number, x: number, y: number, confidence = 92): OcrWord => ({ text, line, confidence, bbox: [x, y, x + 14 * text.length, y + PH] });

/** A page's black print as OCR read it: the body, the recipients, the line above the seal. */
function page(): OcrPageResult {
  const rows = [
    [word('Nội', 1, 100, 200), word('dung', 1, 170, 200), word('báo', 1, 250, 200)],
    [word('Nơi', 2, 100, 600), word('nhận:', 2, 160, 600), word('KT.', 2, 600, 600), word('HIỆU', 2, 650, 600), word('TRƯỞNG', 2, 720, 600)],
    [word('-', 3, 100, 640), word('Lưu:', 3, 120, 640), word('VT.', 3, 190, 640)],
  ];
  return { lines: rows.map((ws) => ws.map((w) => w.text).join(' ')), words: rows.flat(), confidence: 90 };
}

describe('red print beside a red seal', () => {
  it('marks red ink by its red over green and blue', () => {
    const rgb = new Uint8Array([230, 110, 120, 20, 20, 20, 240, 240, 240, 200, 170, 160]);
    assert.deepEqual([...redMask(rgb, 3, 4, 1).data], [1, 0, 0, 0]);
  });

  it('finds the seal as the round blob, and bands of print-like red outside it; a band running into the ring is cut', () => {
    const c = canvas();
    c.seal(600, 760, 110);
    // The position beside the seal, its first word under the ring; the name under the seal, whole.
    c.letters(690, 690, 8);
    c.letters(560, 960, 10);
    const seal = findSeal(c.m, PH);
    assert.ok(seal && Math.abs(seal.cx - 600) <= 2 && Math.abs(seal.r - 110) <= 2, JSON.stringify(seal));
    const bands = redPrintBands(c.m, seal, PH);
    assert.deepEqual(bands.map((b) => [b.box[1], b.box[3], b.cut]), [[670, 690, true], [940, 960, false]]);
  });

  it('takes no flourish for a line: letters off one baseline, or too few, make no band', () => {
    const c = canvas();
    c.seal(600, 760, 110);
    c.letters(560, 960, 8, (k) => (k % 2 ? 0 : 12));
    c.letters(560, 1060, 3);
    assert.deepEqual(redPrintBands(c.m, findSeal(c.m, PH)!, PH), []);
    assert.equal(findSeal(canvas().m, PH), null, 'no red, no seal');
  });

  it('adds a whole band read sure as a line after the line above it; a cut one and an unsure one are not added', async () => {
    const c = canvas();
    c.seal(600, 760, 110);
    c.letters(690, 690, 8);
    c.letters(560, 960, 10);
    const readings: OcrPageResult[] = [
      { lines: ['HIỆU TRƯỞNG'], words: [word('HIỆU', 1, 10, 5, 90), word('TRƯỞNG', 1, 80, 5, 88)], confidence: 89 },
      { lines: ['Khái Doãn Thanh'], words: [word('Khái', 1, 10, 5, 91), word('Doãn', 1, 80, 5, 90), word('Thanh', 1, 150, 5, 93)], confidence: 91 },
    ];
    let k = 0;
    const out = await withRedPrintLines(page(), c.m, async () => readings[k++]!);
    assert.equal(k, 2, 'both bands read');
    assert.deepEqual(out.left, ['HIỆU TRƯỞNG']);
    assert.deepEqual(out.added, [{ line: 4, text: 'Khái Doãn Thanh' }]);
    assert.deepEqual(out.result.lines, [...page().lines, 'Khái Doãn Thanh']);
    const added = out.result.words.filter((w) => w.line === 4);
    assert.ok(added.every((w) => w.bbox[1] >= 930 && w.bbox[1] <= 960), JSON.stringify(added));
    const unsure = await withRedPrintLines(page(), c.m, async () => ({ lines: ['ái tÍoän'], words: [word('ái', 1, 0, 0, 30), word('tÍoän', 1, 40, 0, 20)], confidence: 25 }));
    assert.deepEqual([unsure.added, unsure.result.lines.length], [[], 3]);
  });
});
