/**
 * npm run bench:pen-segmentation — the pen reader's segmentation of a blank's ink into digits
 * (src/ingest/pen/segment.ts), on synthetic strings of 2–4 held-out MNIST digits (never trained
 * on; bench/lib/pen-strings.ts) written apart or overlapping (touching where their ink meets),
 * scanned as a navy pen, read as pen.ts reads a number's blank (components, strokes merged,
 * segmentDigits with the committed model), beside BENCH_BASE's segmentation (default 2fd0a77) in
 * the same run. Per kind of string: read right; right with every digit sure (≥ 0.6, what the
 * pipeline may fill); wrong with every digit sure (a confident wrong fill: the figure to keep low).
 * The kind "touching" is a string whose ink has fewer pieces than digits.
 *   --strings N (default 600)  --seed S (default 18)
 *   --narrow  --posterior glyph|count   this code's segmentation options (segment.ts, SegmentOptions; off in the pipeline)
 *   --fill digits   each chosen glyph's confidence from the digits' own share (SegmentOptions.fill)
 *   --cutter FILE   this code's cuts chosen by FILE's model (one with a "not one digit" class: build:digits
 *                   --not-single), each chosen glyph then read by the committed model (SegmentOptions.reader)
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { loadDigitModel, modelFromFile, type DigitModel } from '../src/ingest/pen/digit-model.js';
import { inkComponents, type Component } from '../src/ingest/pen/ink.js';
import * as pen from '../src/ingest/pen/pen.js';
import * as segment from '../src/ingest/pen/segment.js';
import { mnistSplit, prng } from '../scripts/digits/mnist-split.js';
import { penString } from './lib/pen-strings.js';
import { baseSource } from './lib/base-source.js';

const { values: args } = parseArgs({ options: { strings: { type: 'string', default: '600' }, seed: { type: 'string', default: '18' }, narrow: { type: 'boolean', default: false }, posterior: { type: 'string' }, fill: { type: 'string' }, cutter: { type: 'string' } } });
if (args.posterior !== undefined && args.posterior !== 'glyph' && args.posterior !== 'count') throw new Error('--posterior is glyph or count');
if (args.fill !== undefined && args.fill !== 'digits' && args.fill !== 'all') throw new Error('--fill is digits or all');
const model = loadDigitModel();
if (!model) throw new Error('no pen-digit model in dictionaries/');
// With --cutter, this code's segmentation runs on the cutter and reads with the committed model.
const cutter = args.cutter ? modelFromFile(JSON.parse(readFileSync(args.cutter, 'utf8'))) : null;
const options: segment.SegmentOptions = {
  narrowSplits: args.narrow,
  ...(args.posterior ? { posterior: args.posterior as 'glyph' | 'count' } : {}),
  ...(args.fill ? { fill: args.fill as 'all' | 'digits' } : {}),
  ...(cutter ? { reader: model } : {}),
};
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ref = process.env.BENCH_BASE ?? '2fd0a77';
const dir = baseSource(root, ref);
type Pen = typeof pen;
type Segment = typeof segment;
const base = dir
  ? { pen: (await import(pathToFileURL(join(dir, 'src/ingest/pen/pen.ts')).href)) as Pen, segment: (await import(pathToFileURL(join(dir, 'src/ingest/pen/segment.ts')).href)) as Segment }
  : null;

const PEN_MIN_CONFIDENCE = 0.6;
interface Tally { n: number; right: number; sureRight: number; sureWrong: number }
const empty = (): Tally => ({ n: 0, right: 0, sureRight: 0, sureWrong: 0 });
const kinds = ['apart', 'overlapped, ink apart', 'touching'] as const;
const tallies = { now: new Map(kinds.map((k) => [k, empty()])), base: new Map(kinds.map((k) => [k, empty()])) };

/** The blank's pieces as pen.ts makes them from its ink (digit-sized components, strokes merged). */
function pieces(p: Pick<Pen, 'mergeStrokes'>, all: Component[], lineHeight: number): Component[] {
  // digitSized is this code's (the base kept it private); it is the same test in both.
  return p.mergeStrokes(all.filter((c) => pen.digitSized(c, lineHeight)));
}

function read(p: Pick<Pen, 'mergeStrokes'>, s: Pick<Segment, 'segmentDigits'>, all: Component[], lineHeight: number, width: number, m: DigitModel) {
  const r = s.segmentDigits(pieces(p, all, lineHeight), lineHeight, width, 6, m, options);
  return r ? { digits: r.map((g) => g.guess.digit).join(''), sure: r.every((g) => g.guess.confidence >= PEN_MIN_CONFIDENCE) } : null;
}

const { test } = mnistSplit();
const rnd = prng(Number(args.seed));
const misses: string[] = [];
for (let i = 0; i < Number(args.strings); i++) {
  const k = 2 + Math.floor(rnd() * 3);
  const glyphs = Array.from({ length: k }, () => test[Math.floor(rnd() * test.length)]!);
  const s = penString(glyphs, rnd() < 0.5, rnd);
  if (!s) continue;
  // The print beside a pen number is 1.2–1.7 times smaller than the pen's digits.
  const lineHeight = s.height / (1.2 + rnd() * 0.5);
  const all = inkComponents(s.img);
  const kind = !s.overlapped ? 'apart' : pieces(pen, all, lineHeight).length < k ? 'touching' : 'overlapped, ink apart';
  const runs: ['now' | 'base', Pick<Pen, 'mergeStrokes'>, Pick<Segment, 'segmentDigits'>][] = [['now', pen, segment], ...(base ? [['base', base.pen, base.segment] as ['base', Pen, Segment]] : [])];
  for (const [name, p, seg] of runs) {
    const r = read(p, seg, all, lineHeight, s.img.width, name === 'now' && cutter ? cutter : model);
    const t = tallies[name].get(kind)!;
    t.n++;
    if (r?.digits === s.digits) {
      t.right++;
      if (r.sure) t.sureRight++;
    } else if (r?.sure) t.sureWrong++;
    if (name === 'now' && r?.digits !== s.digits && kind === 'touching') misses.push(`${s.digits}→${r?.digits ?? '—'}${r?.sure ? '(sure)' : ''}`);
  }
}

const pc = (a: number, n: number) => `${a}/${n} (${n ? ((100 * a) / n).toFixed(1) : '–'} %)`;
console.log(`bench:pen-segmentation — ${args.strings} strings of 2–4 held-out MNIST digits, seed ${args.seed}; base ${base ? ref : 'none'}; now with ${JSON.stringify({ ...options, reader: undefined, cutter: args.cutter })}`);
console.log(`  ${'kind'.padEnd(24)} ${'code'.padEnd(6)} ${'read right'.padEnd(20)} ${'right, all sure'.padEnd(20)} wrong, all sure`);
for (const kind of kinds) {
  for (const name of ['base', 'now'] as const) {
    const t = tallies[name].get(kind)!;
    if (name === 'base' && !base) continue;
    console.log(`  ${kind.padEnd(24)} ${name.padEnd(6)} ${pc(t.right, t.n).padEnd(20)} ${pc(t.sureRight, t.n).padEnd(20)} ${pc(t.sureWrong, t.n)}`);
  }
}
console.log(`  touching strings misread now (first 30): ${misses.slice(0, 30).join(' ')}`);
