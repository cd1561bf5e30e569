import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeLine } from '../../../src/core/segment/lines.js';

describe('makeLine trims line ends', () => {
  it('strips exactly what /\\s+$/u strips, for every BMP code unit at the end', () => {
    for (let code = 0; code < 0x10000; code++) {
      const text = `Báo cáo ${String.fromCharCode(code)}`;
      const line = makeLine(1, 1, 1, text, text);
      assert.equal(line.original, text.replace(/\s+$/u, ''), `U+${code.toString(16)}`);
    }
  });
});
