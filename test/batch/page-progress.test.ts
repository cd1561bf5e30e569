import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';
import { createProgress } from '../../src/cli/progress.js';
import type { InputFile } from '../../src/batch/inputs.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A stand-in terminal that records what the progress bar draws. */
function fakeTerminal() {
  const chunks: string[] = [];
  const stream = { isTTY: true, write: (s: string) => { chunks.push(s); return true; } } as unknown as NodeJS.WriteStream;
  return { stream, text: () => chunks.join('') };
}

describe('page progress of scanned inputs', () => {
  it('shows the file and page being read on a terminal', () => {
    const term = fakeTerminal();
    const p = createProgress(false, term.stream);
    const file: InputFile = { abs: '/x/scan.pdf', rel: 'scan.pdf', display: 'scan.pdf' };
    p.page(file, 3, 10, 45, 300);
    assert.match(term.text(), /file 3\/10 · page 45\/300 scan\.pdf/);
    // 2 files done + 45/300 of the third, of 10: 2.15/10 of 24 cells ≈ 5.
    assert.match(term.text(), /\[#{5}\.{19}\]/);
  });

  it('stays silent about pages when the output is not a terminal', () => {
    const chunks: string[] = [];
    const stream = { isTTY: false, write: (s: string) => { chunks.push(s); return true; } } as unknown as NodeJS.WriteStream;
    createProgress(false, stream).page({ abs: '/x/a.pdf', rel: 'a.pdf', display: 'a.pdf' }, 1, 1, 1, 2);
    assert.deepEqual(chunks, []);
  });

  it('reports every page of a scanned PDF in a batch, in order, with the file number', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-pages-'));
    try {
      await writeFile(join(dir, 'a.txt'), 'Báo cáo kết quả công tác năm 2023.\n');
      await copyFile(join(ROOT, 'fixtures', 'scans', 'scanned-2p.pdf'), join(dir, 'b.pdf'));
      const seen: string[] = [];
      await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, segment: false }, 1, {
        page: (file, n, files, done, total) => seen.push(`${file.rel} ${n}/${files} ${done}/${total}`),
      });
      assert.deepEqual(seen, ['b.pdf 2/2 1/2', 'b.pdf 2/2 2/2']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
