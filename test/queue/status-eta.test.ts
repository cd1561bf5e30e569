/** `queue status` on a real Redis while a long scan reads its pages beside a run of small files. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { REDIS_MISSING, startRedis } from './redis-server.js';
import { runCli } from '../cli/run-cli.js';
import { QUEUE_NAME } from '../../src/queue/connection.js';
import { queueStatus } from '../../src/queue/queue.js';
import { pageProgress } from '../../src/queue/worker.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-queue-eta-'));
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

const job = (display: string) => ({ file: { abs: `/archive/${display}`, rel: display, display }, settings: { outDir: '/archive/out', formats: ['json' as const], resume: false, restore: false } });

describe('queue status with a job reading pages', { skip: REDIS_MISSING ?? false }, () => {
  it("gives the scan's ETA from its pages done and left, not from the rate of the small files done beside it", async () => {
    const connection = new Redis(redis!.url, { maxRetriesPerRequest: null });
    const workerConnection = new Redis(redis!.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    let finish = () => undefined as void;
    const scanHeld = new Promise<void>((resolve) => (finish = resolve));
    // The worker's own progress reporter; the scan reads 10 of its 128 pages in at least 1.5 s.
    const worker = new Worker(QUEUE_NAME, async (j) => {
      if (j.data.file.display !== 'scan-128.pdf') return { row: {}, skipped: false };
      const report = pageProgress(j);
      await new Promise((r) => setTimeout(r, 1500));
      report(10, 128);
      await scanHeld;
      return { row: {}, skipped: false };
    }, { connection: workerConnection, concurrency: 2 });
    try {
      await queue.add('convert', job('scan-128.pdf'));
      for (let i = 0; i < 6; i++) await queue.add('convert', job(`small-${i}.txt`));
      let s = await queueStatus(redis!.url);
      for (const deadline = Date.now() + 60_000; !(s.done === 6 && s.reading.length === 1); s = await queueStatus(redis!.url)) {
        assert.ok(Date.now() < deadline, `the jobs did not get there: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(s.reading, [{ path: 'scan-128.pdf', pagesDone: 10, pagesTotal: 128 }]);
      // At least 1.5 s for 10 pages: 118 pages left take at least 17.7 s (the small files' rate said about 0 s).
      assert.ok(s.etaSeconds !== null && s.etaSeconds >= 17, `ETA ${s.etaSeconds} s`);
      const shown = await runCli(['queue', 'status', '--redis', redis!.url]);
      assert.match(shown.stdout, /^waiting 0 · active 1 · done 6 · failed 0 .*· ETA \d+ (s|min \d+ s)\nreading: scan-128\.pdf: page 10 of 128\n$/);
    } finally {
      finish();
      await worker.close();
      await queue.close();
      await connection.quit();
      await workerConnection.quit();
    }
  });

  it("says '1 job' for one", async () => {
    await writeFile(join(dir, 'one.txt'), 'BAO CAO\n');
    const added = await runCli(['queue', 'add', join(dir, 'one.txt'), '-o', join(dir, 'out'), '--redis', redis!.url]);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, '1 job added\n');
  });
});
