import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runBatch } from '../../src/batch/run.js';
import { timeLimitMs } from '../../src/batch/pool.js';
import { parseCsv, runCli } from '../cli/run-cli.js';

const dirs: string[] = [];
after(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

/** `n` reports, each with `paragraphs` body paragraphs (enough of them take far longer than 1 ms). */
async function inputs(n: number, paragraphs = 1): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'baocao-timeout-'));
  dirs.push(dir);
  const body = 'Ủy ban nhân dân xã đã triển khai kế hoạch.\n\n'.repeat(paragraphs);
  for (let i = 0; i < n; i++) await writeFile(join(dir, `bao-cao-${i}.txt`), `BÁO CÁO SỐ ${i}\n\nI. KẾT QUẢ\n\n${body}`);
  return dir;
}

/** Body paragraphs that no worker converts within 1 ms (the limit counts from the file's start in the worker). */
const SLOW = 2_000;

describe('per-file time limit', () => {
  it('turns every file over its limit into an internal/timeout row naming the limit, replaces the worker and finishes the batch', async () => {
    const dir = await inputs(3, SLOW);
    // 1 ms: no file of 2,000 paragraphs is converted in that time, by a cold or a warm worker.
    const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false, timeoutSeconds: 0.001 }, 1);
    assert.equal(s.rows.length, 3);
    for (const row of s.rows) {
      assert.equal(row.status, 'error');
      assert.match(row.error, /^internal\/timeout: conversion stopped after the 0 s time limit/);
    }
    const csv = parseCsv(await readFile(s.documentsCsv, 'utf8'));
    assert.equal(csv.filter((r) => r.status === 'error').length, 3);
  });

  it('converts the same files within the default limit', async () => {
    const dir = await inputs(3);
    const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false }, 2);
    assert.deepEqual(s.rows.map((r) => r.status), ['ok', 'ok', 'ok']);
  });

  it('gives a file 120 s plus 20 s per MiB by default; --timeout 0 means no limit', () => {
    assert.equal(timeLimitMs(0), 120_000);
    assert.equal(timeLimitMs(16 * 1024 * 1024), 440_000);
    assert.equal(timeLimitMs(16 * 1024 * 1024, 30), 30_000);
    assert.equal(timeLimitMs(10, 0), Infinity);
  });

  it('takes --timeout on the command line and refuses a value that is not a number of seconds', async () => {
    const dir = await inputs(1, SLOW);
    const bad = await runCli(['convert', dir, '-o', join(dir, 'out'), '--timeout', 'soon', '--no-restore', '--quiet']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /--timeout.*seconds/);
    const stopped = await runCli(['convert', dir, '-o', join(dir, 'out'), '--timeout', '0.001', '--no-restore', '--quiet']);
    assert.equal(stopped.code, 1);
    const rows = parseCsv(await readFile(join(dir, 'out', 'documents.csv'), 'utf8'));
    assert.match(rows[0]!.error!, /internal\/timeout/);
  });
});

describe('per-file memory limit', () => {
  it('turns a file that needs more heap than a worker may take into an internal/out-of-memory row, and goes on', async () => {
    const dir = await inputs(2);
    // 600,000 one-character lines: far more than a 64 MB heap holds once segmented (300,000 were
    // near the limit once a worker stopped loading zod: converted within it in one loaded run).
    await writeFile(join(dir, 'bao-cao-0.txt'), 'a\n'.repeat(600_000));
    const before = process.env.BAOCAO_WORKER_HEAP_MB;
    process.env.BAOCAO_WORKER_HEAP_MB = '64';
    try {
      const s = await runBatch([dir], { outDir: join(dir, 'out'), formats: ['json'], resume: false, restore: false }, 1);
      assert.equal(s.rows[0]!.status, 'error');
      assert.match(s.rows[0]!.error, /^internal\/out-of-memory: .*64 MB/);
      assert.equal(s.rows[1]!.status, 'ok', 'the next file converts in a new worker');
    } finally {
      if (before === undefined) delete process.env.BAOCAO_WORKER_HEAP_MB;
      else process.env.BAOCAO_WORKER_HEAP_MB = before;
    }
  });
});
