/**
 * Batch conversion speed: files/s for 1,000 generated ~3 KB Vietnamese text files through the
 * real batch path (read, ingest, paragraphs, schema-validated JSON, paragraphs CSV, manifest,
 * documents.csv), restoration off — the target is ≥ 200 files/s on 2 cores. Side by side, in the
 * same process: a plain read + write copy of the same files (the I/O floor), and with --jobs 1/2.
 * Then the outputs of a sample of the files (every SAMPLE_EVERY-th: JSON, stored rows, the batch
 * CSVs' rows) are compared with bench/convert-reference.json: a speed change must not change a
 * byte. Written with --write-reference when an output change is meant (first by ad2fe15; again
 * for schema 1.4 and e-signatures.csv, and for schema 1.5, each after checking that the JSON differed only in its version;
 * session 15: header3 (type and number of the first line, date_suggested), then the archive rows' path and
 * SHA-256 columns, the JSON unchanged by the latter; session 16: schema 1.7, the JSON differing only in its version; session 17: schema 1.8, likewise). With
 * `--baseline-dist DIR` (an older build's dist/, its node_modules reachable from it) the same
 * batch also runs on that build, interleaved round by round, with the process CPU of each side,
 * the CPU by thread (workers, main thread, V8's and libuv's helper threads), then each build's
 * per-document work in memory (no file I/O), CPU per document, and the CPU of a worker's start.
 * Run: npm run bench:convert [-- --files N] [-- --baseline-dist DIR --rounds N]
 *   BENCH_DIST=DIR runs another build; --write-reference writes the digests (from the old build only).
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { runBatch as RunBatch } from '../src/batch/run.js';
// Reads the batch log and the layout before it alike, so either build's outputs are checked.
import { DoneIndex } from '../src/batch/done-index.js';
import { convertBenchReport } from './lib/generated-reports.js';

// The built package when there is one (what users run; worker threads then load plain JS),
// else the sources through tsx.
const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const built = process.env.BENCH_DIST ? pathToFileURL(join(resolve(process.env.BENCH_DIST), 'batch', 'run.js')) : new URL('../dist/batch/run.js', import.meta.url);
const useBuilt = existsSync(fileURLToPath(built));
const { runBatch } = (await import(useBuilt ? built.href : '../src/batch/run.js')) as { runBatch: typeof RunBatch };
const baselineDist = arg('--baseline-dist');
const baseline = baselineDist ? ((await import(pathToFileURL(join(resolve(baselineDist), 'batch', 'run.js')).href)) as { runBatch: typeof RunBatch }).runBatch : undefined;
const rounds = Number(arg('--rounds')) || 3;

const count = Number(arg('--files')) || 1000;
const REFERENCE = fileURLToPath(new URL('./convert-reference.json', import.meta.url));
const SAMPLE_EVERY = 25;
const root = join(tmpdir(), `baocao-bench-convert-${process.pid}`);
const src = join(root, 'in');


async function timed(label: string, run: () => Promise<number>): Promise<{ label: string; seconds: number; files: number }> {
  const t = performance.now();
  const files = await run();
  return { label, seconds: (performance.now() - t) / 1000, files };
}

async function copyBaseline(out: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(src)) {
    const data = await readFile(join(src, name));
    await mkdir(out, { recursive: true });
    await writeFile(join(out, `${name}.copy`), data);
    n++;
  }
  return n;
}

/**
 * Digests of the sample's outputs, the bench folder's path written as <root> (it holds the pid):
 * each sampled document's JSON and stored rows, and its rows of every batch CSV.
 */
async function outputDigests(outDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const norm = (text: string) => text.split(root).join('<root>');
  const digest = (text: string) => createHash('sha256').update(norm(text)).digest('hex');
  const sample = Array.from({ length: Math.ceil(count / SAMPLE_EVERY) }, (_, k) => `report-${String(k * SAMPLE_EVERY).padStart(4, '0')}.txt`);
  const index = new DoneIndex(outDir);
  for (const name of sample) {
    out[`${name}.json`] = digest(await readFile(join(outDir, `${name}.json`), 'utf8'));
    // The stored rows as the layout before the batch log kept them in a file: the text of the document's record.
    out[`${name}.rows`] = digest(index.get(name)?.rowsText ?? '');
  }
  for (const table of (await readdir(outDir)).filter((f) => f.endsWith('.csv')).sort()) {
    const lines = (await readFile(join(outDir, table), 'utf8')).split('\n');
    // The header and the sampled documents' rows (rows name their document in the first column).
    const kept = lines.filter((line, i) => i === 0 || sample.some((name) => line.includes(`/${name}`)));
    out[table] = digest(kept.join('\n'));
  }
  index.close();
  return out;
}

