/**
 * A zod schema as plain data (a "plan"): what schema-exact.ts needs to copy a value as zod's parse
 * would, without zod's objects. The plans of the output schemas are written ahead of time into
 * schema-plans.ts (`npm run build:schema-plans`), so a batch worker checks its results without
 * loading zod (391 KB of code compiled per worker thread); a test makes them again from the live
 * schemas and fails when they differ. zod stays the one source: nothing here is written by hand.
 *
 * Handled: object (strip), array, tuple (no rest), string (min/max length, regex), number
 * (greater/less than, safe integer), boolean, enum, literal, optional, nullable, union. A schema
 * holding anything else (a transform, a default, a strict object, another check) has no plan
 * (null): callers keep zod.
 */
import type { z } from 'zod';

/** A length test (strings and arrays), a pattern (strings), a bound or the safe-integer test (numbers). */
export type PlanCheck =
  | { min: number } | { max: number } | { length: number }
  | { pattern: string; flags: string }
  | { above: number; inclusive: boolean } | { below: number; inclusive: boolean } | { safeInteger: true };

/** One schema; other schemas are named by their index in the plan's `nodes` (recursion included). */
export type PlanNode =
  | { type: 'string' | 'number' | 'array'; checks: PlanCheck[]; element?: number }
  | { type: 'boolean' }
  | { type: 'values'; values: (string | number | boolean | null)[] }
  | { type: 'optional' | 'nullable'; inner: number }
  | { type: 'union'; options: number[] }
  | { type: 'tuple'; items: number[] }
  | { type: 'object'; keys: string[]; fields: number[]; optional: boolean[] };

/** The root is node 0. */
export interface SchemaPlan { nodes: PlanNode[] }

class Unsupported extends Error {}

interface Def { type: string; checks?: { _zod: { def: CheckDef } }[]; [key: string]: unknown }
interface CheckDef { check: string; when?: unknown; [key: string]: unknown }
interface Internals { def: Def; optin?: string; optout?: string }

const internals = (schema: unknown): Internals => (schema as { _zod: Internals })._zod;

/** The plan of `schema`, or null when the schema uses something not handled here. */
export function schemaPlan(schema: z.ZodType): SchemaPlan | null {
  const nodes: PlanNode[] = [];
  try {
    add(schema, nodes, new Map());
    return { nodes };
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** The node's index; a schema met again (shared, or recursive: sections hold sections) keeps its first. */
function add(schema: unknown, nodes: PlanNode[], seen: Map<unknown, number>): number {
  const known = seen.get(schema);
  if (known !== undefined) return known;
  const index = nodes.length;
  seen.set(schema, index);
  nodes.push({ type: 'boolean' }); // held until the node is built (its children come after it)
  nodes[index] = build(internals(schema).def, nodes, seen);
  return index;
}

const LENGTH_CHECKS = new Set(['min_length', 'max_length', 'length_equals']);

function build(def: Def, nodes: PlanNode[], seen: Map<unknown, number>): PlanNode {
  if ((def as { coerce?: boolean }).coerce) throw new Unsupported();
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  // A check's `when` decides whether it runs; zod gives the length checks one that runs them on
  // any value with a length (every string and array): the only ones taken with a `when`.
  if (checks.some((c) => c.when !== undefined && !((def.type === 'string' || def.type === 'array') && LENGTH_CHECKS.has(c.check)))) throw new Unsupported();
  const child = (s: unknown) => add(s, nodes, seen);
  switch (def.type) {
    case 'string':
      // A format schema (z.iso.date()) is itself a check: its pattern is mirrored, anything else is zod's.
      if (def.check !== undefined || def.format !== undefined) {
        // Only formats that are their pattern alone (z.iso.date()); base64, ipv6, … check more.
        if (def.check !== 'string_format' || def.format !== 'date' || !(def.pattern instanceof RegExp)) throw new Unsupported();
        return { type: 'string', checks: [...checks.map(stringCheck), patternOf(def.pattern)] };
      }
      return { type: 'string', checks: checks.map(stringCheck) };
    case 'number':
      // A format schema (z.int()) carries its check on itself, not in `checks`: left to zod.
      if (def.check !== undefined || def.format !== undefined) throw new Unsupported();
      return { type: 'number', checks: checks.map(numberCheck) };
    case 'boolean':
      noChecks(checks);
      return { type: 'boolean' };
    case 'enum': case 'literal': {
      noChecks(checks);
      const values = def.type === 'enum' ? Object.values(def.entries as Record<string, unknown>) : (def.values as unknown[]);
      // Only values plain data holds exactly (no undefined, bigint, NaN or -0).
      if (!values.every((v) => typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)))) throw new Unsupported();
      return { type: 'values', values: values as (string | number | boolean | null)[] };
    }
    case 'optional': case 'nullable':
      noChecks(checks);
      return { type: def.type, inner: child(def.innerType) };
    case 'union':
      noChecks(checks);
      return { type: 'union', options: (def.options as unknown[]).map(child) };
    case 'array':
      return { type: 'array', checks: checks.map(lengthCheck), element: child(def.element) };
    case 'tuple':
      noChecks(checks);
      if (def.rest) throw new Unsupported();
      return { type: 'tuple', items: (def.items as unknown[]).map(child) };
    case 'object': {
      noChecks(checks);
      // A catchall (strict or passthrough objects) keeps or refuses unknown keys: not handled.
      if (def.catchall !== undefined) throw new Unsupported();
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      if (keys.includes('__proto__')) throw new Unsupported();
      // zod leaves out a key the value lacks when its field is optional both ways, else fails.
      const optional = keys.map((k) => internals(shape[k]).optin === 'optional' && internals(shape[k]).optout === 'optional');
      return { type: 'object', keys, fields: keys.map((k) => child(shape[k])), optional };
    }
    default: throw new Unsupported();
  }
}

function noChecks(checks: CheckDef[]): void {
  if (checks.length) throw new Unsupported();
}

function lengthCheck(c: CheckDef): PlanCheck {
  if (c.check === 'min_length') return { min: c.minimum as number };
  if (c.check === 'max_length') return { max: c.maximum as number };
  if (c.check === 'length_equals') return { length: c.length as number };
  throw new Unsupported();
}

function patternOf(re: RegExp): PlanCheck {
  return { pattern: re.source, flags: re.flags };
}

function stringCheck(c: CheckDef): PlanCheck {
  if (LENGTH_CHECKS.has(c.check)) return lengthCheck(c);
  if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) return patternOf(c.pattern);
  throw new Unsupported();
}

function numberCheck(c: CheckDef): PlanCheck {
  // Finite bounds only: the plan is written as JSON.
  if (c.check === 'greater_than' && typeof c.value === 'number' && Number.isFinite(c.value)) return { above: c.value, inclusive: Boolean(c.inclusive) };
  if (c.check === 'less_than' && typeof c.value === 'number' && Number.isFinite(c.value)) return { below: c.value, inclusive: Boolean(c.inclusive) };
  if (c.check === 'number_format' && c.format === 'safeint') return { safeInteger: true };
  throw new Unsupported();
}
