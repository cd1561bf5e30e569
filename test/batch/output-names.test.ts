import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutToBytes, LONG_PATHS_DIR, NAME_MAX, nameBytes, outputName, PATH_MAX, SUFFIX_ROOM } from '../../src/batch/output-names.js';

const words = 'Báo cáo kết quả công tác cải cách hành chính của Ủy ban nhân dân xã Hòa Bình ';
/** A Vietnamese name of exactly about `n` UTF-8 bytes, ending in `ext`. */
function longName(n: number, ext = '.txt'): string {
  return cutToBytes(words.repeat(20), n - ext.length) + ext;
}

describe('output names', () => {
  it('keeps names that leave room for every suffix as they are', () => {
    assert.equal(outputName('d1/bao-cao 1.txt'), 'd1/bao-cao 1.txt');
    const fits = longName(NAME_MAX - SUFFIX_ROOM);
    assert.equal(outputName(`a/${fits}`), `a/${fits}`);
  });

  it('shortens a ~250-byte Vietnamese name so that it and the longest suffix fit in 255 bytes', () => {
    const name = longName(250);
    assert.ok(nameBytes(name) > NAME_MAX - SUFFIX_ROOM && nameBytes(name) <= 250);
    const out = outputName(`thư mục/${name}`);
    const last = out.split('/').pop()!;
    assert.ok(out.startsWith('thư mục/'));
    assert.ok(nameBytes(last) + SUFFIX_ROOM <= NAME_MAX, `${nameBytes(last)} bytes`);
    assert.match(last, /~[0-9a-f]{10}\.txt$/);
    assert.ok(name.startsWith(last.replace(/~[0-9a-f]{10}\.txt$/, '')), 'the kept part is the start of the name');
    assert.equal(last.normalize('NFC'), last);
  });

  it('is stable for one path and different for two paths that share their first 200 bytes', () => {
    const a = longName(250);
    const b = a.replace(/.\.txt$/, 'X.txt');
    assert.equal(outputName(`x/${a}`), outputName(`x/${a}`));
    assert.notEqual(outputName(`x/${a}`), outputName(`x/${b}`));
    assert.notEqual(outputName(`x/${a}`), outputName(`y/${a}`).replace(/^y/, 'x'), 'the hash covers the folder too');
  });

  it('cuts a folder name over 255 bytes the same way for every file in it', () => {
    const folder = cutToBytes(words.repeat(20), 300);
    const a = outputName(`${folder}/a.txt`).split('/');
    const b = outputName(`${folder}/b.txt`).split('/');
    assert.equal(a[0], b[0]);
    assert.ok(nameBytes(a[0]!) <= NAME_MAX);
    assert.deepEqual([a[1], b[1]], ['a.txt', 'b.txt']);
  });

  it('never parts a decomposed letter from its tone mark', () => {
    const decomposed = 'Ba\u0301o ca\u0301o'.repeat(40);
    for (let max = 1; max < 30; max++) {
      const cut = cutToBytes(decomposed, max);
      assert.ok(nameBytes(cut) <= max);
      assert.ok(decomposed.startsWith(cut));
      assert.doesNotMatch(decomposed.slice(cut.length), /^\p{M}/u, `cut at ${max} bytes`);
    }
  });

  it('moves outputs to one folder when the whole path would pass PATH_MAX', () => {
    const deep = Array.from({ length: 30 }, (_, i) => `thư mục con số ${i} ${'ạ'.repeat(40)}`).join('/');
    const rel = `${deep}/báo cáo.txt`;
    const out = outputName(rel, '/tmp/out');
    assert.ok(nameBytes(rel) > PATH_MAX);
    assert.match(out, new RegExp(`^${LONG_PATHS_DIR}/báo cáo~[0-9a-f]{10}\\.txt$`));
    assert.equal(outputName(rel, '/tmp/out'), out);
    assert.equal(outputName(`short/báo cáo.txt`, '/tmp/out'), 'short/báo cáo.txt');
  });
});
