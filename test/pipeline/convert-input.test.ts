import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { convert } from '../../src/index.js';

describe('convert() called the wrong way from JavaScript', () => {
  // No types in plain JavaScript: these calls reach convert() and must say what to pass, not fail inside a stage.
  for (const [label, input, pattern] of [
    ['a path string', '/archive/bao-cao.txt', /takes \{ path, data \}, not a path: .*readFile/],
    ['no data', { path: 'bao-cao.txt' }, /bao-cao\.txt: data must be the file's bytes \(a Buffer or Uint8Array\), not undefined/],
    ['an ArrayBuffer', { path: 'a.txt', data: new ArrayBuffer(4) }, /a\.txt: data must be .* not an ArrayBuffer: pass new Uint8Array\(buffer\)/],
    ['a string as data', { path: 'a.txt', data: 'Ket qua' }, /a\.txt: data must be .* not a string/],
    ['nothing', undefined, /takes \{ path, data \}/],
  ] as const) {
    it(`throws a TypeError that says what to pass for ${label}`, async () => {
      await assert.rejects(convert(input as never, { restore: false }), (e: Error) => e instanceof TypeError && pattern.test(e.message));
    });
  }

  it('refuses a sha256 that is not 64 lower-case hex digits', async () => {
    await assert.rejects(convert({ path: 'a.txt', data: Buffer.from('x'), sha256: 'ABC' }, { restore: false }), (e: Error) => e instanceof TypeError && /a\.txt: sha256, when given, must be/.test(e.message));
  });

  it('records the SHA-256 the caller gives (the batch hashed the file already), and the data\'s own otherwise', async () => {
    const data = Buffer.from('Ket qua\n');
    const own = createHash('sha256').update(data).digest('hex');
    assert.equal((await convert({ path: 'a.txt', data }, { restore: false, segment: false })).source.sha256, own);
    const given = 'ab'.repeat(32);
    assert.equal((await convert({ path: 'a.txt', data, sha256: given }, { restore: false, segment: false })).source.sha256, given);
  });

  it('still takes a Buffer or a Uint8Array', async () => {
    const r = await convert({ path: 'a.txt', data: Buffer.from('Ket qua\n') }, { restore: false, segment: false });
    assert.equal(r.text.original, 'Ket qua\n');
  });
});
