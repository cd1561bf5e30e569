import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import { junkPieces, MAX_PIECES, withJunkPiecesReread } from '../../src/ingest/ocr/junk-pieces.js';

const W = 1000, H = 1400;
const word = (text: string, line: number, x: number, y: number, confidence = 92): OcrWord => ({ text, line, confidence, bbox: [x, y, x + 20 * text.length, y + 30] });
const page = (rows: OcrWord[][]): OcrPageResult => ({ lines: rows.map((ws) => ws.map((w) => w.text).join(' ')), words: rows.flat(), confidence: 80 });
const grey = { data: new Uint8Array(W * H).fill(255), width: W, height: H };

/** Recipients on the left; on the right of line 2 a position under a seal read as junk. */
const sealed = () => page([
  [word('Nội', 1, 100, 300), word('dung', 1, 180, 300), word('báo', 1, 280, 300), word('cáo.', 1, 360, 300)],
  [word('-', 2, 100, 900), word('Như', 2, 130, 900), word('trên;', 2, 210, 900), word('TRƯỞNG:', 2, 600, 900, 63), word('XƯÓNG', 2, 760, 900, 40), word('CTS5', 2, 890, 900, 18)],
]);

/** A reading of a crop whose words, in page pixels, are `words` (the crop's origin is `box`). */
const reading = (box: readonly number[], words: [string, number, number][]) => async (): Promise<OcrPageResult> => ({
  lines: [words.map((w) => w[0]).join(' ')],
  words: words.map(([text, x, confidence]) => ({ text, line: 1, confidence, bbox: [x - box[0]!, 900 - box[1]!, x - box[0]! + 20 * text.length, 930 - box[1]!] as [number, number, number, number] })),
  confidence: 90,
});

