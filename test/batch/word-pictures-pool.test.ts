/**
 * A batch's text workers read Word files' pictures on the batch's one OCR pool (asked of the main
 * thread, ocr-bridge.ts), not on a pool made for each file, which reloaded the OCR model each time
 * and ran beside the batch's own workers.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';

const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe("a batch's Word files of pasted scans", () => {
  it('are read on the one OCR pool of the batch, with the scans', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'baocao-word-pool-'));
    dirs.push(dir);
    // A stand-in tesseract that notes its parent: the pool's process starter (process-launcher.ts).
    const log = join(dir, 'parents.log');
    const bin = join(dir, 'tesseract');
    writeFileSync(bin, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\nif [ "$1" = "--list-langs" ]; then echo vie; exit 0; fi\necho "$PPID" >> "${log}"\ncat > /dev/null\nprintf '5\\t1\\t1\\t1\\t1\\t1\\t10\\t10\\t50\\t20\\t91.5\\tchữ\\n'\n`);
    chmodSync(bin, 0o755);
    const saved = process.env.BAOCAO_TESSERACT;
    process.env.BAOCAO_TESSERACT = bin;
    t.after(() => { if (saved === undefined) delete process.env.BAOCAO_TESSERACT; else process.env.BAOCAO_TESSERACT = saved; });
    const input = join(dir, 'in');
    const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url);
    mkdirSync(input);
    for (const [from, to] of [['word/scans-pasted.doc', 'a.doc'], ['word/scans-pasted.odt', 'b.odt'], ['scans/line.png', 'c.png']] as const) copyFileSync(fixture(from), join(input, to));
    writeFileSync(join(input, 'd.txt'), 'Ủy ban nhân dân xã báo cáo.\n');
    const s = await runBatch([input], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, segment: false, ocrEngine: 'native' }, 2);
    assert.deepEqual(s.rows.map((r) => r.status), ['ok', 'ok', 'ok', 'ok'], s.rows.map((r) => r.error).join('; '));
    for (const name of ['a.doc', 'b.odt']) {
      const json = JSON.parse(readFileSync(join(dir, 'out', `${name}.json`), 'utf8'));
      assert.deepEqual(json.pages.map((p: { method: string; ocrEngine?: string }) => `${p.method}:${p.ocrEngine}`), ['ocr:native', 'ocr:native'], name);
    }
    const parents = readFileSync(log, 'utf8').trim().split('\n');
    assert.ok(parents.length >= 5, `${parents.length} pages read`);
    assert.equal(new Set(parents).size, 1, 'every page started by the one pool\'s process starter');
  });
});
