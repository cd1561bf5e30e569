/**
 * A scan whose file name is not UTF-8 (windows-1258, from an old Windows disk): convert reads it by
 * its bytes and names it by the windows-1258 reading, which is also the path its JSON records. The
 * review page must find that file again (by its bytes) to show the page image, not answer 404.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { runBatch } from '../../src/batch/run.js';
import { buildReviewServer } from '../../src/review/server.js';
import { ROOT } from './converted-folder.js';

// A folder "hồ sơ" and a file "trang 2 ơ.jpg", both in windows-1258 bytes.
const FOLDER = Buffer.from([0x68, 0xf4, 0xcc, 0x20, 0x73, 0xf5]);
const FILE = Buffer.from('trang 2 \xf5.jpg', 'latin1');

describe('review of a scan named in windows-1258', () => {
  it('serves the page image, finding the input by its bytes', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-review-legacy-'));
    try {
      const input = join(dir, 'in');
      await mkdir(input);
      const folder = Buffer.concat([Buffer.from(input + '/'), FOLDER]);
      await mkdir(folder);
      await copyFile(join(ROOT, 'fixtures', 'scans', 'page2.jpg'), Buffer.concat([folder, Buffer.from('/'), FILE]));
      // A second input at the top, so the batch base is `in/` and the folder's name is in the document's name.
      await writeFile(join(input, 'note.txt'), 'Ghi chu ve viec kiem tra kho luu tru.\n');
      const out = join(dir, 'out');
      const summary = await runBatch([input], { outDir: out, formats: ['json'], resume: false, restore: true, fsync: false }, 1);
      assert.equal(summary.converted, 2, JSON.stringify(summary.rows));
      const name = 'hồ sơ/trang 2 ơ.jpg';
      const app = await buildReviewServer(out);
      try {
        const view = await app.inject({ method: 'GET', url: `/api/document?name=${encodeURIComponent(name)}` });
        assert.equal(view.statusCode, 200, view.body);
        assert.equal(view.json().image, true);
        const image = await app.inject({ method: 'GET', url: `/api/image?name=${encodeURIComponent(name)}&page=1` });
        assert.equal(image.statusCode, 200, image.body);
        const meta = await sharp(image.rawPayload).metadata();
        assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1500, 330]);
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
