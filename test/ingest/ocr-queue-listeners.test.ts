import assert from 'node:assert/strict';
import { getEventListeners, setMaxListeners } from 'node:events';
import { describe, it } from 'node:test';
import { enqueue, type OcrTask } from '../../src/ingest/ocr/pool.js';

const result = { lines: ['trang'], words: [], confidence: 90 };

describe('the OCR queue and a signal shared by many readings', () => {
  it('leaves no abort listener behind once each reading has settled (a file\'s pages share its time limit)', async () => {
    const limit = new AbortController();
    // All 50 are queued at once, so 50 listeners are there until they settle: not a leak.
    setMaxListeners(64, limit.signal);
    const queue: OcrTask[] = [];
    // Each reading is taken from the queue and answered, as a pool's dispatch does.
    const dispatch = () => { const task = queue.shift(); if (task) queueMicrotask(() => task.resolve(result)); };
    const readings = Array.from({ length: 50 }, () => new Promise((resolve, reject) => {
      enqueue(queue, { image: new Uint8Array(1024), options: { signal: limit.signal }, resolve, reject }, dispatch);
    }));
    await Promise.all(readings);
    assert.equal(getEventListeners(limit.signal, 'abort').length, 0);
  });

  it('still takes a waiting reading out of the queue, rejected with the reason, when the signal aborts', async () => {
    const limit = new AbortController();
    const queue: OcrTask[] = [];
    const waiting = new Promise((resolve, reject) => {
      enqueue(queue, { image: new Uint8Array(1), options: { signal: limit.signal }, resolve, reject }, () => undefined);
    });
    const reason = new Error('past the file\'s time limit');
    limit.abort(reason);
    await assert.rejects(waiting, (e) => e === reason);
    assert.equal(queue.length, 0);
    assert.equal(getEventListeners(limit.signal, 'abort').length, 0);
  });
});
