import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineGeometry } from '../../src/emit/pdf-text-layer.js';
import type { PlacedWord } from '../../src/emit/pdf-words.js';

/** Words 20 px tall along a line through (0, y0) with the given slope (y down), as OCR boxes them. */
function skewedLine(y0: number, slope: number, lefts: number[], width = 60): PlacedWord[] {
  return lefts.map((x, i) => {
    const [ya, yb] = [y0 + slope * x, y0 + slope * (x + width)];
    // One word has an accent above it, one a descender: single boxes move, the line does not.
    const accent = i === 1 ? 6 : 0, descender = i === 2 ? 5 : 0;
    return { text: 'w', bbox: [x, Math.min(ya, yb) - 10 - accent, x + width, Math.max(ya, yb) + 10 + descender] };
  });
}

describe('text line geometry from word boxes', () => {
  it('recovers a skewed line: its slope, its centre line and the text height without the skew', () => {
    const g = lineGeometry(skewedLine(200, 0.03, [100, 200, 300, 400, 500, 600]));
    assert.ok(Math.abs(g.slope - 0.03) < 0.005, `slope ${g.slope}`);
    assert.ok(Math.abs(g.centreAt(400) - (200 + 0.03 * 430)) < 3, `centre ${g.centreAt(400)}`);
    assert.ok(Math.abs(g.height - 20) < 2, `height ${g.height}`);
  });

  it('keeps two skewed lines apart where their union boxes overlap', () => {
    const upper = lineGeometry(skewedLine(200, 0.03, [100, 300, 500, 700]));
    const lower = lineGeometry(skewedLine(228, 0.03, [100, 300, 500, 700]));
    for (const x of [100, 400, 760]) assert.ok(lower.centreAt(x) - upper.centreAt(x) > (upper.height + lower.height) / 2 - 1);
  });

  it('treats a single word as level', () => {
    const g = lineGeometry([{ text: 'một', bbox: [10, 10, 80, 40] }]);
    assert.equal(g.slope, 0);
    assert.equal(g.centreAt(500), 25);
    assert.equal(g.height, 30);
  });
});
