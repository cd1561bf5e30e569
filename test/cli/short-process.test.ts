import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { SHORT_PROCESS_V8_FLAGS } from '../../src/cli/short-process.js';

describe('the V8 setting of baocao restore', () => {
  // v8.setFlagsFromString ignores a flag V8 does not know: a renamed flag would silently do nothing.
  it('is a flag this Node\'s V8 accepts', () => {
    const r = spawnSync(process.execPath, [SHORT_PROCESS_V8_FLAGS, '-e', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('raises the interrupt budget above V8\'s default', () => {
    const m = /^--interrupt-budget=(\d+)$/.exec(SHORT_PROCESS_V8_FLAGS);
    assert.ok(m, SHORT_PROCESS_V8_FLAGS);
    const help = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const dflt = /--interrupt-budget=(\d+)/.exec(help.slice(help.indexOf('--interrupt-budget (')));
    assert.ok(dflt, 'V8 lists its default interrupt budget');
    assert.ok(Number(m[1]) > Number(dflt[1]));
  });
});
