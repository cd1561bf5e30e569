import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileOutcome } from '../../src/batch/convert-file.js';
import { groupSync } from '../../src/batch/group-sync.js';
import { failedRow } from '../../src/emit/sheets.js';

const outcome = (path: string, unsynced?: string): FileOutcome => ({ skipped: false, row: { ...failedRow(path, 'x'), status: 'ok', error: '' }, ...(unsynced ? { unsynced } : {}) });

describe('records fsync\'d in groups', () => {
  it('reports a document only once its manifest is synced, in the order the documents finished', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-group-sync-'));
    try {
      const manifests = ['a', 'b', 'c'].map((n) => join(dir, `${n}.json`));
      for (const m of manifests) await writeFile(m, '{}\n');
      const reported: { i: number; outcome: FileOutcome }[] = [];
      const sync = groupSync((i, o) => reported.push({ i, outcome: o }), { maxGroup: 100, maxWaitMs: 60_000 });
      sync.add(2, outcome('c', manifests[2]));
      sync.add(0, outcome('a')); // no manifest (a failed file), but after one waiting: keeps its place
      sync.add(1, outcome('b', manifests[1]));
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(reported.length, 0, 'nothing reported before its group is synced');
      await sync.close();
      assert.deepEqual(reported.map((r) => r.i), [2, 0, 1]);
      assert.ok(reported.every((r) => !('unsynced' in r.outcome) && r.outcome.row.status === 'ok'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('syncs a full group without waiting for the end of the batch', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-group-sync-'));
    try {
      const reported: number[] = [];
      const sync = groupSync((i) => reported.push(i), { maxGroup: 2, maxWaitMs: 60_000 });
      for (const i of [0, 1]) {
        await writeFile(join(dir, `${i}.json`), '{}\n');
        sync.add(i, outcome(String(i), join(dir, `${i}.json`)));
      }
      for (let t = 0; t < 100 && reported.length < 2; t++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(reported, [0, 1]);
      await sync.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes a document whose record cannot be synced an error, and has its record dropped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-group-sync-'));
    try {
      const gone = join(dir, 'missing', 'x.json');
      const reported: FileOutcome[] = [];
      const dropped: string[] = [];
      const sync = groupSync((_, o) => reported.push(o), { drop: (o) => dropped.push(o.row.path) });
      sync.add(0, outcome('x', gone));
      await sync.close();
      assert.equal(reported[0]!.row.status, 'error');
      assert.match(reported[0]!.row.error, /record under \.baocao\/log/);
      assert.deepEqual(dropped, ['x']);
      assert.equal(existsSync(gone), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
