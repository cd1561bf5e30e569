import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readDocx } from '../emit/read-docx.js';
import { readMarkdown } from '../emit/read-markdown.js';
import { assertEveryParagraphOnceInOrder } from '../emit/shown-text.js';
import { ROOT, runCli } from './run-cli.js';

const SAMPLE = join(ROOT, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt');
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-formats-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('baocao convert --format txt,md,docx', () => {
  it('writes the sample as text, Markdown and Word next to its JSON', async () => {
    const out = join(dir, 'sample');
    const r = await runCli(['convert', SAMPLE, '-o', out, '--format', 'json,txt,md,docx', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const name = 'bao-cao-ngoc-ky.ocr.txt';
    assert.deepEqual((await readdir(out)).filter((f) => f.startsWith(name)).sort(), ['.docx', '.json', '.md', '.txt'].map((s) => name + s));
    const json = JSON.parse(await readFile(join(out, `${name}.json`), 'utf8'));
    assert.ok(json.text.restored);
    assert.deepEqual(await readFile(join(out, `${name}.txt`)), Buffer.from(json.text.restored, 'utf8'));
    const md = readMarkdown(await readFile(join(out, `${name}.md`), 'utf8'));
    assert.ok(md.some((b) => b.tag === 'h2' && b.text === 'I. KẾT QUẢ THỰC HIỆN'));
    assertEveryParagraphOnceInOrder(json, md);
    const docx = await readDocx(await readFile(join(out, `${name}.docx`)));
    assert.ok(docx.paragraphs.some((p) => p.tag === 'Heading1' && p.text === 'I. KẾT QUẢ THỰC HIỆN'));
    assertEveryParagraphOnceInOrder(json, docx.paragraphs);
  });

  it('writes them with --format all, beside the JSON and CSVs', async () => {
    const out = join(dir, 'all');
    const r = await runCli(['convert', SAMPLE, '-o', out, '--format', 'all', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    const files = await readdir(out);
    for (const suffix of ['.json', '.txt', '.md', '.docx']) assert.ok(files.includes(`bao-cao-ngoc-ky.ocr.txt${suffix}`), suffix);
    for (const batch of ['documents.csv', 'paragraphs.csv', 'archive.csv', 'baocao.xlsx']) assert.ok(files.includes(batch), batch);
  });

  it('writes them for a document converted without structure, in the mirrored folder, without JSON when not asked', async () => {
    const src = join(dir, 'in');
    await mkdir(join(src, 'a'), { recursive: true });
    await copyFile(SAMPLE, join(src, 'a', 'report.txt'));
    await copyFile(SAMPLE, join(src, 'other.txt'));
    const out = join(dir, 'flat');
    const r = await runCli(['convert', src, '-o', out, '--format', 'txt,md,docx', '--no-segment', '--no-restore', '--quiet']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await readdir(join(out, 'a'))).sort(), ['report.txt.docx', 'report.txt.md', 'report.txt.txt']);
    const original = await readFile(SAMPLE, 'utf8');
    assert.equal(await readFile(join(out, 'a', 'report.txt.txt'), 'utf8'), original, 'not restored: the text as read');
    const md = readMarkdown(await readFile(join(out, 'a', 'report.txt.md'), 'utf8'));
    assert.ok(md.length > 50 && md.every((b) => b.tag === 'p'));
    const docx = await readDocx(await readFile(join(out, 'a', 'report.txt.docx')));
    assert.ok(docx.paragraphs.some((p) => p.text === 'I. KET QUA THUC HIEN'));
  });
});
