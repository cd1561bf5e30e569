/**
 * How many text workers a small text batch should get: `baocao convert DIR --no-restore --format
 * json,csv` from the built CLI (a new process each run, as a user runs it: start, workers, tables)
 * with --jobs 1 and --jobs 2 over N generated ~3 KB reports, for several N, the two sides
 * interleaved (order alternating) in every round; prints the medians of wall and CPU (user + system
 * of the process and its threads, /usr/bin/time) and the ratio 2 / 1, with the load average.
 * Run: npm run bench:text-jobs [-- --rounds 5 --sizes 10,30,100,300,1000]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const rounds = Number(arg('--rounds')) || 5;
const sizes = (arg('--sizes') ?? '10,30,100,300,1000').split(',').map(Number);
const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
const root = join(tmpdir(), `baocao-bench-text-jobs-${process.pid}`);

const SENTENCES = [
  'Ủy ban nhân dân xã đã ban hành Kế hoạch số 72/KH-UBND ngày 30 tháng 12 năm 2022 về cải cách hành chính nhà nước năm 2023;',
  'tuyên truyền, phổ biến kết quả các chỉ số cải cách hành chính tới cán bộ, công chức, viên chức và nhân dân trên địa bàn xã.',
  'Cập nhật, rà soát, niêm yết công khai đầy đủ các thủ tục hành chính đã được sửa đổi, bổ sung lên Trang thông tin điện tử.',
  'Kết quả việc tổ chức tuyên truyền công tác cải cách hành chính đạt 100%, đảm bảo theo đúng kế hoạch đề ra.',
];

/** The report bench:convert generates (bench/convert.ts). */
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

/** One CLI run: wall and CPU seconds (the process and all its threads). */
function run(input: string, jobs: number): { wall: number; cpu: number } {
  const out = join(root, `out-${jobs}`);
  rmSync(out, { recursive: true, force: true });
  const timing = join(root, 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S', '-o', timing, process.execPath, cli, 'convert', input, '-o', out, '--no-restore', '--format', 'json,csv', '--jobs', String(jobs), '--quiet'], { stdio: 'ignore' });
  const [wall, user, sys] = readFileSync(timing, 'utf8').trim().split(/\s+/).map(Number);
  return { wall: wall!, cpu: user! + sys! };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(`text batches, --jobs 1 against --jobs 2 (built CLI, a process per run, --no-restore --format json,csv), ${rounds} rounds interleaved, load average ${loadavg()[0]!.toFixed(2)}`);
console.log('| text files | --jobs 1 wall ms (CPU ms) | --jobs 2 wall ms (CPU ms) | wall 2 / 1 | CPU 2 / 1 | load after |');
console.log('|---:|---:|---:|---:|---:|---:|');
try {
  for (const n of sizes) {
    const input = join(root, `in-${n}`);
    mkdirSync(input, { recursive: true });
    for (let i = 0; i < n; i++) writeFileSync(join(input, `bc-${String(i).padStart(5, '0')}.txt`), report(i));
    const sides: Record<number, { wall: number[]; cpu: number[] }> = { 1: { wall: [], cpu: [] }, 2: { wall: [], cpu: [] } };
    for (let r = 0; r < rounds; r++) {
      for (const jobs of r % 2 ? [2, 1] : [1, 2]) {
        const t = run(input, jobs);
        sides[jobs]!.wall.push(t.wall * 1000);
        sides[jobs]!.cpu.push(t.cpu * 1000);
      }
    }
    const [w1, c1, w2, c2] = [median(sides[1]!.wall), median(sides[1]!.cpu), median(sides[2]!.wall), median(sides[2]!.cpu)];
    console.log(`| ${n} | ${w1.toFixed(0)} (${c1.toFixed(0)}) | ${w2.toFixed(0)} (${c2.toFixed(0)}) | ${(w2 / w1).toFixed(2)} | ${(c2 / c1).toFixed(2)} | ${loadavg()[0]!.toFixed(1)} |`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
