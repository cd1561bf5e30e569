import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusedCharacters, refuseUnwritableNames } from '../../src/batch/drive-characters.js';
import type { InputFile } from '../../src/batch/input-file.js';

const file = (rel: string): InputFile => ({ abs: `/in/${rel}`, rel, display: `in/${rel}` });
const WINDOWS = '<>:"|?*\\\u0001';

describe('input names with characters the output drive refuses', () => {
  it('refuses, before converting, an input whose outputs would carry a character the drive refuses, naming the characters', () => {
    const files = [file('bc: 2023?.txt'), file('ok.txt'), file('a|b/c.txt'), file('tab\there.txt')];
    const { files: kept, refused } = refuseUnwritableNames(files, '/out', () => WINDOWS);
    assert.deepEqual(kept.map((f) => f.rel), ['ok.txt']);
    assert.deepEqual(refused.map((r) => r.arg), ['in/bc: 2023?.txt', 'in/a|b/c.txt', 'in/tab\there.txt']);
    assert.match(refused[0]!.message, /^not converted: the output drive does not accept ':' or '\?' in file names .*'bc: 2023\?\.txt\.…'.*rename the file, or convert to a folder on another drive$/);
    assert.match(refused[2]!.message, /does not accept control characters/);
  });

  it('keeps every input on a drive that takes those characters, and asks the drive only when a name holds one', () => {
    let asked = 0;
    const ask = () => (asked++, '');
    assert.deepEqual(refuseUnwritableNames([file('a.txt'), file('b/c.txt')], '/out', ask).refused, []);
    assert.equal(asked, 0);
    const files = [file('bc: 2023?.txt')];
    assert.deepEqual(refuseUnwritableNames(files, '/out', ask), { files, refused: [] });
    assert.equal(asked, 1);
  });

  it('asks the drive without leaving anything behind, and finds what this test drive really refuses', () => {
    const out = mkdtempSync(join(tmpdir(), 'drive-chars-'));
    mkdirSync(join(out, 'keep'));
    const refused = refusedCharacters(out);
    assert.deepEqual(readdirSync(out), ['keep']);
    for (const c of WINDOWS) {
      let took = true;
      try {
        writeFileSync(join(out, 'keep', `x${c}y`), '');
      } catch {
        took = false;
      }
      assert.equal(refused.includes(c), !took, `'${c}'`);
    }
    assert.equal(refusedCharacters('/nonexistent/folder/for/sure'), '');
  });
});
