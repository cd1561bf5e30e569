import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchSetupError, prepareOutputDir } from '../../src/batch/output-dir.js';

describe('the output folder made before a batch', () => {
  it('makes the folder and every missing folder above it', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-dir-'));
    const out = join(root, 'a', 'b', 'c');
    prepareOutputDir(out);
    assert.ok(statSync(out).isDirectory());
    prepareOutputDir(out); // there already: nothing to do
  });

  it('refuses a path under a file, naming it', () => {
    const root = mkdtempSync(join(tmpdir(), 'out-dir-'));
    writeFileSync(join(root, 'f'), '');
    assert.throws(() => prepareOutputDir(join(root, 'f', 'out')), (e: Error) => e instanceof BatchSetupError && /'.*f' is a file, not a folder/.test(e.message));
  });

  it('refuses, instead of looping for ever, a folder on a drive that answers "no such file" to making it', { skip: existsSync('/proc/self') ? false : 'no /proc here' }, () => {
    // Node's recursive mkdir looped on /proc: it hung convert and queue add.
    assert.throws(() => prepareOutputDir('/proc/baocao-not-here/out'), (e: Error) => e instanceof BatchSetupError && /cannot be made: the drive there does not let a folder be made \(ENOENT\)/.test(e.message));
  });
});
