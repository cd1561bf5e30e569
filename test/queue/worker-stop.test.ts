/**
 * Stopping a worker and the short queue commands when Redis is unreachable: a signal is answered
 * (the first says what it does, a second stops at once), a job in flight is never lost (it stays in
 * the queue and another worker converts it), and `queue add` / `collect` end with a clear error.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, runCli, startCli } from '../cli/run-cli.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

let dir = '';
const children: ReturnType<typeof startCli>[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-worker-stop-'));
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function spawnWorker(args: string[]) {
  const c = startCli(['worker', ...args]);
  children.push(c);
  let text = '';
  c.stdout!.on('data', (d) => (text += d));
  c.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => c.on('exit', (code, signal) => resolve({ code, signal })));
  const waitFor = (pattern: RegExp, ms = 60_000) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in ${ms} ms: ${text}`)), ms);
    const look = () => {
      if (pattern.test(text)) (clearTimeout(timer), resolve());
    };
    c.stdout!.on('data', look);
    c.stderr!.on('data', look);
    c.on('exit', () => (clearTimeout(timer), pattern.test(text) ? resolve() : reject(new Error(`worker exited: ${text}`))));
    look();
  });
  return { child: c, exited, waitFor, text: () => text };
}

/** Resolves with the exit, or null when it does not come within `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), ms).unref())]);
}

/** A port nothing listens on: a Redis that is down. */
const DEAD = 'redis://127.0.0.1:1';

describe('the worker and the queue commands when Redis is unreachable', { skip: REDIS_MISSING ?? false }, () => {
  it('an idle worker stops on the first SIGTERM while Redis is down, saying what it does', async () => {
    const redis = await startRedis();
    const w = spawnWorker(['--redis', redis.url, '--quiet']);
    await w.waitFor(/worker ready/);
    await redis.stop();
    await new Promise((r) => setTimeout(r, 1500)); // the worker notices and starts reconnecting
    w.child.kill('SIGTERM');
    const end = await within(w.exited, 10_000);
    assert.ok(end, `still running 10 s after SIGTERM: ${w.text()}`);
    assert.equal(end.code, 0, w.text());
    assert.match(w.text(), /finishing the current jobs; send the signal again to stop now/);
  });

  it('a second signal stops at once and the job in flight stays in the queue for another worker', async () => {
    const redis = await startRedis();
    try {
      const inputs = join(dir, 'inflight');
      const out = join(dir, 'inflight-out');
      await mkdir(inputs, { recursive: true });
      // A scan: OCR keeps the job running for seconds.
      await copyFile(join(ROOT, 'fixtures/scans/pages-2p.tif'), join(inputs, 'scan.tif'));
      const added = await runCli(['queue', 'add', inputs, '-o', out, '--redis', redis.url]);
      assert.equal(added.code, 0, added.stderr);
      const first = spawnWorker(['--redis', redis.url, '--lock-seconds', '2', '--concurrency', '1']);
      await first.waitFor(/worker ready/);
      // The job is being converted once the worker's file is in the folder (Redis's 'active' comes a moment before).
      while ((await readdir(join(out, '.baocao', 'writers')).catch(() => [])).length === 0) await new Promise((r) => setTimeout(r, 50));
      first.child.kill('SIGTERM');
      await first.waitFor(/finishing the current jobs; send the signal again to stop now/, 10_000);
      assert.equal(await within(first.exited, 500), null, 'the first signal waits for the job in flight');
      first.child.kill('SIGTERM');
      const end = await within(first.exited, 5_000);
      assert.ok(end, `still running 5 s after the second SIGTERM: ${first.text()}`);
      assert.notEqual(end.code, 0, 'stopped before its job ended');
      await assert.rejects(stat(join(out, 'scan.tif.json')), 'the job had not ended');
      // Another worker takes the job over once its lock lapses, and converts it.
      const second = spawnWorker(['--redis', redis.url, '--lock-seconds', '2', '--concurrency', '1']);
      await second.waitFor(/converted .*scan\.tif/, 120_000);
      assert.ok((await stat(join(out, 'scan.tif.json'))).size > 0);
      const s = JSON.parse((await runCli(['queue', 'status', '--json', '--redis', redis.url])).stdout);
      assert.equal(s.done, 1);
      assert.equal(s.failed, 0);
      second.child.kill('SIGTERM');
      assert.equal((await second.exited).code, 0);
    } finally {
      await redis.stop();
    }
  });

  it('queue add, status and collect end with a clear error and exit 2 when Redis is down', async () => {
    const inputs = join(dir, 'down');
    await mkdir(inputs, { recursive: true });
    await writeFile(join(inputs, 'a.txt'), 'BAO CAO\nKet qua\n');
    for (const args of [['queue', 'add', inputs, '-o', join(dir, 'down-out')], ['queue', 'status'], ['queue', 'collect', '-o', join(dir, 'down-out')]]) {
      const run = await within(runCli([...args, '--redis', DEAD]), 30_000);
      assert.ok(run, `${args.join(' ')} still running after 30 s`);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^baocao: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*ECONNREFUSED.*\): is redis-server running there\? \(--redis or BAOCAO_REDIS\)\n$/);
    }
  });

  it('a worker that cannot reach Redis at its start says so and stops on SIGTERM', async () => {
    const w = spawnWorker(['--redis', DEAD]);
    await w.waitFor(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/, 20_000);
    w.child.kill('SIGTERM');
    const end = await within(w.exited, 10_000);
    assert.ok(end, `still running 10 s after SIGTERM: ${w.text()}`);
  });
});
