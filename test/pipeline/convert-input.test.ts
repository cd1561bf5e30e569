import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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

  it('still takes a Buffer or a Uint8Array', async () => {
    const r = await convert({ path: 'a.txt', data: Buffer.from('Ket qua\n') }, { restore: false, segment: false });
    assert.equal(r.text.original, 'Ket qua\n');
  });
});
