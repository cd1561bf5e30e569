import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { runBatch } from '../../src/batch/run.js';
import { runLane, RUNNING, STARTED, type ChunkMessage, type TextJob } from '../../src/batch/text-lane.js';
import { failedRow } from '../../src/emit/sheets.js';

const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

const report = (i: number) => `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ\n\nỦy ban nhân dân xã đã triển khai kế hoạch số ${i}.\n`;

describe('text files sent to workers in chunks', () => {
  it('fails only the file a worker died on, and converts the files queued behind it on a new worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-lane-'));
    dirs.push(dir);
    // 21 files with one worker: the one that cannot fit in the heap goes alone (its size), the next chunk queued behind it.
    // 600,000 one-character lines (300,000 were near the 64 MB limit once a worker stopped loading zod).
    for (let i = 0; i < 21; i++) await writeFile(join(dir, `bao-cao-${String(i).padStart(2, '0')}.txt`), i === 4 ? 'a\n'.repeat(600_000) : report(i));
    const before = process.env.BAOCAO_WORKER_HEAP_MB;
    process.env.BAOCAO_WORKER_HEAP_MB = '64';
    try {
      const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false }, 1);
      assert.equal(s.rows.length, 21);
      s.rows.forEach((row, i) => {
        if (i === 4) assert.match(row.error, /^internal\/out-of-memory/);
        else assert.equal(row.status, 'ok', `${row.path}: ${row.error}`);
      });
      // Every other file's JSON is its own document, whichever worker wrote it.
      for (const i of [0, 3, 5, 9, 10, 20]) {
        const json = JSON.parse(await readFile(join(dir, 'out', `bao-cao-${String(i).padStart(2, '0')}.txt.json`), 'utf8')) as { text: { original: string } };
        assert.equal(json.text.original, report(i));
      }
    } finally {
      if (before === undefined) delete process.env.BAOCAO_WORKER_HEAP_MB;
      else process.env.BAOCAO_WORKER_HEAP_MB = before;
    }
  });

  it('reports every file once, in input order in the summary, with two workers and more files than a chunk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baocao-lane-'));
    dirs.push(dir);
    for (let i = 0; i < 70; i++) await writeFile(join(dir, `bao-cao-${String(i).padStart(2, '0')}.txt`), report(i));
    const seen: string[] = [];
    const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false }, 2, { file: (f) => seen.push(f.rel) });
    assert.equal(seen.length, 70);
    assert.equal(new Set(seen).size, 70);
    assert.deepEqual(s.rows.map((r) => r.path.slice(-14)), Array.from({ length: 70 }, (_, i) => `bao-cao-${String(i).padStart(2, '0')}.txt`));
    assert.ok(s.rows.every((r) => r.status === 'ok'));
  });
});

