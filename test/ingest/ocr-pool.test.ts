import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { resolveOfflinePaths } from '../../src/ingest/ocr/offline-paths.js';
import { ocrPage } from '../../src/ingest/ocr/page.js';
import { createOcrPool, type OcrPool } from '../../src/ingest/ocr/pool.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/scans/${name}`, import.meta.url)));

describe('offline OCR paths', () => {
  it('points tesseract.js at the best_int Vietnamese model inside node_modules, not a URL', () => {
    const p = resolveOfflinePaths();
    assert.match(p.langPath, /@tesseract\.js-data[\\/]vie[\\/]4\.0\.0_best_int$/);
    assert.doesNotMatch(p.langPath, /^[a-z]+:\/\//i);
    assert.ok(existsSync(`${p.langPath}/vie.traineddata.gz`));
    assert.ok(existsSync(p.workerPath));
    assert.ok(existsSync(p.corePath));
  });
});

describe('OCR worker pool', () => {
  let pool: OcrPool;
  before(() => { pool = createOcrPool({ jobs: 1 }); });
  after(async () => { await pool.terminate(); });

  it('reads a Vietnamese line with its diacritics and keeps per-word confidence and bbox', async () => {
    const r = await pool.recognize(fixture('line.png'));
    assert.equal(r.lines.length, 1);
    assert.match(r.lines[0]!, /Kết quả tuyên truyền công tác cải cách hành chính năm 2023/);
    assert.equal(r.words.length, r.lines[0]!.split(' ').length);
    for (const w of r.words) {
      const [x0, y0, x1, y1] = w.bbox;
      assert.ok(x0 < x1 && y0 < y1 && x1 <= 1500 && y1 <= 110, `bbox inside the 1500×110 image: ${w.bbox}`);
      assert.ok(w.confidence > 50 && w.confidence <= 100);
      assert.equal(w.line, 1);
    }
    assert.ok(r.confidence > 80);
  });

  it('reads one image in another segmentation mode for that job only', async () => {
    const asOneLine = await pool.recognize(fixture('page2.jpg'), { psm: '7' });
    assert.ok(asOneLine.lines.length <= 1, asOneLine.lines.join(' | '));
    const asPage = await pool.recognize(fixture('page2.jpg'));
    assert.ok(asPage.lines.length > 1, 'the pool\'s own mode is back for the next job');
  });

  it('turns an undecodable image into an ocr/page-failed diagnostic, and keeps working after it', async () => {
    const r = await ocrPage(pool, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]), 3);
    assert.equal(r.page.method, 'ocr');
    assert.deepEqual(r.page.lines, []);
    assert.equal(r.diagnostics[0]?.ruleId, 'ocr/page-failed');
    assert.deepEqual(r.diagnostics[0]?.place, { page: 3, line: 1 });
    const again = await pool.recognize(fixture('page2.jpg'));
    assert.match(again.lines.join('\n'), /thủ tục hành chính/);
  });

  it('fails a page that exceeds the time limit instead of hanging, and still shuts down', async () => {
    const p = createOcrPool({ jobs: 1, pageTimeoutMs: 1 });
    await assert.rejects(p.recognize(fixture('page2.jpg')), /longer than 0.001 s/);
    await p.terminate();
  });

  it('refuses work after terminate instead of hanging', async () => {
    const p = createOcrPool({ jobs: 1 });
    await p.terminate();
    await assert.rejects(p.recognize(fixture('line.png')), /terminated/);
  });
});
