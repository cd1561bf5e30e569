import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli, type CliRun, type CsvRow } from './run-cli.js';
import { DoneIndex } from '../../src/batch/done-index.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-write-'));
  const src = join(dir, 'in');
  for (const rel of ['good.txt', 'linked/a.txt', 'blocked.txt', 'sub/c.txt']) {
    await mkdir(join(src, rel, '..'), { recursive: true });
    await writeFile(join(src, rel), `BÁO CÁO\nTệp ${rel}\n\nNội dung.\n`);
  }
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const stackFree = (run: CliRun) => assert.doesNotMatch(run.stderr, /\n\s+at |ENOTDIR: not a directory, mkdir/);

describe('an output folder that cannot be used', () => {
  it('says in one line that -o is a file and exits 2', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const run = await runCli(['convert', join(dir, 'in', 'good.txt'), '-o', join(dir, 'a-file'), '--no-restore']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `baocao: output folder '${join(dir, 'a-file')}' is a file, not a folder: give -o a folder (it is made if missing)\n`);
    stackFree(run);
  });

  it('says which part of -o is a file when -o lies under a file, and exits 2', async () => {
    const run = await runCli(['convert', join(dir, 'in', 'good.txt'), '-o', join(dir, 'a-file', 'out'), '--no-restore']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^baocao: output folder '.*' cannot be made: '.*a-file' is a file, not a folder: give -o another folder\n$/);
  });

  it('says that -o cannot be made in a read-only folder, and exits 2', { skip: process.getuid?.() === 0 ? 'root writes into read-only folders' : false }, async () => {
    await mkdir(join(dir, 'locked'));
    await chmod(join(dir, 'locked'), 0o555);
    const run = await runCli(['convert', join(dir, 'in', 'good.txt'), '-o', join(dir, 'locked', 'out'), '--no-restore']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^baocao: output folder '.*' cannot be made: permission denied \(EACCES\): /);
  });
});

describe('file-system errors while writing one document', () => {
  let run: CliRun;
  let rows: CsvRow[];
  const row = (name: string) => rows.find((r) => r.path.endsWith(name))!;
  const out = () => join(dir, 'out');
  before(async () => {
    await mkdir(join(dir, 'outside'));
    await mkdir(out());
    // A link inside -o that leads out of it, a folder where an output file goes, a file where a folder goes.
    await symlink(join(dir, 'outside'), join(out(), 'linked'));
    await mkdir(join(out(), 'blocked.txt.json'));
    await writeFile(join(out(), 'sub'), 'not a folder');
    run = await runCli(['convert', join(dir, 'in'), '-o', out(), '--no-restore']);
    rows = parseCsv(await readFile(join(out(), 'documents.csv'), 'utf8'));
  });

  it('converts the good file and exits 1', () => {
    assert.equal(run.code, 1);
    assert.equal(rows.length, 4);
    assert.equal(row('good.txt').status, 'ok');
    stackFree(run);
  });

  it('refuses to follow a symbolic link inside -o that leads outside it, and writes nothing there', async () => {
    assert.equal(row('a.txt').status, 'error');
    assert.match(row('a.txt').error, /^write\/EOUTSIDE: refused: baocao writes only inside the output folder \('linked' is a symbolic link to '.*outside', outside the output folder\): remove the link/);
    assert.deepEqual(await readdir(join(dir, 'outside')), []);
  });

  it('reports a folder standing where an output file goes, leaving no part of that document', async () => {
    assert.equal(row('blocked.txt').status, 'error');
    assert.match(row('blocked.txt').error, /^write\/EISDIR: a folder stands where an output file goes \(writing 'blocked.txt.json'\): move that folder away/);
    assert.ok(!existsSync(join(out(), 'blocked.txt.paragraphs.csv')));
    const index = new DoneIndex(out());
    assert.equal(index.get('blocked.txt'), null, 'no record vouches for it');
    assert.ok(index.get('good.txt'), 'the good file has its record');
    index.close();
  });

  it('reports a file standing where an output folder goes', () => {
    assert.equal(row('c.txt').status, 'error');
    assert.match(row('c.txt').error, /^write\/ENOTDIR: a file stands where a folder is needed \(writing 'sub\/c.txt.json'\): /);
  });

  it('prints one line per failed file and leaves no temporary file', async () => {
    // Documents' warnings (listed at the default info level) are not failures.
    const lines = run.stderr.trim().split('\n').filter((l) => !l.startsWith('baocao: warning: '));
    assert.equal(lines.length, 3, run.stderr);
    for (const line of lines) assert.match(line, /^baocao: \S.*: write\/E[A-Z]+: /);
    assert.deepEqual(await readdir(join(out(), '.baocao', 'tmp')), []);
  });

  it('converts them on --resume once the obstacles are gone', async () => {
    await rm(join(out(), 'linked'));
    await rm(join(out(), 'blocked.txt.json'), { recursive: true });
    await rm(join(out(), 'sub'));
    const again = await runCli(['convert', join(dir, 'in'), '-o', out(), '--no-restore', '--resume']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^3 converted, 1 skipped/m);
  });
});
