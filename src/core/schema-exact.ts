/**
 * A cheaper stand-in for zod's parse of the output schema: the same copy, built without zod.
 *
 * zod's parse of an object schema returns a copy: the shape's keys in the shape's order, unknown
 * keys dropped, optional keys the value lacks left out, every field checked. `planCopier(plan)`
 * builds that same copy directly from the schema's plan (schema-plan.ts), or answers FAIL when a
 * field fails or the value is anything this file does not mirror exactly (an undefined field, an
 * object with another prototype); on FAIL the caller runs zod itself, so the answer, the copy and
 * its JSON bytes are zod's in every case. (A zod parse was ~6 % of a text document's conversion,
 * and each worker compiled zod's code.) This file imports nothing of zod at run time.
 */
import type { z } from 'zod';
import { schemaPlan, type PlanCheck, type PlanNode, type SchemaPlan } from './schema-plan.js';

/** The copy, or FAIL: let zod answer. */
export const FAIL: unique symbol = Symbol('not copied');
export type ExactCopy = (value: unknown) => unknown;

/** The copier of `schema`, or null when the schema uses something not handled (schema-plan.ts). */
export function exactCopier(schema: z.ZodType): ExactCopy | null {
  const plan = schemaPlan(schema);
  return plan && planCopier(plan);
}

/** The copier of a schema's plan. */
export function planCopier(plan: SchemaPlan): ExactCopy {
  const copiers = new Array<ExactCopy | undefined>(plan.nodes.length);
  const of = (i: number): ExactCopy => {
    const known = copiers[i];
    if (known) return known;
    // A recursive schema (sections hold sections) meets itself while compiling: it gets a forward.
    let real: ExactCopy | undefined;
    copiers[i] = (v) => real!(v);
    real = build(plan.nodes[i]!, of);
    copiers[i] = real;
    return real;
  };
  return of(0);
}

function build(node: PlanNode, of: (i: number) => ExactCopy): ExactCopy {
  switch (node.type) {
    case 'string': {
      const tests = node.checks.map(stringTest);
      return (v) => (typeof v === 'string' && tests.every((t) => t(v)) ? v : FAIL);
    }
    case 'number': {
      const tests = node.checks.map(numberTest);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && tests.every((t) => t(v)) ? v : FAIL);
    }
    case 'boolean': return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'values': {
      const values = new Set<unknown>(node.values);
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'optional': case 'nullable': {
      const inner = of(node.inner);
      // An undefined value is left to zod (it keeps a present key's undefined, drops an absent one;
      // objectCopy handles absent keys itself).
      return node.type === 'nullable' ? (v) => (v === null ? null : inner(v)) : (v) => (v === undefined ? FAIL : inner(v));
    }
    case 'union': {
      // zod returns the first option that parses.
      const options = node.options.map(of);
      return (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case 'array': {
      const tests = node.checks.map(lengthTest);
      const element = of(node.element!);
      return (v) => {
        if (!Array.isArray(v) || !tests.every((t) => t(v.length))) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = element(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case 'tuple': {
      const items = node.items.map(of);
      return (v) => {
        if (!Array.isArray(v) || v.length !== items.length) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = items[i]!(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case 'object': return objectCopy(node, of);
  }
}

function lengthTest(c: PlanCheck): (length: number) => boolean {
  if ('min' in c) { const m = c.min; return (n) => n >= m; }
  if ('max' in c) { const m = c.max; return (n) => n <= m; }
  if ('length' in c) { const m = c.length; return (n) => n === m; }
  throw new Error(`not a length check: ${JSON.stringify(c)}`);
}

function stringTest(c: PlanCheck): (s: string) => boolean {
  if ('pattern' in c) {
    const re = new RegExp(c.pattern, c.flags);
    return (s) => { re.lastIndex = 0; return re.test(s); };
  }
  const ok = lengthTest(c);
  return (s) => ok(s.length);
}

function numberTest(c: PlanCheck): (n: number) => boolean {
  if ('above' in c) { const m = c.above; return c.inclusive ? (n) => n >= m : (n) => n > m; }
  if ('below' in c) { const m = c.below; return c.inclusive ? (n) => n <= m : (n) => n < m; }
  if ('safeInteger' in c) return (n) => Number.isSafeInteger(n);
  throw new Error(`not a number check: ${JSON.stringify(c)}`);
}

function objectCopy(node: Extract<PlanNode, { type: 'object' }>, of: (i: number) => ExactCopy): ExactCopy {
  const { keys, optional } = node;
  const fields = node.fields.map(of);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    // zod reads keys with `in` (inherited ones too): only plain objects are mirrored here.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return FAIL;
    const record = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const field = record[key];
      if (field === undefined) {
        if (key in record || !optional[j]) return FAIL;
        continue;
      }
      if ((out[key] = fields[j]!(field)) === FAIL) return FAIL;
    }
    return out;
  };
}
