/**
 * The import graph of src/: every relative `import … from`, `export … from` and `import('…')`,
 * each marked type-only when TypeScript erases it (`import type`, `export type`, an inline
 * `import('…').T` in a type position, or braces holding only `type` names). Circles are the
 * strongly connected components of more than one file (or a file importing itself).
 *
 * Run `npx tsx scripts/import-graph.ts` to print circles and room crossings; the test
 * test/house/import-graph.test.ts fails on any, so they cannot come back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ImportEdge { from: string; to: string; typeOnly: boolean }

const IMPORT_RE = /\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)(\s*\.\s*\w)?/g;

/** Every .ts file under `root`, as paths relative to it with '/' separators. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(relative(root, p).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

/** The relative imports of one file's text; `file` is relative to the root. */
export function importsOf(file: string, text: string, known: Set<string>): ImportEdge[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const edges: ImportEdge[] = [];
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[4] ?? m[5]!;
    if (!spec.startsWith('.')) continue;
    const typeOnly = m[4] !== undefined ? Boolean(m[2]) || onlyTypeNames(m[3]!) : Boolean(m[6]);
    const to = resolveSpec(file, spec, known);
    if (to) edges.push({ from: file, to, typeOnly });
  }
  return edges;
}

/** `{ type A, type B }` is erased whole; a default or namespace import never is. */
function onlyTypeNames(clause: string): boolean {
  const braces = clause.match(/^\{([\s\S]*)\}$/);
  if (!braces) return false;
  const names = braces[1]!.split(',').map((s) => s.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolveSpec(file: string, spec: string, known: Set<string>): string | undefined {
  const base = join(dirname(file), spec).split(sep).join('/');
  for (const c of [base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}/index.ts`]) if (known.has(c)) return c;
  return undefined;
}

export function importGraph(root: string): ImportEdge[] {
  const files = sourceFiles(root);
  const known = new Set(files);
  return files.flatMap((f) => importsOf(f, readFileSync(join(root, f), 'utf8'), known));
}

/** Strongly connected components with a cycle (Tarjan, iterative so deep graphs cannot overflow). */
export function circles(edges: ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    if (!next.has(e.to)) next.set(e.to, []);
    next.get(e.from)!.push(e.to);
  }
  const index = new Map<string, number>(), low = new Map<string, number>();
  const stack: string[] = [], onStack = new Set<string>(), out: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, counter); low.set(start, counter++); stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = next.get(top.node)!;
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter); low.set(w, counter++); stack.push(w); onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) { const parent = work[work.length - 1]!.node; low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!)); }
      if (low.get(top.node) === index.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== top.node);
        if (comp.length > 1 || succ.includes(top.node)) out.push(comp.sort());
      }
    }
  }
  return out;
}

/** Imports that leave `room` for another top-level folder of src/ (core must import only core). */
export function roomCrossings(edges: ImportEdge[], room: string): ImportEdge[] {
  return edges.filter((e) => e.from.startsWith(`${room}/`) && !e.to.startsWith(`${room}/`));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
  const edges = importGraph(root);
  const run = edges.filter((e) => !e.typeOnly);
  console.log(`${sourceFiles(root).length} files, ${edges.length} imports (${edges.length - run.length} type-only)`);
  for (const [label, es] of [['all imports', edges], ['run-time imports', run]] as const) {
    const cs = circles(es);
    console.log(`circles over ${label}: ${cs.length}`);
    for (const c of cs) console.log(`  ${c.join(' ↔ ')}`);
  }
  const crossing = roomCrossings(edges, 'core');
  console.log(`core imports leaving core: ${crossing.length}`);
  for (const e of crossing) console.log(`  ${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`);
}
