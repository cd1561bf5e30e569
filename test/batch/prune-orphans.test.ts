import assert from 'node:assert/strict';
import { existsSync, readdirSync, symlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { doneIndex, forgetDoneIndex } from '../../src/batch/done-index.js';
import { pruneOrphans } from '../../src/batch/prune-orphans.js';
import { runCli } from '../cli/run-cli.js';

const TEXT = (n: number) => `ỦY BAN NHÂN DÂN XÃ\n\nSố: ${n}/BC-UBND\n\nBÁO CÁO\nKết quả công tác\n\nỦy ban nhân dân xã báo cáo kết quả.\n`;
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-prune-'));
  await mkdir(join(dir, 'in', 'sub'), { recursive: true });
  for (const n of [1, 2]) await writeFile(join(dir, 'in', `${n}.txt`), TEXT(n));
  await writeFile(join(dir, 'in', 'sub', '3.txt'), TEXT(3));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const names = (out: string) => { try { return doneIndex(out).names().sort(); } finally { forgetDoneIndex(out); } };

describe('--prune', () => {
  it('lists with --prune-dry-run, then removes exactly the outputs and records of documents whose input is gone', async () => {
    const out = join(dir, 'out');
    const first = await runCli(['convert', 'in', '-o', 'out', '--format', 'json,txt', '--jobs', '1'], dir);
    assert.equal(first.code, 0, first.stderr);
    await writeFile(join(out, 'notes.txt'), 'the user’s own file');
    await writeFile(join(out, 'sub', 'mine.txt'), 'the user’s own file in a mirrored folder');
    await rm(join(dir, 'in', '2.txt'));
    await rm(join(dir, 'in', 'sub', '3.txt'));

    const dry = await runCli(['convert', 'in', '-o', 'out', '--format', 'json,txt', '--jobs', '1', '--resume', '--prune-dry-run'], dir);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stderr, /2 documents whose input is gone; --prune would remove 4 files/);
    for (const f of ['2.txt.json', '2.txt.txt', 'sub/3.txt.json', 'sub/3.txt.txt']) {
      assert.match(dry.stderr, new RegExp(`would remove ${f.replace(/\./g, '\\.')}\\n`));
      assert.ok(existsSync(join(out, f)), `a dry run removes nothing (${f})`);
    }
    assert.deepEqual(names(out), ['1.txt', '2.txt', 'sub/3.txt']);

    const pruned = await runCli(['convert', 'in', '-o', 'out', '--format', 'json,txt', '--jobs', '1', '--resume', '--prune'], dir);
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stderr, /pruned 2 documents whose input is gone: removed 4 files/);
    assert.deepEqual(readdirSync(out).filter((f) => !f.endsWith('.csv')).sort(), ['.baocao', '1.txt.json', '1.txt.txt', 'notes.txt', 'sub']);
    assert.deepEqual(readdirSync(join(out, 'sub')), ['mine.txt'], 'the user’s file stays, and so does its folder');
    assert.deepEqual(names(out), ['1.txt'], 'their records are dropped: resume and review forget them');

    const again = await runCli(['convert', 'in', '-o', 'out', '--format', 'json,txt', '--jobs', '1', '--resume'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stderr, /whose input is gone/);
  });

  it('never removes a path outside the folder, in its state, owned by another document, or a link; removes folders it empties', async () => {
    const out = join(dir, 'out2');
    await writeFile(join(dir, 'in', '9.txt'), TEXT(9));
    const first = await runCli(['convert', 'in/9.txt', '-o', 'out2', '--jobs', '1'], dir);
    assert.equal(first.code, 0, first.stderr);
    await writeFile(join(dir, 'outside.txt'), 'x');
    await mkdir(join(out, 'a', 'b'), { recursive: true });
    await writeFile(join(out, 'a', 'b', 'gone.json'), '{}');
    symlinkSync(join(dir, 'outside.txt'), join(out, 'link.json'));
    const orphan = { name: 'x.txt', input: join(dir, 'x.txt'), outputs: ['../outside.txt', '.baocao/lock', '9.txt.json', 'link.json', 'a/b/gone.json', 'never-written.json'] };
    const [r] = pruneOrphans(out, [orphan], { dryRun: false });
    assert.deepEqual(r!.removed, ['a/b/gone.json']);
    assert.deepEqual(r!.kept.map((k) => [k.path, k.why]), [
      ['../outside.txt', 'outside the output folder'],
      ['.baocao/lock', "in the folder's state"],
      ['9.txt.json', 'an output of another document'],
      ['link.json', 'a link, not a file baocao wrote'],
    ]);
    assert.ok(existsSync(join(dir, 'outside.txt')) && existsSync(join(out, '9.txt.json')) && existsSync(join(out, 'link.json')));
    assert.equal(existsSync(join(out, 'a')), false, 'the folders emptied by the removal go');
  });
});
