import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from './run-cli.js';

// A note with no Decree-30 header: segment/missing-header and missing-field warnings at line 1.
let dir: string, note: string, broken: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-log-'));
  note = join(dir, 'note.txt');
  await writeFile(note, 'Ghi chu ve viec kiem tra kho luu tru.\nSo lieu se gui sau.\n');
  broken = join(dir, 'gone.txt'); // named but absent: an error row
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('convert log levels', () => {
  it('warn prints each warning with its ruleId and page:line, and no progress or summary', async () => {
    const r = await runCli(['convert', note, '-o', join(dir, 'warn'), '--no-restore', '--log-level', 'warn']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^baocao: warning: \S*note\.txt:1:1 segment\/missing-header: no Decree-30 header/m);
  });

  it('info (the default) adds each converted file and the summary; --quiet keeps only errors', async () => {
    const info = await runCli(['convert', note, broken, '-o', join(dir, 'info'), '--no-restore']);
    assert.equal(info.code, 1);
    assert.match(info.stdout, /^converted \S*note\.txt$/m);
    assert.match(info.stdout, /1 converted, 1 failed \(1 of them refused while listing\); summary in/);
    assert.match(info.stderr, /segment\/missing-header/);
    const quiet = await runCli(['convert', note, broken, '-o', join(dir, 'quiet'), '--no-restore', '--quiet']);
    assert.equal(quiet.code, 1);
    assert.equal(quiet.stdout, '');
    assert.doesNotMatch(quiet.stderr, /warning/);
    assert.match(quiet.stderr, /gone\.txt/);
  });

  it('-v adds the settings and each file\'s time by stage', async () => {
    const r = await runCli(['convert', note, '-o', join(dir, 'debug'), '--no-restore', '-v']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^baocao: debug: settings .*formats=json,csv/m);
    assert.match(r.stderr, /^baocao: debug: \S*note\.txt: ingest \d+ ms · normalise \d+ ms · restore \d+ ms · segment \d+ ms · cells \d+ ms · signature-ink \d+ ms · pen-values \d+ ms · page-numbers \d+ ms · emit \d+ ms · write \d+ ms · total \d+ ms$/m);
  });

  it('--log-json writes one JSON object per event on stderr and nothing on stdout', async () => {
    const r = await runCli(['convert', note, broken, '-o', join(dir, 'json'), '--no-restore', '--log-json']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    const events = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual([...new Set(events.map((e) => e.event))].sort(), ['file', 'problem', 'start', 'summary', 'warning']);
    assert.ok(events.every((e) => typeof e.time === 'string' && ['error', 'warn', 'info'].includes(e.level as string)));
    const warning = events.find((e) => e.event === 'warning' && e.ruleId === 'segment/missing-header');
    assert.deepEqual([warning?.level, warning?.page, warning?.line], ['warn', 1, 1]);
    // An input that cannot be read is a 'problem' (no file was converted); a failed conversion a 'file' at error level.
    const failed = events.find((e) => e.event === 'problem');
    assert.equal(failed?.level, 'error');
    assert.match(String(failed?.path), /gone\.txt$/);
    assert.equal(events.at(-1)?.event, 'summary');
  });

  it('refuses --quiet together with another level (usage error)', async () => {
    const r = await runCli(['convert', note, '-o', join(dir, 'both'), '--quiet', '--log-level', 'debug']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot be used with/);
  });
});
