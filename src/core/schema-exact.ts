/**
 * A cheaper stand-in for zod's parse of the output schema: the same copy, built without zod.
 *
 * zod's parse of an object schema returns a copy: the shape's keys in the shape's order, unknown
 * keys dropped, optional keys the value lacks left out, every field checked. `exactCopier(schema)`
 * builds that same copy directly, or answers FAIL when a field fails or the value is anything this
 * file does not mirror exactly (an undefined field, an object with another prototype); on FAIL the
 * caller runs zod itself, so the answer, the copy and its JSON bytes are zod's in every case.
 * (A zod parse was ~6 % of a text document's conversion, and each worker compiled zod's code.)
 *
 * Handled: object (strip), array, tuple (no rest), string (min/max length, regex), number
 * (greater/less than, safe integer), boolean, enum, literal, optional, nullable, union. A schema
 * holding anything else (a transform, a default, a strict object, another check) gets no copier
 * (null): callers keep zod.
 */
import type { z } from 'zod';

/** The copy, or FAIL: let zod answer. */
export const FAIL: unique symbol = Symbol('not copied');
export type ExactCopy = (value: unknown) => unknown;

class Unsupported extends Error {}

interface Def { type: string; checks?: { _zod: { def: CheckDef } }[]; [key: string]: unknown }
interface CheckDef { check: string; when?: unknown; [key: string]: unknown }
interface Internals { def: Def; optin?: string; optout?: string }

const internals = (schema: unknown): Internals => (schema as { _zod: Internals })._zod;

/** The copier of `schema`, or null when the schema uses something not handled here. */
export function exactCopier(schema: z.ZodType): ExactCopy | null {
  try {
    return compile(schema, new Map());
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

function compile(schema: unknown, memo: Map<unknown, ExactCopy>): ExactCopy {
  const known = memo.get(schema);
  if (known) return known;
  // A recursive schema (sections hold sections) meets itself while compiling: it gets a forward.
  let real: ExactCopy | undefined;
  memo.set(schema, (v) => real!(v));
  real = build(internals(schema).def, memo);
  memo.set(schema, real);
  return real;
}

function build(def: Def, memo: Map<unknown, ExactCopy>): ExactCopy {
  if ((def as { coerce?: boolean }).coerce) throw new Unsupported();
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  // A check's `when` decides whether it runs; zod gives the length checks one that runs them on
  // any value with a length (every string and array): the only ones taken with a `when`.
  if (checks.some((c) => c.when !== undefined && !((def.type === 'string' || def.type === 'array') && LENGTH_CHECKS.has(c.check as string)))) throw new Unsupported();
  switch (def.type) {
    case 'string':
      // A format schema (z.iso.date()) is itself a check: its pattern is mirrored, anything else is zod's.
      if (def.check !== undefined || def.format !== undefined) {
        // Only formats that are their pattern alone (z.iso.date()); base64, ipv6, … check more.
        if (def.check !== 'string_format' || def.format !== 'date' || !(def.pattern instanceof RegExp)) throw new Unsupported();
        return stringCopy([...checks, { check: 'string_format', format: 'regex', pattern: def.pattern }]);
      }
      return stringCopy(checks);
    case 'number':
      // A format schema (z.int()) carries its check on itself, not in `checks`: left to zod.
      if (def.check !== undefined || def.format !== undefined) throw new Unsupported();
      return numberCopy(checks);
    case 'boolean':
      noChecks(checks);
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'enum': case 'literal': {
      noChecks(checks);
      const values = new Set(def.type === 'enum' ? Object.values(def.entries as Record<string, unknown>) : (def.values as unknown[]));
      return (v) => (values.has(v) ? v : FAIL);
    }
    case 'optional': case 'nullable': {
      noChecks(checks);
      const inner = compile(def.innerType, memo);
      // An undefined value is left to zod (it keeps a present key's undefined, drops an absent one;
      // objectCopy handles absent keys itself).
      return def.type === 'nullable' ? (v) => (v === null ? null : inner(v)) : (v) => (v === undefined ? FAIL : inner(v));
    }
    case 'union': {
      noChecks(checks);
      // zod returns the first option that parses.
      const options = (def.options as unknown[]).map((o) => compile(o, memo));
      return (v) => {
        for (const option of options) {
          const out = option(v);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case 'array': {
      const lengthOk = lengthTests(checks);
      const element = compile(def.element, memo);
      return (v) => {
        if (!Array.isArray(v) || !lengthOk(v.length)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = element(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case 'tuple': {
      noChecks(checks);
      if (def.rest) throw new Unsupported();
      const items = (def.items as unknown[]).map((s) => compile(s, memo));
      return (v) => {
        if (!Array.isArray(v) || v.length !== items.length) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = items[i]!(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case 'object': return objectCopy(def, checks, memo);
    default: throw new Unsupported();
  }
}

function noChecks(checks: CheckDef[]): void {
  if (checks.length) throw new Unsupported();
}

const LENGTH_CHECKS = new Set(['min_length', 'max_length', 'length_equals']);

/** One test of a length against every length check (anything else: zod's). */
function lengthTests(checks: CheckDef[]): (length: number) => boolean {
  const tests = checks.map(lengthTest);
  return (n) => tests.every((t) => t(n));
}

function lengthTest(c: CheckDef): (length: number) => boolean {
  if (c.check === 'min_length') { const m = c.minimum as number; return (n) => n >= m; }
  if (c.check === 'max_length') { const m = c.maximum as number; return (n) => n <= m; }
  if (c.check === 'length_equals') { const m = c.length as number; return (n) => n === m; }
  throw new Unsupported();
}

function stringCopy(checks: CheckDef[]): ExactCopy {
  const tests = checks.map((c): ((s: string) => boolean) => {
    if (LENGTH_CHECKS.has(c.check as string)) { const ok = lengthTest(c); return (s) => ok(s.length); }
    if (c.check === 'string_format' && c.format === 'regex') {
      const re = c.pattern as RegExp;
      return (s) => { re.lastIndex = 0; return re.test(s); };
    }
    throw new Unsupported();
  });
  return (v) => (typeof v === 'string' && tests.every((t) => t(v)) ? v : FAIL);
}

function numberCopy(checks: CheckDef[]): ExactCopy {
  const tests = checks.map((c): ((n: number) => boolean) => {
    if (c.check === 'greater_than' && typeof c.value === 'number') { const m = c.value; return c.inclusive ? (n) => n >= m : (n) => n > m; }
    if (c.check === 'less_than' && typeof c.value === 'number') { const m = c.value; return c.inclusive ? (n) => n <= m : (n) => n < m; }
    if (c.check === 'number_format' && c.format === 'safeint') return (n) => Number.isSafeInteger(n);
    throw new Unsupported();
  });
  return (v) => (typeof v === 'number' && Number.isFinite(v) && tests.every((t) => t(v)) ? v : FAIL);
}

function objectCopy(def: Def, checks: CheckDef[], memo: Map<unknown, ExactCopy>): ExactCopy {
  noChecks(checks);
  // A catchall (strict or passthrough objects) keeps or refuses unknown keys: not handled.
  if (def.catchall !== undefined) throw new Unsupported();
  const shape = def.shape as Record<string, unknown>;
  const keys = Object.keys(shape);
  if (keys.includes('__proto__')) throw new Unsupported();
  const fields = keys.map((k) => compile(shape[k], memo));
  // zod leaves out a key the value lacks when its field is optional both ways, else fails.
  const optional = keys.map((k) => internals(shape[k]).optin === 'optional' && internals(shape[k]).optout === 'optional');
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
