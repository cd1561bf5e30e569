/**
 * A `convert` and queue workers in one output folder: convert is refused while a worker's job
 * writes there (it would sweep the worker's temporaries and write tables without its documents),
 * and a worker's job waits while a convert holds the folder instead of writing beside it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lockPath } from '../../src/batch/output-lock.js';
import { ROOT, runCli, startCli } from '../cli/run-cli.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;
let dir = '';
const children: ReturnType<typeof startCli>[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-beside-'));
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function worker() {
  const c = startCli(['worker', '--redis', redis!.url, '--concurrency', '1']);
  children.push(c);
  let text = '';
  const seen: { pattern: RegExp; resolve: () => void }[] = [];
  const on = (d: Buffer) => {
    text += d;
    for (const s of seen.splice(0)) (s.pattern.test(text) ? s.resolve() : seen.push(s));
  };
  c.stdout!.on('data', on);
  c.stderr!.on('data', on);
  const waitFor = (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(text) ? resolve() : seen.push({ pattern, resolve })));
  return { child: c, waitFor, text: () => text };
}

const status = async () => JSON.parse((await runCli(['queue', 'status', '--json', '--redis', redis!.url])).stdout);

describe('convert and queue workers in one output folder', { skip: REDIS_MISSING ?? false }, () => {
  it('refuses convert while a worker converts into the folder; the worker’s job ends well', async () => {
    const inputs = join(dir, 'scan-in');
    const out = join(dir, 'out-a');
    await mkdir(inputs, { recursive: true });
    await copyFile(join(ROOT, 'fixtures/scans/pages-2p.tif'), join(inputs, 'scan.tif'));
    assert.equal((await runCli(['queue', 'add', inputs, '-o', out, '--redis', redis!.url])).code, 0);
    const w = worker();
    // The job is in the folder once the worker's file is there (OCR then takes seconds).
    while ((await readdir(join(out, '.baocao', 'writers')).catch(() => [])).length === 0) await new Promise((r) => setTimeout(r, 50));
    const other = join(dir, 'text-in');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'a.txt'), 'BAO CAO\nKet qua cong tac\n');
    const refused = await runCli(['convert', other, '-o', out]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`output folder '.*out-a' is being written by 1 queue worker \\(baocao worker, pid ${w.child.pid} on ${hostname()}\\)`));
    await w.waitFor(/converted .*scan\.tif/);
    assert.ok((await stat(join(out, 'scan.tif.json'))).size > 0);
    // The job's line is printed just before it leaves the folder.
    for (let i = 0; i < 50 && (await readdir(join(out, '.baocao', 'writers'))).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await readdir(join(out, '.baocao', 'writers')), [], 'the worker’s file goes with its last job');
    w.child.kill('SIGTERM');
    await new Promise((r) => w.child.once('exit', r));
  });

  it('keeps a job waiting while a convert holds the folder, then converts it once the folder is free', async () => {
    const inputs = join(dir, 'wait-in');
    const out = join(dir, 'out-b');
    await mkdir(join(out, '.baocao'), { recursive: true });
    await mkdir(inputs, { recursive: true });
    await writeFile(join(inputs, 'b.txt'), 'BAO CAO\nKet qua cong tac\n');
    // A live process holding the folder as a convert run.
    const holder = spawn('sleep', ['60']);
    await writeFile(lockPath(out), JSON.stringify({ pid: holder.pid, host: hostname(), started: new Date().toISOString(), command: 'baocao convert', token: 'held' }));
    try {
      assert.equal((await runCli(['queue', 'add', inputs, '-o', out, '--redis', redis!.url])).code, 0);
      const w = worker();
      await w.waitFor(/b\.txt: output folder '.*out-b' is in use by baocao convert, pid \d+ .*: the job waits 10 s/);
      await assert.rejects(stat(join(out, 'b.txt.json')), 'nothing written while the convert holds the folder');
      const s = await status();
      assert.equal(s.failed, 0);
      holder.kill();
      await w.waitFor(/converted .*b\.txt/);
      assert.ok((await stat(join(out, 'b.txt.json'))).size > 0);
      assert.equal((await status()).failed, 0);
      w.child.kill('SIGTERM');
      await new Promise((r) => w.child.once('exit', r));
    } finally {
      holder.kill();
    }
  });
});
