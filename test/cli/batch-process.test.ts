import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEXT_BATCH_V8_FLAGS, useTextBatchFlags } from '../../src/cli/batch-process.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

describe('the V8 setting of a text batch', () => {
  // v8.setFlagsFromString ignores a flag V8 does not know: a renamed flag would silently do nothing.
  it('is a flag this Node\'s V8 accepts, below V8\'s default', () => {
    const r = spawnSync(process.execPath, [TEXT_BATCH_V8_FLAGS, '-e', '0'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [name, value] = TEXT_BATCH_V8_FLAGS.split('=');
    const help = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const dflt = new RegExp(`${name!.slice(2)} \\(.*\\)\\s+type: int\\s+default: --${name!.slice(2)}=(\\d+)`).exec(help);
    assert.ok(dflt, 'V8 lists the flag and its default');
    assert.ok(Number(value) < Number(dflt[1]));
  });

  it('leaves a value given on node\'s command line alone', () => {
    assert.equal(useTextBatchFlags(['--max-inlined-bytecode-size-cumulative=500']), false);
    assert.equal(useTextBatchFlags(['--max_inlined_bytecode_size_cumulative=500']), false);
  });

  it('is set by the command only: no module outside src/cli sets a V8 flag (a library user\'s process keeps its own)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const setting = files(src).filter((f) => /setFlagsFromString/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(src.length));
    assert.ok(setting.length > 0 && setting.every((f) => f.startsWith('cli/')), setting.join(', '));
    // The batch module the library exports does not load the command's settings.
    assert.doesNotMatch(readFileSync(join(src, 'batch', 'run.ts'), 'utf8'), /batch-process/);
  });
});
