/**
 * bench:word — baocao's Word reader (.doc, .docx, .rtf, OpenDocument .odt/.fodt) beside LibreOffice's on the same files, in one
 * run: which files each reads, how much of the text they agree on, and the time each takes.
 *
 *   npm run bench:word -- --dir DIR     (every .doc/.docx/.rtf/.odt/.fodt under DIR; default fixtures/word)
 *
 * Agreement is the F1 of the two readings' word multisets (order and layout aside: baocao lays
 * table rows side by side, LibreOffice writes a cell per line). LibreOffice (`soffice`, Debian
 * libreoffice-writer-nogui) is the reference when installed; without it only baocao's side runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ingestWord } from '../src/ingest/word/index.js';

const { values: args } = parseArgs({ options: { dir: { type: 'string', default: 'fixtures/word' }, verbose: { type: 'boolean', default: false } } });
const dir = args.dir!;

function walk(d: string): string[] {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(docx?|rtf|odt|fodt)$/i.test(name) ? [p] : [];
  }).sort();
}

const words = (text: string) => text.normalize('NFC').replace(/\u00ad/g, '').split(/\s+/).filter((w) => w !== '');

function f1(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) {
    const n = counts.get(w) ?? 0;
    if (n > 0) { common++; counts.set(w, n - 1); }
  }
  return (2 * common) / (a.length + b.length);
}

function soffice(): string | null {
  try { execFileSync('soffice', ['--version'], { stdio: 'pipe', timeout: 60_000 }); return 'soffice'; } catch { return null; }
}

const files = walk(dir);
console.log(`bench:word — ${files.length} Word, RTF and OpenDocument files under ${dir}`);
const ours = files.map((file) => {
  const data = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const r = ingestWord(data);
  const ms = performance.now() - t0;
  const error = r.diagnostics.find((d) => d.severity === 'error');
  return { file, ms, text: error ? null : r.original.replace(/\f/g, '\n'), error: error?.ruleId ?? null, encoding: r.encoding };
});

const tool = soffice();
const theirs = new Map<string, { text: string | null; ms: number }>();
if (!tool) {
  console.log('LibreOffice (soffice) is not installed: baocao side only (apt-get install libreoffice-writer-nogui)');
} else {
  // One LibreOffice process per folder (its start-up is seconds), and another for files whose
  // name differs only in extension (a.doc and a.docx both become a.txt).
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const file of files) {
    const stem = file.replace(/\.[^./]+$/, '');
    let round = 0;
    while (seen.has(`${round}:${stem}`)) round++;
    seen.add(`${round}:${stem}`);
    const key = `${round}:${dirname(file)}`;
    groups.set(key, [...(groups.get(key) ?? []), file]);
  }
  for (const group of groups.values()) {
    const out = mkdtempSync(join(tmpdir(), 'bench-word-'));
    const t0 = performance.now();
    try {
      execFileSync(tool, ['--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', out, ...group], { stdio: 'pipe', timeout: 60 * 60_000 });
    } catch { /* files it cannot read leave no output */ }
    const ms = (performance.now() - t0) / group.length;
    for (const file of group) {
      let text: string | null = null;
      try { text = readFileSync(join(out, basename(file).replace(/\.[^.]+$/, '.txt')), 'utf8').replace(/^\ufeff/, ''); } catch { text = null; }
      theirs.set(file, { text, ms });
    }
    rmSync(out, { recursive: true, force: true });
  }
}

let bothRead = 0, onlyOurs = 0, onlyTheirs = 0, neither = 0, f1Sum = 0, oursMs = 0, theirMs = 0, legacyFiles = 0, legacyF1 = 0;
const low: string[] = [];
// Per format (.doc, .docx, .rtf): files both read, and their summed agreement.
const byFormat = new Map<string, { both: number; f1: number; ours: number; files: number }>();
const formatOf = (file: string) => file.replace(/^.*\./, '.').toLowerCase();
for (const o of ours) {
  const t = theirs.get(o.file);
  oursMs += o.ms;
  const theyRead = !!t?.text && words(t.text).length > 0;
  const weRead = !!o.text && words(o.text).length > 0;
  if (t) theirMs += t.ms;
  if (!tool) continue;
  if (weRead && theyRead) {
    bothRead++;
    const score = f1(words(o.text!), words(t!.text!));
    // LibreOffice leaves legacy-font text as stored ("C«ng t¸c"): those files are counted apart.
    if (/\+(tcvn3|vni)/.test(o.encoding ?? '')) { legacyFiles++; legacyF1 += score; } else f1Sum += score;
    const fmt = byFormat.get(formatOf(o.file)) ?? { both: 0, f1: 0, ours: 0, files: 0 };
    fmt.both++; fmt.f1 += score;
    byFormat.set(formatOf(o.file), fmt);
    if (score < 0.95) low.push(`${basename(o.file)}: ${(score * 100).toFixed(1)} %`);
    if (args.verbose) console.log(`  ${basename(o.file)}  ${(score * 100).toFixed(1)} %  ${o.encoding}`);
  } else if (weRead) onlyOurs++;
  else if (theyRead) { onlyTheirs++; low.push(`${basename(o.file)}: LibreOffice reads ${words(t!.text!).length} words, baocao ${o.error ?? 'none'}`); }
  else neither++;
}
const read = ours.filter((o) => o.text && words(o.text).length > 0).length;
console.log(`baocao: read ${read} of ${files.length}, ${(oursMs / 1000).toFixed(2)} s in all (${(oursMs / files.length).toFixed(1)} ms a file, in process)`);
if (tool) {
  console.log(`LibreOffice: ${(theirMs / 1000).toFixed(1)} s in all (${(theirMs / files.length).toFixed(0)} ms a file, one process per folder and name clash)`);
  console.log(`both read ${bothRead}; only baocao ${onlyOurs}; only LibreOffice ${onlyTheirs}; neither ${neither}`);
  const plain = bothRead - legacyFiles;
  console.log(`word agreement where both read (multiset F1): mean ${plain ? ((f1Sum / plain) * 100).toFixed(2) : '—'} % over ${plain} files`);
  if (legacyFiles) console.log(`  and ${((legacyF1 / legacyFiles) * 100).toFixed(2)} % over ${legacyFiles} files where baocao decoded legacy-font text (LibreOffice keeps it as stored)`);
  for (const [format, s] of [...byFormat].sort()) {
    const all = ours.filter((o) => formatOf(o.file) === format);
    console.log(`  ${format}: ${all.length} files, baocao reads ${all.filter((o) => o.text && words(o.text).length > 0).length}, both ${s.both}, agreement ${((s.f1 / s.both) * 100).toFixed(2)} % (legacy-font files included)`);
  }
  if (low.length) console.log(`below 95 % or read by LibreOffice only (${low.length}):\n  ${low.join('\n  ')}`);
}
