/**
 * A file named in windows-1258 (an archive from an old Windows or DOS disk) through the queue: a
 * job is JSON, so its path's bytes travel beside the readable name, and the worker must open the
 * same file and name its outputs as `convert` does (`báo cáo.txt.json`).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv, runCli, startCli } from '../cli/run-cli.js';
import { REDIS_MISSING, startRedis } from './redis-server.js';

const TEXT = 'BÁO CÁO\nKết quả công tác năm 2023\n\nI. KẾT QUẢ\nNội dung của báo cáo.\n';
// "báo cáo.txt" in windows-1258, and a folder "hô sơ" holding "inner.txt".
const BAO_CAO = Buffer.from([0x62, 0xe1, 0x6f, 0x20, 0x63, 0xe1, 0x6f, 0x2e, 0x74, 0x78, 0x74]);
const FOLDER = Buffer.from([0x68, 0xf4, 0x20, 0x73, 0xf5]);

let redis: { url: string; stop: () => Promise<void> } | undefined;
let dir = '';
let worker: ReturnType<typeof startCli> | undefined;
const join8 = (...parts: (string | Buffer)[]) => Buffer.concat(parts.flatMap((p, i) => [...(i ? [Buffer.from('/')] : []), Buffer.from(p)]));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baocao-queue-names-'));
  if (!REDIS_MISSING) redis = await startRedis();
});
after(async () => {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('queue: file names that are not UTF-8', { skip: REDIS_MISSING ?? false }, () => {
  it('queues them, and the worker converts the same files under the names convert gives', async () => {
    const inputs = join(dir, 'in');
    await mkdir(inputs);
    await writeFile(join8(inputs, BAO_CAO), TEXT);
    await mkdir(join8(inputs, FOLDER));
    await writeFile(join8(inputs, FOLDER, 'inner.txt'), TEXT.replace('2023', '2024'));
    const q = ['--redis', redis!.url];
    const out = join(dir, 'out');
    const added = await runCli(['queue', 'add', inputs, '-o', out, '--no-restore', ...q]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^2 jobs added\n$/);
    worker = startCli(['worker', ...q, '--quiet']);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const s = JSON.parse((await runCli(['queue', 'status', '--json', ...q])).stdout);
      if (s.waiting + s.active + s.delayed === 0 && s.done + s.failed >= 2) {
        assert.equal(s.failed, 0, JSON.stringify(s.failures));
        break;
      }
      assert.ok(Date.now() < deadline, `queue not drained: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    worker.kill('SIGTERM');
    assert.equal((await runCli(['queue', 'collect', '-o', out, ...q])).code, 0);
    const rows = parseCsv(await readFile(join(out, 'documents.csv'), 'utf8'));
    assert.deepEqual(rows.map((r) => [r.status, r.path.slice(r.path.indexOf('in/') + 3)]), [
      ['ok', 'báo cáo.txt'],
      ['ok', 'hô sơ/inner.txt'],
    ]);
    assert.ok(existsSync(join(out, 'báo cáo.txt.json')));
    const inner = JSON.parse(await readFile(join(out, 'hô sơ', 'inner.txt.json'), 'utf8'));
    assert.match(inner.text.original, /năm 2024/);
    // The same names convert gives the same inputs.
    const converted = await runCli(['convert', inputs, '-o', join(dir, 'convert-out'), '--no-restore']);
    assert.equal(converted.code, 0, converted.stderr);
    assert.ok(existsSync(join(dir, 'convert-out', 'báo cáo.txt.json')));
    assert.ok(existsSync(join(dir, 'convert-out', 'hô sơ', 'inner.txt.json')));
  });
});
