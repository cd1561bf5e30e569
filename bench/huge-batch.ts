/**
 * bench:huge-batch — issue 19's acceptance batch through the built CLI, restoration on: reports
 * with ~250-byte Vietnamese file names, a 15 MB text, a 5 MB single line and a ~45,000-character
 * paragraph, with `--format json,csv,xlsx`. Prints wall time and peak RSS of the whole run
 * (/usr/bin/time -v), rows by status, internal errors, and the longest CSV cell, beside the same
 * reports without the big files as the baseline, in the same run.
 * Run `npm run build` first. Options: --small N (reports, default 20), --jobs N (default 2).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cutToBytes } from '../src/batch/output-names.js';
import { normalText, SHAPES } from './lib/shapes.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const small = arg('small', 20), jobs = arg('jobs', 2);
const cli = new URL('../dist/cli/index.js', import.meta.url).pathname;
if (!existsSync(cli)) throw new Error('run `npm run build` first: the bench times the built CLI');

const root = mkdtempSync(join(tmpdir(), 'baocao-huge-'));
try {
  const base = join(root, 'base'), huge = join(root, 'huge');
  for (const dir of [base, huge]) {
    mkdirSync(join(dir, 'Báo cáo năm 2023'), { recursive: true });
    for (let i = 0; i < small; i++) {
      const name = cutToBytes(`${i} Báo cáo tổng kết công tác cải cách hành chính của Ủy ban nhân dân xã `.repeat(5), 246) + '.txt';
      writeFileSync(join(dir, 'Báo cáo năm 2023', name), normalText(3000 + i * 97));
    }
  }
  writeFileSync(join(huge, 'van-ban-15MB.txt'), normalText(15 * 1024 * 1024));
  writeFileSync(join(huge, 'mot-dong-5MB.txt'), SHAPES['one-line'].make(5 * 1024 * 1024));
  writeFileSync(join(huge, 'doan-dai.txt'), `BÁO CÁO\n\nI. KẾT QUẢ\n\n${'Ủy ban nhân dân xã đã triển khai kế hoạch cải cách hành chính năm 2023 '.repeat(650)}\n`);

  const rows: string[] = [];
  for (const [label, dir] of [['reports only (baseline)', base], ['reports + 15 MB text + 5 MB line + long paragraph', huge]] as const) {
    const out = join(root, `out-${label.length}`);
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'convert', dir, '-o', out, '--jobs', String(jobs), '--format', 'json,csv,xlsx', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(run.stderr)?.[1] ?? '?';
    const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? 0);
    const docs = readFileSync(join(out, 'documents.csv'), 'utf8').split('\r\n').slice(1).filter(Boolean);
    const status = (s: string) => docs.filter((l) => l.includes(`,${s},`)).length;
    const internal = docs.filter((l) => /internal\//.test(l)).length;
    const longest = Math.max(...readdirSync(out).filter((f) => f.endsWith('.csv')).map((f) => longestCell(readFileSync(join(out, f), 'utf8'))));
    rows.push(`${label.padEnd(52)} exit ${run.status} · wall ${wall} · peak RSS ${(rssKb / 1024).toFixed(0)} MB · rows ${docs.length} (ok ${status('ok')}, partial ${status('partial')}, error ${status('error')}) · internal errors ${internal} · longest CSV cell ${longest}`);
  }
  console.log(`bench:huge-batch (${small} reports with ~250-byte names, --jobs ${jobs}, restoration on, json,csv,xlsx)`);
  for (const r of rows) console.log(r);
  console.log(`machine: ${execFileSync('nproc').toString().trim()} cores, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

/** Longest cell of an RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function longestCell(text: string): number {
  let longest = 0, len = 0, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { len++; i++; }
      else if (c === '"') quoted = false;
      else len++;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\r' || c === '\n') { longest = Math.max(longest, len); len = 0; }
    else len++;
  }
  return Math.max(longest, len);
}