/** Compares the sample's outputs with the reference; the names that differ, or null when not comparable. */
async function checkOutputs(outDir: string): Promise<string[] | null> {
  const got = await outputDigests(outDir);
  if (process.argv.includes('--write-reference')) {
    await writeFile(REFERENCE, JSON.stringify({ files: count, sampleEvery: SAMPLE_EVERY, digests: got }, null, 2) + '\n');
    return [];
  }
  const reference = JSON.parse(await readFile(REFERENCE, 'utf8')) as { files: number; digests: Record<string, string> };
  if (reference.files !== count) return null;
  return Object.keys({ ...reference.digests, ...got }).filter((k) => reference.digests[k] !== got[k]);
}

/**
 * Process CPU seconds (main thread and workers) and wall seconds of one batch, and how long its
 * worker threads waited for a core (Linux schedstat, sampled every 20 ms): on a machine shared
 * with other busy processes that wait is most of the wall, and `wall - wait` estimates the batch
 * on a quiet machine (the workers are its critical path). 0 where /proc is not there.
 */
async function cpuOf(run: typeof RunBatch, out: string, jobs: number): Promise<{ cpu: number; wall: number; wait: number; split: ThreadSplit }> {
  await rm(join(root, out), { recursive: true, force: true });
  const start = threadStats();
  const seen = new Map<string, [number, number]>();
  const poll = setInterval(() => { for (const [tid, st] of threadStats()) seen.set(tid, st); }, 20);
  const t = performance.now(), c = process.cpuUsage();
  const s = await run([src], { outDir: join(root, out), formats: ['json', 'csv'], resume: false, restore: false }, jobs);
  clearInterval(poll);
  for (const [tid, st] of threadStats()) seen.set(tid, st);
  if (s.failed) throw new Error(`${s.failed} files failed`);
  const used = process.cpuUsage(c);
  const cpu = (used.user + used.system) / 1e6;
  // Threads born in the batch are its workers; the main thread is the process's own id; the rest
  // were there before (V8's platform threads: compilation and garbage collection; libuv's pool).
  const split: ThreadSplit = { workers: 0, main: 0, helpers: 0 };
  for (const [tid, [onCpu]] of seen) {
    const was = start.get(tid)?.[0];
    const seconds = (onCpu - (was ?? 0)) / 1e9;
    if (was === undefined) split.workers += seconds;
    else if (tid === String(process.pid)) split.main += seconds;
    else split.helpers += seconds;
  }
  // The wait for a core: the workers, as threads born in the batch that ran a tenth of its CPU or more.
  const workers = [...seen].filter(([tid, [onCpu]]) => !start.has(tid) && onCpu / 1e9 >= cpu / 10);
  const wait = workers.length ? workers.reduce((sum, [, [, w]]) => sum + w, 0) / workers.length / 1e9 : 0;
  return { cpu, wall: (performance.now() - t) / 1000, wait, split };
}

/** CPU seconds of a batch by thread: its workers, the main thread, and the process's helper threads. */
interface ThreadSplit { workers: number; main: number; helpers: number }

/** Each thread's [ns on a core, ns waiting for one] of this process. */
function threadStats(): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const [onCpu, waiting] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        out.set(tid, [onCpu!, waiting!]);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
  } catch {
    // No /proc (not Linux): no estimate.
  }
  return out;
}

/** The per-document work of a batch worker, in memory (no file I/O): convert, rows, archive facts, JSON. */
async function inMemory(distDir: string): Promise<(data: Buffer, path: string) => Promise<void>> {
  const at = (m: string) => pathToFileURL(join(resolve(distDir), m)).href;
  const { convert } = await import(at('pipeline/index.js'));
  const { documentJson } = await import(at('emit/json.js'));
  const { documentTables } = await import(at('emit/batch-tables.js'));
  const { archiveFacts } = await import(at('emit/archive.js'));
  const { structureOf, documentRow } = await import(at('emit/sheets.js'));
  return async (data, path) => {
    const result = await convert({ path, data }, { restore: false, segment: {} });
    documentRow(result, []);
    documentTables(result);
    archiveFacts(result, structureOf(result));
    documentJson(result);
  };
}

