import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { validateDocumentResult } from '../../src/core/schema.js';
import { cutToBytes, outputName } from '../../src/batch/output-names.js';
import { DoneIndex } from '../../src/batch/done-index.js';
import { parseCsv, runCli, startCli } from '../cli/run-cli.js';

const FILES = 1200;
let dir = '';
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split('\\').join('/'));
}

describe('a batch killed with SIGKILL and resumed', () => {
  it('ends with exactly one complete, valid output per input, a complete documents.csv, no temporary file, and the bytes of an uninterrupted run', async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-resume-'));
    const src = join(dir, 'in');
    const inputs: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const sub = join(src, `d${i % 7}`);
      await mkdir(sub, { recursive: true });
      // One in a hundred has a ~250-byte Vietnamese name, whose outputs get a shortened name.
      const name = i % 100 === 42 ? cutToBytes(`${i} Báo cáo tổng kết công tác cải cách hành chính của Ủy ban nhân dân xã `.repeat(6), 246) + '.txt' : `bao-cao-${i}.txt`;
      await writeFile(join(sub, name), `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ THỰC HIỆN\n\n${'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính năm 2023.\n'.repeat(30)}`);
      inputs.push(`d${i % 7}/${name}`);
    }
    const out = join(dir, 'out');

    const child = startCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--quiet']);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let doneBeforeKill = 0;
    for (let waited = 0; waited < 60_000; waited += 10) {
      // Records in the batch logs, read while the workers append to them.
      const index = new DoneIndex(out);
      doneBeforeKill = index.names().length;
      index.close();
      if (doneBeforeKill >= 100) break;
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    assert.ok(doneBeforeKill >= 100 && doneBeforeKill < FILES, `killed after ${doneBeforeKill} of ${FILES}: the kill must land mid-run`);
    // What a worker thread killed between write and rename leaves (pid-thread-time-counter.tmp).
    await writeFile(join(out, '.baocao', 'tmp', '999999-2-123456789-7.tmp'), 'half a file');

    const resumed = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const skipped = Number(/(\d+) skipped/.exec(resumed.stdout)?.[1] ?? 0);
    assert.ok(skipped >= doneBeforeKill - 2, `resume skipped ${skipped}, expected about ${doneBeforeKill}`);

    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, FILES);
    assert.equal(new Set(rows.map((r) => r.path)).size, FILES);
    assert.ok(rows.every((r) => r.status === 'ok'));

    assert.deepEqual(await readdir(join(out, '.baocao', 'tmp')), [], 'temporaries of the killed run removed');
    const files = (await listFiles(out)).filter((f) => !f.startsWith('.baocao/log/'));
    // .baocao/batch.json: the batch's formats and archive settings, for `baocao review` to write the tables again;
    // .baocao/tables.json: the tables' hashes, for `baocao verify`.
    const batchTables = ['documents.csv', 'sections.csv', 'paragraphs.csv', 'tables.csv', 'figures.csv', 'review.csv', 'e-signatures.csv', 'annotations.csv', 'archive.csv', '.baocao/batch.json', '.baocao/tables.json'];
    const expected = inputs.map((i) => `${outputName(i)}.json`).concat(batchTables).sort();
    assert.equal(expected.filter((f) => /~[0-9a-f]{10}\.txt\.json$/.test(f)).length, 12, 'the long names are shortened');
    assert.deepEqual(files.sort(), expected, 'no temporary, partial or duplicate files');
    const paragraphs = parseCsv(await readFile(join(out, 'paragraphs.csv'), 'utf8'));
    const perDocument = new Map<string, number>();
    for (const p of paragraphs) perDocument.set(p.path, (perDocument.get(p.path) ?? 0) + 1);
    assert.equal(perDocument.size, FILES, 'every document has its paragraphs in paragraphs.csv');
    for (const row of rows) {
      const json = JSON.parse(await readFile(join(out, row.json!), 'utf8'));
      assert.ok(validateDocumentResult(json).ok, row.path);
      assert.equal(perDocument.get(row.path), json.paragraphs.length, row.path);
    }
    assert.equal(parseCsv(await readFile(join(out, 'archive.csv'), 'utf8')).length, FILES);

    // The same inputs converted in one go give the same bytes: every output, the batch tables included.
    const whole = join(dir, 'whole');
    const uninterrupted = await runCli(['convert', src, '-o', whole, '--no-restore', '--jobs', '2', '--quiet']);
    assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
    for (const f of expected) assert.ok((await readFile(join(out, f))).equals(await readFile(join(whole, f))), `${f} differs from an uninterrupted run`);
  });
});

describe('--resume after a power loss', () => {
  it('converts again a document whose output was cut short or emptied, though its manifest is there', async () => {
    const root = await mkdtemp(join(tmpdir(), 'baocao-power-'));
    try {
      const src = join(root, 'in');
      await mkdir(src);
      for (const n of [1, 2, 3]) await writeFile(join(src, `bao-cao-${n}.txt`), `BÁO CÁO SỐ ${n}\n\nNội dung báo cáo số ${n}.\n`);
      const out = join(root, 'out');
      assert.equal((await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '1', '--per-document-csv'])).code, 0);
      const json1 = await readFile(join(out, 'bao-cao-1.txt.json'));
      const csv2 = await readFile(join(out, 'bao-cao-2.txt.paragraphs.csv'));
      await writeFile(join(out, 'bao-cao-1.txt.json'), json1.subarray(0, json1.length - 10));
      await writeFile(join(out, 'bao-cao-2.txt.paragraphs.csv'), '');
      const resumed = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '1', '--resume', '--per-document-csv']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /^2 converted, 1 skipped/m);
      assert.ok((await readFile(join(out, 'bao-cao-1.txt.json'))).equals(json1));
      assert.ok((await readFile(join(out, 'bao-cao-2.txt.paragraphs.csv'))).equals(csv2));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
