/**
 * Long fuzz run of the library: mutated texts (the sample, a devset-like text) and mutated
 * PDFs and images through convert(), restoration on; each must return within the time limit and
 * pass its own schema (test/fuzz/harness.ts). Prints counts, errors by rule, the slowest inputs
 * and every problem with the seed and mutations that reproduce it.
 * Run: npm run bench:fuzz [-- --count 2000] [--binary 100] [--seed 1] [--limit 60]
 */
import { loadModel } from '../src/index.js';
import { createOcrPool } from '../src/ingest/ocr/pool.js';
import { checkCase, describeCase, fuzzCases, type FuzzOutcome } from '../test/fuzz/harness.js';

const arg = (name: string, fallback: number) => { const i = process.argv.indexOf(name); return i >= 0 ? Number(process.argv[i + 1]) : fallback; };
const count = arg('--count', 1000);
const binary = arg('--binary', Math.round(count / 20));
const seed = arg('--seed', Date.now() % 1e9);
const limitMs = arg('--limit', 60) * 1000;

const model = loadModel();
const ocr = createOcrPool({ jobs: 1 });
const outcomes: FuzzOutcome[] = [];
const started = Date.now();
try {
  for (const fuzz of fuzzCases(seed, count, binary)) {
    const o = await checkCase(fuzz, { restore: fuzz.index % 4 === 3 ? false : { model }, ingest: { ocr } }, limitMs);
    outcomes.push(o);
    if (o.problem) process.stderr.write(`PROBLEM ${describeCase(o)}\n`);
    if ((fuzz.index + 1) % 100 === 0) process.stderr.write(`${fuzz.index + 1} inputs, ${outcomes.filter((x) => x.problem).length} problems\n`);
  }
} finally {
  await ocr.terminate();
}
const byRule = new Map<string, number>();
for (const o of outcomes) for (const e of new Set(o.errors)) byRule.set(e, (byRule.get(e) ?? 0) + 1);
const problems = outcomes.filter((o) => o.problem);
console.log(`seed ${seed}: ${count} text and ${binary} PDF/image inputs in ${((Date.now() - started) / 1000).toFixed(0)} s, limit ${limitMs / 1000} s per input`);
console.log(`converted ${outcomes.filter((o) => o.status === 'ok').length}, refused with an error ${outcomes.filter((o) => o.status === 'error').length}, problems (threw, hung, out of schema, internal error) ${problems.length}`);
console.log('| error rule | inputs |\n|---|---:|');
for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`| ${rule} | ${n} |`);
console.log('slowest:');
for (const o of [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${(o.ms / 1000).toFixed(2)} s ${o.fuzz.seed} ${o.fuzz.name} [${o.fuzz.ops.join('; ')}] ${o.fuzz.data.length} bytes`);
for (const o of problems) console.log(`PROBLEM ${describeCase(o)}`);
process.exitCode = problems.length ? 1 : 0;
