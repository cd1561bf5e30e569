import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convert } from '../../src/pipeline/index.js';

const TEXT = new TextEncoder().encode('ỦY BAN NHÂN DÂN XÃ\nSố: 5/BC-UBND\nBÁO CÁO\nKết qua cong tac nam 2025.\n');

describe('convert() with an AbortSignal (ingest.signal)', () => {
  it('rejects with the signal\'s reason when it is already aborted, converting nothing', async () => {
    const stages: string[] = [];
    const reason = new Error('no longer wanted');
    await assert.rejects(convert({ path: 'a.txt', data: TEXT }, { ingest: { signal: AbortSignal.abort(reason) }, onStage: (s) => stages.push(s) }), (e) => e === reason);
    assert.deepEqual(stages, []);
  });
  it('stops between stages once aborted, instead of restoring a text nobody waits for', async () => {
    const ac = new AbortController();
    const stages: string[] = [];
    const run = convert({ path: 'a.txt', data: TEXT }, { ingest: { signal: ac.signal }, onStage: (s) => { stages.push(s); if (s === 'ingest') ac.abort(); } });
    await assert.rejects(run, { name: 'AbortError' });
    assert.deepEqual(stages, ['ingest']);
  });
  it('converts as before with a signal that is never aborted', async () => {
    const r = await convert({ path: 'a.txt', data: TEXT }, { ingest: { signal: new AbortController().signal }, restore: false });
    assert.equal(r.source.path, 'a.txt');
  });
});
