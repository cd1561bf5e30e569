/**
 * npm run bench:public-sets — stripped-text restoration on public test sets (measurement only:
 * never committed, never trained or tuned on), for several maxSkeleton values side by side in one
 * process (issue 18 item 6: how many forms of a skeleton stripped mode proposes).
 *
 * Reads every *.txt in the folder given by BENCH_PUBLIC_SETS or `--dir <folder>` (one text per
 * file, e.g. /work/public-sets: news sentences, UD Vietnamese VTB test sentences, two review sets),
 * strips its marks with the project's own stripMarks (NFC first: every tone and vowel mark, đ→d,
 * case kept; the rule the devset's stripped/ files were made by), restores the stripped text as one
 * document in 'stripped' mode and prints per set the syllable accuracy of bench/lib/score.ts
 * (case-insensitive, as the devset figure of bench:restore is: tokens compared lower-cased with
 * tone placement normalised), syllables/s (CPU time, median of the warm passes, the rows' passes
 * taken in turn), and the errors by kind:
 *   unknown  the right form is not in the model's vocabulary (no setting proposes it);
 *   cut      a known form the candidate list left out (past maxSkeleton, the unigram prune, or the
 *            decoder's MAX_CANDIDATES): the issue's "7.3 % of all errors were such forms";
 *   chosen   the right form was a candidate and the decoder chose another.
 * Skips with a message when the folder is absent.
 *   BENCH_MAX_SKELETON=8,16,32,all  the settings (default those four); BENCH_PASSES (default 3);
 *   BENCH_TUNING='{"unigramPrune":1e9}'  other CandidateTuning fields, for every row;
 *   BENCH_BASE=<commit>  adds that commit's src/ at its defaults as a speed row (default none).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { restore, type RestoreModel } from '../src/core/restore/index.js';
import { candidatesFor, DEFAULT_TUNING, type CandidateTuning } from '../src/core/restore/candidates.js';
import { forgetScores, MAX_CANDIDATES } from '../src/core/restore/arc-table.js';
import { stripMarks } from '../src/core/vi-text/index.js';
import { loadModel } from '../src/model/load.js';
import { alignWords, emptyScore, pct, scoreText, scoreTokens, type Score } from './lib/score.js';
import { baseSource } from './lib/base-source.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dirArg = process.argv.indexOf('--dir');
const dir = dirArg >= 0 ? process.argv[dirArg + 1] : process.env.BENCH_PUBLIC_SETS;

interface PublicSet { name: string; gt: string; input: string; syllables: number }
interface Errors { unknown: number; cut: number; chosen: number }
interface Row { name: string; restore: (t: string) => string; tuning?: CandidateTuning }

function readSets(folder: string): PublicSet[] {
  return readdirSync(folder).filter((f) => f.endsWith('.txt')).sort().map((f) => {
    const gt = readFileSync(join(folder, f), 'utf8').normalize('NFC');
    const input = stripMarks(gt);
    return { name: f.slice(0, -4), gt, input, syllables: input.match(/\p{L}+/gu)?.length ?? 0 };
  });
}

/** The settings asked for: numbers or 'all' (Infinity). */
function settings(): number[] {
  return (process.env.BENCH_MAX_SKELETON ?? '8,16,32,all').split(',').map((s) => (s.trim() === 'all' ? Infinity : Number(s)));
}

const label = (m: number) => `maxSkeleton ${m === Infinity ? 'all' : m}${m === DEFAULT_TUNING.maxSkeleton ? ' (default)' : ''}`;

/**
 * The errors of `out` against `set.gt` by kind (see the header): GT tokens aligned as the scorer
 * aligns them; a wrong one is looked up in the candidate list its stripped word gets under `tuning`,
 * as the decoder sees it (cut to MAX_CANDIDATES).
 */
function classify(model: RestoreModel, set: PublicSet, out: string, tuning: CandidateTuning, into: Errors): void {
  const gl = set.gt.split(/\r?\n/), il = set.input.split(/\r?\n/), ol = out.split(/\r?\n/);
  const lists = new Map<string, readonly string[]>();
  for (let k = 0; k < gl.length; k++) {
    const g = scoreTokens(gl[k]!).map((x) => x.toLowerCase());
    const w = scoreTokens(il[k] ?? '');
    const o = scoreTokens(ol[k] ?? '').map((x) => x.toLowerCase());
    const right = new Set<number>();
    for (const [i, j] of alignWords(g, o)) if (g[i] === o[j]) right.add(i);
    for (let i = 0; i < g.length; i++) {
      if (right.has(i)) continue;
      const form = g[i]!;
      if (!model.vocabIndex.has(form)) { into.unknown++; continue; }
      const word = (w[i] ?? '').toLowerCase();
      let forms = lists.get(word);
      if (!forms) lists.set(word, (forms = candidatesFor(model, word, 'stripped', tuning).forms.slice(0, MAX_CANDIDATES)));
      if (forms.includes(form)) into.chosen++;
      else into.cut++;
    }
  }
}

