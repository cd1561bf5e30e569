import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commonBase, resolveInputs } from '../../src/batch/inputs.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-inputs-'));
  await mkdir(join(dir, 'a', 'deep'), { recursive: true });
  await mkdir(join(dir, 'b'), { recursive: true });
  await mkdir(join(dir, 'a', '.hidden'), { recursive: true });
  for (const f of ['a/report.txt', 'a/deep/scan.PDF', 'a/notes.ods', 'a/.hidden/x.txt', 'b/report.txt', 'b/page.tif']) await writeFile(join(dir, f), 'x');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('batch inputs', () => {
  it('walks directories recursively for text, PDF and image files, skipping hidden ones', async () => {
    const r = await resolveInputs([join(dir, 'a')]);
    assert.deepEqual(r.files.map((f) => f.rel), ['deep/scan.PDF', 'report.txt']);
    assert.deepEqual(r.problems, []);
  });

  it("takes Word's macro and template files, browsers' .jfif JPEGs and scanner tools' PNM images from a folder", async () => {
    const folder = join(dir, 'kinds');
    await mkdir(folder, { recursive: true });
    const names = ['a.docm', 'b.dotx', 'c.dot', 'd.dotm', 'e.ott', 'f.jfif', 'g.jpe', 'h.pgm', 'i.pnm', 'j.ppm', 'k.pbm'];
    for (const f of [...names, 'l.xlsx']) await writeFile(join(folder, f), 'x');
    const r = await resolveInputs([folder], dir);
    assert.deepEqual(r.files.map((f) => f.rel), names);
    assert.deepEqual(r.passedOver.first, [join('kinds', 'l.xlsx')]);
  });

  it('counts the files of other kinds it passed over, naming the first few, and not the hidden ones or those of output folders', async () => {
    const r = await resolveInputs([join(dir, 'a'), join(dir, 'b')], dir);
    assert.deepEqual(r.passedOver, { count: 1, archives: 0, first: [join('a', 'notes.ods')] });
    const named = await resolveInputs([join(dir, 'a', 'notes.ods')], dir);
    assert.deepEqual(named.passedOver, { count: 0, archives: 0, first: [] }, 'a file named is converted, not passed over');
    await mkdir(join(dir, 'only-other'), { recursive: true });
    await writeFile(join(dir, 'only-other', 'sheet.ods'), 'x');
    const none = await resolveInputs([join(dir, 'only-other'), join(dir, 'b')], dir);
    assert.deepEqual(none.passedOver, { count: 0, archives: 0, first: [] }, "a folder with nothing to convert says so in its error row, once");
    assert.match(none.problems[0]!.message, /no readable input files in directory \(1 other files skipped/);
  });

  it('converts a file named and also in a folder given once, and does not count it as passed over', async () => {
    await mkdir(join(dir, 'n'), { recursive: true });
    for (const f of ['n/report.txt', 'n/notes.dat', 'n/other.dat']) await writeFile(join(dir, f), 'x');
    for (const args of [['n', 'n/notes.dat'], ['n/notes.dat', 'n'], ['n', 'n/report.txt', 'n/notes.dat']]) {
      const r = await resolveInputs(args.map((a) => join(dir, a)), dir);
      assert.deepEqual(r.files.map((f) => f.rel), ['notes.dat', 'report.txt'], args.join(' '));
      assert.deepEqual(r.passedOver, { count: 1, archives: 0, first: [join('n', 'other.dat')] }, args.join(' '));
      assert.deepEqual(r.problems, []);
    }
    await mkdir(join(dir, 'm'), { recursive: true });
    await writeFile(join(dir, 'm', 'only.dat'), 'x');
    const named = await resolveInputs([join(dir, 'm'), join(dir, 'm', 'only.dat')], dir);
    assert.deepEqual(named.files.map((f) => f.rel), ['only.dat']);
    assert.deepEqual(named.problems, [], 'a folder whose one file is named has something to convert: no error row for it');
    assert.equal(named.passedOver.count, 0);
  });

  it('counts the archives among the files passed over (their documents need unpacking first)', async () => {
    await mkdir(join(dir, 'z'), { recursive: true });
    for (const f of ['z/report.txt', 'z/2019.zip', 'z/old.RAR', 'z/sheet.xlsx']) await writeFile(join(dir, f), 'x');
    const r = await resolveInputs([join(dir, 'z')], dir);
    assert.deepEqual({ count: r.passedOver.count, archives: r.passedOver.archives }, { count: 3, archives: 2 });
  });

  it("skips baocao's own output folders inside the folder it walks", async () => {
    await mkdir(join(dir, 'c', 'output', '.baocao'), { recursive: true });
    await writeFile(join(dir, 'c', 'report.docx'), 'x');
    await writeFile(join(dir, 'c', 'output', 'report.docx.docx'), 'x');
    await writeFile(join(dir, 'c', 'output', 'report.docx.pdf'), 'x');
    const r = await resolveInputs([join(dir, 'c')]);
    assert.deepEqual(r.files.map((f) => f.rel), ['report.docx']);
  });

  it('takes paths relative to the common folder of all inputs, so equal names stay apart', async () => {
    const r = await resolveInputs([join(dir, 'a', 'report.txt'), join(dir, 'b')]);
    assert.equal(r.base, dir);
    assert.deepEqual(r.files.map((f) => f.rel), ['a/report.txt', 'b/page.tif', 'b/report.txt']);
  });

  it('counts a file named twice (directly and through its folder) once', async () => {
    const r = await resolveInputs([join(dir, 'b', 'report.txt'), join(dir, 'b'), `${dir}/b/*.txt`]);
    assert.equal(r.files.length, 2);
  });

  it('reads a named file whatever its extension', async () => {
    const r = await resolveInputs([join(dir, 'a', 'notes.ods')]);
    assert.deepEqual(r.files.map((f) => f.rel), ['notes.ods']);
  });

  it('walks Rich Text (.rtf) files as Word files', async () => {
    await mkdir(join(dir, 'rtf'), { recursive: true });
    await writeFile(join(dir, 'rtf', 'bao-cao.RTF'), '{\\rtf1 x}');
    const r = await resolveInputs([join(dir, 'rtf')]);
    assert.deepEqual(r.files.map((f) => f.rel), ['bao-cao.RTF']);
  });

  it('reports missing paths, empty globs and directories without inputs as problems', async () => {
    await mkdir(join(dir, 'empty'), { recursive: true });
    const r = await resolveInputs([join(dir, 'missing.txt'), `${dir}/*.none`, join(dir, 'empty')]);
    assert.deepEqual(r.problems.map((p) => p.message), ['no such file or directory', 'no files match this pattern', 'no readable input files in directory']);
  });

  it('follows symbolic links to files and folders, once per real folder, and reports what it cannot read', async () => {
    const root = join(dir, 'links');
    await mkdir(join(root, 'real'), { recursive: true });
    await writeFile(join(root, 'real', 'doc.txt'), 'x');
    await symlink(join(root, 'real'), join(root, 'linked-folder'));
    await symlink(join(root, 'real', 'doc.txt'), join(root, 'linked.txt'));
    await symlink(join(root, 'nowhere.txt'), join(root, 'broken.txt'));
    await symlink(root, join(root, 'real', 'loop'));
    execFileSync('mkfifo', [join(root, 'pipe.txt')]);
    const r = await resolveInputs([root]);
    assert.deepEqual(r.files.map((f) => f.rel).sort(), ['linked.txt', 'real/doc.txt']);
    assert.deepEqual(r.problems.map((p) => [p.arg.split('/').pop(), p.message.split(':')[0]]).sort(), [['broken.txt', 'broken symbolic link'], ['pipe.txt', 'not converted']]);
  });

  it('refuses a FIFO named on the command line (as the shell expands *.txt), without opening it', async () => {
    const root = join(dir, 'fifo');
    await mkdir(root, { recursive: true });
    execFileSync('mkfifo', [join(root, 'a.txt')]);
    const r = await resolveInputs([join(root, 'a.txt')]);
    assert.deepEqual(r.files, []);
    assert.match(r.problems[0]?.message ?? '', /named pipe \(FIFO\)/);
  });

  it('finds the deepest common folder', () => {
    assert.equal(commonBase(['/x/a/b/1.txt', '/x/a/c/2.txt']), '/x/a');
    assert.equal(commonBase(['/x/ab/1.txt', '/x/a/2.txt']), '/x');
    assert.equal(commonBase(['/x/a/1.txt']), '/x/a');
  });
});
