import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../../src/batch/run.js';
import type { BatchSettings } from '../../src/batch/convert-file.js';
import { appendCorrection, listDocuments, readDocument } from '../../src/review/folder.js';
import { restoredLines } from '../../src/core/corrections.js';

const REPORT = 'UY BAN NHAN DAN XA NAM SO\n\nBAO CAO\n\nUy ban nhan dan xa Nam So bao cao ket qua thuc hien nhiem vu nam 2024.\n';

describe('a folder converted again keeps the review decisions', () => {
  let dir = '', out = '', input = '';
  const settings = (extra: Partial<BatchSettings> = {}): BatchSettings => ({ outDir: out, formats: ['json', 'txt'], resume: false, restore: true, restoreInput: 'stripped', fsync: false, ...extra });
  const corrected = async () => JSON.parse(await readFile(join(out, 'report.txt.json'), 'utf8'));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baocao-corrections-'));
    input = join(dir, 'report.txt');
    await writeFile(input, REPORT);
    out = join(dir, 'out');
    assert.equal((await runBatch([input], settings(), 1)).converted, 1);
    // A person types the commune's name right, as `baocao review` logs it.
    const [doc] = listDocuments(out).values();
    const result = readDocument(out, doc!);
    const [key, line] = [...restoredLines(result)].find(([, l]) => l.text.includes('Sở'))!;
    const start = line.text.indexOf('Sở');
    const [page, l] = key.split(':').map(Number);
    appendCorrection(out, { page: page!, line: l!, start, end: start + 2, before: 'Sở', after: 'Sỏ', time: '2026-01-01T00:00:00Z', action: 'typed', sha256: result.source.sha256, document: doc!.name });
    // A decision on a word the text no longer has at its place stays in the log only.
    appendCorrection(out, { page: 1, line: 1, start: 0, end: 3, before: 'zzz', after: 'yyy', time: '2026-01-01T00:00:01Z', action: 'typed', sha256: result.source.sha256, document: doc!.name });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes the matching decisions into the JSON and the text when converted again without --resume', async () => {
    assert.equal((await runBatch([input], settings(), 1)).converted, 1);
    const json = await corrected();
    assert.equal(json.corrections?.length, 1, 'the one decision that still matches');
    assert.equal(json.corrections[0].after, 'Sỏ');
    assert.match(json.text.corrected, /xã \S+ Sỏ báo cáo/);
    assert.doesNotMatch(json.text.restored, /Sỏ/, 'the machine reading is kept as it was');
    assert.match(await readFile(join(out, 'report.txt.txt'), 'utf8'), /Sỏ/);
    // The decision that no longer matches is said, not dropped silently.
    const stale = json.diagnostics.filter((d: { ruleId: string }) => d.ruleId === 'review/stale-corrections');
    assert.equal(stale.length, 1);
    assert.match(stale[0].message, /^1 review decision logged .* "zzz" → "yyy"/);
    assert.equal(stale[0].severity, 'warning');
  });

  it('keeps them when --resume converts again for other settings, with the worker threads', async () => {
    const summary = await runBatch([input], settings({ resume: true, formats: ['json', 'txt', 'md'] }), 2);
    assert.equal(summary.converted, 1);
    assert.match((await corrected()).text.corrected, /xã \S+ Sỏ báo cáo/);
    assert.match(await readFile(join(out, 'report.txt.md'), 'utf8'), /Sỏ/);
  });
});
