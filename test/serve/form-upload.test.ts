import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { formBoundary, formFiles } from '../../src/serve/form-upload.js';
import { buildServer } from '../../src/serve/server.js';

const SAMPLE = new URL('../../fixtures/bao-cao-ngoc-ky.ocr.txt', import.meta.url);

/** A form body as curl -F writes it: one part per [name, filename or null, bytes]. */
function form(boundary: string, parts: [string, string | null, Buffer | string][]): Buffer {
  return Buffer.concat([...parts.flatMap(([name, filename, data]) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === null ? '' : `; filename="${filename}"`}\r\n${filename === null ? '' : 'Content-Type: text/plain\r\n'}\r\n`),
    Buffer.from(data), Buffer.from('\r\n'),
  ]), Buffer.from(`--${boundary}--\r\n`)]);
}

describe('a form upload', () => {
  it('is told by its Content-Type and split into its parts, the file ones with their names', () => {
    assert.equal(formBoundary('multipart/form-data; boundary=----x1'), '----x1');
    assert.equal(formBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(formBoundary('multipart/form-data'), '');
    assert.equal(formBoundary('text/plain'), null);
    assert.equal(formBoundary(undefined), null);
    const body = form('zz', [['note', null, 'hi'], ['file', 'báo cáo.txt', 'BÁO CÁO\r\n--zy not the boundary\r\n']]);
    const files = formFiles(body, 'zz');
    assert.ok(Array.isArray(files));
    assert.deepEqual(files.map((f) => [f.filename, f.data.toString()]), [['báo cáo.txt', 'BÁO CÁO\r\n--zy not the boundary\r\n']]);
    assert.match(formFiles(body.subarray(0, body.length - 12), 'zz') as string, /cut short/);
    assert.match(formFiles(body, 'other') as string, /not in the body/);
  });

  describe('to baocao serve', () => {
    let app: FastifyInstance;
    let sample: Buffer;
    before(async () => {
      sample = await readFile(SAMPLE);
      app = await buildServer({ inFlight: 1, queue: 2, maxWaitMs: 60_000 });
    });
    after(async () => { await app.close(); });
    const post = (url: string, body: Buffer) => app.inject({ method: 'POST', url, payload: body, headers: { 'content-type': 'multipart/form-data; boundary=b0und' } });

    it('converts the form’s file, named by its filename, without the envelope', async () => {
      const r = await post('/v1/convert', form('b0und', [['file', 'bao-cao.txt', sample]]));
      assert.equal(r.statusCode, 200, r.body);
      const json = r.json();
      assert.equal(json.source.path, 'bao-cao.txt');
      assert.equal(json.source.bytes, sample.length);
      assert.doesNotMatch(json.text.original, /b0und|Content-Disposition/);
      assert.equal(json.meta.number, '192/BC-UBND');
      const named = await post('/v1/convert?name=other.txt&format=txt', form('b0und', [['file', 'bao-cao.txt', sample]]));
      assert.equal(named.statusCode, 200);
      assert.doesNotMatch(named.body, /b0und/);
    });

    it('answers 400, saying what to send, for a form with no file or two', async () => {
      const two = await post('/v1/convert', form('b0und', [['a', 'a.txt', 'x'], ['b', 'b.txt', 'y']]));
      assert.equal(two.statusCode, 400);
      assert.match(two.json().error, /the form carries 2 files: send one file/);
      const cut = await post('/v1/convert', Buffer.from('--b0und\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc'));
      assert.equal(cut.statusCode, 400);
      assert.match(cut.json().error, /cut short/);
    });
  });
});
