import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateDocumentResult } from '../../src/core/schema.js';
import { cutToBytes, NAME_MAX } from '../../src/batch/output-names.js';
import { parseCsv, runCli, type CliRun, type CsvRow } from './run-cli.js';

const WORDS = 'Báo cáo tổng kết công tác cải cách hành chính của Ủy ban nhân dân xã Hòa Bình huyện Yên Định ';
/** Input names of 230 to 255 UTF-8 bytes: each plus `.paragraphs.csv` passes the 255-byte limit. */
const SIZES = [230, 241, 248, 250, 255];
const nameOf = (bytes: number, tag: string) => cutToBytes(`${tag} ${WORDS.repeat(10)}`, bytes - 4) + '.txt';

let dir = '';
let first: CliRun;
let second: CliRun;
let rows: CsvRow[];
const inputs: string[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-long-'));
  const src = join(dir, 'in');
  await mkdir(join(src, 'Phòng Nội vụ'), { recursive: true });
  for (const [i, size] of SIZES.entries()) {
    for (const folder of ['', 'Phòng Nội vụ']) {
      const name = nameOf(size, `${i}`);
      assert.ok(Buffer.byteLength(name) <= NAME_MAX && Buffer.byteLength(name) >= size - 3, `${Buffer.byteLength(name)} bytes`);
      const rel = folder ? `${folder}/${name}` : name;
      await writeFile(join(src, rel), `BÁO CÁO\nKết quả số ${i} ${folder}\n\nI. KẾT QUẢ\nNội dung của báo cáo số ${i}.\n`);
      inputs.push(rel);
    }
  }
  const out = join(dir, 'out');
  first = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--per-document-csv']);
  rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
  second = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--resume', '--per-document-csv']);
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('input names of about 250 bytes (Vietnamese)', () => {
  it('converts every file with no error', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.equal(rows.length, inputs.length);
    for (const row of rows) assert.equal(row.status, 'ok', `${row.path}: ${row.error}`);
  });

  it('writes outputs whose names fit, under the name recorded in output_name, read back by real readers', async () => {
    for (const row of rows) {
      const name = row.output_name!;
      const rel = [...inputs].sort((a, b) => b.length - a.length).find((i) => row.path.endsWith(`/${i}`))!;
      assert.ok(rel, row.path);
      assert.equal(name.split('/').length, rel.split('/').length, 'same folder');
      if (Buffer.byteLength(rel.split('/').pop()!) > NAME_MAX - 40) assert.match(name, /~[0-9a-f]{10}\.txt$/);
      const json = JSON.parse(await readFile(join(dir, 'out', `${name}.json`), 'utf8'));
      assert.ok(validateDocumentResult(json).ok, name);
      assert.ok(json.source.path.endsWith(rel), 'the JSON names the original input');
      const csv = parseCsv(await readFile(join(dir, 'out', `${name}.paragraphs.csv`), 'utf8'));
      assert.equal(csv.length, json.paragraphs.length);
    }
    const all = await readdir(join(dir, 'out'), { recursive: true });
    for (const f of all) for (const part of String(f).split('/')) assert.ok(Buffer.byteLength(part) <= NAME_MAX, part);
  });

  it('converts nothing again on --resume, with the same documents.csv and no temporary file', async () => {
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, new RegExp(`^0 converted, ${inputs.length} skipped`, 'm'));
    const again = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
    assert.deepEqual(again, rows);
    assert.deepEqual(await readdir(join(dir, 'out', '.baocao', 'tmp')), []);
  });
});
