/**
 * On a drive that folds names, `queue add` claims each output name in Redis under its folded form,
 * so a twin added by a later call is refused before either job has written an output.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { connectNow } from '../../src/queue/connection.js';
import { nameClaims } from '../../src/queue/queue.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;
let client: Redis | undefined;
before(async () => {
  if (REDIS_MISSING) return;
  redis = await startRedis();
  client = await connectNow(redis.url);
});
after(async () => {
  await client?.quit();
  await redis?.stop();
});

describe('output names claimed in the queue on a drive that folds names', { skip: REDIS_MISSING ?? false }, () => {
  it('refuses a twin claimed by an earlier call and lets the same name be claimed again', async () => {
    const claim = nameClaims(client!, '/archive/out', { case: true, unicode: true })!;
    assert.equal(await claim('2024/case.txt'), null);
    assert.match((await claim('2024/Case.txt'))!, /would overwrite those of '2024\/case\.txt', queued for this folder earlier.*ignores case and how accents are encoded/);
    assert.equal(await claim('2024/case.txt'), null);
    assert.equal(await claim('2024/b\u00e1o.txt'), null);
    assert.match((await claim('2024/ba\u0301o.txt'))!, /b\u00e1o\.txt/);
  });

  it('keeps the claims of each output folder apart', async () => {
    const folding = { case: true, unicode: false };
    assert.equal(await nameClaims(client!, '/one', folding)!('x.txt'), null);
    assert.equal(await nameClaims(client!, '/two', folding)!('X.txt'), null);
    assert.notEqual(await nameClaims(client!, '/one', folding)!('X.txt'), null);
  });

  it('claims nothing where the drive tells names apart', () => {
    assert.equal(nameClaims(client!, '/out', { case: false, unicode: false }), null);
  });
});
