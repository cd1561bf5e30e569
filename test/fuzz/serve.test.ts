import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { validateDocumentResult } from '../../src/core/schema.js';
import { buildServer } from '../../src/serve/server.js';
import { mutate, rng, seeds, type Rng } from './mutator.js';
import { chunked, rawRequest } from './raw-http.js';

// A fixed seed and small counts, so `npm test` sends the same requests everywhere.
const SEED = Number(process.env.FUZZ_SEED) || 20261207; // FUZZ_SEED=n explores other requests
const LIMIT = 64 * 1024;
const BOUND_MS = 60_000; // a hang, not a speed check
/**
 * What a client may get: a conversion, a refusal that says why, busy or too slow. Never 500, and
 * never 415: any body is a document, whatever Content-Type the client put on it.
 */
const SENSIBLE = new Set([200, 400, 408, 413, 414, 422, 431, 503, 504]);
const STACK = /\n\s+at .+[:(]\d+:\d+/;

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url)));
const sample = fixture('bao-cao-ngoc-ky.ocr.txt');
const short = sample.subarray(0, 700);
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

/** A problem with one answer, or null when it is a sensible one. */
function judge(status: number, type: string | undefined, body: string): string | null {
  if (!SENSIBLE.has(status)) return `status ${status}: ${body.slice(0, 200)}`;
  if (STACK.test(body)) return `a stack trace in the body: ${body.slice(0, 200)}`;
  if ((status === 200 || status === 422) && type?.startsWith('application/json')) {
    const v = validateDocumentResult(JSON.parse(body));
    if (!v.ok) return `status ${status} body fails the schema`;
  } else if (status !== 200 && status !== 431 && status !== 414 && !(typeof JSON.parse(body || '{}').error === 'string')) return `status ${status} without an error message`;
  return null;
}

const KEYS = ['name', 'input', 'restore', 'segment', 'format', 'ocr', 'x', '__proto__', 'constructor', 'format[]', '', 'name.first'];
const VALUES = ['', 'true', 'false', 'TRUE', '1', 'json', 'txt', 'md', 'docx', 'pdf', 'xml', 'auto', 'force', 'never', 'stripped', 'vie-ocr', 'Ngọc Kỳ.txt', '../../etc/passwd', 'a'.repeat(2000), '\u0000', '%E0%A4%A', '%', '[]', '{"a":1}'];

function fuzzQuery(r: Rng): string {
  const n = int(r, 5);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = pick(r, VALUES);
    // Raw values keep malformed escapes as the client sent them.
    parts.push(`${encodeURIComponent(pick(r, KEYS))}=${v.startsWith('%') ? v : encodeURIComponent(v)}`);
  }
  if (r() < 0.7) parts.push('restore=false'); // most conversions fast; restoration still runs in some
  return parts.join('&');
}

const CONTENT_TYPES = [undefined, '', 'text/plain', 'text/html; charset="', 'x/y/z', 'application/json', 'application/pdf', 'image/png', 'multipart/form-data; boundary=----x', 'application/x-www-form-urlencoded', 'garbage', ';;;', 'text/plain; charset=utf-16'];

function fuzzBody(r: Rng, binary: ReturnType<typeof seeds>['binary'], text: ReturnType<typeof seeds>['text']): { name: string; data: Uint8Array; what: string } {
  switch (int(r, 5)) {
    case 0: return { name: 'empty.txt', data: new Uint8Array(), what: 'empty' };
    case 1: {
      const data = new Uint8Array(1 + int(r, 4096));
      for (let i = 0; i < data.length; i++) data[i] = int(r, 256);
      return { name: pick(r, ['junk.bin', 'junk.pdf', 'junk.png', 'junk.txt']), data, what: `${data.length} random bytes` };
    }
    case 2: {
      const s = pick(r, binary.filter((b) => b.name !== 'corrupt.pdf'));
      const at = int(r, s.data.length);
      return { name: s.name, data: s.data.subarray(0, at), what: `${s.name} cut at ${at}` };
    }
    case 3: {
      const m = mutate(r, pick(r, text), [...text, ...binary]);
      return { name: 'mutated.txt', data: m.data, what: `sample mutated: ${m.ops.join(', ')}` };
    }
    default: {
      const extra = 1 + int(r, 100);
      return { name: 'big.txt', data: new Uint8Array(LIMIT + extra).fill(0x61), what: `${extra} bytes over the limit` };
    }
  }
}

