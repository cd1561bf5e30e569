import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DoneIndex } from '../../src/batch/done-index.js';
import type { Manifest } from '../../src/batch/manifest.js';
import { appendDrop, appendRecord, closeLogs, encodeRecord, logDir, scanLog } from '../../src/batch/state-log.js';
import { compactLogs } from '../../src/batch/compact-log.js';
import { failedRow } from '../../src/emit/sheets.js';

const dirs: string[] = [];
after(() => {
  closeLogs();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'baocao-state-log-'));
  dirs.push(d);
  return d;
};
const manifest = (sha256: string): Manifest => ({ version: 2, sha256, settings: '[]', files: [], row: { ...failedRow('in/a.txt', 'x'), status: 'ok', error: '' } });
const record = (name: string, rows = 'archive\t{}\n') => encodeRecord(`name\t${JSON.stringify(name)}\nat\t1\nmanifest\t${JSON.stringify(manifest('s'))}\n${rows}`);
const names = (buf: Buffer, from = 0) => {
  const seen: string[] = [];
  const stop = scanLog(buf, from, (h) => seen.push(h.name));
  return { seen, stop };
};

describe('reading a batch log', () => {
  it('reads every whole record and stops before a last record cut short', () => {
    const whole = Buffer.concat([record('a'), record('b\ttab\nnewline')]);
    const torn = record('c');
    for (let cut = 1; cut < torn.byteLength; cut += 7) {
      const { seen, stop } = names(Buffer.concat([whole, torn.subarray(0, cut)]));
      assert.deepEqual(seen, ['a', 'b\ttab\nnewline'], `cut at ${cut}`);
      assert.equal(stop, whole.byteLength, 'a writer may still be appending it: read again from there');
    }
  });

  it('skips a damaged record in the middle and reads the ones after it', () => {
    const bad = record('b', 'archive\t{"x":1}\n');
    bad[bad.byteLength - 5] = 0x30; // a byte changed: the checksum no longer matches
    assert.deepEqual(names(Buffer.concat([record('a'), bad, record('c')])).seen, ['a', 'c']);
    const garbled = Buffer.from('BAOCAO-LOG1 x zz\nrubbish\n');
    assert.deepEqual(names(Buffer.concat([record('a'), garbled, record('c')])).seen, ['a', 'c']);
  });
});

describe('the done index', () => {
  it('takes the newest record of a name, across logs, and a drop hides it', async () => {
    const out = fresh();
    appendRecord(out, { name: 'a', manifest: manifest('old'), rowsText: 'archive\t1\n' });
    appendRecord(out, { name: 'b', manifest: manifest('b'), rowsText: '' });
    closeLogs(out);
    await new Promise((r) => setTimeout(r, 5));
    appendRecord(out, { name: 'a', manifest: manifest('new'), rowsText: 'archive\t2\n' });
    appendDrop(out, 'b');
    closeLogs(out);
    assert.equal(readdirSync(logDir(out)).length, 2, 'one log per writer, a new one after close');
    const index = new DoneIndex(out);
    assert.equal(index.get('a')?.manifest.sha256, 'new');
    assert.equal(index.rows('a')?.get('archive'), '2');
    assert.equal(index.get('b'), null);
    assert.deepEqual(index.names(), ['a']);
    index.close();
  });

  it('sees what a log gained since it last looked', () => {
    const out = fresh();
    appendRecord(out, { name: 'a', manifest: manifest('a'), rowsText: '' });
    const index = new DoneIndex(out);
    appendRecord(out, { name: 'b', manifest: manifest('b'), rowsText: '' });
    const log = join(logDir(out), readdirSync(logDir(out))[0]!);
    // Half of a third record, as a writer killed in the middle of its write leaves it.
    const third = record('c');
    appendFileSync(log, third.subarray(0, 30));
    index.refresh();
    assert.deepEqual(index.names(), ['a', 'b']);
    appendFileSync(log, third.subarray(30));
    index.refresh();
    assert.deepEqual(index.names(), ['a', 'b', 'c'], 'the record finished later is read whole');
    index.close();
    closeLogs(out);
    truncateSync(log, readFileSync(log).byteLength - 3);
    const after = new DoneIndex(out);
    assert.deepEqual(after.names(), ['a', 'b'], 'a torn last record does not count');
    after.close();
  });

  it('reads the layout of earlier versions (a manifest and a rows file per document), the newer of the two layouts winning', () => {
    const out = fresh();
    mkdirSync(join(out, '.baocao', 'done', 'sub'), { recursive: true });
    mkdirSync(join(out, '.baocao', 'rows', 'sub'), { recursive: true });
    writeFileSync(join(out, '.baocao', 'done', 'sub', 'x.txt.json'), JSON.stringify(manifest('old-x')));
    writeFileSync(join(out, '.baocao', 'rows', 'sub', 'x.txt.rows'), 'archive\t{"old":1}\n');
    writeFileSync(join(out, '.baocao', 'done', 'y.txt.json'), JSON.stringify(manifest('old-y')));
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(out, '.baocao', 'done', 'y.txt.json'), past, past);
    appendRecord(out, { name: 'y.txt', manifest: manifest('log-y'), rowsText: '' });
    closeLogs(out);
    const index = new DoneIndex(out);
    assert.deepEqual(index.names(), ['sub/x.txt', 'y.txt']);
    assert.equal(index.get('sub/x.txt')?.manifest.sha256, 'old-x');
    assert.equal(index.rows('sub/x.txt')?.get('archive'), '{"old":1}');
    assert.equal(index.get('y.txt')?.manifest.sha256, 'log-y', 'the log record is newer than the old manifest');
    index.close();
  });
});

