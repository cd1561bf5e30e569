/**
 * npm run bench:restore — diacritic restoration on ../shared/devset (stripped and English-model
 * OCR input): syllable accuracy (see bench/lib/score.ts), syllables/s, model load time, peak RSS,
 * (CPU time of this single-threaded process over BENCH_PASSES passes, default 7: the median of the
 * warm passes is the figure, the best and the cold first pass are shown beside it, so that JIT
 * warm-up and other jobs on a shared machine do not decide it),
 * against the identity and unigram most-frequent-form baselines in the same run, and for speed
 * against the kept reference path (src/ of BENCH_BASE, default main before the structural restore-speed pass,
 * unpacked by git archive into bench/.work; BENCH_BASE=none skips it) and maxSkeleton 8, passes
 * taken in turn; BENCH_SKELETON_SWEEP=1 adds maxSkeleton 16, 32 and all. The LM score table kept
 * across documents (arc-table.ts) is emptied at the start of each of our rows' passes, so a pass
 * never finds its own documents from the pass before; the row `table per doc` empties it before
 * every document, as main did. Checks the outputs byte for
 * byte against bench/.work/restore-reference/ (BENCH_WRITE_REFERENCE=1 writes it, run on the base commit),
 * text and every word's confidence, alternatives and review mark (bench/lib/restore-reference.ts).
 * Beside the same restoration without the forward–backward confidences (posterior.ts), to show
 * what they cost. Also writes the sample report's restored text to bench/.work/ for reading.
 *   BAOCAO_SHARED=/path/to/shared  overrides the data folder; BENCH_MODEL_DIR the model folder (BENCH_BASE_MODEL_DIR the
 *   base path's, default the same); BENCH_SETS=stripped|eng-ocr,
 *   BENCH_DOCS=001,002 restrict the run; BENCH_NAMES=0 turns name evidence off, BENCH_NAME_TUNING='{"weight":1}' sets NameTuning.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { restore, type RestoreInput, type RestoreModel } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { reviewThreshold } from '../src/core/restore/stage.js';
import { forgetScores } from '../src/core/restore/arc-table.js';
import { emptyScore, pct, scoreText, scoreWhole, type Score } from './lib/score.js';
import { identity, unigramRestorer } from './lib/baselines.js';
import { changesLine, countChanges, emptyChanges } from './lib/vie-changes.js';
import { compareWithReference, devsetOutputs, REFERENCE_SETS, writeReference } from './lib/restore-reference.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devset = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');
const only = process.env.BENCH_DOCS?.split(',');

/** main before the structural restore-speed pass (issue 18 item 4: the document's table of LM scores, arc-table.ts). */
const BASE_REF = '38016c8';

interface Pair { id: string; input: string; gt: string }

