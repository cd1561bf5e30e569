/**
 * One fuzzed input through the library: convert() must return (not throw) within the time limit
 * and its result must pass the schema. Shared by test/fuzz (fixed seed, small count) and
 * bench/fuzz.ts (long runs).
 */
import { performance } from 'node:perf_hooks';
import { convert, type ConvertOptions } from '../../src/index.js';
import { validateDocumentResult } from '../../src/core/schema.js';
import { mutate, rng, seeds, type Seed } from './mutator.js';

export interface FuzzCase { index: number; seed: string; name: string; ops: string[]; data: Uint8Array }
export interface FuzzOutcome { fuzz: FuzzCase; ms: number; problem: string | null; status: string; errors: string[] }

/** The fuzzed inputs of run `seed`: `text` mutations of the text seeds, `binary` of the scans. */
export function* fuzzCases(seed: number, text: number, binary: number): Generator<FuzzCase> {
  const r = rng(seed);
  const { text: texts, binary: bins } = seeds();
  const donors: Seed[] = [...texts, ...bins];
  for (let i = 0; i < text + binary; i++) {
    const from = i < text ? texts[i % texts.length]! : bins[(i - text) % bins.length]!;
    const { data, ops } = mutate(r, from, donors);
    yield { index: i, seed: `${seed}#${i}`, name: from.name, ops, data };
  }
}

export async function checkCase(fuzz: FuzzCase, options: ConvertOptions, limitMs: number): Promise<FuzzOutcome> {
  const t = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), limitMs); });
  try {
    const result = await Promise.race([convert({ path: fuzz.name, data: fuzz.data }, options), late]);
    const ms = performance.now() - t;
    if (result === 'late' || ms > limitMs) return { fuzz, ms, problem: `no result within ${limitMs} ms`, status: '', errors: [] };
    const valid = validateDocumentResult(result);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId);
    const internal = errors.filter((e) => e.startsWith('internal/'));
    const problem = !valid.ok ? valid.message : internal.length ? `internal error: ${internal.join(', ')}` : null;
    return { fuzz, ms, problem, status: errors.length ? 'error' : 'ok', errors };
  } catch (e) {
    return { fuzz, ms: performance.now() - t, problem: `threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`, status: '', errors: [] };
  } finally {
    clearTimeout(timer);
  }
}

export function describeCase(o: FuzzOutcome): string {
  return `${o.fuzz.seed} ${o.fuzz.name} [${o.fuzz.ops.join('; ')}] (${o.fuzz.data.length} bytes): ${o.problem}`;
}