describe('pieces of a line where OCR read only junk, read again alone', () => {
  it('finds the junk piece right of a legible column, and leaves legible lines alone', () => {
    const pieces = junkPieces(sealed(), grey);
    assert.equal(pieces.length, 1);
    assert.equal(pieces[0]!.line, 2);
    assert.deepEqual(pieces[0]!.words.map((w) => w.text), ['TRƯỞNG:', 'XƯÓNG', 'CTS5']);
    assert.ok(pieces[0]!.box[0] < 600 && pieces[0]!.box[2] > 970, `${pieces[0]!.box}`);
  });

  it('leaves the header\'s blanks (number, date) to the pen reader, and reads at most a few pieces a page', () => {
    const blanks = page([[word('Số:', 1, 100, 200), word('2J5/TB', 1, 180, 200, 20), word('ngày', 1, 600, 200, 30), word('ØÄ', 1, 700, 200, 10), word('tháng', 1, 760, 200, 30)]]);
    assert.deepEqual(junkPieces(blanks, grey), []);
    const many = page(Array.from({ length: 8 }, (_, k) => [word('ƒÀx', k + 1, 100, 100 + 60 * k, 20), word('Ñqz', k + 1, 200, 100 + 60 * k, 20)]));
    assert.equal(junkPieces(many, grey).length, MAX_PIECES);
  });

  it('puts the clearer reading in the junk\'s place, the line\'s other words untouched', async () => {
    const first = sealed();
    const [piece] = junkPieces(first, grey);
    const { result, fixes } = await withJunkPiecesReread(first, grey, reading(piece!.box, [['TRƯỞNG', 600, 88], ['PHÒNG', 740, 90], ['CTSV', 870, 91]]));
    assert.deepEqual(fixes, [{ line: 2, from: 'TRƯỞNG: XƯÓNG CTS5', to: 'TRƯỞNG PHÒNG CTSV' }]);
    assert.equal(result.lines[1], '- Như trên; TRƯỞNG PHÒNG CTSV');
    assert.deepEqual(result.words.filter((w) => w.line === 2).map((w) => w.text), ['-', 'Như', 'trên;', 'TRƯỞNG', 'PHÒNG', 'CTSV']);
    assert.equal(result.lines[0], first.lines[0]);
  });

  it('keeps the first reading when the second is not clearly better or loses a legible word', async () => {
    const first = sealed();
    const [piece] = junkPieces(first, grey);
    const unsure = await withJunkPiecesReread(first, grey, reading(piece!.box, [['TRUNG', 600, 50], ['PHONG', 740, 55]]));
    assert.deepEqual(unsure.fixes, []);
    assert.equal(unsure.result, first);
    // "BAN" was legible (85) in the first reading: a second one without it is not taken.
    const legible = page([[word('BAN', 1, 600, 900, 85), word('ƒÀ', 1, 700, 900, 5), word('Ñq', 1, 780, 900, 5), word('zz', 1, 850, 900, 5)]]);
    const [p] = junkPieces(legible, grey);
    assert.ok(p);
    const lost = await withJunkPiecesReread(legible, grey, reading(p.box, [['GIÁM', 600, 95], ['ĐỐC', 720, 95]]));
    assert.deepEqual(lost.fixes, []);
  });

  /** The motto on line 1; on line 2, right of the issuer, its underline read with its lower half as junk. */
  const underlined = () => {
    const tall = (text: string, x: number, confidence: number): OcrWord => ({ text, line: 2, confidence, bbox: [x, 205, x + 20 * text.length, 262] });
    return page([
      [word('BỘ', 1, 100, 200), word('Y', 1, 160, 200), word('TẾ', 1, 190, 200), word('Độc', 1, 500, 200), word('lập', 1, 580, 200), word('Tự', 1, 660, 200), word('do', 1, 720, 200)],
      [word('SỞ', 2, 100, 250), word('Y', 2, 160, 250), word('TẾ', 2, 190, 250), tall('SỰ', 500, 7), tall('Bp', 580, 4), tall('liếp', 650, 0), tall('ĐH', 730, 40)],
    ]);
  };
  /** A reading of a crop whose words stand at page pixels [text, x, y, confidence] (the crop's origin is `box`). */
  const readingAt = (box: readonly number[], words: [string, number, number, number][]) => async (): Promise<OcrPageResult> => ({
    lines: [words.map((w) => w[0]).join(' ')],
    words: words.map(([text, x, y, confidence]) => ({ text, line: 1, confidence, bbox: [x - box[0]!, y - box[1]!, x - box[0]! + 20 * text.length, y + 30 - box[1]!] as [number, number, number, number] })),
    confidence: 90,
  });
  const motto: [string, number, number, number][] = [['Độc', 500, 200, 93], ['lập', 580, 200, 94], ['Tự', 660, 200, 95], ['do', 720, 200, 95]];

  it('never returns words another line already holds at that place: a piece that was their ink read twice is left out', async () => {
    const first = underlined();
    const [piece] = junkPieces(first, grey);
    assert.deepEqual(piece!.words.map((w) => w.text), ['SỰ', 'Bp', 'liếp', 'ĐH']);
    const { result, fixes } = await withJunkPiecesReread(first, grey, readingAt(piece!.box, motto));
    assert.deepEqual(fixes, [{ line: 2, from: 'SỰ Bp liếp ĐH', to: '', ghostOf: 'Độc lập Tự do' }]);
    assert.deepEqual(result.lines, ['BỘ Y TẾ Độc lập Tự do', 'SỞ Y TẾ']);
    assert.equal(result.words.filter((w) => w.text === 'Độc').length, 1);
  });

  it('takes only the words of a second reading that no other line holds at their place', async () => {
    const first = underlined();
    const [piece] = junkPieces(first, grey);
    const { result, fixes } = await withJunkPiecesReread(first, grey, readingAt(piece!.box, [...motto, ['Hạnh', 520, 240, 92], ['phúc', 640, 240, 92]]));
    assert.deepEqual(fixes, [{ line: 2, from: 'SỰ Bp liếp ĐH', to: 'Hạnh phúc' }]);
    assert.deepEqual(result.lines, ['BỘ Y TẾ Độc lập Tự do', 'SỞ Y TẾ Hạnh phúc']);
  });

  it('keeps a junk piece lying apart from the words already read when its second reading only repeats them', async () => {
    const first = sealed();
    const [piece] = junkPieces(first, grey);
    // The crop caught nothing of its own but a line that is elsewhere on the page (its place taken by line 1's words).
    const { result, fixes } = await withJunkPiecesReread(first, grey, readingAt(piece!.box, [['Nội', 100, 300, 95], ['dung', 180, 300, 95]]));
    assert.deepEqual(fixes, []);
    assert.equal(result, first);
  });

  it('counts a seal\'s specks, and a lone letter as no text held there: the second reading is taken', async () => {
    const first = sealed();
    // A speck of the seal (confidence 30) on line 1 whose box lies inside where "PHÒNG" reads.
    first.words.push({ text: 'c', line: 1, confidence: 30, bbox: [745, 905, 752, 912] });
    // A confident mark with one letter ("Š|") inside where "CTSV" reads.
    first.words.push({ text: 'Š|', line: 1, confidence: 75, bbox: [880, 905, 894, 925] });
    const [piece] = junkPieces(first, grey);
    const { fixes } = await withJunkPiecesReread(first, grey, reading(piece!.box, [['TRƯỞNG', 600, 88], ['PHÒNG', 740, 90], ['CTSV', 870, 91]]));
    assert.deepEqual(fixes.map((f) => f.to), ['TRƯỞNG PHÒNG CTSV']);
  });
});
