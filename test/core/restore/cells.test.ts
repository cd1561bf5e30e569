import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convert } from '../../../src/pipeline/index.js';
import { loadModel } from '../../../src/model/load.js';
import { writeCellsIntoText } from '../../../src/core/restore/cells.js';
import type { WorkingDocument } from '../../../src/core/document.js';

/** A report whose annex table has a cell running over two lines, the status word between its halves. */
const REPORT = [
  'BAO CAO', 'Ket qua cong tac nam 2023', '', 'I. KET QUA', 'Tot.', '',
  'BIEU TONG HOP', '(Kem theo Bao cao so 192/BC-UBND ngay 29/12/2023 cua UBND xa Ngoc Ky)',
  'STT Hinh thuc tuyen truyen Muc do thuc hien',
  '1 Tang cuong tuyen truyen trong tung bo phan chuyen Dat', 'mon, co quan, don vi tren dia ban xa',
  '2 Tuyen truyen truc quan Co',
].join('\n');

describe('table cells restored as wholes', () => {
  const model = loadModel();
  const run = async (withModel: boolean) => {
    const r = await convert({ path: 'r.txt', data: new TextEncoder().encode(REPORT) }, { restore: withModel ? { model, input: 'stripped' } : false });
    return r.annexes![0]!.tables[0]!;
  };

  it('reads a cell split by the status word with the cell\'s own words as context', async () => {
    const t = await run(true);
    assert.equal(t.rows[0]![1], 'Tăng cường tuyên truyền trong từng bộ phận chuyên môn, cơ quan, đơn vị trên địa bàn xã');
    assert.deepEqual(t.rows.map((r) => r.at(-1)), ['Đạt', 'Có']);
    assert.equal(t.originalRows[0]![1], 'Tang cuong tuyen truyen trong tung bo phan chuyen mon, co quan, don vi tren dia ban xa');
  });

  it('writes the cells read again back into the restored text and its paragraphs', async () => {
    const r = await convert({ path: 'r.txt', data: new TextEncoder().encode(REPORT) }, { restore: { model, input: 'stripped' } });
    const lines = r.text.restored!.split('\n');
    assert.equal(lines[9], '1 Tăng cường tuyên truyền trong từng bộ phận chuyên Đạt');
    assert.equal(lines[10], 'môn, cơ quan, đơn vị trên địa bàn xã');
    assert.equal(lines[11], '2 Tuyên truyền trực quan Có');
    assert.equal(lines.length, REPORT.split('\n').length, 'same lines as read');
    assert.equal(r.paragraphs.at(-1)!.restored, '2 Tuyên truyền trực quan Có');
    assert.match(r.paragraphs.at(-2)!.restored!, /bộ phận chuyên Đạt môn, cơ quan/);
  });

  it('leaves cells as read when there is no restoration', async () => {
    const t = await run(false);
    assert.deepEqual(t.rows[0], t.originalRows[0]!.map((c, k) => (k === 2 ? 'Đạt' : c)));
  });
});

describe('writing cells back into the text', () => {
  const doc = (): WorkingDocument => ({
    source: { path: 'x.txt', kind: 'text', sha256: '', bytes: 0, pages: 2, encoding: null },
    original: '1 chuyen Dat\fmon Co',
    restored: '1 chuyển Đất\fmôn Cơ',
    pages: [{ number: 1, lines: ['1 chuyen Dat'], method: 'text' }, { number: 2, lines: ['mon Co'], method: 'text' }],
    paragraphs: [{ text: 'mon Co', restored: 'môn Cơ', page: 2, lineStart: 1, lineEnd: 1 }],
    diagnostics: [],
  });

  it('replaces each piece on its page and line, and the paragraph made of that line', () => {
    const d = doc();
    writeCellsIntoText(d, [
      { piece: { page: 1, line: 1, start: 2, end: 12, text: 'chuyển Đất' }, text: 'chuyên Đạt' },
      { piece: { page: 2, line: 1, start: 4, end: 6, text: 'Cơ' }, text: 'Có' },
    ]);
    assert.equal(d.restored, '1 chuyên Đạt\fmôn Có');
    assert.equal(d.paragraphs[0]!.restored, 'môn Có');
  });

  it('leaves a piece alone when its line no longer says what the table read there', () => {
    const d = doc();
    writeCellsIntoText(d, [{ piece: { page: 2, line: 1, start: 4, end: 6, text: 'Co' }, text: 'Có' }]);
    assert.equal(d.restored, '1 chuyển Đất\fmôn Cơ');
  });
});
