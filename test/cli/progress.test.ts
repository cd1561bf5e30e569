import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress } from '../../src/cli/progress.js';
import type { FileOutcome } from '../../src/batch/convert-file.js';

function terminal() {
  const chunks: string[] = [];
  const stream = { isTTY: true, write: (s: string) => { chunks.push(s); return true; } } as unknown as NodeJS.WriteStream;
  return { stream, last: () => chunks.filter((c) => c.includes('[')).at(-1) ?? '', chunks };
}
const ok = { row: { path: 'a.txt', status: 'ok', error: '' }, skipped: false } as unknown as FileOutcome;
const file = (name: string) => ({ abs: `/x/${name}`, rel: name, display: name });

describe('terminal progress', () => {
  it('draws a line as soon as the batch starts, before any file is done', () => {
    const t = terminal();
    const p = createProgress(false, t.stream, { tickMs: 0, now: () => 0 });
    p.start(40);
    assert.match(t.last(), /\] 0% 0\/40 files · starting/);
    p.end();
  });

  it('shows percentage, count, rate and ETA once files finish', () => {
    const t = terminal();
    let clock = 0;
    const p = createProgress(false, t.stream, { tickMs: 0, now: () => clock });
    p.start(40);
    clock = 10_000;
    p.file(file('b.txt'), ok, 10, 40);
    // 10 of 40 in 10 s: 1.0 files/s, 30 s to go.
    assert.match(t.last(), /\] 25% 10\/40 files b\.txt · 0:10 · 1\.0 files\/s · ETA 0:30/);
    p.end();
  });

  it('does not say 100% when the pages of a long PDF are read: restoring and writing it are still to come', () => {
    const t = terminal();
    let clock = 0;
    const p = createProgress(false, t.stream, { tickMs: 0, now: () => clock });
    p.start(1);
    clock = 44_000;
    p.page(file('long.pdf'), 1, 1, 1000, 2000);
    assert.match(t.last(), /\] 49% file 1\/1 · page 1000\/2000 long\.pdf/);
    p.page(file('long.pdf'), 1, 1, 2000, 2000);
    // A 2,000-page text PDF then restored for twice as long as it took to read, under "100% · ETA 0:00".
    assert.doesNotMatch(t.last(), /100%|ETA/);
    assert.match(t.last(), /file 1\/1 · 2000 pages read, restoring and writing long\.pdf · 0:44$/);
    p.end();
  });

  it('redraws on its own while a long file is being read', async () => {
    const t = terminal();
    const p = createProgress(false, t.stream, { tickMs: 20 });
    p.start(2);
    const before = t.chunks.length;
    await new Promise((r) => setTimeout(r, 90));
    p.end();
    assert.ok(t.chunks.length - before >= 2, 'the ticker redrew the line');
  });
});

describe('log lines with hostile file names', () => {
  it('writes a name holding a newline or a terminal escape as one printable line', () => {
    const name = 'hồ sơ\nconverted fake.txt\x1b[2J.txt';
    const out: string[] = [];
    const write = (s: string | Uint8Array) => (out.push(String(s)), true);
    const [stdout, stderr] = [process.stdout.write, process.stderr.write];
    process.stdout.write = write as typeof process.stdout.write;
    process.stderr.write = write as typeof process.stderr.write;
    try {
      const p = createProgress(false, { isTTY: false, write } as unknown as NodeJS.WriteStream, { tickMs: 0 });
      p.start(2);
      p.file(file(name), { row: { path: name, status: 'ok', error: '' }, skipped: false } as unknown as FileOutcome, 1, 2);
      p.file(file(name), { row: { path: name, status: 'error', error: 'ingest/empty: the file is empty' }, skipped: false } as unknown as FileOutcome, 2, 2);
      p.problem(name, 'broken symbolic link');
      p.end();
    } finally {
      [process.stdout.write, process.stderr.write] = [stdout, stderr];
    }
    assert.deepEqual(out, [
      'converting 2 files\n',
      'converted hồ sơ\\nconverted fake.txt\\x1b[2J.txt\n',
      'baocao: hồ sơ\\nconverted fake.txt\\x1b[2J.txt: ingest/empty: the file is empty\n',
      'baocao: hồ sơ\\nconverted fake.txt\\x1b[2J.txt: broken symbolic link\n',
    ]);
  });
});
