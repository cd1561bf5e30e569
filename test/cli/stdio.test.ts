import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli } from './run-cli.js';

const SAMPLE = new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url).pathname;
let dir: string;
let sample: Buffer;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-stdio-'));
  sample = await readFile(SAMPLE);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('convert through standard input and output', () => {
  it("prints one document's JSON to standard output with '-' in and -o -", async () => {
    const r = await runCli(['convert', '-', '--format', 'json', '-o', '-', '--stdin-name', 'bc.txt'], undefined, sample);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { source: { path: string }; text: { original: string; restored: string }; meta: { number: string } };
    assert.equal(json.source.path, 'bc.txt');
    assert.equal(json.text.original, sample.toString('utf8'));
    assert.match(json.text.restored, /Kết quả/);
    assert.equal(json.meta.number, '192/BC-UBND');
  });

  it("converts '-' into an output folder like a file, named by --stdin-name, leaving no temporary copy", async () => {
    const out = join(dir, 'out');
    const r = await runCli(['convert', '-', '-o', out, '--stdin-name', 'bao-cao.txt', '--no-restore', '--quiet'], undefined, sample);
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await readdir(out)).includes('bao-cao.txt.json'));
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'ok');
    assert.ok(!(await readdir(tmpdir())).some((n) => n.startsWith('baocao-stdin-') && rows[0]!.path.includes(n)));
    // The document is named as given, not by the temporary copy that is gone once the run ends.
    assert.equal(rows[0]?.path, 'bao-cao.txt');
    const json = JSON.parse(await readFile(join(out, 'bao-cao.txt.json'), 'utf8')) as { source: { path: string } };
    assert.equal(json.source.path, 'bao-cao.txt');
  });

  it('refuses -o - with several inputs, or with a format that makes several files, as a usage error', async () => {
    const many = await runCli(['convert', SAMPLE, SAMPLE, '-o', '-']);
    assert.equal(many.code, 2);
    assert.match(many.stderr, /give exactly one input/);
    const csv = await runCli(['convert', SAMPLE, '--format', 'csv', '-o', '-']);
    assert.equal(csv.code, 2);
    assert.match(csv.stderr, /-o - writes one file: choose one of json/);
    assert.equal(csv.stdout, '');
  });
});