/** A stand-in worker: converts a chunk's jobs in turn, writing what it runs to the shared state; dies on `poison`. */
class FakeWorker extends EventEmitter {
  constructor(private state: Float64Array, private poison: Set<number>, private log: number[], private hang = new Set<number>()) { super(); }
  private stuck = false;
  postMessage(msg: ChunkMessage): void {
    setImmediate(() => {
      // Chunks run in turn, as in the real worker: a stuck file holds up the chunks behind it.
      if (this.stuck) return;
      const outcomes = [];
      for (const job of msg.jobs) {
        this.state[STARTED] = Date.now();
        this.state[RUNNING] = job.i;
        if (this.poison.has(job.i)) {
          this.poison.delete(job.i);
          this.emit('error', Object.assign(new Error('heap'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
          return;
        }
        // Stuck: RUNNING stays on this job and nothing is answered.
        if (this.hang.has(job.i)) { this.hang.delete(job.i); this.stuck = true; return; }
        this.log.push(job.i);
        outcomes.push({ skipped: false, row: failedRow(job.file.display, 'ok') });
      }
      this.state[RUNNING] = -1;
      this.emit('message', { chunk: msg.chunk, outcomes });
    });
  }
  terminate(): Promise<number> { return Promise.resolve(0); }
}

describe('a lane (one worker fed chunks)', () => {
  it('on a death mid-chunk fails that file only and gives the unanswered rest back, which the lane converts on its new worker', async () => {
    const jobs: TextJob[] = Array.from({ length: 12 }, (_, i) => ({ i, file: { abs: `/x/${i}`, rel: `${i}`, display: `${i}` }, bytes: 10, limitMs: 60_000, big: false }));
    const queue = [jobs.slice(0, 5), jobs.slice(5, 10), jobs.slice(10)];
    const done = new Map<number, string>();
    const converted: number[] = [];
    let starts = 0;
    await runLane({ outDir: '/x', formats: ['json'], resume: false, restore: false }, {
      take: () => queue.shift(),
      giveBack: (back) => { queue.unshift(back); },
      done: (i, o) => { assert.ok(!done.has(i), `job ${i} reported twice`); done.set(i, o.row.error); },
      failure: (job, kind) => ({ skipped: false, row: failedRow(job.file.display, kind) }),
      acquireBig: async () => () => {},
      start: (state) => { starts++; return new FakeWorker(new Float64Array(state), new Set([2]), converted) as unknown as Worker; },
    });
    assert.equal(done.size, 12);
    assert.equal(done.get(2), 'out-of-memory');
    for (let i = 0; i < 12; i++) if (i !== 2) assert.equal(done.get(i), 'ok', `job ${i}`);
    assert.equal(starts, 2);
    // 0 and 1 were converted before the death, unanswered, so again after it; 2 never again.
    assert.deepEqual(converted.filter((i) => i === 2), []);
    assert.deepEqual(converted.filter((i) => i < 2), [0, 1, 0, 1]);
  });

  it('stops a worker whose file runs past its own time limit, fails that file and converts the rest', async () => {
    const jobs: TextJob[] = Array.from({ length: 6 }, (_, i) => ({ i, file: { abs: `/x/${i}`, rel: `${i}`, display: `${i}` }, bytes: 10, limitMs: i === 3 ? 50 : 60_000, big: false }));
    const queue = [jobs.slice(0, 4), jobs.slice(4)];
    const done = new Map<number, string>();
    await runLane({ outDir: '/x', formats: ['json'], resume: false, restore: false }, {
      take: () => queue.shift(),
      giveBack: (back) => { queue.unshift(back); },
      done: (i, o) => done.set(i, o.row.error),
      failure: (job, kind) => ({ skipped: false, row: failedRow(job.file.display, kind) }),
      acquireBig: async () => () => {},
      start: (state) => new FakeWorker(new Float64Array(state), new Set(), [], new Set([3])) as unknown as Worker,
    });
    assert.deepEqual([...done.keys()].sort(), [0, 1, 2, 3, 4, 5]);
    assert.equal(done.get(3), 'timeout');
    for (const i of [0, 1, 2, 4, 5]) assert.equal(done.get(i), 'ok');
  });

  it('sends a big file alone, holding the big-file slot, to a worker that is replaced after it', async () => {
    const job = (i: number, big: boolean): TextJob => ({ i, file: { abs: `/x/${i}`, rel: `${i}`, display: `${i}` }, bytes: big ? 5 << 20 : 10, limitMs: 60_000, big });
    const queue = [[job(0, false), job(1, false)], [job(2, true)], [job(3, false)]];
    const done: number[] = [];
    let starts = 0, held = 0;
    await runLane({ outDir: '/x', formats: ['json'], resume: false, restore: false }, {
      take: () => queue.shift(),
      giveBack: (back) => { queue.unshift(back); },
      done: (i) => done.push(i),
      failure: (j, kind) => ({ skipped: false, row: failedRow(j.file.display, kind) }),
      acquireBig: async () => { held++; return () => { held--; }; },
      start: (state) => { starts++; return new FakeWorker(new Float64Array(state), new Set(), []) as unknown as Worker; },
    });
    assert.deepEqual(done, [0, 1, 2, 3]);
    assert.equal(held, 0);
    assert.equal(starts, 2, 'one worker up to the big file, a new one after it');
  });
});
