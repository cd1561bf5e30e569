import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';
import type { BatchSettings } from '../../src/batch/convert-file.js';

const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

async function folder(): Promise<{ input: string; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-stale-'));
  dirs.push(dir);
  const input = join(dir, 'in');
  await mkdir(input);
  await copyFile(new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url), join(input, 'a.txt'));
  await writeFile(join(input, 'b.txt'), 'BÁO CÁO\n\nI. KẾT QUẢ\n\nUy ban nhan dan xa da trien khai ke hoach.\n');
  return { input, out: join(dir, 'out') };
}

const run = (input: string, out: string, formats: BatchSettings['formats']) => runBatch([input], { outDir: out, formats, resume: false, restore: false }, 1);
const top = async (out: string) => (await readdir(out)).filter((f) => f !== '.baocao').sort();

describe('a folder converted again with other formats', () => {
  it('keeps only this run\'s outputs: the earlier CSV tables and per-document files of formats not written now are removed', async () => {
    const { input, out } = await folder();
    await run(input, out, ['json', 'csv', 'md']);
    assert.ok(existsSync(join(out, 'sections.csv')) && existsSync(join(out, 'a.txt.md')));
    const s = await run(input, out, ['xlsx', 'txt']);
    assert.deepEqual(await top(out), ['a.txt.txt', 'b.txt.txt', 'baocao.xlsx', 'documents.csv']);
    assert.ok(s.staleRemoved!.includes('sections.csv') && s.staleRemoved!.includes('a.txt.md') && s.staleRemoved!.includes('b.txt.json'));
    // And back: the workbook of the run before goes when this run writes CSV tables only.
    await run(input, out, ['json', 'csv']);
    const now = await top(out);
    assert.ok(!now.includes('baocao.xlsx') && !now.includes('a.txt.txt'));
    assert.ok(now.includes('sections.csv') && now.includes('a.txt.json'));
  });

  it('keeps an earlier output a person changed since, and touches nothing when the formats are the same', async () => {
    const { input, out } = await folder();
    await run(input, out, ['json', 'md']);
    const same = await run(input, out, ['md', 'json']);
    assert.equal(same.staleRemoved, undefined);
    await writeFile(join(out, 'a.txt.md'), '# my own notes\n');
    const s = await run(input, out, ['json']);
    assert.deepEqual(s.staleRemoved, ['b.txt.md']);
    assert.ok(existsSync(join(out, 'a.txt.md')));
  });

  it('keeps the earlier outputs of a document that failed this time', async () => {
    const { input, out } = await folder();
    await run(input, out, ['json', 'md']);
    await writeFile(join(input, 'b.txt'), new Uint8Array(0)); // empty now: an error row
    const s = await run(input, out, ['txt']);
    assert.equal(s.rows.find((r) => r.path.endsWith('b.txt'))!.status, 'error');
    assert.ok(existsSync(join(out, 'b.txt.md')) && existsSync(join(out, 'b.txt.json')));
    assert.ok(!existsSync(join(out, 'a.txt.md')));
  });
});
