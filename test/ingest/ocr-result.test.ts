import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromTsv } from '../../src/ingest/ocr/result.js';

/** Tesseract TSV with one block; each line is a list of [text, x0, x1, confidence], 40 px tall. */
function page(lines: [string, number, number, number][][]): string {
  const rows = ['level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext', '1\t1\t0\t0\t0\t0\t0\t0\t2000\t1000\t-1\t'];
  lines.forEach((ws, i) => {
    rows.push(`4\t1\t1\t1\t${i + 1}\t0\t0\t${100 * i}\t2000\t40\t-1\t`);
    ws.forEach(([text, x0, x1, confidence], k) => rows.push(`5\t1\t1\t1\t${i + 1}\t${k + 1}\t${x0}\t${100 * i}\t${x1 - x0}\t40\t${confidence}\t${text}`));
  });
  return rows.join('\n');
}

describe('Tesseract result → page', () => {
  it('keeps every word with its line, bbox and confidence, and averages the confidence', () => {
    const r = fromTsv(page([[['Ủy', 10, 60, 90], ['ban', 75, 140, 80]], [['xã', 10, 50, 70]]]));
    assert.deepEqual(r.lines, ['Ủy ban', 'xã']);
    assert.deepEqual(r.words.map((w) => [w.text, w.line, w.bbox, w.confidence]), [
      ['Ủy', 1, [10, 0, 60, 40], 90], ['ban', 1, [75, 0, 140, 40], 80], ['xã', 2, [10, 100, 50, 140], 70],
    ]);
    assert.equal(r.confidence, 80);
  });

  it('writes a column gap on one visual line as two spaces, as the layout text does', () => {
    const r = fromTsv(page([[['UBND', 10, 150, 95], ['XÃ', 165, 220, 95], ['CỘNG', 900, 1040, 95], ['HÒA', 1055, 1150, 95]]]));
    assert.deepEqual(r.lines, ['UBND XÃ  CỘNG HÒA']);
  });

  it('composes decomposed marks to NFC and drops empty words and lines', () => {
    const r = fromTsv(page([[['Vie\u0323\u0302t', 0, 80, 90], [' ', 90, 95, 10]], [[' ', 0, 5, 0]]]));
    assert.deepEqual(r.lines, ['Việt']);
    assert.equal(r.words.length, 1);
  });

  it('keeps whole-number confidences, as Tesseract\'s JSON gave them, and starts a line at each new line number', () => {
    const r = fromTsv(page([[['Ủy', 10, 60, 90.87], ['ban', 75, 140, 80.2]], [['xã', 10, 50, 70.5]]]));
    assert.deepEqual(r.words.map((w) => w.confidence), [90, 80, 70]);
    assert.deepEqual(r.words.map((w) => w.line), [1, 1, 2]);
  });

  it('reports confidence 0 for a page with no text', () => {
    assert.deepEqual(fromTsv(null), { lines: [], words: [], confidence: 0 });
  });
});
