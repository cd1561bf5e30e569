import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OcrWord } from '../../src/core/document.js';
import type { OcrPageResult } from '../../src/ingest/ocr/result.js';
import { signatureRegion, withSignatureReread } from '../../src/ingest/ocr/signature-reread.js';

const W = 1000, H = 1400;
const word = (text: string, line: number, x: number, y: number, confidence = 90): OcrWord => ({ text, line, confidence, bbox: [x, y, x + 20 * text.length, y + 30] });

/** A page ending in the recipients, the signature column beside them read or not. */
function page(signatureColumn: OcrWord[][] = []): OcrPageResult {
  const rows: OcrWord[][] = [
    [word('Nội', 1, 100, 300), word('dung', 1, 180, 300), word('báo', 1, 280, 300), word('cáo.', 1, 360, 300)],
    [word('Nơi', 2, 100, 900), word('nhận:', 2, 170, 900)],
    [word('-', 3, 100, 940), word('Như', 3, 130, 940), word('trên;', 3, 210, 940)],
    [word('-', 4, 100, 980), word('Lưu:', 4, 130, 980), word('VT.', 4, 230, 980)],
    ...signatureColumn.map((ws, k) => ws.map((w) => ({ ...w, line: 5 + k }))),
  ];
  const words = rows.flat();
  return { lines: rows.map((ws) => ws.map((w) => w.text).join(' ')), words, confidence: 90 };
}

const grey = { data: new Uint8Array(W * H).fill(255), width: W, height: H };

describe('the signature column read again when OCR left it out', () => {
  it('reads again the column right of "Nơi nhận:" when it holds no name line', () => {
    const box = signatureRegion(page(), grey);
    assert.ok(box);
    assert.ok(box[0] >= 0.4 * W && box[1] < 900 && box[3] > 1100, `${box}`);
  });

  it('leaves a page alone whose signature column already has the position and the name, or that has no "Nơi nhận:"', () => {
    const name = [word('Trương', 0, 620, 1100), word('Huy', 0, 760, 1100), word('Hoàng', 0, 840, 1100)];
    assert.equal(signatureRegion(page([[word('HIỆU', 0, 620, 1000), word('TRƯỞNG', 0, 720, 1000)], name]), grey), null);
    const none = page();
    none.lines[1] = 'Kết luận';
    assert.equal(signatureRegion(none, grey), null);
  });

  it('reads the column again when it holds the name but nothing in capitals above it (position and "KT." dropped)', () => {
    const name = [word('Trương', 0, 620, 1100), word('Huy', 0, 760, 1100), word('Hoàng', 0, 840, 1100)];
    assert.ok(signatureRegion(page([name]), grey));
    // The body's last line reaching into the column from the left ("… Sở GD&ĐT") is no position.
    const body = page([name]);
    body.words.push(word('Sở', 1, 600, 300), word('GD&ĐT', 1, 660, 300));
    assert.ok(signatureRegion(body, grey));
  });

  it('adds the confident new lines after the page\'s lines, in page pixels, and nothing else', async () => {
    const reads: number[] = [];
    const [dx, dy] = signatureRegion(page(), grey)!;
    const read = async (pgm: Uint8Array): Promise<OcrPageResult> => {
      reads.push(pgm.length);
      return {
        lines: ['HIỆU TRƯỞNG', 'ƒ À', '`. Trương Huy Hoàng'],
        words: [
          { text: 'HIỆU', line: 1, confidence: 40, bbox: [150, 20, 230, 50] }, { text: 'TRƯỞNG', line: 1, confidence: 45, bbox: [240, 20, 360, 50] },
          { text: 'ƒ', line: 2, confidence: 20, bbox: [100, 120, 110, 150] }, { text: 'À', line: 2, confidence: 30, bbox: [130, 120, 150, 150] },
          { text: '`.', line: 3, confidence: 50, bbox: [100, 400, 120, 430] }, { text: 'Trương', line: 3, confidence: 91, bbox: [130, 400, 240, 430] },
          { text: 'Huy', line: 3, confidence: 93, bbox: [250, 400, 300, 430] }, { text: 'Hoàng', line: 3, confidence: 92, bbox: [310, 400, 400, 430] },
        ],
        confidence: 60,
      };
    };
    const { result, added } = await withSignatureReread(page(), grey, read);
    assert.equal(reads.length, 1);
    assert.deepEqual(added, ['Trương Huy Hoàng'], 'unsure lines (the seal, a faint position) are not added');
    assert.equal(result.lines.at(-1), 'Trương Huy Hoàng');
    const name = result.words.filter((w) => w.line === result.lines.length);
    assert.deepEqual(name[0]!.bbox, [130 + dx, 400 + dy, 240 + dx, 430 + dy]);
    assert.equal(result.lines.length, page().lines.length + 1);
  });

  it('puts a line read again above the column\'s line below it (a position over the printed name the first reading kept)', async () => {
    // A name the first reading kept but took for no name (specks glued to it): the column is read again.
    const first = page([[word('`', 0, 600, 1150), word('2ĐínhVăn', 0, 640, 1150), word('Châu', 0, 840, 1150)]]);
    const box = signatureRegion(first, grey);
    assert.ok(box);
    const read = async (): Promise<OcrPageResult> => ({
      lines: ['HIỆU TRƯỞNG'],
      words: [{ text: 'HIỆU', line: 1, confidence: 80, bbox: [620 - box[0], 1050 - box[1], 700 - box[0], 1080 - box[1]] }, { text: 'TRƯỞNG', line: 1, confidence: 82, bbox: [710 - box[0], 1050 - box[1], 830 - box[0], 1080 - box[1]] }],
      confidence: 81,
    });
    const { result, added } = await withSignatureReread(first, grey, read, box);
    assert.deepEqual(added, ['HIỆU TRƯỞNG']);
    assert.deepEqual(result.lines.slice(-2), ['HIỆU TRƯỞNG', '` 2ĐínhVăn Châu']);
    // Every word keeps its line's text: the name's words moved one line down with it.
    for (const [k, l] of result.lines.entries()) assert.equal(result.words.filter((w) => w.line === k + 1).map((w) => w.text).join(' '), l);
  });
});
