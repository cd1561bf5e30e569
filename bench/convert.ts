/**
 * Batch conversion speed: files/s for 1,000 generated ~3 KB Vietnamese text files through the
 * real batch path (read, ingest, paragraphs, schema-validated JSON, paragraphs CSV, manifest,
 * documents.csv), restoration off — the target is ≥ 200 files/s on 2 cores. Side by side, in the
 * same process: a plain read + write copy of the same files (the I/O floor), and with --jobs 1/2.
 * Run: npm run bench:convert [-- --files N]
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { runBatch as RunBatch } from '../src/batch/run.js';

// The built package when there is one (what users run; worker threads then load plain JS),
// else the sources through tsx.
const built = new URL('../dist/batch/run.js', import.meta.url);
const useBuilt = existsSync(fileURLToPath(built));
const { runBatch } = (await import(useBuilt ? built.href : '../src/batch/run.js')) as { runBatch: typeof RunBatch };

const count = Number(process.argv[process.argv.indexOf('--files') + 1]) || 1000;
const root = join(tmpdir(), `baocao-bench-convert-${process.pid}`);
const src = join(root, 'in');

const SENTENCES = [
  'Ủy ban nhân dân xã đã ban hành Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 về cải cách hành chính nhà nước năm 2023;',
  'tuyên truyền, phổ biến kết quả các chỉ số cải cách hành chính tới cán bộ, công chức, viên chức và nhân dân trên địa bàn xã.',
  'Cập nhật, rà soát, niêm yết công khai đầy đủ các thủ tục hành chính đã được sửa đổi, bổ sung lên Trang thông tin điện tử.',
  'Kết quả việc tổ chức tuyên truyền công tác cải cách hành chính đạt 100%, đảm bảo theo đúng kế hoạch đề ra.',
];

/** A ~3 KB report: header, numbered sections, wrapped paragraphs, list items. */
function report(i: number): string {
  const lines = [`BÁO CÁO SỐ ${i}/BC-UBND`, '', 'Kết quả công tác tuyên truyền cải cách hành chính năm 2023', ''];
  let s = i;
  while (Buffer.byteLength(lines.join('\n')) < 2900) {
    const n = lines.length;
    if (n % 9 === 0) lines.push('', `${(n % 5) + 1}. KẾT QUẢ THỰC HIỆN NHIỆM VỤ`, '');
    else if (n % 7 === 0) lines.push(`- ${SENTENCES[s++ % SENTENCES.length]!.slice(0, 70)}`);
    else lines.push(SENTENCES[s++ % SENTENCES.length]!.slice(0, 78));
  }
  return lines.join('\n') + '\n';
}

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

async function main(): Promise<void> {
  await mkdir(src, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = report(i);
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
  await rm(root, { recursive: true, force: true });
}

await main();
