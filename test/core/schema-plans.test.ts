/**
 * The output schemas' plans (src/core/schema-plans.ts) are made from the zod schemas by
 * `npm run build:schema-plans`; a batch worker checks its results by them without zod. A change
 * to a schema that forgets the rebuild must fail here, and the plans must copy as zod parses.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { schemaPlansSource } from '../../scripts/lib/schema-plans-source.js';
import { schemaPlan } from '../../src/core/schema-plan.js';
import { FAIL, planCopier } from '../../src/core/schema-exact.js';
import { CORRECTION_PLAN, DOCUMENT_RESULT_PLAN, FIELD_CORRECTION_PLAN, STRUCTURE_KEYS } from '../../src/core/schema-plans.js';
import { CorrectionSchema, DocumentResultSchema, FieldCorrectionSchema, HEADER_FIELDS } from '../../src/core/schema.js';
import { structureShape } from '../../src/core/segment/schema.js';
import { mulberry32 as random } from '../../scripts/lib/seeded-random.js';

const committed = readFileSync(fileURLToPath(new URL('../../src/core/schema-plans.ts', import.meta.url)), 'utf8');

describe('the schemas\' plans', () => {
  it('are the ones the live zod schemas make (else: npm run build:schema-plans)', () => {
    assert.equal(committed, schemaPlansSource());
    assert.deepEqual(DOCUMENT_RESULT_PLAN, schemaPlan(DocumentResultSchema));
    assert.deepEqual([...STRUCTURE_KEYS], Object.keys(structureShape));
  });

  it('would tell a changed schema: a field added, a check changed', () => {
    const plan = (s: z.ZodType) => JSON.stringify(schemaPlan(s));
    assert.notEqual(plan(DocumentResultSchema.extend({ extra: z.string().optional() })), plan(DocumentResultSchema));
    assert.notEqual(plan(CorrectionSchema.extend({ page: z.number().int().nonnegative() })), plan(CorrectionSchema));
  });

  it('are plain data: the same after a JSON round trip, patterns and bounds included', () => {
    for (const plan of [DOCUMENT_RESULT_PLAN, CORRECTION_PLAN, FIELD_CORRECTION_PLAN]) assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
    assert.equal(schemaPlan(z.object({ a: z.number().max(Infinity) })), null, 'a bound JSON cannot hold is left to zod');
    assert.equal(schemaPlan(z.object({ a: z.literal(undefined) })), null, 'a value JSON cannot hold is left to zod');
    const re = /^a.b$/su;
    const copy = planCopier(schemaPlan(z.object({ s: z.string().regex(re) }))!);
    assert.deepEqual(copy({ s: 'a\nb' }), { s: 'a\nb' }, 'the flags kept (s: a dot matches a line break)');
    assert.equal(copy({ s: 'a\nbc' }), FAIL);
  });
});

/** A corrections-log line as JSON.parse gives it, damaged at random. */
function damagedLine(rnd: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const field = rnd() < 0.5;
  const line: Record<string, unknown> = field
    ? { kind: 'field', field: pick(HEADER_FIELDS), before: pick(['12/BC', null]), after: pick(['12/BC-UBND', null]), time: '2026-01-01T00:00:00Z', action: pick(['typed', 'accepted']) }
    : { page: 1, line: 3, start: 4, end: 6, before: 'Sở', after: 'Sỏ', time: '2026-01-01T00:00:00Z', action: pick(['alternative', 'typed', 'accepted']) };
  const keys = Object.keys(line);
  const odd = [null, '', 'x', -1, 0, 0.5, 2, true, [], {}, 'typed', 'number', 'zzz', 1e300];
  for (let n = Math.floor(rnd() * 3); n > 0; n--) {
    const kind = rnd();
    if (kind < 0.4) line[pick(keys)] = pick(odd);
    else if (kind < 0.7) delete line[pick(keys)];
    else line[pick(['extra', 'sha256', 'document', 'page'])] = pick(odd);
  }
  return JSON.parse(JSON.stringify(line)) as Record<string, unknown>;
}

describe('a corrections-log line read by the plan', () => {
  it('is taken exactly when zod takes it, as zod copies it, over 4,000 damaged lines', () => {
    const rnd = random(11);
    const word = planCopier(CORRECTION_PLAN), field = planCopier(FIELD_CORRECTION_PLAN);
    let taken = 0, refused = 0;
    for (let n = 0; n < 4000; n++) {
      const line = damagedLine(rnd);
      const [copy, schema] = line.kind === 'field' ? [field, FieldCorrectionSchema] : [word, CorrectionSchema];
      const out = copy(line);
      const parsed = (schema as z.ZodType).safeParse(line);
      assert.equal(out === FAIL ? null : JSON.stringify(out), parsed.success ? JSON.stringify(parsed.data) : null, JSON.stringify(line));
      if (out === FAIL) refused++; else taken++;
    }
    assert.ok(taken > 500 && refused > 500, `${taken} taken, ${refused} refused`);
  });
});
