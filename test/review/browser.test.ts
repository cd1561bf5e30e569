/**
 * The review page in a real browser: Debian's chromium driven by puppeteer-core. Where chromium is
 * missing (apt-get install -y chromium) the test is skipped and says so.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DocumentResultSchema } from '../../src/core/schema.js';
import { buildReviewServer } from '../../src/review/server.js';
import { launchChromium, skipWithoutChromium } from './chromium.js';
import { convertedSample, NAME } from './converted-folder.js';

const skip = skipWithoutChromium;

describe('review page in chromium', () => {
  it('takes an alternative with the keyboard, corrects a word by typing, and finds both after a reload in the JSON and the txt', { skip, timeout: 120_000 }, async () => {
    const sample = await convertedSample(['json', 'txt']);
    const profile = mkdtempSync(join(tmpdir(), 'baocao-chromium-'));
    const app = await buildReviewServer(sample.out);
    const browser = await launchChromium(profile);
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const page = await browser.newPage();
      const machine = DocumentResultSchema.parse(JSON.parse(readFileSync(join(sample.out, `${NAME}.json`), 'utf8')));
      const [first, second] = machine.review!;

      // The list shows the document; open it with the mouse.
      await page.goto(`${base}/`);
      await page.waitForSelector('table.docs a');
      assert.match(await page.$eval('table.docs', (t) => t.textContent ?? ''), new RegExp(`${machine.review!.length} left`));
      await Promise.all([page.waitForSelector('.unsure.current'), page.click('table.docs a')]);

      // Key 1: the first unsure word takes its first alternative.
      await page.keyboard.press('1');
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'saved');
      // The second word is current now: F2 opens the editor, type a word, Enter saves it.
      await page.waitForFunction(() => document.querySelector('.unsure.current')?.getAttribute('data-index') === '1');
      await page.evaluate(() => { document.getElementById('status')!.textContent = ''; });
      await page.keyboard.press('F2');
      await page.keyboard.type('đúng');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'saved');

      // The mouse: click the fourth word, then start typing with a letter (no F2): "n" opens the editor with it.
      await page.evaluate(() => { document.getElementById('status')!.textContent = ''; });
      await page.click('.unsure[data-index="3"]');
      await page.waitForFunction(() => document.querySelector('.unsure.current')?.getAttribute('data-index') === '3');
      await page.keyboard.press('n');
      await page.keyboard.type('ắm');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'saved');

      await page.reload();
      await page.waitForSelector('.unsure');
      const shown = await page.$$eval('.unsure.decided', (els) => els.map((e) => [e.getAttribute('data-index'), e.textContent]));
      assert.deepEqual(shown, [['0', first!.alternatives[0]], ['1', 'đúng'], ['3', 'nắm']]);

      const result = DocumentResultSchema.parse(JSON.parse(readFileSync(join(sample.out, `${NAME}.json`), 'utf8')));
      const afters = result.corrections!.map((c) => [c.page, c.line, c.before, c.after]);
      const fourth = machine.review![3]!;
      assert.deepEqual(afters, [[first!.page, first!.line, first!.restored, first!.alternatives[0]], [second!.page, second!.line, second!.restored, 'đúng'], [fourth.page, fourth.line, fourth.restored, 'nắm']]);
      assert.equal(result.text.restored, machine.text.restored);
      // The structure is read again from the corrected text, beside the machine's.
      assert.equal(result.correctedStructure?.signature?.name, machine.signature?.name);
      assert.ok(JSON.stringify(result.correctedStructure?.sections).includes('đúng'), 'the re-read sections hold the typed word');
      assert.deepEqual(result.sections, machine.sections);
      const txt = readFileSync(join(sample.out, `${NAME}.txt`), 'utf8');
      assert.equal(txt, result.text.corrected);
      assert.ok(txt.includes('đúng'));
      assert.notEqual(txt, machine.text.restored);
    } finally {
      await browser.close();
      await app.close();
      rmSync(profile, { recursive: true, force: true });
      await sample.remove();
    }
  });
});
