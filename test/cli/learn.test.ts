import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run.js';
import { appendCorrection, listDocuments, readDocument } from '../../src/review/folder.js';
import { restoredLines } from '../../src/core/corrections.js';
import { runCli } from './run-cli.js';

// Mark-free text with a made-up commune and signer the bundled model reads as common words.
const REPORT = 'UY BAN NHAN DAN XA NAM SO\n\nBAO CAO\n\nUy ban nhan dan xa Nam So bao cao ket qua thuc hien nhiem vu nam 2024.\n\nOng Nguyen Xuan Thoang, Chu tich xa, chu tri hoi nghi.\n';

describe('baocao learn from a reviewed folder', () => {
  let dir = '', out = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-learn-'));
    await writeFile(join(dir, 'report.txt'), REPORT);
    out = join(dir, 'out');
    const summary = await runBatch([join(dir, 'report.txt')], { outDir: out, formats: ['json'], resume: false, restore: true, restoreInput: 'stripped', fsync: false }, 1);
    assert.equal(summary.converted, 1);
    // A person corrects the commune and the signer's given name where the machine got them wrong.
    const [doc] = listDocuments(out).values();
    const result = readDocument(out, doc!);
    const fixes: Record<string, string> = { Sở: 'Sỏ', Thoáng: 'Thoang' };
    for (const [key, line] of restoredLines(result)) {
      for (const [before, afterWord] of Object.entries(fixes)) {
        const start = line.text.indexOf(before);
        if (start < 0) continue;
        const [page, l] = key.split(':').map(Number);
        appendCorrection(out, { page: page!, line: l!, start, end: start + before.length, before, after: afterWord, time: '2026-01-01T00:00:00Z', action: 'typed', sha256: result.source.sha256, document: doc!.name });
      }
    }
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("writes an adaptation with the person's corrected name and commune", async () => {
    const archive = join(dir, 'archive.json');
    const r = await runCli(['learn', out, '-o', archive]);
    assert.equal(r.code, 0, r.stderr);
    const data = JSON.parse(await readFile(archive, 'utf8'));
    assert.equal(data.format, 'baocao-adaptation');
    assert.ok(data.names.some(([n]: [string]) => n === 'Nguyễn Xuân Thoang'), JSON.stringify(data.names));
    assert.ok(data.places.some(([p]: [string]) => p === 'xã Nậm Sỏ'), JSON.stringify(data.places));
    assert.equal(data.sources.documents, 1);

    // The next file of the same archive comes out right with --adapt, and as before without it.
    const next = join(dir, 'next.txt');
    await writeFile(next, 'Xa Nam So to chuc hop dan.\n');
    const plain = await runCli(['restore', next, '--input', 'stripped']);
    const adapted = await runCli(['restore', next, '--input', 'stripped', '--adapt', archive]);
    assert.equal(adapted.code, 0, adapted.stderr);
    assert.doesNotMatch(plain.stdout, /Nậm Sỏ/);
    assert.match(adapted.stdout, /Nậm Sỏ/);

    // convert with batch workers (two files, two jobs) and the library's convert() take it too.
    await writeFile(join(dir, 'next2.txt'), 'Nhan dan xa Nam So.\n');
    const c = await runCli(['convert', next, join(dir, 'next2.txt'), '--input', 'stripped', '--format', 'json', '--jobs', '2', '--adapt', archive, '-o', join(dir, 'out-adapted')]);
    assert.equal(c.code, 0, c.stderr);
    const converted = [...listDocuments(join(dir, 'out-adapted')).values()];
    assert.equal(converted.length, 2);
    for (const doc of converted) assert.match(readDocument(join(dir, 'out-adapted'), doc).text.restored ?? '', /Nậm Sỏ/, doc.name);
    const { convert } = await import('../../src/index.js');
    const lib = await convert({ path: 'next.txt', data: new TextEncoder().encode('Xa Nam So to chuc hop dan.\n') }, { adapt: archive, restore: { input: 'stripped' } });
    assert.match(lib.text.restored ?? '', /Nậm Sỏ/);
  });

  it('refuses a damaged or foreign archive.json with a clear message and exit code 2', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"format":"baocao-adaptation","version":1,"model":"' + '0'.repeat(64) + '"}');
    const r = await runCli(['restore', join(dir, 'report.txt'), '--adapt', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /damaged adaptation|another restoration model/);
    const c = await runCli(['convert', join(dir, 'report.txt'), '--adapt', bad, '-o', join(dir, 'out2')]);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /--adapt/);
  });

  it('says so when there is nothing to learn from', async () => {
    const empty = join(dir, 'empty');
    const r = await runCli(['learn', join(dir, 'nowhere'), '-o', join(dir, 'x.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a folder/);
    await runBatch([join(dir, 'report.txt')], { outDir: empty, formats: ['json'], resume: false, restore: true, fsync: false }, 1);
    const n = await runCli(['learn', empty, '-o', join(dir, 'x.json')]);
    assert.equal(n.code, 1);
    assert.match(n.stderr, /nothing to learn from/);
  });

  it('refuses a --text file that is not text (a Word file, a PDF, binary data) instead of learning its bytes as words', async () => {
    const docx = join(dir, 'known-good.docx');
    await writeFile(docx, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40), Buffer.from('word/document.xml'), Buffer.alloc(200)]));
    const target = join(dir, 'from-docx.json');
    const r = await runCli(['learn', '--text', join(dir, 'report.txt'), '--text', docx, '-o', target]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /known-good\.docx: encoding\/binary: this is a Word document \(\.docx\), not text/);
    await assert.rejects(readFile(target), 'nothing written');
  });

  it('learns only the decisions that still apply to the text (a stale one would teach the misreading)', async () => {
    const folder = join(dir, 'stale');
    await runBatch([join(dir, 'report.txt')], { outDir: folder, formats: ['json'], resume: false, restore: true, restoreInput: 'stripped', fsync: false }, 1);
    const [doc] = listDocuments(folder).values();
    const result = readDocument(folder, doc!);
    // A decision on a word its line no longer has at that place (the folder was converted again since).
    appendCorrection(folder, { page: 1, line: 1, start: 0, end: 3, before: 'zzz', after: 'yyy', time: '2026-01-01T00:00:00Z', action: 'typed', sha256: result.source.sha256, document: doc!.name });
    const { reviewedTexts } = await import('../../src/cli/learn.js');
    const learnt = reviewedTexts(folder);
    assert.deepEqual([learnt.documents, learnt.corrections, learnt.texts.length], [0, 0, 0]);
  });

  it('learns a content reviewed once once, even when the folder holds it under two names (a copy, a renamed input)', async () => {
    const twice = join(dir, 'twice');
    await mkdir(join(dir, 'copy'), { recursive: true });
    await writeFile(join(dir, 'copy', 'report.txt'), REPORT);
    await runBatch([join(dir, 'report.txt'), join(dir, 'copy')], { outDir: twice, formats: ['json'], resume: false, restore: true, restoreInput: 'stripped', fsync: false }, 1);
    const docs = [...listDocuments(twice).values()];
    assert.equal(docs.length, 2);
    const result = readDocument(twice, docs[0]!);
    const [key, line] = [...restoredLines(result)].find(([, l]) => l.text.includes('Sở'))!;
    const start = line.text.indexOf('Sở');
    const [page, l] = key.split(':').map(Number);
    appendCorrection(twice, { page: page!, line: l!, start, end: start + 2, before: 'Sở', after: 'Sỏ', time: '2026-01-01T00:00:00Z', action: 'typed', sha256: result.source.sha256, document: docs[0]!.name });
    const target = join(dir, 'once.json');
    const r = await runCli(['learn', twice, '-o', target]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /learnt from 1 reviewed document\(s\) \(1 decisions\)/);
    const data = JSON.parse(await readFile(target, 'utf8'));
    assert.equal(data.sources.documents, 1);
    assert.equal(data.sources.corrections, 1);
  });
});
