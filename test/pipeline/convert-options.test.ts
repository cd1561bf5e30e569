import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { convert } from '../../src/index.js';

const STRIPPED = Buffer.from('Bao cao ket qua thuc hien cong tac tuyen truyen nam 2023\n');

describe('convert() options', () => {
  it('restores with the bundled model when restore names only the input kind', async () => {
    // restore: {input} without a model gave restore/no-model and the text unrestored.
    const r = await convert({ path: 'a.txt', data: STRIPPED }, { restore: { input: 'stripped' }, segment: false });
    assert.deepEqual(r.diagnostics.map((d) => d.ruleId), []);
    assert.equal(r.restoreMode, 'stripped');
    assert.match(r.text.restored ?? '', /^Báo cáo kết quả/);
  });

  for (const [label, options, pattern] of [
    ['restore.input', { restore: { input: 'english' } }, /restore\.input: 'english' is not one of auto, stripped, ocr, vie-ocr, clean/],
    ['pageBreaks', { pageBreaks: 'never' }, /pageBreaks: 'never' is not one of auto, form-feed/],
    ['ingest.ocrMode', { ingest: { ocrMode: 'always' } }, /ingest\.ocrMode: 'always' is not one of auto, force, never/],
  ] as const) {
    it(`throws a TypeError naming the values of ${label} instead of ignoring a wrong one`, async () => {
      // 'english' was written to the JSON as its restoreMode; the others were silently ignored.
      await assert.rejects(convert({ path: 'a.txt', data: STRIPPED }, options as never), (e: Error) => e instanceof TypeError && pattern.test(e.message));
    });
  }
});
