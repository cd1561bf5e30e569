import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import { movable } from '../../src/serve/movable.js';

describe('bytes moved, not copied, to a conversion thread', () => {
  it('moves an upload that owns its memory, which leaves this thread', async () => {
    const upload = new Uint8Array(1 << 20).fill(7);
    assert.deepEqual(movable(upload), [upload.buffer]);
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<Uint8Array>((resolve) => port2.once('message', resolve));
    port1.postMessage(upload, movable(upload));
    const there = await got;
    assert.equal(there.length, 1 << 20);
    assert.equal(there[12345], 7);
    assert.equal(upload.byteLength, 0, 'moved: no second copy stays here');
    port1.close();
    port2.close();
  });

  it("copies a view of part of a larger buffer (a form's file, a small pooled Buffer) and text", () => {
    const whole = new Uint8Array(100);
    assert.deepEqual(movable(whole.subarray(10, 20)), []);
    const pooled = Buffer.from('một tệp nhỏ');
    assert.ok(pooled.buffer.byteLength > pooled.length, 'Node pools small buffers');
    assert.deepEqual(movable(pooled), []);
    assert.deepEqual(movable('{"a":1}'), []);
  });
});
