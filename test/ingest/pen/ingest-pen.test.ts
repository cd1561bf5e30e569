import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { OcrWord, WorkingDocument } from '../../../src/core/document.js';
import { segmentStage } from '../../../src/core/segment/stage.js';
import { ingestImage } from '../../../src/ingest/image.js';
import type { OcrPool } from '../../../src/ingest/ocr/pool.js';
import { lineText } from '../../../src/ingest/ocr/result.js';
import { classify, loadDigitModel, normaliseGlyph } from '../../../src/ingest/pen/digit-model.js';
import { HEIGHT, renderPenHeader, WIDTH, type PenHeader } from '../../../bench/lib/pen-header.js';
import { mnistSplit } from '../../../scripts/digits/mnist-split.js';

const model = loadDigitModel()!;
const { test } = mnistSplit();
const sure = (d: number, k = 0) => test.filter((s) => s.digit === d && classify(model, normaliseGlyph({ data: s.pixels, width: 28, height: 28 })!).confidence > 0.98)[k]!.pixels;

/**
 * OCR as Tesseract reads such a header: the print right, the pen digits as junk words over their
 * boxes ("2J5", "ØÄ", "A0"). Boxes are scaled to the image the pool is given (ingest reduces it).
 */
function fakeOcr(page: PenHeader): OcrPool {
  const junk = (field: 'number' | 'day' | 'month', text: string): OcrWord => {
    const bs = page.digitBoxes[field];
    return { text, confidence: 20, line: 3, bbox: [Math.min(...bs.map((b) => b[0])), Math.min(...bs.map((b) => b[1])), Math.max(...bs.map((b) => b[2])), Math.max(...bs.map((b) => b[3]))] };
  };
  const printed = page.words.map((w) => ({ ...w, confidence: 95 }));
  const words = [...printed, junk('number', '2J5'), junk('day', 'ØÄ'), junk('month', 'A0')].sort((a, b) => a.line - b.line || a.bbox[0] - b.bbox[0]);
  return {
    size: 1,
    terminate: async () => {},
    recognize: async (image) => {
      // A PGM "P5 <width> <height>" when ingest reduced the page, else the page itself.
      const size = /^P5\s+(\d+)\s+(\d+)/.exec(new TextDecoder('latin1').decode(image.subarray(0, 24)));
      const kx = size ? +size[1]! / WIDTH : 1, ky = size ? +size[2]! / HEIGHT : 1;
      const scaled = words.map((w) => ({ ...w, bbox: [w.bbox[0] * kx, w.bbox[1] * ky, w.bbox[2] * kx, w.bbox[3] * ky].map(Math.round) as OcrWord['bbox'] }));
      const lines = [1, 2, 3, 4].map((l) => lineText(scaled.filter((w) => w.line === l)));
      return { lines, words: scaled, confidence: 80 };
    },
  };
}

describe('pen digits from a page image to the header', () => {
  let doc: WorkingDocument;
  before(async () => {
    const page = await renderPenHeader({ number: [sure(2), sure(7), sure(5)], day: [sure(2, 1), sure(8)], month: [sure(0), sure(2, 2)] });
    const r = await ingestImage(page.png, { ocr: fakeOcr(page) });
    doc = { source: { path: 'notice.png', kind: 'image', sha256: '', bytes: page.png.length, pages: 1, encoding: null }, original: r.pages.map((p) => p.lines.join('\n')).join('\f'), pages: r.pages, paragraphs: [], diagnostics: r.diagnostics } as unknown as WorkingDocument;
  });

  it('ingest attaches the pen reading of each blank to the page', () => {
    const fills = doc.pages[0]!.penFills ?? [];
    assert.deepEqual(fills.map((f) => [f.field, f.digits, f.ink, f.line]), [['number', '275', 'blue', 3], ['day', '28', 'blue', 3], ['month', '02', 'blue', 3]]);
    assert.ok(fills.every((f) => f.confidence.length === f.digits.length && f.confidence.every((c) => c > 0 && c <= 1)));
  });

  it('segment fills meta.number and meta.date from it and keeps them uncertain for review', () => {
    const meta = segmentStage(doc).structure!.meta;
    assert.deepEqual([meta.number, meta.date, meta.uncertain], ['275/TB-ĐHĐL', '2025-02-28', ['number', 'date']]);
    assert.ok(doc.diagnostics.some((d) => d.ruleId === 'segment/handwritten-number'));
  });
});
