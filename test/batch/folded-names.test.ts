import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { foldedName, outputDriveFolding, RecordedNames, recordedTwin, refuseFoldedTwins, type NameFolding } from '../../src/batch/folded-names.js';
import { runBatch } from '../../src/batch/run.js';
import type { BatchSettings } from '../../src/batch/convert-file.js';
import type { InputFile } from '../../src/batch/input-file.js';

const file = (rel: string): InputFile => ({ abs: `/in/${rel}`, rel, display: `in/${rel}` });
const CASE: NameFolding = { case: true, unicode: false };
const UNICODE: NameFolding = { case: false, unicode: true };
const BOTH: NameFolding = { case: true, unicode: true };
const nothingOnDrive: string[] = [];

describe('inputs whose outputs would share one name on the output drive', () => {
  it('keeps every input when the drive tells names apart byte for byte', () => {
    const files = [file('Case.txt'), file('case.txt'), file('b\u00e1o.txt'), file('ba\u0301o.txt')];
    const { files: kept, refused } = refuseFoldedTwins(files, '/out', { case: false, unicode: false }, nothingOnDrive);
    assert.deepEqual(kept, files);
    assert.deepEqual(refused, []);
  });

  it('refuses the second of two names that differ only by case on a drive that ignores case, naming the first', () => {
    const files = [file('Case.txt'), file('a.txt'), file('case.txt'), file('CASE.TXT')];
    const { files: kept, refused } = refuseFoldedTwins(files, '/out', CASE, nothingOnDrive);
    assert.deepEqual(kept.map((f) => f.rel), ['Case.txt', 'a.txt']);
    assert.deepEqual(refused.map((r) => r.arg), ['in/case.txt', 'in/CASE.TXT']);
    assert.match(refused[0]!.message, /would overwrite those of 'in\/Case\.txt'.*ignores case/);
  });

  it('compares folders too: a/x.txt and A/x.txt are one output place on such a drive', () => {
    const { refused } = refuseFoldedTwins([file('A/x.txt'), file('a/x.txt'), file('b/x.txt')], '/out', CASE, nothingOnDrive);
    assert.deepEqual(refused.map((r) => r.arg), ['in/a/x.txt']);
  });

  it('refuses a name typed in decomposed Unicode beside its composed twin only where the drive ignores the encoding', () => {
    const files = [file('b\u00e1o-c\u00e1o.txt'), file('ba\u0301o-ca\u0301o.txt')];
    assert.equal(refuseFoldedTwins(files, '/out', CASE, nothingOnDrive).refused.length, 0);
    const { refused } = refuseFoldedTwins(files, '/out', UNICODE, nothingOnDrive);
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.message, /how accents are encoded/);
  });

  it('keeps the input whose outputs an earlier run already wrote, so a new twin never overwrites them', () => {
    const files = [file('Case.txt'), file('case.txt')]; // 'Case.txt' sorts first
    const { files: kept, refused } = refuseFoldedTwins(files, '/out', BOTH, ['a.txt', 'case.txt']);
    assert.deepEqual(kept.map((f) => f.rel), ['case.txt']);
    assert.deepEqual(refused.map((r) => r.arg), ['in/Case.txt']);
  });

  it('refuses an input alone in its run whose twin an earlier run converted into the folder, naming that document', () => {
    const { files: kept, refused } = refuseFoldedTwins([file('Case.txt'), file('b.txt')], '/out', CASE, ['case.txt']);
    assert.deepEqual(kept.map((f) => f.rel), ['b.txt']);
    assert.equal(refused.length, 1);
    assert.match(refused[0]!.message, /would overwrite those of 'case\.txt', converted into this folder earlier.*ignores case.*--prune/);
    // Both twins of this run refused when neither is the one recorded.
    assert.equal(refuseFoldedTwins([file('Case.txt'), file('CASE.txt')], '/out', CASE, ['case.txt']).refused.length, 2);
  });

  it('lets a document be converted again under its own recorded name', () => {
    assert.deepEqual(refuseFoldedTwins([file('case.txt')], '/out', BOTH, ['case.txt']).refused, []);
    assert.equal(recordedTwin('case.txt', BOTH, new Map([['case.txt', 'case.txt']])), null);
    assert.match(recordedTwin('Case.txt', BOTH, new Map([['case.txt', 'case.txt']]))!, /'case\.txt', converted into this folder earlier/);
    assert.equal(recordedTwin('Case.txt', { case: false, unicode: false }, new Map([['case.txt', 'case.txt']])), null);
  });

  it("reads the names from the folder's batch records, and those recorded after it first looked", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folded-records-'));
    const input = join(dir, 'in');
    mkdirSync(input);
    writeFileSync(join(input, 'case.txt'), 'BÁO CÁO\nKết quả công tác.\n');
    const settings: BatchSettings = { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, fsync: false };
    await runBatch([join(input, 'case.txt')], settings, 1);
    const names = new RecordedNames(settings.outDir, CASE);
    assert.match(names.twinOf('Case.txt')!, /'case\.txt'/);
    assert.equal(names.twinOf('case.txt'), null);
    assert.equal(names.twinOf('B.txt'), null);
    writeFileSync(join(input, 'b.txt'), 'Một văn bản khác.\n');
    await runBatch([join(input, 'b.txt')], settings, 1);
    assert.match(names.twinOf('B.txt')!, /'b\.txt'/);
  });

  it('folds names as such drives compare them', () => {
    assert.equal(foldedName('B\u00c1O.txt', BOTH), foldedName('ba\u0301o.TXT', BOTH));
    assert.notEqual(foldedName('B\u00c1O.txt', UNICODE), foldedName('b\u00e1o.txt', UNICODE));
  });

  it('probes the drive without leaving anything behind, and finds this test drive case- and encoding-sensitive when it is', () => {
    const out = mkdtempSync(join(tmpdir(), 'folded-probe-'));
    mkdirSync(join(out, 'keep'));
    const folding = outputDriveFolding(out);
    assert.deepEqual(readdirSync(out), ['keep']);
    // What the drive really does, asked another way: two files differing only by case.
    writeFileSync(join(out, 'keep', 'X'), '');
    writeFileSync(join(out, 'keep', 'x'), '');
    writeFileSync(join(out, 'keep', '\u00e9'), '');
    writeFileSync(join(out, 'keep', 'e\u0301'), '');
    const names = readdirSync(join(out, 'keep'));
    assert.equal(folding.case, !names.includes('X') || !names.includes('x'));
    assert.equal(folding.unicode, names.length < 3 || names.filter((n) => n.normalize('NFC') === '\u00e9').length < 2);
  });

  it('says nothing about a folder it cannot write to', () => {
    assert.deepEqual(outputDriveFolding('/nonexistent/folder/for/sure'), { case: false, unicode: false });
  });
});
