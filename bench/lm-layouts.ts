/**
 * npm run bench:lm-layouts — the restoration LM's look-ups alone, on the memory layouts tried for
 * its bigram index (issue 18 item 4). Records every call restore() makes on the language model
 * while restoring ../shared/devset (stripped and English-OCR input: bigram look-ups, trigram
 * look-ups under a context handle, in their real order), then replays that call sequence on
 *   - `current`: src/core/restore/language-model.ts (sorted bigrams, binary search per context
 *     word, 8-byte records repacked at load),
 *   - `hash table`: bench/lib/lm-layouts/hash-table.ts (open addressing, 16-byte records),
 *   - `sampled blocks`: bench/lib/lm-layouts/sampled-blocks.ts (a sample array names the one
 *     64-byte block of 8-byte records to search), and the same with Bloom membership filters,
 * each behind the same direct-mapped caches, passes taken in turn (CPU time; median of the warm
 * passes, and the best), with the build cost at load. Every layout must give the same answers:
 * the sum of every returned log P and handle found/absent count are compared with `current`'s.
 *   BAOCAO_SHARED=/path/to/shared overrides the data folder; BENCH_PASSES (default 9); BENCH_SETS=stripped|eng-ocr.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { restore, type RestoreModel } from '../src/core/restore/index.js';
import { TrigramLM, type NgramScorer } from '../src/core/restore/language-model.js';
import { decodeModelFile } from '../src/core/restore/model-format.js';
import { loadModel, dictionariesDir, MODEL_FILE } from '../src/model/load.js';
import { HashTableLM } from './lib/lm-layouts/hash-table.js';
import { SampledBlocksLM } from './lib/lm-layouts/sampled-blocks.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const devset = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');
const passes = Math.max(2, Number(process.env.BENCH_PASSES ?? 9));

/**
 * Stands in for the model's LM while the devset is restored and writes down every call the
 * pipeline makes (calls the LM makes to itself are the LM's business and not recorded). A
 * wrapper, not patched methods, so that the TrigramLM instances replayed later keep one shape.
 */
class RecordingLM implements NgramScorer {
  ops = new Int32Array(1 << 20);
  n = 0;
  /** The op that produced each context handle (handles are the wrapped LM's). */
  private producer = new Map<number, number>();
  constructor(private readonly lm: TrigramLM) {}
  get vocabSize(): number { return this.lm.vocabSize; }
  get maxTrigramLogP(): number { return this.lm.maxTrigramLogP; }
  lastLogP = 0;
  lastBackoff = 0;
  private push(op: number, a: number, b: number): number {
    if (3 * this.n + 3 > this.ops.length) { const o = new Int32Array(this.ops.length * 2); o.set(this.ops); this.ops = o; }
    this.ops[3 * this.n] = op; this.ops[3 * this.n + 1] = a; this.ops[3 * this.n + 2] = b;
    return this.n++;
  }
  private ctxOp(ctx: number): number { return ctx < 0 ? -1 : this.producer.get(ctx)!; }
  unigram(w: number): number { return this.lm.unigram(w); }
  lookupBigram(v: number, w: number): number {
    const h = this.lm.lookupBigram(v, w);
    this.lastLogP = this.lm.lastLogP; this.lastBackoff = this.lm.lastBackoff;
    this.producer.set(h, this.push(0, v, w));
    return h;
  }
  bigramIndex(v: number, w: number): number { const h = this.lm.bigramIndex(v, w); this.producer.set(h, this.push(1, v, w)); return h; }
  trigramCode(ctx: number, w: number): number { this.push(2, this.ctxOp(ctx), w); return this.lm.trigramCode(ctx, w); }
  trigramLogP(code: number): number { return this.lm.trigramLogP(code); }
  trigramFromContext(ctx: number, w: number, bg: number): number { this.push(3, this.ctxOp(ctx), w); return this.lm.trigramFromContext(ctx, w, bg); }
  bigram(v: number, w: number): number { this.push(4, v, w); return this.lm.bigram(v, w); }
  backoff(ctx: number): number { return this.lm.backoff(ctx); }
  trigram(u: number, v: number, w: number): number { return this.trigramFromContext(this.bigramIndex(u, v), w, this.bigram(v, w)); }
}

/** Ops, three ints each: kind, a, b. Kinds: 0 lookupBigram(v=a, w=b), 1 bigramIndex(a, b), 2 trigramCode(handle of op a, w=b), 3 trigramFromContext(handle of op a or -1, w=b), 4 bigram(a, b). */
function record(kind: 'stripped' | 'eng-ocr', sections: ConstructorParameters<typeof TrigramLM>[0]): Int32Array {
  const recorder = new RecordingLM(new TrigramLM(sections));
  restoreSet(kind, { ...loadModel(), lm: recorder as unknown as TrigramLM });
  return recorder.ops.slice(0, 3 * recorder.n);
}

