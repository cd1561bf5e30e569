/**
 * The native engine's processes are started by a small helper process (process-launcher.ts), so a
 * start does not fork this process, whatever its memory. Both launchers give the same outcomes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { directLauncher, helperLauncher, type ProcessLauncher } from '../../src/ingest/ocr/process-launcher.js';

const input = new TextEncoder().encode('trang một\n');
const env = { ...process.env, PAGE_NOTE: 'từ môi trường' };

for (const [name, make] of [['helper process', helperLauncher], ['this process', directLauncher]] as const) {
  describe(`processes started by ${name}`, () => {
    const use = async (fn: (l: ProcessLauncher) => Promise<void>) => {
      const l = make();
      try { await fn(l); } finally { l.close(); }
    };

    it('get their input on stdin and the environment given, and give back stdout, the tail of stderr and the exit code', () => use(async (l) => {
      const r = await l.launch('/bin/sh', ['-c', 'cat; printf "%s" "$PAGE_NOTE"; echo 0123456789 >&2; exit 3'], env, input, 5).result;
      assert.equal(r.stdout.toString('utf8'), 'trang một\ntừ môi trường');
      assert.equal(r.stderr, '6789\n');
      assert.equal(r.code, 3);
      assert.equal(r.signal, null);
    }));

    it('are killed when asked, the outcome saying by which signal', () => use(async (l) => {
      const run = l.launch('/bin/sh', ['-c', 'exec sleep 30'], env, input, 100);
      setTimeout(() => run.kill(), 50);
      const r = await run.result;
      assert.equal(r.signal, 'SIGKILL');
    }));

    it('that cannot start reject with the error code of the start', () => use(async (l) => {
      await assert.rejects(l.launch('/nonexistent/tesseract', [], env, input, 100).result, (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    }));

    it('run side by side', () => use(async (l) => {
      const dir = mkdtempSync(join(tmpdir(), 'baocao-launcher-'));
      try {
        // Each notes itself running, waits, then counts how many were running with it.
        const script = `touch "${dir}/run.$$"; sleep 0.5; ls "${dir}" | grep -c '^run\\.'; rm "${dir}/run.$$"`;
        const all = await Promise.all(Array.from({ length: 4 }, () => l.launch('/bin/sh', ['-c', script], env, input, 100).result));
        const most = Math.max(...all.map((r) => Number(r.stdout.toString().trim())));
        assert.ok(most >= 2, `at most ${most} running at once`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));
  });
}

describe('the helper process', () => {
  it('that dies fails the processes it was running, and a new one starts the next', async () => {
    const l = helperLauncher();
    try {
      // The started process's parent is the helper: it kills it.
      await assert.rejects(l.launch('/bin/sh', ['-c', 'kill -9 $PPID; sleep 5'], env, input, 100).result, /the process that starts tesseract ended/);
      const r = await l.launch('/bin/sh', ['-c', 'echo again'], env, input, 100).result;
      assert.equal(r.stdout.toString().trim(), 'again');
    } finally {
      l.close();
    }
  });

  it('keeps no process alive when idle, though the pool was never closed', () => {
    const launcher = new URL('../../src/ingest/ocr/process-launcher.ts', import.meta.url).pathname;
    const script = `import { helperLauncher } from ${JSON.stringify(launcher)};
const l = helperLauncher();
const r = await l.launch('/bin/sh', ['-c', 'echo done'], process.env, new Uint8Array(1), 100).result;
console.log(r.stdout.toString().trim());`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(out.trim(), 'done');
  });
});