function pairs(kind: 'stripped' | 'eng-ocr'): Pair[] {
  const ids = readdirSync(join(devset, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort()
    .filter((id) => !only || only.includes(id));
  return ids.map((id) =>
    kind === 'stripped'
      ? { id, input: readFileSync(join(devset, 'stripped', `${id}.txt`), 'utf8'), gt: readFileSync(join(devset, 'docs', `${id}.txt`), 'utf8') }
      : { id, input: readFileSync(join(devset, 'eng-ocr', `${id}.txt`), 'utf8'), gt: readFileSync(join(devset, 'eng-ocr', `${id}.gt.txt`), 'utf8') },
  );
}

interface Run { score: Score; seconds: number; best: number; cold: number; words: number; outputs: string[] }

/** Scores the first pass; `seconds` is the median CPU time of the warm passes (all passes when only one). */
function run(set: Pair[], fn: (t: string) => string, passes = 1): Run {
  return runSideBySide(set, [fn], passes)[0]!;
}

/**
 * run() for several restorers at once, their passes taken in turn (a, b, c, a, b, c, …) so that
 * the load of a shared machine falls on all of them alike.
 */
function runSideBySide(set: Pair[], fns: ((t: string) => string)[], passes: number): Run[] {
  const runs = fns.map(() => ({ score: emptyScore(), words: 0, outputs: [] as string[], times: [] as number[] }));
  for (let pass = 0; pass < passes; pass++) {
    // Each pass starts with the next restorer, so none always runs first (on a cooler cache).
    for (let q = 0; q < fns.length; q++) {
      const f = (q + pass) % fns.length, fn = fns[f]!, r = runs[f]!;
      let spent = 0;
      for (const p of set) {
        const t0 = process.cpuUsage();
        const out = fn(p.input);
        const dt = process.cpuUsage(t0);
        spent += (dt.user + dt.system) / 1e6;
        if (pass === 0) {
          r.words += p.input.match(/\p{L}+/gu)?.length ?? 0;
          scoreText(p.gt, out, r.score);
          r.outputs.push(out);
        }
      }
      r.times.push(spent);
    }
  }
  return runs.map(({ score, words, outputs, times }) => {
    const warm = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
    const seconds = warm[Math.floor((warm.length - 1) / 2)]!;
    return { score, seconds, best: warm[0]!, cold: times[0]!, words, outputs };
  });
}

/**
 * The restorer of a kept reference path: src/ as of git commit `ref` (default: main before the
 * restore-speed work), unpacked into bench/.work and loaded beside the current code, so that its
 * speed is measured in the same process. Undefined without git or with BENCH_BASE=none.
 */
async function baseRestorer(ref: string): Promise<{ restore: (t: string, input: RestoreInput) => string; forget?: () => void } | undefined> {
  if (ref === 'none') return undefined;
  const dir = join(root, 'bench', '.work', `base-${ref}`);
  try {
    if (!existsSync(join(dir, 'src'))) {
      mkdirSync(dir, { recursive: true });
      execSync(`git archive ${ref} src | tar -x -C ${JSON.stringify(dir)}`, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    }
    const core = await import(pathToFileURL(join(dir, 'src', 'core', 'restore', 'index.ts')).href) as typeof import('../src/core/restore/index.js');
    const load = await import(pathToFileURL(join(dir, 'src', 'model', 'load.ts')).href) as typeof import('../src/model/load.js');
    // BENCH_BASE_MODEL_DIR: the base path reads another model (a committed model against a rebuilt one, same run).
    const model = load.loadModel(process.env.BENCH_BASE_MODEL_DIR ?? process.env.BENCH_MODEL_DIR ?? join(root, 'dictionaries'));
    // Its own kept score table (arc-table.ts, since 3dcabcf) is emptied at each pass's start as ours
    // is; left full, the base's warm passes found the previous pass's scores (the same code read
    // 0.91-0.95x of itself). A base from before the kept table has neither module nor function.
    const arcs = await import(pathToFileURL(join(dir, 'src', 'core', 'restore', 'arc-table.ts')).href).catch(() => undefined) as { forgetScores?: () => void } | undefined;
    return { restore: (t, input) => core.restore(t, { model, input }).text, forget: arcs?.forgetScores };
  } catch (e) {
    console.log(`(no reference path ${ref}: ${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

function dictBytes(): number {
  const dir = process.env.BENCH_MODEL_DIR ?? join(root, 'dictionaries');
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const model: RestoreModel = loadModel(process.env.BENCH_MODEL_DIR);
  const loadMs = performance.now() - t0;
  // Tuning knobs for experiments (defaults are the library's): BENCH_CHANNEL_WEIGHT, BENCH_KEEP_LOGP.
  const channelWeight = process.env.BENCH_CHANNEL_WEIGHT ? Number(process.env.BENCH_CHANNEL_WEIGHT) : undefined;
  // BENCH_TUNING='{"numberWordLogP":-4}' sets any CandidateTuning field.
  const tuning = {
    ...(process.env.BENCH_KEEP_LOGP ? { keepLogP: Number(process.env.BENCH_KEEP_LOGP) } : {}),
    ...(process.env.BENCH_TUNING ? JSON.parse(process.env.BENCH_TUNING) : {}),
  };
  const passes = Math.max(1, Number(process.env.BENCH_PASSES ?? 7));
  const docCache = process.env.BENCH_DOC_CACHE ? JSON.parse(process.env.BENCH_DOC_CACHE) : undefined;
  const nameOptions = {
    ...(process.env.BENCH_NAMES === '0' ? { names: false } : {}),
    ...(process.env.BENCH_NAME_TUNING ? { nameTuning: JSON.parse(process.env.BENCH_NAME_TUNING) } : {}),
  };
  const baocao = (input: RestoreInput, posterior = true) => (t: string) => restore(t, { model, input, channelWeight, tuning, docCache, posterior, ...nameOptions }).text;
  const work = join(root, 'bench', '.work');
  mkdirSync(work, { recursive: true });

  const baseRef = process.env.BENCH_BASE ?? BASE_REF;
  const baseFn = await baseRestorer(baseRef);
  console.log(`model load: ${loadMs.toFixed(0)} ms (target ≤ 1500), vocabulary ${model.vocab.length}, model files ${dictBytes()} bytes (target ≤ 40 MB)`);
  for (const kind of (['stripped', 'eng-ocr'] as const).filter((k) => !process.env.BENCH_SETS || process.env.BENCH_SETS.includes(k))) {
    const set = pairs(kind);
    const input: RestoreInput = kind === 'stripped' ? 'stripped' : 'ocr';
    // Speed baselines side by side: the kept reference path (main before the speed work) and,
    // on stripped text, the current code proposing only 8 forms per skeleton (the old default).
    // The LM score table is shared across documents (arc-table.ts): each of our rows starts every
    // pass with it empty (so no pass finds the previous pass's documents in it, as a batch of new
    // documents would not), and one row empties it before every document (main's behaviour).
    const first = set[0]!.input;
    const fresh = (fn: (t: string) => string) => (t: string) => { if (t === first) forgetScores(); return fn(t); };
    const speed: [string, (t: string) => string][] = [['baocao', fresh(baocao(input))]];
    if (baseFn) speed.push([`base ${baseRef}`, (t) => { if (t === first) baseFn.forget?.(); return baseFn.restore(t, input); }]);
    speed.push(['table per doc', (t) => { forgetScores(); return baocao(input)(t); }]);
    if (kind === 'stripped') speed.push(['maxSkeleton 8', fresh((t) => restore(t, { model, input, channelWeight, tuning: { ...tuning, maxSkeleton: 8 }, docCache, ...nameOptions }).text)]);
    if (kind === 'stripped' && process.env.BENCH_SKELETON_SWEEP === '1') {
      for (const m of [16, 32, Infinity]) speed.push([`maxSkeleton ${m === Infinity ? 'all' : m}`, fresh((t) => restore(t, { model, input, channelWeight, tuning: { ...tuning, maxSkeleton: m }, docCache, ...nameOptions }).text)]);
    }
    const timed = runSideBySide(set, speed.map(([, fn]) => fn), passes);
    const rows: [string, Run][] = [
      ['identity', run(set, identity)],
      ['unigram', run(set, unigramRestorer(model))],
      ...speed.map(([name], i): [string, Run] => [name, timed[i]!]),
      ['baocao auto', run(set, baocao('auto'))],
      // The same without the forward–backward confidences (posterior.ts): what they cost.
      ['−posterior', run(set, fresh(baocao(kind === 'stripped' ? 'stripped' : 'ocr', false)), passes)],
    ];
    const base = pct(rows[1]![1].score);
    console.log(`\n${kind}: ${set.length} documents, ${rows[0]![1].score.gtTokens} GT tokens`);
    for (const [name, r] of rows) {
      const acc = pct(r.score);
      console.log(
        `  ${name.padEnd(12)} accuracy ${acc.toFixed(2)}% (${r.score.correct}/${r.score.gtTokens})  (case-sensitive ${pct(r.score, true).toFixed(2)}%)  ` +
          `${r.seconds > 0.001 ? Math.round(r.words / r.seconds).toLocaleString('en') : '—'} syll/s  Δ vs unigram ${(acc - base >= 0 ? '+' : '')}${(acc - base).toFixed(2)}`,
      );
    }
    const ours = rows[2]![1];
    const rate = (sec: number) => Math.round(ours.words / sec).toLocaleString('en');
    if (passes > 1) {
      for (let i = 0; i < speed.length; i++) {
        const r = timed[i]!;
        console.log(`  ${speed[i]![0]} speed: median of ${passes - 1} warm passes ${rate(r.seconds)}, best ${rate(r.best)}, cold first pass ${rate(r.cold)} syll/s` +
          (i > 0 ? `; baocao is ${(r.seconds / ours.seconds).toFixed(2)}× its median, ${(r.best / ours.best).toFixed(2)}× its best` : ''));
      }
      // The machine is shared: the load beside the figures says how far to trust them.
      console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min)`);
    }
    const bare = rows.find(([name]) => name === '−posterior')![1];
    console.log(`  confidence posterior cost: ${rate(ours.seconds)} vs ${rate(bare.seconds)} syll/s without it (median), ${(100 * (ours.seconds / bare.seconds - 1)).toFixed(1)}% more time; best passes ${(100 * (ours.best / bare.best - 1)).toFixed(1)}%`);
    const target = kind === 'stripped' ? 98 : 92;
    const speedBar = kind === 'stripped' ? 300_000 : 200_000;
    console.log(`  target accuracy ≥ ${target}%: ${pct(ours.score) >= target ? 'met' : 'NOT met'}` +
      `; target ≥ ${speedBar.toLocaleString('en')} syll/s (warm median): ${ours.words / ours.seconds >= speedBar ? 'met' : 'NOT met'}`);
    const out = ours.outputs;
    writeFileSync(join(work, `devset-${kind}.txt`), set.map((p, i) => `### ${p.id}\n${out[i]}`).join('\n'));
  }
  // Vietnamese-model OCR of the scanned pages: restoration must not damage mostly-right text.
  if (!process.env.BENCH_SETS || process.env.BENCH_SETS.includes('vie-ocr')) {
    const dirs = readdirSync(join(devset, 'scans')).sort();
    const rows: [string, (t: string) => string][] = [['identity', identity], ['baocao vie-ocr', baocao('vie-ocr')], ['baocao auto', baocao('auto')]];
    console.log(`\nvie-ocr (scans, whole text): ${dirs.length} scans`);
    for (const [name, fn] of rows) {
      const score = emptyScore(), changes = emptyChanges();
      for (const d of dirs) {
        const gt = readFileSync(join(devset, 'scans', d, 'gt.txt'), 'utf8'), ocr = readFileSync(join(devset, 'scans', d, 'ocr.vie.txt'), 'utf8');
        const out = fn(ocr);
        scoreWhole(gt, out, score);
        countChanges(gt, ocr, out, changes);
      }
      console.log(`  ${name.padEnd(14)} accuracy ${pct(score).toFixed(2)}% (${score.correct}/${score.gtTokens} GT tokens)${name === 'identity' ? '' : '  ' + changesLine(changes)}`);
    }
  }
  // Correct text must come through (nearly) unchanged: the pipeline restores every document.
  if (!process.env.BENCH_SETS || process.env.BENCH_SETS.includes('clean')) {
    const score = emptyScore();
    let changed = 0;
    for (const f of readdirSync(join(devset, 'docs')).filter((x) => /^\d+\.txt$/.test(x)).sort()) {
      const t = readFileSync(join(devset, 'docs', f), 'utf8');
      const r = restore(t, { model, input: 'auto', ...nameOptions });
      scoreText(t, r.text, score);
      changed += r.tokens.filter((k) => k.original !== k.restored).length;
    }
    console.log(`\nclean text (docs/ through auto): accuracy ${pct(score).toFixed(3)}% (${score.correct}/${score.gtTokens}), ${changed} of ${score.gtTokens} tokens changed`);
  }
  // Byte identity with reference outputs (BENCH_WRITE_REFERENCE=1 writes them, e.g. from main).
  if (!process.env.BENCH_SETS || process.env.BENCH_SETS.includes('reference')) {
    const refDir = join(work, 'restore-reference');
    // The reference is the base commit's output with its defaults (write it there with BENCH_WRITE_REFERENCE=1).
    const write = process.env.BENCH_WRITE_REFERENCE === '1';
    console.log(write ? `\nreference outputs written to ${refDir}` : `\noutputs against the reference in bench/.work/restore-reference/ (written on the base commit with BENCH_WRITE_REFERENCE=1):`);
    // One set at a time: the per-word lines of all seven at once took ~100 MB.
    for (const set of REFERENCE_SETS) {
      const outputs = devsetOutputs(devset, (t, input) => restore(t, { model, input }), (kind) => reviewThreshold(model, kind), [set]);
      if (write) writeReference(refDir, outputs);
      else for (const c of compareWithReference(refDir, outputs)) console.log(`  ${c.name.padEnd(14)} ${c.verdict}`);
    }
  }
  const sample = readFileSync(join(root, 'fixtures', 'bao-cao-ngoc-ky.ocr.txt'), 'utf8');
  const r = restore(sample, { model, input: 'auto' });
  writeFileSync(join(work, 'bao-cao-ngoc-ky.restored.txt'), r.text);
  console.log(`\nsample: mode ${r.mode}, ${r.tokens.length} words, ${r.tokens.filter((t) => t.confidence < 0.6).length} below 0.6 confidence → bench/.work/bao-cao-ngoc-ky.restored.txt`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target ≤ 500)`);
}

await main();
