import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli, startCli } from '../cli/run-cli.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';
import { DoneIndex } from '../../src/batch/done-index.js';

let redis: { url: string; stop: () => Promise<void> } | undefined;
let dir: string;
/** Every worker a test starts, killed at the end even when an assertion failed half-way. */
const children: ReturnType<typeof startCli>[] = [];
const spawnWorker = (args: string[]) => {
  const c = startCli(['worker', ...args]);
  children.push(c);
  return c;
};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-queue-'));
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function makeInputs(folder: string, n: number): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (let i = 0; i < n; i++) {
    await writeFile(join(folder, `bc-${String(i).padStart(3, '0')}.txt`), `UY BAN NHAN DAN\nXA AN BINH ${i}\nSo: ${i + 1}/BC-UBND\nBAO CAO\nKet qua cong tac tuyen truyen nam 2023 cua xa so ${i}\nI. KET QUA\nDa to chuc ${i} hoi nghi tuyen truyen phap luat cho nhan dan.\n`);
  }
}

async function walkFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(relative(root, join(e.parentPath, e.name)));
  return out;
}

function waitForLine(child: ReturnType<typeof startCli>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const on = (d: Buffer) => {
      text += d;
      if (pattern.test(text)) resolve();
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${text}`)));
  });
}

describe('distributed batch on BullMQ and Redis', { skip: REDIS_MISSING ?? false }, () => {
  it('adds one job per input, and adding again adds nothing', async () => {
    const inputs = join(dir, 'idem');
    await makeInputs(inputs, 3);
    const queueName = ['--redis', redis!.url];
    const first = await runCli(['queue', 'add', inputs, '-o', join(dir, 'idem-out'), ...queueName]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^3 jobs added\n$/);
    const again = await runCli(['queue', 'add', inputs, '-o', join(dir, 'idem-out'), ...queueName]);
    assert.match(again.stdout, /^0 jobs added, 3 already queued or done\n$/);
    const status = await runCli(['queue', 'status', '--json', ...queueName]);
    assert.equal(JSON.parse(status.stdout).waiting, 3);
    // Drain these jobs so the next test starts from an empty queue.
    const w = spawnWorker([...queueName, '--quiet']);
    for (;;) {
      const s = JSON.parse((await runCli(['queue', 'status', '--json', ...queueName])).stdout);
      if (s.waiting + s.active === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    w.kill('SIGTERM');
  });

  it('converts 200 files exactly once with 2 workers when one is killed mid-run and another started', async () => {
    const inputs = join(dir, 'chaos');
    const out = join(dir, 'chaos-out');
    await makeInputs(inputs, 200);
    const q = ['--redis', redis!.url];
    assert.equal((await runCli(['queue', 'add', inputs, '-o', out, ...q])).code, 0);
    const a = spawnWorker([...q, '--lock-seconds', '2']);
    const b = spawnWorker([...q, '--lock-seconds', '2']);
    await waitForLine(a, /converted .*bc-\d+\.txt[\s\S]*converted .*bc-\d+\.txt[\s\S]*converted/);
    a.kill('SIGKILL');
    const c = spawnWorker([...q, '--lock-seconds', '2']);
    const deadline = Date.now() + 240_000;
    let status;
    for (;;) {
      status = JSON.parse((await runCli(['queue', 'status', '--json', ...q])).stdout);
      if (status.waiting + status.active + status.delayed === 0 && status.done + status.failed >= 203) break;
      assert.ok(Date.now() < deadline, `queue not drained: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    b.kill('SIGTERM');
    c.kill('SIGTERM');
    assert.equal(status.failed, 0, JSON.stringify(status.failures));
    const collected = await runCli(['queue', 'collect', '-o', out, ...q]);
    assert.match(collected.stdout, /^200 rows in /);
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.equal(rows.length, 200);
    assert.equal(new Set(rows.map((r) => r.path)).size, 200);
    assert.ok(rows.every((r) => r.status === 'ok'), rows.filter((r) => r.status !== 'ok').map((r) => r.error).join('; '));
    const files = await walkFiles(out);
    const jsons = files.filter((f) => f.endsWith('.txt.json') && !f.startsWith('.baocao'));
    assert.equal(jsons.length, 200);
    // One record per document in the workers' logs (each worker process appends to its own).
    const index = new DoneIndex(out);
    assert.equal(index.names().length, 200);
    index.close();
    assert.ok(files.filter((f) => f.startsWith('.baocao/log/')).length >= 2, 'a log per worker process');
    for (const f of jsons) JSON.parse(await readFile(join(out, f), 'utf8')); // none half-written
    // The batch tables as convert writes them: every document's paragraphs, keyed by its path.
    const paragraphs = parseCsv(await readFile(join(out, 'paragraphs.csv'), 'utf8'));
    assert.equal(new Set(paragraphs.map((p) => p.path)).size, 200);
  });
});