/** Each row restores every set once per pass, rows in turn; CPU seconds per pass, outputs of the first. */
function timeRows(rows: Row[], sets: PublicSet[], passes: number): { times: number[][]; outputs: string[][] } {
  const times = rows.map(() => [] as number[]), outputs = rows.map(() => [] as string[]);
  for (let pass = 0; pass < passes; pass++) {
    for (let q = 0; q < rows.length; q++) {
      const r = (q + pass) % rows.length, row = rows[r]!;
      // Every pass starts with the LM score table empty (as bench:restore's rows do).
      forgetScores();
      const t0 = process.cpuUsage();
      for (const set of sets) {
        const out = row.restore(set.input);
        if (pass === 0) outputs[r]!.push(out);
      }
      const dt = process.cpuUsage(t0);
      times[r]!.push((dt.user + dt.system) / 1e6);
    }
  }
  return { times, outputs };
}

function median(times: number[]): number {
  const warm = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
  return warm[Math.floor((warm.length - 1) / 2)]!;
}

async function baseRow(ref: string): Promise<Row | undefined> {
  const src = baseSource(root, ref);
  if (!src) return undefined;
  const core = await import(pathToFileURL(join(src, 'src', 'core', 'restore', 'index.ts')).href) as typeof import('../src/core/restore/index.js');
  const load = await import(pathToFileURL(join(src, 'src', 'model', 'load.ts')).href) as typeof import('../src/model/load.js');
  const model = load.loadModel();
  return { name: `base ${ref} (its default)`, restore: (t) => core.restore(t, { model, input: 'stripped' }).text };
}

async function main(): Promise<void> {
  if (!dir || !existsSync(dir)) {
    console.log(`bench:public-sets skipped: no public test sets folder (${dir ? `${dir} is absent` : 'give BENCH_PUBLIC_SETS or --dir'})`);
    return;
  }
  const sets = readSets(dir);
  if (sets.length === 0) { console.log(`bench:public-sets skipped: no .txt files in ${dir}`); return; }
  const model = loadModel();
  const passes = Math.max(1, Number(process.env.BENCH_PASSES ?? 3));
  const rows: Row[] = settings().map((m) => {
    const tuning = { ...DEFAULT_TUNING, ...(process.env.BENCH_TUNING ? JSON.parse(process.env.BENCH_TUNING) as Partial<CandidateTuning> : {}), maxSkeleton: m };
    return { name: label(m), tuning, restore: (t: string) => restore(t, { model, input: 'stripped', tuning }).text };
  });
  const base = await baseRow(process.env.BENCH_BASE ?? 'none');
  if (base) rows.push(base);
  const syllables = sets.reduce((n, s) => n + s.syllables, 0);
  console.log(`public sets in ${dir}: ${sets.map((s) => `${s.name} (${s.syllables.toLocaleString('en')} syllables)`).join(', ')}`);
  console.log(`stripped with stripMarks, restored as 'stripped', one document per file; accuracy case-insensitive (bench/lib/score.ts), ${passes} passes, rows in turn`);
  const { times, outputs } = timeRows(rows, sets, passes);
  const totals = rows.map(() => emptyScore());
  for (let s = 0; s < sets.length; s++) {
    const set = sets[s]!;
    console.log(`\n${set.name}`);
    rows.forEach((row, r) => {
      const score: Score = emptyScore();
      scoreText(set.gt, outputs[r]![s]!, score);
      totals[r]!.gtTokens += score.gtTokens; totals[r]!.correct += score.correct; totals[r]!.correctCased += score.correctCased;
      console.log(`  ${row.name.padEnd(28)} ${pct(score).toFixed(2)}% (${score.correct}/${score.gtTokens})${errorLine(model, [set], [outputs[r]![s]!], row.tuning)}`);
    });
  }
  console.log(`\nall ${sets.length} sets, ${syllables.toLocaleString('en')} syllables`);
  const ref = rows.findIndex((row) => row.tuning?.maxSkeleton === DEFAULT_TUNING.maxSkeleton);
  rows.forEach((row, r) => {
    const sec = median(times[r]!);
    const vs = ref >= 0 && r !== ref ? `, ${(median(times[ref]!) / sec).toFixed(2)}× the default's speed` : '';
    console.log(`  ${row.name.padEnd(28)} ${pct(totals[r]!).toFixed(2)}% (${totals[r]!.correct}/${totals[r]!.gtTokens})  ` +
      `${Math.round(syllables / sec).toLocaleString('en')} syll/s (median of ${Math.max(1, passes - 1)} warm passes${vs})${errorLine(model, sets, outputs[r]!, row.tuning)}`);
  });
  console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min)`);
}

/** "; errors: N unknown, N cut (P %), N chosen" for a row with a tuning (a base row has none to look lists up with). */
function errorLine(model: RestoreModel, sets: PublicSet[], outs: string[], tuning: CandidateTuning | undefined): string {
  if (!tuning) return '';
  const e: Errors = { unknown: 0, cut: 0, chosen: 0 };
  sets.forEach((set, i) => classify(model, set, outs[i]!, tuning, e));
  const all = e.unknown + e.cut + e.chosen;
  return `; errors ${all}: ${e.unknown} unknown form, ${e.cut} known form cut (${((100 * e.cut) / Math.max(all, 1)).toFixed(1)} %), ${e.chosen} chosen wrong`;
}

await main();
