import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_WORKER_CONCURRENCY, startWorker } from '../../src/queue/worker.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;

before(async () => {
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  await redis?.stop();
});

describe('worker concurrency', { skip: REDIS_MISSING ?? false }, () => {
  it('holds two jobs at once by default, so one converts while the other waits on Redis or the disk', async () => {
    assert.equal(DEFAULT_WORKER_CONCURRENCY, 2);
    const worker = startWorker(redis!.url);
    try {
      await worker.waitUntilReady();
      assert.equal(worker.concurrency, 2);
    } finally {
      await worker.close();
    }
  });

  it('takes the concurrency it is given', async () => {
    const worker = startWorker(redis!.url, { concurrency: 1 });
    try {
      await worker.waitUntilReady();
      assert.equal(worker.concurrency, 1);
    } finally {
      await worker.close();
    }
  });
});
