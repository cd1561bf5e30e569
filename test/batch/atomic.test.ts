import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareTmp, tmpDir, writeAtomic } from '../../src/batch/atomic.js';
import { OutsideOutputError } from '../../src/batch/fs-errors.js';
import { runBatch } from '../../src/batch/run.js';
import { BatchSetupError } from '../../src/batch/output-dir.js';

const root = mkdtempSync(join(tmpdir(), 'baocao-atomic-'));
after(() => rmSync(root, { recursive: true, force: true }));

function outDir(name: string): string {
  const out = join(root, name);
  mkdirSync(out, { recursive: true });
  return out;
}

describe('atomic writes inside the output folder', () => {
  it('writes durably (fsync) and plainly the same bytes, leaving no temporary', async () => {
    const out = outDir('plain');
    await prepareTmp(out);
    writeAtomic(out, join(out, 'a', 'b', 'x.json'), 'Báo cáo', { durable: true });
    writeAtomic(out, join(out, 'a', 'y.json'), new Uint8Array([1, 2, 3]));
    assert.equal(readFileSync(join(out, 'a', 'b', 'x.json'), 'utf8'), 'Báo cáo');
    assert.deepEqual([...readFileSync(join(out, 'a', 'y.json'))], [1, 2, 3]);
    assert.deepEqual(readdirSync(tmpDir(out)), []);
  });

  it('follows a symbolic link that stays inside the output folder', async () => {
    const out = outDir('inner');
    mkdirSync(join(out, 'real'));
    symlinkSync(join(out, 'real'), join(out, 'alias'));
    await prepareTmp(out);
    writeAtomic(out, join(out, 'alias', 'x.json'), '{}');
    assert.ok(existsSync(join(out, 'real', 'x.json')));
  });

  it('refuses a symbolic link that leads outside, writing nothing there', async () => {
    const out = outDir('escape');
    const outside = outDir('elsewhere');
    symlinkSync(outside, join(out, 'link'));
    await prepareTmp(out);
    assert.throws(() => writeAtomic(out, join(out, 'link', 'deeper', 'x.json'), '{}'), OutsideOutputError);
    assert.deepEqual(readdirSync(outside), []);
    assert.deepEqual(readdirSync(tmpDir(out)), []);
  });

  it('removes the temporary when the rename is refused', async () => {
    const out = outDir('refused');
    await prepareTmp(out);
    mkdirSync(join(out, 'x.json'));
    assert.throws(() => writeAtomic(out, join(out, 'x.json'), '{}'), { code: 'EISDIR' });
    assert.deepEqual(readdirSync(tmpDir(out)), []);
  });

  it('sweeps the temporaries of a killed run, of any process or thread, at the next start', async () => {
    const out = outDir('swept');
    await prepareTmp(out);
    for (const name of ['123-0-99-0.tmp', '123-4-99-1.tmp', '77-probe.tmp']) writeFileSync(join(tmpDir(out), name), 'half');
    assert.equal(await prepareTmp(out), 3);
    assert.deepEqual(readdirSync(tmpDir(out)), []);
  });

  it('will not start a batch whose state folder (.baocao) is a link outside the output folder', async () => {
    const out = outDir('state-link');
    symlinkSync(outDir('state-elsewhere'), join(out, '.baocao'));
    writeFileSync(join(root, 'one.txt'), 'Báo cáo\n');
    await assert.rejects(runBatch([join(root, 'one.txt')], { outDir: out, formats: ['json'], resume: false, restore: false }, 1), (e: Error) => {
      assert.ok(e instanceof BatchSetupError);
      assert.match(e.message, /^cannot use the output folder '.*state-link': refused: baocao writes only inside the output folder \(EOUTSIDE\): '.baocao' is a symbolic link to '.*state-elsewhere', outside the output folder: remove the link/);
      return true;
    });
    assert.deepEqual(readdirSync(join(root, 'state-elsewhere')), []);
  });
});
