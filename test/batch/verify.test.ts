import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';
import { verifyOutputs } from '../../src/batch/verify.js';
import { runCli } from '../cli/run-cli.js';

let dir: string;
const out = () => join(dir, 'out');
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-verify-'));
  for (let i = 0; i < 3; i++) await writeFile(join(dir, `bc-${i}.txt`), `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ\n\nỦy ban nhân dân xã đã triển khai kế hoạch ${i}.\n`);
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

/** A fresh conversion of the three reports, with their text and JSON outputs and the batch tables. */
async function convertAll(): Promise<void> {
  await rm(out(), { recursive: true, force: true });
  await runBatch([dir], { outDir: out(), formats: ['json', 'txt', 'csv'], resume: false, restore: false }, 1);
}

describe('baocao verify', () => {
  it('passes a folder as baocao wrote it, batch tables included', async () => {
    await convertAll();
    const r = await verifyOutputs(out());
    assert.deepEqual({ documents: r.documents, files: r.files, tables: r.tables, missing: r.missing, changed: r.changed, extra: r.extra, ok: r.ok }, { documents: 3, files: 6, tables: 9, missing: [], changed: [], extra: [], ok: true });
    const cli = await runCli(['verify', out()]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, 'verified: 3 documents, 6 outputs, 9 batch tables: 0 missing, 0 changed, 0 extra\n');
  });

  it('reports an output edited in place (same size), one grown, one deleted and a file no manifest names', async () => {
    await convertAll();
    const txt = join(out(), 'bc-0.txt.txt');
    const text = await readFile(txt, 'utf8');
    await writeFile(txt, text.replace('KẾT', 'KỆT')); // as many bytes, another content
    await appendFile(join(out(), 'bc-1.txt.json'), ' ');
    await unlink(join(out(), 'bc-2.txt.txt'));
    await writeFile(join(out(), 'notes.txt'), 'an archivist\'s note');
    const r = await verifyOutputs(out(), 2);
    assert.equal(r.ok, false);
    assert.deepEqual(r.missing, [{ path: 'bc-2.txt.txt', detail: '' }]);
    assert.deepEqual(r.changed.map((p) => p.path), ['bc-0.txt.txt', 'bc-1.txt.json']);
    assert.match(r.changed[0]!.detail, /content differs/);
    assert.match(r.changed[1]!.detail, /bytes, .* written/);
    assert.deepEqual(r.extra, [{ path: 'notes.txt', detail: '' }]);
    const cli = await runCli(['verify', out()]);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /^missing: bc-2\.txt\.txt\nchanged: bc-0\.txt\.txt \(its content differs \(SHA-256\)\)\nchanged: bc-1\.txt\.json \(.*\)\nextra: notes\.txt\nNOT verified: 3 documents, 6 outputs, 9 batch tables: 1 missing, 2 changed, 1 extra\n$/);
    const json = JSON.parse((await runCli(['verify', out(), '--json'])).stdout);
    assert.deepEqual([json.ok, json.missing.length, json.changed.length, json.extra.length], [false, 1, 2, 1]);
  });

  it('reports a batch table edited or deleted since the run wrote it, and passes it again once --resume rewrites them', async () => {
    await convertAll();
    const sections = join(out(), 'sections.csv');
    await writeFile(sections, (await readFile(sections, 'utf8')).replace('KẾT', 'KỆT'));
    await unlink(join(out(), 'archive.csv'));
    const r = await verifyOutputs(out());
    assert.equal(r.ok, false);
    assert.deepEqual(r.changed, [{ path: 'sections.csv', detail: 'its content differs (SHA-256)' }]);
    assert.deepEqual(r.missing, [{ path: 'archive.csv', detail: '' }]);
    const cli = await runCli(['verify', out()]);
    assert.equal(cli.code, 1);
    assert.match(cli.stdout, /^missing: archive\.csv\nchanged: sections\.csv \(its content differs \(SHA-256\)\)\n/);
    await runBatch([dir], { outDir: out(), formats: ['json', 'txt', 'csv'], resume: true, restore: false }, 1);
    assert.equal((await verifyOutputs(out())).ok, true);
  });

  it('still verifies a folder written before the tables were recorded, saying they are not', async () => {
    await convertAll();
    await unlink(join(out(), '.baocao', 'tables.json'));
    await appendFile(join(out(), 'sections.csv'), 'not checked\n');
    const r = await verifyOutputs(out());
    assert.deepEqual([r.ok, r.tables, r.files], [true, null, 6]);
    const cli = await runCli(['verify', out()]);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.stdout, 'tables not recorded: the batch tables were written by an older version, so they are not checked (convert --resume records them)\nverified: 3 documents, 6 outputs: 0 missing, 0 changed, 0 extra\n');
  });

  it('refuses a table record that names a file outside the batch tables', async () => {
    await convertAll();
    const record = join(out(), '.baocao', 'tables.json');
    const json = JSON.parse(await readFile(record, 'utf8'));
    json.files.push({ path: '../secret', bytes: 1, sha256: '00' });
    await writeFile(record, JSON.stringify(json));
    const r = await verifyOutputs(out());
    assert.equal(r.ok, false);
    assert.deepEqual(r.changed.map((p) => p.path), ['../secret']);
  });

  it('refuses a folder baocao did not write, with exit 2', async () => {
    const cli = await runCli(['verify', dir]);
    assert.equal(cli.code, 2);
    assert.match(cli.stderr, /not a folder written by baocao convert/);
  });
});