/** CPU ms per document of each build's in-memory work, interleaved file set by file set. */
async function inMemoryRounds(distA: string, distB: string): Promise<void> {
  const a = await inMemory(distA), b = await inMemory(distB);
  const names = (await readdir(src)).sort();
  const datas = await Promise.all(names.map((n) => readFile(join(src, n))));
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  console.log(`\nin memory (convert, rows, archive facts, JSON; no file I/O), one thread: CPU ms per document`);
  console.log('| round | this build | baseline build | ratio |');
  console.log('|---|---:|---:|---:|');
  for (let r = 1; r <= rounds; r++) {
    let t = cpu();
    for (const [i, d] of datas.entries()) await a(d, names[i]!);
    const ta = (cpu() - t) / datas.length;
    t = cpu();
    for (const [i, d] of datas.entries()) await b(d, names[i]!);
    const tb = (cpu() - t) / datas.length;
    console.log(`| ${r} | ${ta.toFixed(3)} | ${tb.toFixed(3)} | ${(ta / tb).toFixed(2)} |`);
  }
}

/**
 * CPU of a text worker's start, from `new Worker` to its answer to an empty chunk (all its modules
 * loaded), the way the pool starts it: the bundle when the build made one, else batch/worker.js.
 */
async function workerStartRounds(distA: string, distB: string): Promise<void> {
  const entry = (dist: string) => {
    const bundle = join(resolve(dist), 'batch', 'worker-bundle', 'worker.js');
    return existsSync(bundle) ? bundle : join(resolve(dist), 'batch', 'worker.js');
  };
  const start = async (file: string) => {
    const c = process.cpuUsage();
    const worker = new Worker(file, { workerData: { state: new SharedArrayBuffer(16) } });
    await new Promise((done) => { worker.once('message', done); worker.postMessage({ chunk: 0, jobs: [], settings: {} }); });
    const u = process.cpuUsage(c);
    await worker.terminate();
    return (u.user + u.system) / 1000;
  };
  const [a, b] = [entry(distA), entry(distB)];
  console.log(`\nworker start, CPU ms (${a.split('/').slice(-2).join('/')} against ${b.split('/').slice(-2).join('/')}), ${rounds} rounds`);
  console.log('| round | this build | baseline build | ratio |');
  console.log('|---|---:|---:|---:|');
  for (let r = 1; r <= rounds; r++) {
    const ta = await start(a), tb = await start(b);
    console.log(`| ${r} | ${ta.toFixed(0)} | ${tb.toFixed(0)} | ${(ta / tb).toFixed(2)} |`);
  }
}

