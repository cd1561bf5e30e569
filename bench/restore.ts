/**
 * npm run bench:restore — diacritic restoration on ../shared/devset (stripped and English-model
 * OCR input): syllable accuracy (see bench/lib/score.ts), syllables/s, model load time, peak RSS,
 * against the identity and unigram most-frequent-form baselines in the same run, and for speed
 * against the kept reference path (src/ of BENCH_BASE, default main at the start of session 18,
 * unpacked by git archive into bench/.work; BENCH_BASE=none skips it), the same code with the
 * table emptied per document, maxSkeleton 8 and without the posterior. Each speed row runs in a
 * process of its own (bench/lib/restore-speed.ts), passes taken in turn; the figure is the median
 * CPU time of the warm passes (BENCH_PASSES, default 7; the best and the cold first pass beside
 * it). `-- --self` times the base against itself instead (the current code, with
 * BENCH_BASE=none): the bench's own bias, which should read 1.00×. BENCH_SKELETON_SWEEP=1 adds
 * maxSkeleton 16, 32 and all. The LM score table kept across documents (arc-table.ts) is emptied
 * at the start of each row's passes, so a pass never finds its own documents from the pass before;
 * the row `table per doc` empties it before every document, as main did. Checks the outputs byte for
 * byte against bench/.work/restore-reference/ (BENCH_WRITE_REFERENCE=1 writes it, run on the base commit),
 * text and every word's confidence, alternatives and review mark (bench/lib/restore-reference.ts).
 * Also writes the sample report's restored text to bench/.work/ for reading.
 *   BAOCAO_SHARED=/path/to/shared  overrides the data folder; BENCH_MODEL_DIR the model folder (BENCH_BASE_MODEL_DIR the
 *   base path's, default the same); BENCH_SETS=stripped|eng-ocr|vie-ocr|clean|reference,
 *   BENCH_DOCS=001,002 restrict the run; BENCH_NAMES=0 turns name evidence off, BENCH_NAME_TUNING='{"weight":1}' sets NameTuning.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { restore, type RestoreInput, type RestoreModel } from '../src/core/restore/index.js';
import { loadModel } from '../src/model/load.js';
import { reviewThreshold } from '../src/core/restore/stage.js';
import { emptyScore, pct, scoreText, scoreWhole, type Score } from './lib/score.js';
import { identity, unigramRestorer } from './lib/baselines.js';
import { changesLine, countChanges, emptyChanges } from './lib/vie-changes.js';
import { baseSource } from './lib/base-source.js';
import { runRowsApart, type SpeedRow, type SpeedRun } from './lib/restore-speed.js';
import { compareWithReference, devsetOutputs, REFERENCE_SETS, writeReference } from './lib/restore-reference.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devset = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');
const only = process.env.BENCH_DOCS?.split(',');

/** main at the start of session 18's restore-speed pass (38016c8 was main before the document's table of LM scores, arc-table.ts). */
const BASE_REF = '2fd0a77';

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

interface Run { score: Score; seconds: number; best: number; cold: number; words: number; outputs: string[]; maxRssMb?: number }

/** Scores one in-process pass of `fn` (the accuracy-only rows); `seconds` is its CPU time. */
function run(set: Pair[], fn: (t: string) => string): Run {
  const r: Run = { score: emptyScore(), seconds: 0, best: 0, cold: 0, words: 0, outputs: [] };
  for (const p of set) {
    const t0 = process.cpuUsage();
    const out = fn(p.input);
    const dt = process.cpuUsage(t0);
    r.seconds += (dt.user + dt.system) / 1e6;
    r.words += p.input.match(/\p{L}+/gu)?.length ?? 0;
    scoreText(p.gt, out, r.score);
    r.outputs.push(out);
  }
  r.best = r.cold = r.seconds;
  return r;
}

