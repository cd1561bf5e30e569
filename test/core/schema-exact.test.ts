/**
 * The copier that stands in for zod's parse of the output (schema-exact.ts) must give zod's copy
 * to the JSON byte whenever it gives one, and give one on what the pipeline builds (else it saves
 * nothing). Checked on real results (the sample report restored and not, the Word fixtures, an
 * empty file) and on thousands of random damages of them: keys out of order, unknown keys, wrong
 * types, values out of range, missing or undefined fields.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { convert } from '../../src/pipeline/index.js';
import { DocumentResultSchema, validateDocumentResult, type DocumentResult } from '../../src/core/schema.js';
import { exactCopier, FAIL } from '../../src/core/schema-exact.js';
import { documentJson } from '../../src/emit/json.js';
import { loadModel } from '../../src/model/load.js';
import { z } from 'zod';
import { mulberry32 as random } from '../../scripts/lib/seeded-random.js';

const at = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const results: [string, DocumentResult][] = [];

before(async () => {
  const model = loadModel();
  const sample = { path: 'bao-cao-ngoc-ky.ocr.txt', data: readFileSync(at('fixtures/bao-cao-ngoc-ky.ocr.txt')) };
  results.push(['sample, restored', await convert(sample, { restore: { model }, segment: {} })]);
  results.push(['sample, not restored', await convert(sample, { restore: false, segment: {} })]);
  results.push(['sample, no structure', await convert(sample, { restore: false, segment: false })]);
  results.push(['empty file', await convert({ path: 'empty.txt', data: new Uint8Array() }, { restore: false, segment: {} })]);
  for (const name of readdirSync(at('fixtures/word')).filter((n) => /\.(docx?|odt|fodt|rtf)$/.test(n))) {
    results.push([name, await convert({ path: name, data: readFileSync(at(`fixtures/word/${name}`)) }, { restore: false, segment: {} })]);
  }
});

const copy = exactCopier(DocumentResultSchema)!;
const json = (v: unknown) => JSON.stringify(v, null, 2);

/** zod's verdict and bytes for a value. */
function viaZod(value: unknown): string | null {
  const parsed = DocumentResultSchema.safeParse(value);
  return parsed.success ? JSON.stringify(parsed.data, null, 2) : null;
}

/** Every object and array inside a value, with its parent and key (the root has none). */
function places(value: unknown, out: { node: Record<string, unknown> | unknown[] }[] = []): { node: Record<string, unknown> | unknown[] }[] {
  if (value && typeof value === 'object') {
    out.push({ node: value as Record<string, unknown> });
    for (const v of Object.values(value)) places(v, out);
  }
  return out;
}

const ODD_VALUES: unknown[] = [undefined, null, '', 'x', -1, 0, 0.5, 1.5, 2, 101, NaN, Infinity, true, [], {}, ['a'], 'a'.repeat(64), '0'.repeat(64)];

/** One random damage of a deep copy of `value`. */
function damage(value: DocumentResult, rnd: () => number): unknown {
  const copy = structuredClone(value) as unknown;
  const all = places(copy);
  const { node } = all[Math.floor(rnd() * all.length)]!;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  if (Array.isArray(node)) {
    const kind = rnd();
    if (kind < 0.3 && node.length) node.splice(Math.floor(rnd() * node.length), 1);
    else if (kind < 0.6 && node.length) node[Math.floor(rnd() * node.length)] = pick(ODD_VALUES);
    else node.push(pick(ODD_VALUES));
    return copy;
  }
  const keys = Object.keys(node);
  const kind = rnd();
  if (kind < 0.25 && keys.length > 1) {
    // Two keys swapped in order (same values).
    const i = Math.floor(rnd() * keys.length), j = Math.floor(rnd() * keys.length);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    const entries = keys.map((k) => [k, node[k]] as const);
    for (const k of Object.keys(node)) delete node[k];
    for (const [k, v] of entries) node[k] = v;
  } else if (kind < 0.45 && keys.length) {
    delete node[pick(keys)];
  } else if (kind < 0.6) {
    node[pick(['extra', 'text', 'page', 'zzz', 'confidence'])] = pick(ODD_VALUES);
  } else if (keys.length) {
    node[pick(keys)] = pick(ODD_VALUES);
  }
  return copy;
}