async function main(): Promise<void> {
  await mkdir(src, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = convertBenchReport(i);
    bytes += Buffer.byteLength(text);
    await writeFile(join(src, `report-${String(i).padStart(4, '0')}.txt`), text);
  }
  const settings = (out: string) => ({ outDir: join(root, out), formats: ['json', 'csv'] as ('json' | 'csv')[], resume: false, restore: false });
  const batch = (out: string, jobs: number) => async () => {
    const s = await runBatch([src], settings(out), jobs);
    if (s.failed) throw new Error(`${s.failed} files failed`);
    return s.converted;
  };

  await copyBaseline(join(root, 'warm')); // warm the page cache so neither side pays for the first read
  const results = [
    await timed('baseline: read + write copy', () => copyBaseline(join(root, 'copy'))),
    await timed('baocao convert --jobs 1', batch('out1', 1)),
    await timed(`baocao convert --jobs ${Math.max(2, availableParallelism())}`, batch('out2', Math.max(2, availableParallelism()))),
    await timed(`baocao convert --jobs ${Math.max(2, availableParallelism())} --no-fsync`, async () => {
      const s = await runBatch([src], { ...settings('out3'), fsync: false }, Math.max(2, availableParallelism()));
      if (s.failed) throw new Error(`${s.failed} files failed`);
      return s.converted;
    }),
  ];
  const resume = await timed('baocao convert --resume (all done)', async () => {
    const s = await runBatch([src], { ...settings('out1'), resume: true }, 1);
    return s.skipped;
  });

  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0];
  console.log(`${count} files, ${(bytes / count / 1024).toFixed(1)} KB each on average, ${availableParallelism()} cores, load average ${load}, Node ${process.version}, ${useBuilt ? 'dist/' : 'src/ via tsx'}`);
  const base = results[0]!;
  console.log('| run | seconds | files/s | vs baseline |');
  console.log('|---|---:|---:|---:|');
  for (const r of [...results, resume]) {
    console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${(r.files / r.seconds).toFixed(0)} | ${(r.seconds / base.seconds).toFixed(1)}× time |`);
  }
  const differ = await checkOutputs(join(root, 'out1'));
  const verdict = differ === null ? 'not checked (the reference is for 1,000 files)' : differ.length ? `DIFFERENT (${differ.join(', ')})` : 'identical';
  console.log(process.argv.includes('--write-reference') ? `reference written: ${REFERENCE}` : `outputs of ${Math.ceil(count / SAMPLE_EVERY)} sampled files and their batch-table rows against the build before the fast path: ${verdict}`);
  if (differ?.length) process.exitCode = 1;

  if (baseline) {
    const jobs = Math.max(2, availableParallelism());
    console.log(`\ninterleaved with ${baselineDist}, --jobs ${jobs}, ${rounds} rounds, a read + write copy (the floor) each round: files/s (process CPU s per ${count} files)`);
    console.log('(in brackets: files/s if the workers had not waited for a core, wall minus their mean wait (schedstat): an estimate for a quiet machine)');
    console.log('| round | floor files/s | this build files/s [quiet est.] (CPU s) | baseline build files/s [quiet est.] (CPU s) | files/s ratio | quiet est. ratio | CPU ratio |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    const splits: [ThreadSplit, ThreadSplit][] = [];
    const perRound: { floor: number; a: number; b: number; cpuA: number; cpuB: number; load: string }[] = [];
    for (let r = 1; r <= rounds; r++) {
      await rm(join(root, 'copy'), { recursive: true, force: true });
      const floor = await timed('floor', () => copyBaseline(join(root, 'copy')));
      // Alternate which build goes first, so neither always runs after the other's writes.
      let a, b;
      if (r % 2) { a = await cpuOf(runBatch, 'cmp-new', jobs); b = await cpuOf(baseline, 'cmp-old', jobs); }
      else { b = await cpuOf(baseline, 'cmp-old', jobs); a = await cpuOf(runBatch, 'cmp-new', jobs); }
      const rate = (w: number) => (count / w).toFixed(0);
      const quiet = (x: { wall: number; wait: number }) => Math.max(x.wall - x.wait, 1e-3);
      console.log(`| ${r} | ${(floor.files / floor.seconds).toFixed(0)} | ${rate(a.wall)} [${rate(quiet(a))}] (${a.cpu.toFixed(2)}) | ${rate(b.wall)} [${rate(quiet(b))}] (${b.cpu.toFixed(2)}) | ${(b.wall / a.wall).toFixed(2)} | ${(quiet(b) / quiet(a)).toFixed(2)} | ${(a.cpu / b.cpu).toFixed(2)} |`);
      splits.push([a.split, b.split]);
      perRound.push({ floor: floor.files / floor.seconds, a: count / a.wall, b: count / b.wall, cpuA: a.cpu / count * 1000, cpuB: b.cpu / count * 1000, load: (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0]! });
    }
    const median = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2; };
    const pick = (f: (x: (typeof perRound)[number]) => number) => median(perRound.map(f));
    console.log(`\nmedians of the ${rounds} rounds (load average after each round: ${perRound.map((x) => x.load).join(', ')}): floor ${pick((x) => x.floor).toFixed(0)} files/s; this build ${pick((x) => x.a).toFixed(0)} files/s, ${pick((x) => x.cpuA).toFixed(2)} ms of CPU per file (all threads); baseline build ${pick((x) => x.b).toFixed(0)} files/s, ${pick((x) => x.cpuB).toFixed(2)} ms; files/s ratio ${pick((x) => x.a / x.b).toFixed(2)}, CPU ratio ${pick((x) => x.cpuA / x.cpuB).toFixed(2)}`);
    const show = (x: ThreadSplit) => `${x.workers.toFixed(2)} / ${x.main.toFixed(2)} / ${x.helpers.toFixed(2)}`;
    console.log(`\nwhere the CPU went, s per ${count} files: workers / main thread / helper threads (V8's compiler and GC threads, libuv's pool; /proc/self/task)`);
    console.log('| round | this build | baseline build |');
    console.log('|---|---:|---:|');
    splits.forEach(([a, b], i) => console.log(`| ${i + 1} | ${show(a)} | ${show(b)} |`));
    if (useBuilt) await inMemoryRounds(join(fileURLToPath(built), '..', '..'), baselineDist!);
    if (useBuilt) await workerStartRounds(join(fileURLToPath(built), '..', '..'), baselineDist!);
  }
  await rm(root, { recursive: true, force: true });
}

await main();
