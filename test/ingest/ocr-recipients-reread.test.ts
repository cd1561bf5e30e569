import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import { recipientsColumn, withRecipientsReread } from '../../src/ingest/ocr/recipients-reread.js';

const W = 1000, H = 1400;
const word = (text: string, line: number, x: number, y: number, confidence = 92, height = 30): OcrWord => ({ text, line, confidence, bbox: [x, y, x + 20 * text.length, y + height] });
const lineOf = (ws: OcrWord[]) => ws.map((w) => w.text).join(' ');
const page = (rows: OcrWord[][]): OcrPageResult => ({ lines: rows.map(lineOf), words: rows.flat(), confidence: 80 });
const grey = { data: new Uint8Array(W * H).fill(255), width: W, height: H };

/** A body line, then the closing: "Nơi nhận:" read as junk beside "TL. GIÁM ĐỐC", an item lost between two rows. */
const closing = (labelConfidence = 5) => page([
  [word('Đề', 1, 100, 500), word('nghị', 1, 160, 500), word('các', 1, 260, 500), word('đơn', 1, 340, 500), word('vị', 1, 420, 500), word('thực', 1, 480, 500), word('hiện', 1, 580, 500), word('nghiêm', 1, 680, 500), word('túc./.', 1, 820, 500)],
  [word('TƯ', 2, 100, 600, labelConfidence, 60), word('n', 2, 170, 620, 12), word('TL.', 2, 600, 600, 95, 40), word('GIÁM', 2, 680, 600, 95, 40), word('ĐỐC', 2, 800, 600, 95, 40)],
  [word('KG', 3, 100, 650, 0, 70), word('un', 3, 170, 650, 0), word('PHÓ', 3, 600, 650, 92, 40), word('GIÁM', 3, 680, 650, 92, 40), word('ĐỐC', 3, 800, 650, 92, 40)],
  [word('-', 4, 100, 760), word('Sở', 4, 130, 760, 90), word('Tư', 4, 190, 760, 90), word('pháp;', 4, 250, 760, 91)],
  [word('-', 5, 100, 810), word('Lưu:', 5, 130, 810, 90), word('VT,', 5, 230, 810, 90), word('VP.', 5, 310, 810, 91)],
  [word('Nguyễn', 6, 620, 900, 96), word('Văn', 6, 760, 900, 96), word('An', 6, 850, 900, 96)],
]);

/** A psm-6 reading of the crop `box` whose lines, in page pixels, are `rows` of [text, x, y, confidence]. */
const reading = (box: readonly number[], rows: [string, number, number, number][][]) => async (): Promise<OcrPageResult> => ({
  lines: rows.map((r) => r.map((w) => w[0]).join(' ')),
  words: rows.flatMap((r, k) => r.map(([text, x, y, confidence]) => ({ text, line: k + 1, confidence, bbox: [x - box[0]!, y - box[1]!, x - box[0]! + 20 * text.length, y - box[1]! + 30] as [number, number, number, number] }))),
  confidence: 90,
});
const column: [string, number, number, number][][] = [
  [['Nơi', 100, 605, 93], ['nhận:', 170, 605, 94]],
  [['-', 100, 655, 92], ['Bộ', 130, 655, 95], ['Tài', 190, 655, 94], ['chính;', 260, 655, 93]],
  [['-', 100, 705, 92], ['Website;', 130, 705, 91]],
  [['-', 100, 760, 92], ['Sở', 130, 760, 92], ['Tư', 190, 760, 92], ['pháp;', 250, 760, 92]],
  [['-', 100, 810, 92], ['Lưu:', 130, 810, 92], ['VT,', 230, 810, 92], ['VP.', 310, 810, 92]],
];

describe('the closing\'s recipients column, read again alone when OCR read it as junk beside the signature column', () => {
  it('finds the column beside the signature rows, the body above and the printed name below left out', () => {
    const found = recipientsColumn(closing(), grey);
    assert.ok(found);
    assert.deepEqual([found.from, found.to], [2, 5]);
    assert.deepEqual(found.left.map((w) => w.text), ['TƯ', 'n', 'KG', 'un', '-', 'Sở', 'Tư', 'pháp;', '-', 'Lưu:', 'VT,', 'VP.']);
    assert.ok(found.box[0] < 100 && found.box[2] < 600 && found.box[2] > 390, `${found.box}`);
  });

  it('lays the second reading\'s lines back with each signature line beside the row it stands level with', async () => {
    const first = closing();
    const { result, fixes } = await withRecipientsReread(first, grey, reading(recipientsColumn(first, grey)!.box, column));
    assert.ok(fixes);
    assert.deepEqual(result.lines, [
      first.lines[0],
      'Nơi nhận:  TL. GIÁM ĐỐC',
      '- Bộ Tài chính;  PHÓ GIÁM ĐỐC',
      '- Website;',
      '- Sở Tư pháp;',
      '- Lưu: VT, VP.',
      'Nguyễn Văn An',
    ]);
    // Every word is on the line its text says, and nothing of the signature column is lost.
    for (const [k, line] of result.lines.entries()) assert.equal(lineOf(result.words.filter((w) => w.line === k + 1).sort((a, b) => a.bbox[0] - b.bbox[0])).replace(/\s+/g, ' '), line.replace(/\s+/g, ' '));
    for (const t of ['TL.', 'PHÓ', 'Nguyễn']) assert.ok(result.words.some((w) => w.text === t));
  });

  it('keeps the first reading when the second is unsure or loses a legible word of the first', async () => {
    const first = closing();
    const box = recipientsColumn(first, grey)!.box;
    const unsure = await withRecipientsReread(first, grey, reading(box, column.map((r) => r.map(([t, x, y]) => [t, x, y, 50] as [string, number, number, number]))));
    assert.equal(unsure.result, first);
    assert.equal(unsure.fixes, null);
    // "Lưu:" (90) read in the first reading is not in this second one.
    const lost = await withRecipientsReread(first, grey, reading(box, column.slice(0, 4)));
    assert.equal(lost.result, first);
  });

  it('leaves a closing read confidently, the header\'s two columns and a page with no closing alone', () => {
    const clean = page([
      [word('Nơi', 1, 100, 600, 93), word('nhận:', 1, 170, 600, 94), word('TL.', 1, 600, 600, 95), word('GIÁM', 1, 680, 600, 95)],
      [word('-', 2, 100, 650), word('Như', 2, 130, 650), word('trên;', 2, 210, 650), word('PHÓ', 2, 600, 650), word('GIÁM', 2, 680, 650)],
      [word('-', 3, 100, 700), word('Lưu:', 3, 130, 700), word('VT.', 3, 230, 700)],
    ]);
    assert.equal(recipientsColumn(clean, grey), null);
    const header = page([
      [word('ỦY', 1, 100, 100, 40), word('BAN', 1, 160, 100, 30), word('CỘNG', 1, 600, 100), word('HÒA', 1, 720, 100)],
      [word('-', 2, 100, 150, 20), word('Sở:', 2, 130, 150, 20), word('ĐỘC', 2, 600, 150), word('LẬP', 2, 700, 150)],
      [word('-', 3, 100, 200, 20), word('Số:', 3, 130, 200, 30), word('ngày', 3, 600, 200), word('12', 3, 700, 200)],
    ]);
    assert.equal(recipientsColumn(header, grey), null);
    assert.equal(recipientsColumn(page([closing().words.filter((w) => w.line === 1)]), grey), null);
  });
});