describe('fuzzed requests to baocao serve', () => {
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    app = await buildServer({ bodyLimit: LIMIT, inFlight: 1, queue: 4, maxWaitMs: 30_000, timeoutMs: 30_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(async () => {
    await app.close();
  });
  const healthy = async () => assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200, '/healthz after the batch');

  it(`answers malformed, unknown and huge query parameters with 200 or 400, never 500 (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const problems: string[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const query = fuzzQuery(r);
      const res = await app.inject({ method: 'POST', url: `/v1/convert?${query}`, payload: short, headers: { 'content-type': 'text/plain' } });
      seen.add(res.statusCode);
      const p = judge(res.statusCode, res.headers['content-type'] as string | undefined, res.body);
      if (p) problems.push(`#${i} ?${query.slice(0, 120)}: ${p}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(seen.has(200) && seen.has(400), [...seen].join(','));
    await healthy();
  });

  it(`answers junk, truncated scans, wrong content types and bodies over the limit sensibly (seed ${SEED})`, async () => {
    const r = rng(SEED + 1);
    const { text, binary } = seeds();
    const problems: string[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const body = fuzzBody(r, binary, text);
      const type = pick(r, CONTENT_TYPES);
      // OCR is the slow path: one truncated scan in three is read, the others keep to their text.
      const query = `name=${encodeURIComponent(body.name)}&restore=${r() < 0.3}&ocr=${r() < 0.33 ? 'auto' : 'never'}&format=${pick(r, ['json', 'json', 'txt', 'md', 'docx', 'pdf'])}`;
      const res = await app.inject({ method: 'POST', url: `/v1/convert?${query}`, payload: Buffer.from(body.data), headers: type === undefined ? {} : { 'content-type': type } });
      seen.add(res.statusCode);
      const p = judge(res.statusCode, res.headers['content-type'] as string | undefined, res.body);
      if (p) problems.push(`#${i} ${body.what} as ${JSON.stringify(type)}: ${p}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(seen.has(413) && seen.has(422), [...seen].join(','));
    await healthy();
  });

  it('answers bodies that trickle in, hang-ups mid-body and mid-conversion and a 100 KB URL, then still converts', async () => {
    const post = (query: string, extra: string) => `POST /v1/convert?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nConnection: close${extra}`;
    const pieces = (data: Uint8Array, n: number) => Array.from({ length: n }, (_, i) => data.subarray(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n)));
    const cases = {
      'slow chunked body': await rawRequest(port, { head: post('name=a.txt&restore=false', '\r\nTransfer-Encoding: chunked'), pieces: chunked(pieces(short, 8)), gapMs: 60, limitMs: BOUND_MS }),
      'slow chunked body over the limit': await rawRequest(port, { head: post('name=a.txt', '\r\nTransfer-Encoding: chunked'), pieces: chunked(pieces(new Uint8Array(LIMIT + 10).fill(0x61), 6)), gapMs: 30, limitMs: BOUND_MS }),
      'bad chunk framing': await rawRequest(port, { head: post('name=a.txt', '\r\nTransfer-Encoding: chunked'), pieces: ['zz\r\nabc\r\n0\r\n\r\n'], limitMs: BOUND_MS }),
      'URL of 100 KB': await rawRequest(port, { head: `POST /v1/convert?name=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nConnection: close`, pieces: ['abc'], limitMs: BOUND_MS }),
      'Content-Length past the body, then silence': await rawRequest(port, { head: post('name=a.txt', '\r\nContent-Length: 5000'), pieces: [short.subarray(0, 300)], hangUpAfterMs: 50, limitMs: BOUND_MS }),
      'hang-up mid-conversion': await rawRequest(port, { head: post('name=a.txt&restore=true', `\r\nContent-Length: ${sample.length}`), pieces: [sample], hangUpAfterMs: 20, limitMs: BOUND_MS }),
    };
    const problems: string[] = [];
    for (const [what, a] of Object.entries(cases)) {
      if (a.timedOut) problems.push(`${what}: no answer within ${BOUND_MS} ms`);
      else if (what.startsWith('Content-Length past') || what.startsWith('hang-up')) continue; // the client left: no answer to judge
      else {
        const p = judge(a.status, /content-type: ([^\r\n]+)/i.exec(a.head)?.[1], a.status === 431 ? '' : a.body);
        if (p) problems.push(`${what}: ${p}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(cases['slow chunked body'].status, 200);
    assert.equal(cases['slow chunked body over the limit'].status, 413);
    await healthy();
    // The slot of the abandoned conversion is given back: the next conversion is served.
    const next = await app.inject({ method: 'POST', url: '/v1/convert?name=b.txt&restore=false', payload: short, headers: { 'content-type': 'text/plain' } });
    assert.equal(next.statusCode, 200, next.body);
  });

  it('answers 408 to a client that stops sending its body, instead of holding the socket', async () => {
    const impatient = await buildServer({ bodyLimit: LIMIT, inFlight: 1, requestTimeoutMs: 400 });
    try {
      await impatient.listen({ port: 0, host: '127.0.0.1' });
      const at = (impatient.server.address() as { port: number }).port;
      const head = `POST /v1/convert?name=a.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 5000`;
      const stalled = await rawRequest(at, { head, pieces: [short.subarray(0, 200)], limitMs: BOUND_MS });
      assert.equal(stalled.timedOut, false, 'no answer: the socket was held');
      assert.equal(stalled.status, 408, stalled.head);
      assert.equal((await impatient.inject({ url: '/healthz' })).statusCode, 200);
    } finally {
      await impatient.close();
    }
  });
});
