import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ZipError, zipDirectoryEntries, zipEndRecord } from '../../src/core/zip-directory.js';

/** A ZIP of stored entries, with a comment after the end record. */
function zip(files: Record<string, string>, comment = ''): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const [name, text] of Object.entries(files)) {
    const n = Buffer.from(name, 'utf8'), data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    parts.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(at, 42);
    central.push(c, n);
    at += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  end.writeUInt16LE(Buffer.byteLength(comment), 20);
  return new Uint8Array(Buffer.concat([...parts, cd, end, Buffer.from(comment)]));
}

describe('ZIP central directory', () => {
  it('finds the end record behind a comment and lists the entries with their UTF-8 names and places', () => {
    const bytes = zip({ 'word/document.xml': '<w/>', 'tệp.txt': 'abc' }, 'a comment PK');
    const end = zipEndRecord(bytes)!;
    assert.equal(end.count, 2);
    assert.equal(end.zip64, false);
    const entries = zipDirectoryEntries(bytes.subarray(end.start), end.count);
    assert.deepEqual(entries.map((e) => [e.name, e.size, e.localOffset]), [['word/document.xml', 4, 0], ['tệp.txt', 3, 51]]);
    assert.deepEqual([...entries[1]!.nameBytes], [...Buffer.from('tệp.txt')]);
  });

  it('says there is no directory, and refuses a damaged or cut one with ZipError', () => {
    assert.equal(zipEndRecord(new Uint8Array(10)), null);
    assert.equal(zipEndRecord(new TextEncoder().encode('no zip here, only text '.repeat(5))), null);
    const bytes = zip({ 'a.xml': '<a/>' });
    const end = zipEndRecord(bytes)!;
    assert.throws(() => zipDirectoryEntries(bytes.subarray(end.start + 1), end.count), ZipError);
    assert.throws(() => zipDirectoryEntries(bytes.subarray(end.start, end.start + 50), end.count), ZipError);
  });
});
