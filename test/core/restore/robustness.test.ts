import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { tinyModel } from './tiny-model.js';

const lines = (s: string) => s.split(/\r\n|\r|\n/).length;

describe('restore on hostile input', () => {
  it('never throws and keeps the line structure, whatever the input mode', () => {
    const inputs = [
      '',
      '\n\n\n',
      '\u0000\u0007 ket \uFFFD qua \uD83D\uDE00 \uD800 lone surrogate',
      'x'.repeat(5000),
      'ket qua '.repeat(3000),
      '1 2 3 , , , ; ; ; ---- ////',
      'Ké&¢€ x4x4x4 ©®™ 16n 10i ctia\r\nPang\f\fKET QUA',
    ];
    for (const input of inputs) {
      for (const mode of ['auto', 'stripped', 'ocr', 'vie-ocr'] as const) {
        const r = restore(input, { model: tinyModel(), input: mode });
        assert.equal(lines(r.text), lines(input), `${mode}: ${input.slice(0, 20)}`);
        assert.equal(r.text.split('\f').length, input.split('\f').length);
      }
    }
  });

  it('decodes a long text without punctuation', () => {
    const r = restore('ket qua thuc hien '.repeat(2000), { model: tinyModel(), input: 'stripped' });
    assert.ok(r.text.startsWith('kết quả thực hiện kết quả'));
    assert.equal(r.tokens.length, 8000);
  });
});
