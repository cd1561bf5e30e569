import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { runBatch } from '../../src/batch/run.js';
import { buildReviewServer } from '../../src/review/server.js';
import { ROOT } from './converted-folder.js';

describe('review of a scan', () => {
  it('serves the page image of a scanned input and boxes the unsure word where OCR read it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-review-scan-'));
    try {
      await copyFile(join(ROOT, 'fixtures', 'scans', 'page2.jpg'), join(dir, 'page2.jpg'));
      const out = join(dir, 'out');
      await runBatch([join(dir, 'page2.jpg')], { outDir: out, formats: ['json'], resume: false, restore: true, fsync: false }, 1);
      const jsonPath = join(out, 'page2.jpg.json');
      const result = JSON.parse(await readFile(jsonPath, 'utf8'));
      // The clean scan reads without doubt: mark its OCR word "thủ" (line 2) unsure, as a harder scan would.
      const word = result.pages[0].words.find((w: { text: string; line: number }) => w.text === 'thủ' && w.line === 2);
      assert.ok(word, 'OCR read the word');
      result.review = [{ page: 1, line: 2, original: 'thủ', restored: 'thủ', confidence: 0.3, alternatives: ['thu', 'thú'] }];
      await writeFile(jsonPath, JSON.stringify(result));

      const app = await buildReviewServer(out);
      const view = (await app.inject({ method: 'GET', url: '/api/document?name=page2.jpg' })).json();
      assert.equal(view.image, true);
      assert.deepEqual(view.targets[0].box, word.bbox);
      const image = await app.inject({ method: 'GET', url: '/api/image?name=page2.jpg&page=1' });
      assert.equal(image.statusCode, 200);
      assert.equal(image.headers['content-type'], 'image/png');
      const meta = await sharp(image.rawPayload).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1500, 330]);
      // A page the scan does not have is a 404 that says so, not a 500 or page 1 again.
      for (const page of ['2', '0', '-1', 'x', '1.5']) {
        const missing = await app.inject({ method: 'GET', url: `/api/image?name=page2.jpg&page=${page}` });
        assert.equal(missing.statusCode, 404, `page=${page}`);
        assert.match(missing.json().error, /no page .+: the scan has 1 page read \(1\)/);
      }
      await app.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
