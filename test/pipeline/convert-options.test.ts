import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convert } from '../../src/index.js';
import { RESTORE_INPUTS } from '../../src/core/restore/inputs.js';

const STRIPPED = Buffer.from('Bao cao ket qua thuc hien cong tac tuyen truyen nam 2023\n');

describe('convert() options', () => {
  it('restores with the bundled model when restore names only the input kind', async () => {
    // restore: {input} without a model gave restore/no-model and the text unrestored.
    const r = await convert({ path: 'a.txt', data: STRIPPED }, { restore: { input: 'stripped' }, segment: false });
    assert.deepEqual(r.diagnostics.map((d) => d.ruleId), []);
    assert.equal(r.restoreMode, 'stripped');
    assert.match(r.text.restored ?? '', /^Báo cáo kết quả/);
  });

  it("reads a text typed with its marks as typed with restore.input 'clean', the mode it names", async () => {
    const typed = 'Báo cáo kết quả thực hiện công tác tuyên truyền năm 2023\nUỷ ban nhân dân xã Ngọc Kỳ\n';
    const r = await convert({ path: 'a.txt', data: Buffer.from(typed) }, { restore: { input: 'clean' }, segment: false });
    assert.equal(r.restoreMode, 'clean');
    assert.equal(r.text.restored, typed);
  });

  it("documents in the README's API section every restore.input value its TypeError lists", () => {
    // The message listed 'clean', which the README did not name.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const api = readme.slice(readme.indexOf('\n## API'), readme.indexOf('\n## Output'));
    const convertOptions = api.slice(api.indexOf('`restore` —'), api.indexOf('`segment` —'));
    for (const value of RESTORE_INPUTS) assert.ok(convertOptions.includes(`\`${value}\``), `README's convert() options do not name '${value}'`);
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
