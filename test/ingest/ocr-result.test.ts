import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page as TesseractPage } from 'tesseract.js';
import { toOcrPage } from '../../src/ingest/ocr/result.js';

/** A Tesseract result with one block; each line is a list of [text, x0, x1, confidence]. */
function page(lines: [string, number, number, number][][]): TesseractPage {
  return {
    blocks: [{
      paragraphs: [{
        lines: lines.map((ws, i) => ({
          words: ws.map(([text, x0, x1, confidence]) => ({ text, confidence, bbox: { x0, y0: 100 * i, x1, y1: 100 * i + 40 } })),
        })),
      }],
    }],
  } as unknown as TesseractPage;
}

describe('Tesseract result → page', () => {
  it('keeps every word with its line, bbox and confidence, and averages the confidence', () => {
    const r = toOcrPage(page([[['Ủy', 10, 60, 90], ['ban', 75, 140, 80]], [['xã', 10, 50, 70]]]));
    assert.deepEqual(r.lines, ['Ủy ban', 'xã']);
    assert.deepEqual(r.words.map((w) => [w.text, w.line, w.bbox, w.confidence]), [
      ['Ủy', 1, [10, 0, 60, 40], 90], ['ban', 1, [75, 0, 140, 40], 80], ['xã', 2, [10, 100, 50, 140], 70],
    ]);
    assert.equal(r.confidence, 80);
  });

  it('writes a column gap on one visual line as two spaces, as the layout text does', () => {
    const r = toOcrPage(page([[['UBND', 10, 150, 95], ['XÃ', 165, 220, 95], ['CỘNG', 900, 1040, 95], ['HÒA', 1055, 1150, 95]]]));
    assert.deepEqual(r.lines, ['UBND XÃ  CỘNG HÒA']);
  });

  it('composes decomposed marks to NFC and drops empty words and lines', () => {
    const r = toOcrPage(page([[['Vie\u0323\u0302t', 0, 80, 90], [' ', 90, 95, 10]], [[' ', 0, 5, 0]]]));
    assert.deepEqual(r.lines, ['Việt']);
    assert.equal(r.words.length, 1);
  });

  it('reports confidence 0 for a page with no text', () => {
    assert.deepEqual(toOcrPage({ blocks: null } as unknown as TesseractPage), { lines: [], words: [], confidence: 0 });
  });
});
