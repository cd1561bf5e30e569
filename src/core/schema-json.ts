/**
 * The checked JSON of a value in one pass: `planJsonWriter(plan)(value)` is exactly
 * `JSON.stringify(planCopier(plan)(value), null, 2)` when the copier (schema-exact.ts) takes the
 * value, and FAIL when it does not (the caller then runs the copier, and zod, for the verdict).
 *
 * The batch made the copy (every object of the result built again in the schema's order), then
 * walked it a second time with JSON.stringify; together ~8 % of a text document's work
 * (docs/batch-speed-s21.md). Here the same checks write the text directly, in the order
 * JSON.stringify would meet the copy's keys, with no copy made. Strings are quoted by
 * JSON.stringify itself, so escaping is the engine's.
 */
import { FAIL, planChecks } from './schema-exact.js';
import type { PlanNode, SchemaPlan } from './schema-plan.js';

export { FAIL } from './schema-exact.js';

/** The pretty JSON text (no final newline), or FAIL. */
export type JsonWriter = (value: unknown) => string | typeof FAIL;
/** One node's text at a nesting depth (the depth of its own brackets). */
type NodeWriter = (value: unknown, depth: number) => string | typeof FAIL;

/** "\n" and two spaces per level: what JSON.stringify's gap of 2 puts before a member at that depth. */
const breaks: string[] = [];
function lineBreak(depth: number): string {
  for (let d = breaks.length; d <= depth; d++) breaks.push('\n' + '  '.repeat(d));
  return breaks[depth]!;
}

/** The writer of a schema's plan, or null when the plan has a key JSON.stringify of a copy would not list as written ('__proto__'). */
export function planJsonWriter(plan: SchemaPlan): JsonWriter | null {
  if (plan.nodes.some((n) => n.type === 'object' && n.keys.includes('__proto__'))) return null;
  const writers = new Array<NodeWriter | undefined>(plan.nodes.length);
  const of = (i: number): NodeWriter => {
    const known = writers[i];
    if (known) return known;
    // A recursive schema (sections hold sections) meets itself while compiling: it gets a forward.
    let real: NodeWriter | undefined;
    writers[i] = (v, d) => real!(v, d);
    real = build(plan.nodes[i]!, of);
    writers[i] = real;
    return real;
  };
  const root = of(0);
  return (value) => root(value, 0);
}

function build(node: PlanNode, of: (i: number) => NodeWriter): NodeWriter {
  switch (node.type) {
    case 'string': {
      const ok = planChecks.string(node.checks);
      return ok ? (v) => (typeof v === 'string' && ok(v) ? JSON.stringify(v) : FAIL) : (v) => (typeof v === 'string' ? JSON.stringify(v) : FAIL);
    }
    case 'number': {
      const ok = planChecks.number(node.checks);
      // A finite number's JSON is its string (-0 included: both give "0").
      return (v) => (typeof v === 'number' && Number.isFinite(v) && (!ok || ok(v)) ? String(v) : FAIL);
    }
    case 'boolean': return (v) => (v === true ? 'true' : v === false ? 'false' : FAIL);
    case 'values': {
      // Map look-up is the copier's Set test (SameValueZero); the text is the value's JSON.
      const texts = new Map<unknown, string>(node.values.map((v) => [v, JSON.stringify(v)]));
      return (v) => texts.get(v) ?? FAIL;
    }
    case 'optional': {
      const inner = of(node.inner);
      return (v, d) => (v === undefined ? FAIL : inner(v, d));
    }
    case 'nullable': {
      const inner = of(node.inner);
      return (v, d) => (v === null ? 'null' : inner(v, d));
    }
    case 'union': {
      // The copier keeps the first option that takes the value.
      const options = node.options.map(of);
      return (v, d) => {
        for (const option of options) {
          const out = option(v, d);
          if (out !== FAIL) return out;
        }
        return FAIL;
      };
    }
    case 'array': {
      const ok = planChecks.length(node.checks);
      const element = of(node.element!);
      return (v, d) => (Array.isArray(v) && (!ok || ok(v.length)) ? items(v, d, () => element) : FAIL);
    }
    case 'tuple': {
      const tuple = node.items.map(of);
      return (v, d) => (Array.isArray(v) && v.length === tuple.length ? items(v, d, (i) => tuple[i]!) : FAIL);
    }
    case 'object': return objectWriter(node, of);
  }
}

/** An array's text: "[]" when empty, else one item a line. */
function items(v: unknown[], depth: number, writerAt: (i: number) => NodeWriter): string | typeof FAIL {
  if (v.length === 0) return '[]';
  const inner = lineBreak(depth + 1);
  let out = '[';
  for (let i = 0; i < v.length; i++) {
    const text = writerAt(i)(v[i], depth + 1);
    if (text === FAIL) return FAIL;
    out += (i === 0 ? inner : ',' + inner) + text;
  }
  return out + lineBreak(depth) + ']';
}

/** Canonical array-index keys ("0", "7"): an object lists them first, in numeric order. */
const isIndexKey = (k: string) => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 2 ** 32 - 1;

function objectWriter(node: Extract<PlanNode, { type: 'object' }>, of: (i: number) => NodeWriter): NodeWriter {
  // The copy is built in the plan's order, so JSON.stringify lists its index keys first (ascending), then the rest as built.
  const order = node.keys.map((_, j) => j);
  order.sort((a, b) => {
    const ka = node.keys[a]!, kb = node.keys[b]!;
    const ia = isIndexKey(ka), ib = isIndexKey(kb);
    if (ia && ib) return Number(ka) - Number(kb);
    return ia ? -1 : ib ? 1 : a - b;
  });
  const keys = order.map((j) => node.keys[j]!);
  const optional = order.map((j) => node.optional[j]!);
  const fields = order.map((j) => of(node.fields[j]!));
  const labels = keys.map((k) => JSON.stringify(k) + ': ');
  return (v, depth) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
    // As the copier: keys are read with `in` (inherited ones too), so only plain objects are taken.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return FAIL;
    const record = v as Record<string, unknown>;
    const inner = lineBreak(depth + 1);
    let out = '';
    for (let j = 0; j < keys.length; j++) {
      const key = keys[j]!;
      const field = record[key];
      if (field === undefined) {
        if (key in record || !optional[j]) return FAIL;
        continue;
      }
      const text = fields[j]!(field, depth + 1);
      if (text === FAIL) return FAIL;
      out += (out === '' ? '{' + inner : ',' + inner) + labels[j] + text;
    }
    return out === '' ? '{}' : out + lineBreak(depth) + '}';
  };
}
