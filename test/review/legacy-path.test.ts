import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveInputs } from '../../src/batch/inputs.js';
import { legacyPaths } from '../../src/review/legacy-path.js';

const BAO_CAO = Buffer.from('b\xe1o c\xe1o.jpg', 'latin1'); // "báo cáo.jpg" in windows-1258
let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-legacy-path-'));
  await writeFile(join(dir, 'báo cáo.jpg'), 'utf-8 name');
  await writeFile(Buffer.concat([Buffer.from(dir + '/'), BAO_CAO]), 'windows-1258 name');
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the bytes of an input named by its windows-1258 reading', () => {
  it('are found again from the name the batch gave it, escaped when its reading was taken', async () => {
    const { files } = await resolveInputs([dir]);
    const legacy = files.find((f) => f.raw)!;
    assert.equal(legacy.rel, 'b%E1o c%E1o.jpg');
    assert.deepEqual(legacyPaths(legacy.abs), [Buffer.from(legacy.raw!)]);
  });

  it('are not looked for when the path is plain ASCII, and are none when nothing matches', () => {
    assert.deepEqual(legacyPaths(join(dir, 'plain.jpg')), []);
    assert.deepEqual(legacyPaths(join(dir, 'hồ sơ.jpg')), []);
  });
});
