import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restore } from '../../../src/core/restore/index.js';
import { cutAt, restoreInWindows } from '../../../src/core/restore/windows.js';
import { tinyModel } from './tiny-model.js';

const PARAGRAPHS = ['Ket qua thuc hien cong tac cai cach hanh chinh.', 'Uy ban nhan dan xa Ngoc Ky ban hanh ke hoach.', 'mua mot cai ban'];

describe('restoreInWindows', () => {
  it('restores a text within one window exactly as restore() does', () => {
    const text = PARAGRAPHS.join('\n\n');
    const model = tinyModel();
    const tokens: number[] = [];
    const r = restoreInWindows(text, { model, input: 'stripped' }, (t) => tokens.push(t.start));
    const whole = restore(text, { model, input: 'stripped' });
    assert.equal(r.text, whole.text);
    assert.deepEqual(tokens, whole.tokens.map((t) => t.start));
  });

  it('restores a long text window by window at blank lines, with token offsets in the whole text', () => {
    const text = Array.from({ length: 30 }, (_, i) => PARAGRAPHS[i % 3]).join('\n\n');
    const model = tinyModel();
    const starts: [number, string][] = [];
    const r = restoreInWindows(text, { model, input: 'stripped' }, (t) => starts.push([t.start, t.original]), 200);
    // Paragraphs are restored on their own either way, so the windows change nothing here.
    assert.equal(r.text, restore(text, { model, input: 'stripped' }).text);
    for (const [at, original] of starts) assert.equal(text.slice(at, at + original.length), original);
    assert.ok(starts.length > 100);
  });

  it('cuts a window after a blank line, else a line end, else a space, else hard', () => {
    assert.equal(cutAt('aaaa bbbb\ncccc\n\ndddd eeee', 0, 20), 16);
    assert.equal(cutAt('aaaa bbbb cccc\ndddd eeee eeee', 0, 20), 15);
    assert.equal(cutAt('aaaa bbbb cccc dddd eeee', 0, 20), 20);
    assert.equal(cutAt('x'.repeat(40), 0, 20), 20);
    assert.equal(cutAt('x'.repeat(19) + '😀' + 'x'.repeat(20), 0, 20), 19);
    assert.equal(cutAt('short', 0, 20), 5);
  });
});