describe('compacting the batch logs', () => {
  it('keeps the newest record of every name (drops included) in one log, and reads the same', async () => {
    const out = fresh();
    for (let run = 0; run < 3; run++) {
      appendRecord(out, { name: 'a', manifest: manifest(`a${run}`), rowsText: `archive\t${run}\n` });
      appendRecord(out, { name: 'b\nodd', manifest: manifest(`b${run}`), rowsText: '' });
      if (run === 2) appendDrop(out, 'c');
      else appendRecord(out, { name: 'c', manifest: manifest('c'), rowsText: '' });
      closeLogs(out);
      await new Promise((r) => setTimeout(r, 3));
    }
    const before = new DoneIndex(out);
    const seen = (index: DoneIndex) => index.names().map((n) => [n, index.get(n)?.manifest.sha256, index.rows(n)?.get('archive')]);
    const expected = seen(before);
    before.close();
    assert.deepEqual(expected, [['a', 'a2', '2'], ['b\nodd', 'b2', undefined]]);
    // An old-layout manifest of 'c', older than its drop: only the kept drop hides it after compacting.
    mkdirSync(join(out, '.baocao', 'done'), { recursive: true });
    writeFileSync(join(out, '.baocao', 'done', 'c.json'), JSON.stringify(manifest('old-c')));
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(join(out, '.baocao', 'done', 'c.json'), past, past);
    assert.equal(compactLogs(out), false, 'small logs are left alone');
    assert.equal(compactLogs(out, { force: true }), true);
    const logs = readdirSync(logDir(out));
    assert.equal(logs.length, 1);
    const after = new DoneIndex(out);
    assert.deepEqual(seen(after), expected);
    assert.equal(after.get('c'), null, 'the drop is kept');
    after.close();
    assert.equal(readFileSync(join(logDir(out), logs[0]!), 'utf8').split('BAOCAO-LOG1 ').length - 1, 3);
  });
});

describe('compacting beside another running writer', () => {
  it("leaves a log of another live process (a review page, a second batch) neither copied nor removed", () => {
    const out = fresh();
    for (let run = 0; run < 2; run++) {
      appendRecord(out, { name: 'a', manifest: manifest(`a${run}`), rowsText: '' });
      closeLogs(out);
    }
    // The parent process (the test runner) is alive: its log may still be appended to.
    const theirs = join(logDir(out), `${process.ppid}-1-live.log`);
    writeFileSync(theirs, encodeRecord(`name\t"z"\nat\t${Date.now()}\nmanifest\t${JSON.stringify(manifest('z'))}\n`));
    assert.equal(compactLogs(out, { force: true }), true);
    const logs = readdirSync(logDir(out)).sort();
    assert.equal(logs.length, 2);
    assert.ok(logs.includes(`${process.ppid}-1-live.log`));
    const index = new DoneIndex(out);
    assert.deepEqual([index.get('a')?.manifest.sha256, index.get('z')?.manifest.sha256], ['a1', 'z']);
    index.close();
  });
});

describe('compacting after a batch into a folder that held no record', () => {
  const big = (n: number) => `archive\t${'x'.repeat(400_000)}${n}\n`;

  it('leaves its few logs unread, though they would be compacted in a folder with earlier records', () => {
    const out = fresh();
    for (let run = 0; run < 3; run++) {
      appendRecord(out, { name: 'a', manifest: manifest(`a${run}`), rowsText: big(run) });
      closeLogs(out);
    }
    assert.equal(compactLogs(out, { fresh: true }), false);
    assert.equal(readdirSync(logDir(out)).length, 3);
    assert.equal(compactLogs(out), true, 'three times the live bytes, over 1 MB: compacted when weighed');
    assert.equal(readdirSync(logDir(out)).length, 1);
  });

  it('still compacts them when they are many (a worker per big file)', () => {
    const out = fresh();
    for (let run = 0; run < 64; run++) {
      appendRecord(out, { name: `d${run}`, manifest: manifest(`d${run}`), rowsText: '' });
      closeLogs(out);
    }
    assert.equal(compactLogs(out, { fresh: true }), true);
    const index = new DoneIndex(out);
    assert.equal(index.names().length, 64);
    index.close();
  });
});
