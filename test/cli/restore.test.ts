import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './run-cli.js';

let dir: string;
const INPUT = 'Bao cao ket qua cong tac\n\nUy ban nhan dan xa Ngoc Ky nam 2023\n';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-restore-'));
  await writeFile(join(dir, 'in.txt'), INPUT);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('baocao restore', () => {
  it('prints restored text with exactly the lines of the input', async () => {
    const r = await runCli(['restore', join(dir, 'in.txt'), '--input', 'stripped']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n').length, INPUT.split('\n').length);
    assert.notEqual(r.stdout, INPUT);
    assert.match(r.stdout, /^Báo cáo kết quả công tác\n\n/);
  });

  it('prints tokens with confidence for --json', async () => {
    const r = await runCli(['restore', join(dir, 'in.txt'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.ok(json.tokens.length >= 10);
    assert.ok(json.tokens.every((t: { confidence: number }) => t.confidence >= 0 && t.confidence <= 1));
  });

  it('fails with one clear line for a missing file', async () => {
    const r = await runCli(['restore', join(dir, 'nope.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^baocao: .*nope\.txt: no such file\n$/);
  });
});