describe('the output copier beside zod', () => {
  it('copies what the pipeline builds, and the copy\'s JSON is zod\'s to the byte', () => {
    assert.ok(copy, 'the document schema is one the copier handles');
    for (const [name, result] of results) {
      const out = copy(result);
      assert.notEqual(out, FAIL, name);
      assert.notEqual(out, result, `${name}: a copy, as zod gives`);
      assert.equal(json(out), viaZod(result), name);
      const checked = validateDocumentResult(result);
      assert.ok(checked.ok, name);
      assert.equal(documentJson(result).text, json(checked.value) + '\n', name);
    }
  });

  it('copies only what zod accepts, with zod\'s bytes, over 6,000 random damages', () => {
    const rnd = random(18);
    let copied = 0, refused = 0;
    for (let n = 0; n < 6000; n++) {
      const [, base] = results[n % results.length]!;
      const value = damage(base, rnd);
      const out = copy(value);
      if (out === FAIL) { refused++; continue; }
      copied++;
      assert.equal(json(out), viaZod(value), `damage ${n}`);
    }
    // Both kinds were met: damages zod takes (a paragraph removed, keys swapped, an unknown key) and ones it refuses.
    assert.ok(copied > 500 && refused > 500, `${copied} copied, ${refused} refused`);
  });

  it('refuses wrong types, values out of range, undefined fields and objects that are not plain', () => {
    const [, result] = results[1]!;
    const { schemaVersion, source, ...rest } = result;
    // Keys out of order and unknown keys are what zod's copy mends: copied in the shape's order.
    assert.equal(json(copy({ source, schemaVersion, ...rest, extra: 1 })), json(copy(result)));
    assert.equal(copy({ ...result, restoreMode: undefined }), FAIL);
    assert.equal(copy({ ...result, source: { ...source, sha256: 'ABC' } }), FAIL);
    assert.equal(copy({ ...result, pages: [{ ...result.pages[0]!, number: 1.5 }] }), FAIL);
    assert.equal(copy({ ...result, source: { ...source, bytes: NaN } }), FAIL);
    assert.equal(copy({ ...result, text: undefined }), FAIL);
    assert.equal(copy(Object.assign(Object.create({ inherited: 1 }), result)), FAIL);
    const broken = { ...result, meta: undefined };
    assert.equal(validateDocumentResult(broken).ok, false);
  });

  it('mirrors array length checks and string formats (z.iso.date()) as zod judges them', () => {
    const schema = z.object({ probs: z.array(z.number()).length(3), atLeast: z.array(z.string()).min(1).optional(), day: z.iso.date() });
    const copier = exactCopier(schema)!;
    assert.ok(copier, 'the schema is one the copier handles');
    const cases = [
      { probs: [1, 2, 3], day: '2025-03-27' }, { probs: [1, 2], day: '2025-03-27' }, { probs: [1, 2, 3, 4], day: '2025-03-27' },
      { probs: [1, 2, 3], day: '2025-13-27' }, { probs: [1, 2, 3], day: '2025-02-29' }, { probs: [1, 2, 3], day: '27/03/2025' },
      { probs: [1, 2, 3], atLeast: [], day: '2024-02-29' }, { probs: [1, 2, 3], atLeast: ['x'], day: '2024-02-29' },
    ];
    for (const value of cases) {
      const parsed = schema.safeParse(value);
      const out = copier(value);
      assert.equal(out === FAIL ? null : json(out), parsed.success ? json(parsed.data) : null, JSON.stringify(value));
    }
  });

  it('gives no copier for a schema with what it does not mirror (zod is kept)', () => {
    assert.equal(exactCopier(z.object({ a: z.string() }).strict()), null);
    assert.equal(exactCopier(z.object({ a: z.string().email() })), null);
    assert.equal(exactCopier(z.object({ a: z.number().multipleOf(2) })), null);
    assert.equal(exactCopier(z.object({ a: z.string().transform((s) => s.length) })), null);
    assert.equal(exactCopier(z.object({ a: z.string().default('x') })), null);
    assert.equal(exactCopier(z.object({ a: z.int() })), null, 'z.int() checks on itself');
    assert.equal(exactCopier(z.object({ a: z.base64() })), null, 'base64 checks more than its pattern');
    const small = exactCopier(z.object({ a: z.string().min(1), b: z.number().int().positive().optional(), c: z.number().nullable(), d: z.tuple([z.number(), z.string()]) }))!;
    assert.deepEqual(small({ d: [1, 'x'], c: null, a: 'x', e: 2 }), { a: 'x', c: null, d: [1, 'x'] });
    for (const bad of [{ a: '', c: 1, d: [1, 'x'] }, { a: 'x', b: 0, c: 1, d: [1, 'x'] }, { a: 'x', c: NaN, d: [1, 'x'] }, { a: 'x', c: Infinity, d: [1, 'x'] }, { a: 'x', c: 1, d: [1, 'x', 2] }, { a: 'x', d: [1, 'x'] }]) {
      assert.equal(small(bad), FAIL, JSON.stringify(bad));
    }
  });
});
