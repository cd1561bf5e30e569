import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convert } from '../../../src/core/pipeline.js';
import { loadModel } from '../../../src/model/load.js';

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

  it('leaves cells as read when there is no restoration', async () => {
    const t = await run(false);
    assert.deepEqual(t.rows[0], t.originalRows[0]!.map((c, k) => (k === 2 ? 'Đạt' : c)));
  });
});
