import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCHEMA_VERSION, type DocumentResult } from '../../src/core/schema.js';
import { placedLines } from '../../src/emit/pdf-words.js';

type Box = [number, number, number, number];
const word = (text: string, bbox: Box, line: number) => ({ text, confidence: 90, bbox, line });

function ocrResult(lines: string[], restored: string[] | null, words: ReturnType<typeof word>[]): DocumentResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    source: { path: 'a.png', kind: 'image', sha256: '0'.repeat(64), bytes: 1, pages: 1, encoding: null },
    text: { original: lines.join('\n'), restored: restored?.join('\n') ?? null },
    pages: [{ number: 1, method: 'ocr', lines, words }],
    paragraphs: [],
    diagnostics: [],
  };
}

describe('restored words at their OCR boxes', () => {
  it('pairs a restored line with the OCR words of that line one to one', () => {
    const r = ocrResult(['Ket qua', 'dat'], ['Kết quả', 'đạt'], [word('Ket', [10, 10, 50, 30], 1), word('qua', [60, 10, 100, 30], 1), word('dat', [10, 40, 40, 60], 2)]);
    assert.deepEqual(placedLines(r, 0), [
      [{ text: 'Kết', bbox: [10, 10, 50, 30] }, { text: 'quả', bbox: [60, 10, 100, 30] }],
      [{ text: 'đạt', bbox: [10, 40, 40, 60] }],
    ]);
  });

  it('spreads a line whose word count changed over the line box, by length, in order', () => {
    const r = ocrResult(['thanhpho'], ['thành phố'], [word('thanhpho', [0, 0, 100, 20], 1)]);
    const [line] = placedLines(r, 0);
    assert.deepEqual(line!.map((w) => w.text), ['thành', 'phố']);
    assert.equal(line![0]!.bbox[0], 0);
    assert.ok(Math.abs(line![1]!.bbox[2] - 100) < 1e-9);
    assert.ok(line![0]!.bbox[2] < line![1]!.bbox[0]);
  });

  it('uses the OCR reading when there is no restored text', () => {
    const r = ocrResult(['Ket qua'], null, [word('Ket', [10, 10, 50, 30], 1), word('qua', [60, 10, 100, 30], 1)]);
    assert.deepEqual(placedLines(r, 0)[0]!.map((w) => w.text), ['Ket', 'qua']);
  });

  it('keeps a line OCR gave no boxes for, below the line before it', () => {
    const r = ocrResult(['Ket qua', 'dat'], ['Kết quả', 'đạt'], [word('Ket', [10, 10, 50, 30], 1), word('qua', [60, 10, 100, 30], 1)]);
    const lines = placedLines(r, 0);
    assert.equal(lines.length, 2);
    assert.equal(lines[1]![0]!.text, 'đạt');
    assert.ok(lines[1]![0]!.bbox[1] > 30);
  });
});
