import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inputsOverlapOutput } from '../../src/batch/input-overlap.js';
import { resolveInputs } from '../../src/batch/inputs.js';
import { runCli } from '../cli/run-cli.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-overlap-'));
  await mkdir(join(dir, 'archive', 'sub'), { recursive: true });
  await writeFile(join(dir, 'archive', 'a.txt'), 'BÁO CÁO\nKết quả công tác\n');
  await writeFile(join(dir, 'archive', 'a.txt.txt'), 'Bản ghi của người dùng\n');
  await writeFile(join(dir, 'archive', 'sub', 'b.txt'), 'Báo cáo khác\n');
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const check = async (args: string[], out: string) => inputsOverlapOutput(args, (await resolveInputs(args, dir)).files, out, dir);

describe('inputs kept apart from the outputs', () => {
  it("refuses -o the folder to convert, where a.txt's text output would overwrite the input a.txt.txt", async () => {
    const run = await runCli(['convert', join(dir, 'archive'), '-o', join(dir, 'archive'), '--no-restore', '--format', 'json,txt']);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /is the folder to convert/);
    assert.equal(await readFile(join(dir, 'archive', 'a.txt.txt'), 'utf8'), 'Bản ghi của người dùng\n');
  });

  it('refuses named files whose outputs would overwrite another named input', async () => {
    const why = await check(['archive/a.txt', 'archive/a.txt.txt'], 'archive');
    assert.match(why ?? '', /outputs of 'archive\/a\.txt' would overwrite the input 'archive\/a\.txt\.txt'/);
  });

  it('takes a named file converted into its own folder when no input is in the way, and an output folder inside the inputs', async () => {
    assert.equal(await check(['archive/sub/b.txt'], 'archive/sub'), null);
    assert.equal(await check(['archive'], 'archive/out'), null);
    assert.equal(await check(['archive'], 'elsewhere'), null);
  });
});
