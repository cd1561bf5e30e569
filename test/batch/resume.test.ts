import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { validateDocumentResult } from '../../src/core/schema.js';
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
  it('ends with exactly one complete, valid output per input and a complete documents.csv', async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-resume-'));
    const src = join(dir, 'in');
    const inputs: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const sub = join(src, `d${i % 7}`);
      await mkdir(sub, { recursive: true });
      const name = `bao-cao-${i}.txt`;
      await writeFile(join(sub, name), `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ THỰC HIỆN\n\n${'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính năm 2023.\n'.repeat(30)}`);
      inputs.push(`d${i % 7}/${name}`);
    }
    const out = join(dir, 'out');

    const child = startCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--quiet']);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let doneBeforeKill = 0;
    for (let waited = 0; waited < 60_000; waited += 10) {
      doneBeforeKill = (await readdir(join(out, '.baocao', 'done'), { recursive: true }).catch(() => [])).filter((n) => String(n).endsWith('.json')).length;
      if (doneBeforeKill >= 100) break;
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    assert.ok(doneBeforeKill >= 100 && doneBeforeKill < FILES, `killed after ${doneBeforeKill} of ${FILES}: the kill must land mid-run`);

    const resumed = await runCli(['convert', src, '-o', out, '--no-restore', '--jobs', '2', '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const skipped = Number(/(\d+) skipped/.exec(resumed.stdout)?.[1] ?? 0);
    assert.ok(skipped >= doneBeforeKill - 2, `resume skipped ${skipped}, expected about ${doneBeforeKill}`);

    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, FILES);
    assert.equal(new Set(rows.map((r) => r.path)).size, FILES);
    assert.ok(rows.every((r) => r.status === 'ok'));

    const files = (await listFiles(out)).filter((f) => !f.startsWith('.baocao/done/') && !f.startsWith('.baocao/rows/'));
    const batchTables = ['documents.csv', 'sections.csv', 'paragraphs.csv', 'tables.csv', 'figures.csv', 'review.csv', 'archive.csv'];
    const expected = inputs.map((i) => `${i}.json`).concat(batchTables).sort();
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

    // The tables of the killed-and-resumed run are those of one uninterrupted run, byte for byte.
    const clean = join(dir, 'clean');
    const fresh = await runCli(['convert', src, '-o', clean, '--no-restore', '--jobs', '2', '--quiet']);
    assert.equal(fresh.code, 0, fresh.stderr);
    for (const name of batchTables) assert.ok((await readFile(join(out, name))).equals(await readFile(join(clean, name))), name);
  });
});
