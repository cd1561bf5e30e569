/** A batch with a scan whose OCR runs past --timeout: that file gets an ocr/timeout error row, the others are converted, on the same pool. */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';
import { ocrTimeLimit } from '../../src/batch/time-limit.js';
import { noiseTiff } from '../ingest/noise-tiff.js';
import { parseCsv } from '../cli/run-cli.js';

const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('a batch with a scan whose OCR runs past its time limit', () => {
  it('gives that scan an ocr/timeout error row and converts the files before and after it', async (t) => {
    // The noise would be stopped by its first pages reading no text (noise-stop.ts): the limit is what is tested here.
    const saved = process.env.BAOCAO_NOISE_STOP;
    process.env.BAOCAO_NOISE_STOP = '0';
    t.after(() => { if (saved === undefined) delete process.env.BAOCAO_NOISE_STOP; else process.env.BAOCAO_NOISE_STOP = saved; });
    const dir = await mkdtemp(join(tmpdir(), 'baocao-ocr-timeout-'));
    dirs.push(dir);
    // 300 pages of noise: minutes of OCR on any machine (Tesseract finds specks on every page).
    await writeFile(join(dir, 'b-noise.tif'), noiseTiff(300, 300, 300));
    await writeFile(join(dir, 'a.txt'), 'BÁO CÁO\n\nỦy ban nhân dân xã đã triển khai kế hoạch.\n');
    // Read after the noise was stopped: on the pool whose worker reading the noise was replaced.
    await copyFile(new URL('../../fixtures/scans/line.png', import.meta.url), join(dir, 'c-line.png'));
    // 60 s: far below the noise's OCR (minutes), far above one line's, even with a new worker to start on a loaded machine.
    const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, segment: false, timeoutSeconds: 60 }, 1);
    const rows = Object.fromEntries(s.rows.map((r) => [r.path.replace(/^.*[\\/]/, ''), r]));
    // An error row, or partial when a page read before the limit held specks read as words.
    assert.ok(['error', 'partial'].includes(rows['b-noise.tif']!.status));
    // On a loaded machine not even its first page may be read in time: both are said.
    assert.match(rows['b-noise.tif']!.error, /^ocr\/timeout: OCR of the file took longer than its 60 s time limit \(--timeout\): it was stopped, and (none of its 300 pages was read|pages? .* of 300 left unread)$/);
    assert.equal(rows['a.txt']!.status, 'ok');
    assert.notEqual(rows['c-line.png']!.status, 'error', rows['c-line.png']!.error);
    const json = JSON.parse(await readFile(join(dir, 'out', 'c-line.png.json'), 'utf8'));
    assert.match(json.text.original, /cải cách hành chính/);
    const csv = parseCsv(await readFile(s.documentsCsv, 'utf8'));
    assert.equal(csv.length, 3);
  });

  it('gives a scan the file limit and a minute a page by default, and a --timeout given for the whole file', () => {
    assert.deepEqual(ocrTimeLimit(0), { ocrTimeoutMs: 120_000, ocrTimeoutPerPageMs: 60_000 });
    assert.deepEqual(ocrTimeLimit(1024 * 1024, 30), { ocrTimeoutMs: 30_000, ocrTimeoutPerPageMs: 0 });
    assert.deepEqual(ocrTimeLimit(10, 0), { ocrTimeoutMs: Infinity, ocrTimeoutPerPageMs: 0 });
  });
});