/** A speed row's timings (bench/lib/restore-speed.ts) with its first pass scored. */
function scored(set: Pair[], t: SpeedRun): Run {
  const score = emptyScore();
  let words = 0;
  set.forEach((p, i) => { words += p.input.match(/\p{L}+/gu)?.length ?? 0; scoreText(p.gt, t.outputs[i]!, score); });
  return { score, seconds: t.seconds, best: t.best, cold: t.cold, words, outputs: t.outputs, maxRssMb: t.maxRssMb };
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
  const baseTree = baseSource(root, baseRef);
  // --self: the base against itself (or, without a base, the current code against itself), two
  // processes of the same code: the bench's own bias, which should read 1.00x.
  const self = process.argv.includes('--self');
  const modelDir = process.env.BENCH_MODEL_DIR ?? join(root, 'dictionaries');
  const baseModelDir = process.env.BENCH_BASE_MODEL_DIR ?? modelDir;
  console.log(`model load: ${loadMs.toFixed(0)} ms (target ≤ 1500), vocabulary ${model.vocab.length}, model files ${dictBytes()} bytes (target ≤ 40 MB)`);
  for (const kind of (['stripped', 'eng-ocr'] as const).filter((k) => !process.env.BENCH_SETS || process.env.BENCH_SETS.includes(k))) {
    const set = pairs(kind);
    const input: RestoreInput = kind === 'stripped' ? 'stripped' : 'ocr';
    // Speed rows, each in its own process, passes in turn (bench/lib/restore-speed.ts): the kept
    // reference path (BENCH_BASE) and, on stripped text, the current code proposing only 8 forms
    // per skeleton (the old default). The LM score table is shared across documents
    // (arc-table.ts): each row starts every pass with it empty (so no pass finds the previous
    // pass's documents in it, as a batch of new documents would not), and one row empties it
    // before every document (main's behaviour).
    const ourOptions = { channelWeight, tuning, docCache, ...nameOptions };
    const ours = (name: string, extra: Record<string, unknown> = {}, forget: 'pass' | 'document' = 'pass'): SpeedRow =>
      ({ name, tree: root, modelDir, options: { ...ourOptions, ...extra }, forget });
    const theirs = (name: string): SpeedRow => ({ name, tree: baseTree!, modelDir: baseModelDir, options: {}, forget: 'pass' });
    const speed: SpeedRow[] = [];
    if (self) speed.push(...(baseTree ? [theirs(`base ${baseRef}`), theirs(`base ${baseRef} again`)] : [ours('baocao'), ours('baocao again')]));
    else {
      speed.push(ours('baocao'));
      if (baseTree) speed.push(theirs(`base ${baseRef}`));
      speed.push(ours('table per doc', {}, 'document'));
      if (kind === 'stripped') speed.push(ours('maxSkeleton 8', { tuning: { ...tuning, maxSkeleton: 8 } }));
      if (kind === 'stripped' && process.env.BENCH_SKELETON_SWEEP === '1') {
        for (const m of [16, 32, Infinity]) speed.push(ours(`maxSkeleton ${m === Infinity ? 'all' : m}`, { tuning: { ...tuning, maxSkeleton: m } }));
      }
      // The same without the forward–backward confidences (posterior.ts): what they cost.
      speed.push(ours('−posterior', { posterior: false }));
    }
    const timed = (await runRowsApart(speed, set.map((p) => p.input), input, passes)).map((t) => scored(set, t));
    const rows: [string, Run][] = [
      ['identity', run(set, identity)],
      ['unigram', run(set, unigramRestorer(model))],
      ...speed.map((row, i): [string, Run] => [row.name, timed[i]!]),
      ...(self ? [] : [['baocao auto', run(set, baocao('auto'))] as [string, Run]]),
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
    const first = timed[0]!, firstName = speed[0]!.name;
    const rate = (sec: number) => Math.round(first.words / sec).toLocaleString('en');
    if (passes > 1) {
      for (let i = 0; i < speed.length; i++) {
        const r = timed[i]!;
        console.log(`  ${speed[i]!.name} speed (own process): median of ${passes - 1} warm passes ${rate(r.seconds)}, best ${rate(r.best)}, cold first pass ${rate(r.cold)} syll/s, peak RSS ${r.maxRssMb?.toFixed(0)} MB` +
          (i > 0 ? `; ${firstName} is ${(r.seconds / first.seconds).toFixed(2)}× its median, ${(r.best / first.best).toFixed(2)}× its best` : ''));
      }
      // The machine is shared: the load beside the figures says how far to trust them.
      console.log(`  load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (1, 5, 15 min)`);
    }
    if (self) continue;
    const bare = timed[speed.findIndex((r) => r.name === '−posterior')]!;
    console.log(`  confidence posterior cost: ${rate(first.seconds)} vs ${rate(bare.seconds)} syll/s without it (median), ${(100 * (first.seconds / bare.seconds - 1)).toFixed(1)}% more time; best passes ${(100 * (first.best / bare.best - 1)).toFixed(1)}%`);
    const target = kind === 'stripped' ? 98 : 92;
    const speedBar = kind === 'stripped' ? 300_000 : 200_000;
    console.log(`  target accuracy ≥ ${target}%: ${pct(first.score) >= target ? 'met' : 'NOT met'}` +
      `; target ≥ ${speedBar.toLocaleString('en')} syll/s (warm median): ${first.words / first.seconds >= speedBar ? 'met' : 'NOT met'}`);
    const out = first.outputs;
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
