import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('gives the same restored text as convert for the sample report (same stages, table cells included)', async () => {
    const sample = new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url).pathname;
    const restored = await runCli(['restore', sample]);
    assert.equal(restored.code, 0, restored.stderr);
    const out = join(dir, 'out');
    const converted = await runCli(['convert', sample, '-o', out, '--format', 'json', '--quiet']);
    assert.equal(converted.code, 0, converted.stderr);
    const json = JSON.parse(await readFile(join(out, 'bao-cao-ngoc-ky.ocr.txt.json'), 'utf8')) as { text: { restored: string } };
    assert.equal(restored.stdout, json.text.restored);
  });

  it('says a folder is no file to restore, and which command takes folders', async () => {
    const r = await runCli(['restore', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /is a folder; restore reads one text file \(use 'baocao convert /);
    assert.doesNotMatch(r.stderr, /EISDIR/);
  });

  it('fails with one clear line for a missing file', async () => {
    const r = await runCli(['restore', join(dir, 'nope.txt')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^baocao: .*nope\.txt: no such file\n$/);
  });
});
