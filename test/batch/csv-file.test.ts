/**
 * A batch table's CSV file (csv-file.ts): its bytes are the BOM, the header and csvRows of every
 * write in order, whatever the size of a write against its buffer; it is in place only once
 * closed; a failed write names the table and keeps its code, and nothing is left behind.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { prepareTmp, tmpDir } from '../../src/batch/atomic.js';
import { CsvFile } from '../../src/batch/csv-file.js';
import { csvRows } from '../../src/emit/csv.js';
import type { Cell, SheetColumn } from '../../src/emit/sheet-types.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-csv-file-'));
  await prepareTmp(dir);
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

const columns: SheetColumn[] = [{ header: 'path', type: 'text', width: 30 }, { header: 'text', type: 'text', width: 60 }, { header: 'n', type: 'number', width: 8 }];

describe('a batch table written to its CSV file', () => {
  it('is the BOM, the header and every write\'s rows in order, small writes and writes larger than its buffer alike', () => {
    const file = CsvFile.open(dir, 'a.csv', columns);
    const writes: Cell[][][] = [];
    for (let i = 0; i < 400; i++) {
      // Mostly small writes, now and then one of ~200 KB of Vietnamese text (over the 64 KiB buffer), and empty ones.
      const text = i % 97 === 0 ? 'Kết quả "cải cách", hành chính; '.repeat(6000) : `Đoạn ${i}, có "ngoặc" và | thanh`;
      const rows: Cell[][] = i % 50 === 3 ? [] : [[`in/${i}.txt`, text, i], [`in/${i}.txt`, '=1+1', null]];
      writes.push(rows);
      file.write(rows);
    }
    assert.equal(existsSync(join(dir, 'a.csv')), false, 'not in place before it is closed');
    file.close();
    const expected = '\uFEFF' + csvRows([columns.map((c) => c.header)]) + writes.map((rows) => csvRows(rows)).join('');
    assert.equal(readFileSync(join(dir, 'a.csv'), 'utf8'), expected);
    assert.deepEqual(readdirSync(tmpDir(dir)), [], 'its temporary was renamed');
  });

  it('fails a write on a full drive naming the table with the code kept, fails its close the same way, and aborts leaving nothing', () => {
    // The temporary is a link to /dev/full: every write fails with ENOSPC.
    symlinkSync('/dev/full', join(tmpDir(dir), `${process.pid}-full.csv.tmp`));
    const file = CsvFile.open(dir, 'full.csv', columns);
    const big: Cell[][] = [['in/a.txt', 'x'.repeat(70_000), 1]];
    assert.throws(() => file.write(big), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC' && e.message.startsWith(`${join(dir, 'full.csv')}: `));
    assert.throws(() => file.write([['in/b.txt', 'y', 2]]), { code: 'ENOSPC' });
    assert.throws(() => file.close(), { code: 'ENOSPC' });
    file.abort();
    assert.equal(existsSync(join(dir, 'full.csv')), false);
    assert.deepEqual(readdirSync(tmpDir(dir)), []);
  });

  it('refuses to open where its temporary cannot be made, naming the table', () => {
    assert.throws(() => CsvFile.open(join(dir, 'no-such-folder'), 'b.csv', columns), (e: NodeJS.ErrnoException) => e.code === 'ENOENT' && e.message.includes('b.csv'));
  });
});
