import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/serve/server.js';

let app: FastifyInstance;
let port = 0;
before(async () => {
  app = await buildServer({ inFlight: 1, queue: 1, maxWaitMs: 1_500 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
after(async () => {
  await app.close();
});

/** A POST that announces `bytes` and sends `sent` of them now; `finish()` sends the rest. */
function upload(bytes: number, sent: number) {
  let answered: (v: { status: number; at: number }) => void;
  const answer = new Promise<{ status: number; at: number }>((r) => (answered = r));
  const req = http.request({ port, method: 'POST', path: '/v1/convert?name=a.txt', headers: { 'content-length': bytes } }, (res) => {
    res.resume();
    answered({ status: res.statusCode ?? 0, at: Date.now() });
  });
  req.on('error', () => undefined);
  req.write(Buffer.alloc(sent, 'Báo cáo năm 2025.\n'));
  return { answer, finish: () => req.end(Buffer.alloc(bytes - sent, 'Báo cáo năm 2025.\n')), abort: () => req.destroy() };
}

describe('baocao serve under many uploads at once', () => {
  it('refuses an upload past the queue at once, before its body is read, instead of holding every body in memory', async () => {
    const size = 2 << 20;
    const running = upload(size, 1 << 19); // holds the one slot while it sends
    await new Promise((r) => setTimeout(r, 300));
    const waiting = upload(size, 0); // the one queue place
    await new Promise((r) => setTimeout(r, 300));
    const refused = upload(size, 0); // sends nothing: only its head has come
    const r = await Promise.race([refused.answer, new Promise<null>((res) => setTimeout(() => res(null), 20_000))]);
    assert.ok(r, 'answered without its body');
    assert.equal(r.status, 503);
    refused.abort();
    // The one waiting past maxWaitMs is refused too, still without having sent its body.
    const w = await Promise.race([waiting.answer, new Promise<null>((res) => setTimeout(() => res(null), 20_000))]);
    assert.equal(w?.status, 503);
    waiting.abort();
    running.finish();
    assert.ok([200, 422].includes((await running.answer).status), 'the one running is answered');
  });
});
