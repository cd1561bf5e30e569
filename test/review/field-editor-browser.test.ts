/**
 * The header-field editor of the review page in a real browser (Debian's chromium driven by
 * puppeteer-core), by keyboard only: F4 to the fields, ↑/↓ between them, Enter to save (unchanged:
 * accepted as is), Esc back to the words. Skipped, saying so, where chromium is missing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentResultSchema } from '../../src/core/schema.js';
import { buildReviewServer } from '../../src/review/server.js';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import { convertedSample, NAME } from './converted-folder.js';

const skip = skipWithoutChromium;

describe('header fields on the review page in chromium', () => {
  it('accepts a flagged date, sets the number and the signer by keyboard, refuses a date that is no day, and keeps the word keys', { skip, timeout: 180_000 }, async () => {
    const sample = await convertedSample(['json', 'md']);
    const jsonPath = join(sample.out, `${NAME}.json`);
    // The machine flagged the date (as it does a handwritten day): the editor starts there.
    const converted = JSON.parse(readFileSync(jsonPath, 'utf8'));
    writeFileSync(jsonPath, JSON.stringify({ ...converted, meta: { ...converted.meta, uncertain: ['date'] } }));
    const profile = mkdtempSync(join(tmpdir(), 'baocao-chromium-'));
    const app = await buildReviewServer(sample.out, { tablesDelayMs: 60_000 });
    const browser = await launchChromium(profile);
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const page = await browser.newPage();
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-field-input') ?? null);
      const status = () => page.$eval('#status', (s) => s.textContent ?? '');
      const saved = async () => {
        await page.waitForFunction(() => /^(saved|not saved)/.test(document.getElementById('status')?.textContent ?? ''));
        const text = await status();
        await page.evaluate(() => { document.getElementById('status')!.textContent = ''; });
        return text;
      };
      await page.goto(`${base}/#/doc/${encodeURIComponent(NAME)}`);
      await page.waitForSelector('.fields tr.flagged[data-field="date"]');
      assert.match(await page.$eval('tr[data-field="number"] td.machine', (td) => td.textContent ?? ''), /192\/BC-UBND/);

      // F4 goes to the flagged field; Enter on its value unchanged accepts it as is.
      await page.keyboard.press('F4');
      assert.equal(await focused(), 'date');
      await page.keyboard.press('Enter');
      assert.equal(await saved(), 'saved');
      await page.waitForSelector('tr[data-field="date"].decided');
      assert.equal(await focused(), 'issuer', 'the next field has the focus');

      // ↑ twice to the number: typing replaces the selected value, Enter saves it.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'number');
      await page.keyboard.type('193/BC-UBND');
      await page.keyboard.press('Enter');
      assert.equal(await saved(), 'saved');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await focused(), 'signer');
      await page.keyboard.type('Nguyễn Xuân Thoáng');
      await page.keyboard.press('Enter');
      assert.equal(await saved(), 'saved');

      // A date that names no day is refused with the server's reason, and nothing is logged.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      assert.equal(await focused(), 'date');
      await page.keyboard.type('31/04/2023');
      await page.keyboard.press('Enter');
      assert.match(await saved(), /^not saved: date: '31\/04\/2023' names no real day/);

      // Esc gives the keys back to the words: j moves to the next word.
      await page.keyboard.press('Escape');
      assert.equal(await focused(), null);
      const before = await page.$eval('.unsure.current', (s) => s.getAttribute('data-index'));
      await page.keyboard.press('j');
      assert.notEqual(await page.$eval('.unsure.current', (s) => s.getAttribute('data-index')), before);

      // After a reload the page shows the decisions; the JSON and the Markdown carry them.
      await page.reload();
      await page.waitForSelector('tr[data-field="signer"].decided');
      assert.equal(await page.$eval('[data-field-input="number"]', (i) => (i as HTMLInputElement).value), '193/BC-UBND');
      assert.equal(await page.$eval('[data-field-input="date"]', (i) => (i as HTMLInputElement).value), '29/12/2023');
      const result = DocumentResultSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));
      assert.deepEqual(result.fieldCorrections!.map((c) => [c.field, c.before, c.after, c.action]), [
        ['number', '192/BC-UBND', '193/BC-UBND', 'typed'],
        ['date', '2023-12-29', '2023-12-29', 'accepted'],
        ['signer', 'Nguyễn Xuân Thoang', 'Nguyễn Xuân Thoáng', 'typed'],
      ]);
      assert.equal(result.meta?.number, '192/BC-UBND', 'the machine reading stays at the top');
      assert.equal(result.correctedStructure?.meta.uncertain, undefined, 'the accepted date is no longer flagged');
      const md = readFileSync(join(sample.out, `${NAME}.md`), 'utf8');
      assert.match(md, /Số: 193\/BC-UBND/);
      assert.match(md, /Nguyễn Xuân Thoáng/);
      assert.doesNotMatch(md, /Thoang/, 'the signature block stands for the line the old name was read from');
    } finally {
      await browser.close();
      await app.close();
      rmSync(profile, { recursive: true, force: true });
      await sample.remove();
    }
  });
});
