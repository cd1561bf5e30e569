import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentResult } from '../../src/core/schema.js';
import { uprightBox, uprightLayer } from '../../src/emit/pdf-turned-page.js';
import type { PixelMatrix, TextLayerPage } from '../../src/emit/pdf-text-layer.js';

type Page = DocumentResult['pages'][number];

/** A point of image pixels (y down, image `height` tall) through a pixel matrix (y up) to user space. */
function user(m: PixelMatrix, height: number, x: number, y: number): [number, number] {
  const v = height - y;
  return [Math.round((m[0] * x + m[2] * v + m[4]) * 1000) / 1000, Math.round((m[1] * x + m[3] * v + m[5]) * 1000) / 1000];
}

describe("a turned page's text layer in the upright frame", () => {
  const W = 400, H = 600;
  const target = { page: null as never, imageWidth: W, imageHeight: H, toUser: [0.5, 0, 0, 0.5, 10, 20] } as TextLayerPage;

  for (const turn of [90, 180, 270] as const) {
    it(`lays a word of a page turned ${turn}° over the same spot of the PDF page`, () => {
      const bbox: [number, number, number, number] = [40, 100, 120, 130];
      const page: Page = { number: 1, method: 'ocr', lines: ['chữ'], words: [{ text: 'chữ', confidence: 90, bbox, line: 1 }], turn };
      const upright = uprightLayer(page, target);
      const ub = upright.page.words![0]!.bbox;
      assert.deepEqual(ub, uprightBox(bbox, turn, W, H));
      // The box's corners, as sets of user-space points, are the same through either frame.
      const corners = (b: number[], m: PixelMatrix, h: number) => [[b[0]!, b[1]!], [b[2]!, b[1]!], [b[0]!, b[3]!], [b[2]!, b[3]!]].map(([x, y]) => user(m, h, x!, y!).join(',')).sort();
      assert.deepEqual(corners(ub, upright.target.toUser, upright.target.imageHeight), corners(bbox, target.toUser, H));
      assert.equal(upright.target.imageHeight, turn === 180 ? H : W);
    });
  }

  it('leaves a page read as it lay alone', () => {
    const page: Page = { number: 1, method: 'ocr', lines: [], words: [] };
    const same = uprightLayer(page, target);
    assert.equal(same.page, page);
    assert.equal(same.target, target);
  });
});
