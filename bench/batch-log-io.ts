/**
 * The file-system work of a text batch per document, without the conversion, in the layouts
 * compared for the batch log (docs/batch-speed.md): two worker threads each write N documents'
 * files with the batch's own functions, interleaved layouts, a rotated order each round.
 *   three: the layout before the log: stored rows, JSON, manifest, each a temporary renamed into place
 *   log:   the JSON (temporary renamed into place) and one record appended to the thread's log
 *   excl:  the JSON created under its final name (O_EXCL, no temporary) and the record: tried, not kept
 * Prints documents/s (wall) and the process's system and user CPU per document. On a machine whose
 * CPU other work keeps busy the wall figures follow the CPU share; system CPU is the steadier one.
 * Run: npm run bench:batch-log-io [-- --docs N --rounds R]
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { prepareTmp, writeAtomic } from '../src/batch/atomic.js';
import { appendRecord } from '../src/batch/state-log.js';
import type { Manifest } from '../src/batch/manifest.js';
import { failedRow } from '../src/emit/sheets.js';

type Layout = 'three' | 'log' | 'excl';
// Sizes of a bench:convert document: JSON ~9 KB, stored rows ~4 KB, manifest ~1.2 KB.
const JSON_TEXT = 'j'.repeat(9000), ROWS = `archive\t${'r'.repeat(4000)}\n`;
const manifest: Manifest = { version: 2, sha256: 'x'.repeat(64), settings: 's'.repeat(60), files: [], row: { ...failedRow('in/x.txt', 'y'.repeat(700)), status: 'ok', error: '' } };

function writeDocs(out: string, layout: Layout, docs: number, thread: number): void {
  for (let i = 0; i < docs; i++) {
    const name = `t${thread}/doc-${i}.txt`;
    if (layout === 'three') {
      writeAtomic(out, join(out, '.baocao', 'rows', `${name}.rows`), ROWS);
      writeAtomic(out, join(out, `${name}.json`), JSON_TEXT);
      writeAtomic(out, join(out, '.baocao', 'done', `${name}.json`), JSON.stringify(manifest) + '\n');
    } else {
      if (layout === 'log') writeAtomic(out, join(out, `${name}.json`), JSON_TEXT);
      else {
        const fd = openSync(join(out, `${name}.json`), 'wx');
        writeSync(fd, JSON_TEXT);
        closeSync(fd);
      }
      appendRecord(out, { name, manifest, rowsText: ROWS });
    }
  }
}

if (!isMainThread) {
  const { out, layout, docs, thread } = workerData as { out: string; layout: Layout; docs: number; thread: number };
  // Started and compiled before the clock: the main thread says when to go.
  parentPort!.once('message', () => {
    writeDocs(out, layout, docs, thread);
    parentPort!.postMessage('done');
  });
  parentPort!.postMessage('ready');
} else {
  const arg = (name: string, d: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : d);
  const docs = arg('--docs', 1500), rounds = arg('--rounds', 4);
  const root = join(tmpdir(), `baocao-bench-log-io-${process.pid}`);
  const layouts: Layout[] = ['three', 'log', 'excl'];
  console.log(`2 threads × ${docs} documents, ${rounds} rounds`);
  console.log('| round | layout | documents/s | system CPU ms/document | user CPU ms/document |');
  console.log('|---|---|---:|---:|---:|');
  for (let r = 0; r < rounds; r++) {
    for (const layout of [...layouts.slice(r % 3), ...layouts.slice(0, r % 3)]) {
      const out = join(root, layout);
      rmSync(out, { recursive: true, force: true });
      for (const t of [0, 1]) for (const d of ['', '.baocao/rows', '.baocao/done']) mkdirSync(join(out, d, `t${t}`), { recursive: true });
      await prepareTmp(out);
      const workers = [0, 1].map((thread) => {
        // Through tsx in the thread too (loader hooks do not reach worker threads on Node 20).
        const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(fileURLToPath(import.meta.url))}); });`;
        return new Worker(boot, { eval: true, workerData: { out, layout, docs, thread } });
      });
      const next = (w: Worker) => new Promise((resolve, reject) => w.once('message', resolve).once('error', reject));
      await Promise.all(workers.map(next));
      const t0 = performance.now(), c = process.cpuUsage();
      const finished = workers.map(next);
      for (const w of workers) w.postMessage('go');
      await Promise.all(finished);
      const wall = (performance.now() - t0) / 1000, cpu = process.cpuUsage(c), n = 2 * docs;
      const line = `| ${r + 1} | ${layout} | ${(n / wall).toFixed(0)} | ${(cpu.system / 1000 / n).toFixed(3)} | ${(cpu.user / 1000 / n).toFixed(3)} |`;
      console.log(line);
      rmSync(out, { recursive: true, force: true });
    }
  }
  rmSync(root, { recursive: true, force: true });
}