function restoreSet(kind: 'stripped' | 'eng-ocr', model: RestoreModel): void {
  const ids = readdirSync(join(devset, 'docs')).filter((f) => /^\d+\.txt$/.test(f)).map((f) => f.slice(0, -4)).sort();
  for (const id of ids) restore(readFileSync(join(devset, kind, `${id}.txt`), 'utf8'), { model, input: kind === 'stripped' ? 'stripped' : 'ocr' });
}

/** One replay function per layout, so that each call site sees one class, as in the pipeline. */
function replayer(): (lm: NgramScorer, ops: Int32Array) => [number, number] {
  return (lm, ops) => {
    const n = ops.length / 3, handles = new Int32Array(n);
    let sum = 0, found = 0;
    for (let i = 0; i < n; i++) {
      const op = ops[3 * i]!, a = ops[3 * i + 1]!, b = ops[3 * i + 2]!;
      if (op === 0) { const h = handles[i] = lm.lookupBigram(a, b); sum += lm.lastLogP + lm.lastBackoff; if (h >= 0) found++; }
      else if (op === 1) { if ((handles[i] = lm.bigramIndex(a, b)) >= 0) found++; }
      else if (op === 2) { const c = lm.trigramCode(handles[a]!, b); if (c >= 0) { sum += lm.trigramLogP(c); found++; } }
      else if (op === 3) sum += lm.trigramFromContext(a < 0 ? -1 : handles[a]!, b, -1);
      else sum += lm.bigram(a, b);
    }
    return [sum, found];
  };
}

const cpuMs = (t: NodeJS.CpuUsage) => { const d = process.cpuUsage(t); return (d.user + d.system) / 1000; };

function main(): void {
  const { sections } = decodeModelFile(new Uint8Array(readFileSync(join(dictionariesDir(), MODEL_FILE))));
  const layouts: [string, () => NgramScorer][] = [
    ['current', () => new TrigramLM(sections)],
    ['hash table', () => new HashTableLM(sections)],
    ['sampled blocks', () => new SampledBlocksLM(sections)],
    ['sampled blocks + filters', () => new SampledBlocksLM(sections, { filters: true })],
  ];
  const built = layouts.map(([name, make]) => { const t = process.cpuUsage(); const lm = make(); return { name, lm, buildMs: cpuMs(t) }; });
  for (const kind of (['stripped', 'eng-ocr'] as const).filter((k) => !process.env.BENCH_SETS || process.env.BENCH_SETS.includes(k))) {
    const ops = record(kind, sections);
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < ops.length; i += 3) counts[ops[i]!]!++;
    console.log(`\n${kind}: ${ops.length / 3} LM calls recorded (lookupBigram ${counts[0]}, bigramIndex ${counts[1]}, trigramCode ${counts[2]}, trigramFromContext ${counts[3]}, bigram ${counts[4]})`);
    const fns = built.map(() => replayer());
    const times = built.map(() => [] as number[]);
    const answers: [number, number][] = [];
    for (let p = 0; p < passes; p++) {
      for (let q = 0; q < built.length; q++) {
        const f = (p + q) % built.length;
        const t = process.cpuUsage();
        answers[f] = fns[f]!(built[f]!.lm, ops);
        times[f]!.push(cpuMs(t));
      }
    }
    const median = (a: number[]) => { const w = a.slice(1).sort((x, y) => x - y); return w[Math.floor((w.length - 1) / 2)]!; };
    const best = (a: number[]) => Math.min(...a.slice(1));
    const [m0, b0] = [median(times[0]!), best(times[0]!)];
    for (let f = 0; f < built.length; f++) {
      const same = answers[f]![0] === answers[0]![0] && answers[f]![1] === answers[0]![1];
      console.log(`  ${built[f]!.name.padEnd(25)} replay ${median(times[f]!).toFixed(0)} ms median, ${best(times[f]!).toFixed(0)} best of ${passes - 1} warm` +
        (f > 0 ? `; takes ${(median(times[f]!) / m0).toFixed(2)}× current's time (median), ${(best(times[f]!) / b0).toFixed(2)}× (best)` : '') +
        `; built in ${built[f]!.buildMs.toFixed(0)} ms; answers ${same ? 'identical' : 'DIFFER'}`);
    }
    // What share of restoration these calls are: the whole restore of the same set, same process.
    const whole: number[] = [];
    for (let p = 0; p < 4; p++) { const t = process.cpuUsage(); restoreSet(kind, loadModel()); whole.push(cpuMs(t)); }
    const w = median(whole);
    console.log(`  restore() of the same set: ${w.toFixed(0)} ms median of 3 warm passes; the current layout's LM calls replayed are ${(100 * m0 / w).toFixed(0)} % of it`);
  }
}

main();
