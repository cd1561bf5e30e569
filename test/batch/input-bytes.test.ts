import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readInputBytes } from '../../src/batch/input-bytes.js';
import { ingestPdf } from '../../src/ingest/pdf.js';

const fixture = new URL('../../fixtures/scans/text.pdf', import.meta.url);
const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe("an input's bytes", () => {
  it('reads a PDF into memory its PDF thread shares (no copy), byte for byte, and other files as before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-input-bytes-'));
    dirs.push(dir);
    const pdf = await readFile(fixture);
    await writeFile(join(dir, 'a.pdf'), pdf);
    await writeFile(join(dir, 'b.txt'), 'BÁO CÁO\n');
    const read = readInputBytes(join(dir, 'a.pdf'), 'a.pdf', pdf.length);
    assert.ok(read.buffer instanceof SharedArrayBuffer);
    assert.deepEqual(Buffer.from(read), pdf);
    const text = readInputBytes(join(dir, 'b.txt'), 'b.txt', 10);
    assert.ok(!(text.buffer instanceof SharedArrayBuffer));
    assert.equal(Buffer.from(text).toString('utf8'), 'BÁO CÁO\n');
    assert.equal(readInputBytes(join(dir, 'b.txt'), 'b.txt', 0).length, 10, 'a size seen as 0 still reads the whole file');
  });

  it('reads a shared PDF as it reads a copied one, and leaves the bytes in place for the caller', async () => {
    const pdf = new Uint8Array(await readFile(fixture));
    const shared = new Uint8Array(new SharedArrayBuffer(pdf.length));
    shared.set(pdf);
    const fromShared = await ingestPdf(shared, { ocrMode: 'never' });
    const fromCopy = await ingestPdf(pdf, { ocrMode: 'never' });
    assert.deepEqual(fromShared.pages, fromCopy.pages);
    assert.equal(fromShared.pages[0]!.lines[0], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.deepEqual(shared, pdf);
  });
});
