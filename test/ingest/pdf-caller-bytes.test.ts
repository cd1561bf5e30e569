/** The bytes a caller gives stay the caller's: reading a PDF in its thread must not take them away. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { convert } from '../../src/index.js';
import { runBatch } from '../../src/batch/run.js';

const fixture = (name: string) => new URL(`../../fixtures/scans/${name}`, import.meta.url);
const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe("a PDF's bytes and its reading thread", () => {
  it("leaves a caller's Node Buffer whole after convert() (its slice() is a view: sending it emptied the Buffer)", async () => {
    const data = readFileSync(fixture('text.pdf'));
    const copy = Buffer.from(data);
    const r = await convert({ path: 'text.pdf', data }, { restore: false, segment: false });
    assert.equal(r.pages[0]!.lines[0], 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    assert.equal(data.length, copy.length);
    assert.ok(data.equals(copy));
  });

  it("keeps a scanned PDF's page images in the batch's searchable PDF (they were lost with the emptied bytes)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-pdf-bytes-'));
    dirs.push(dir);
    copyFileSync(fixture('scanned-2p.pdf'), join(dir, 'scan.pdf'));
    const s = await runBatch([join(dir, 'scan.pdf')], { outDir: join(dir, 'out'), formats: ['json', 'pdf'], resume: false, restore: false, segment: false }, 1);
    assert.notEqual(s.rows[0]!.status, 'error', s.rows[0]!.error);
    const pdf = (await readFile(join(dir, 'out', 'scan.pdf.pdf'))).toString('latin1');
    assert.equal(pdf.match(/\/Subtype\s*\/Image/g)?.length, 2, 'one page image per page, copied from the input');
  });
});
