import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const STATIC_RE = /\b(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g;

/** The packages a module loads when it starts: its static run-time imports, followed through src/ (dynamic imports and erased type imports are not loaded then). */
function packagesAtStart(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(STATIC_RE)) {
      const braces = m[2]!.match(/^\{([\s\S]*)\}$/);
      const names = braces ? braces[1]!.split(',').map((s) => s.trim()).filter(Boolean) : [];
      if (m[1] || (names.length && names.every((n) => n.startsWith('type ')))) continue;
      const spec = m[3]!;
      if (!spec.startsWith('.')) { packages.add(spec); continue; }
      const next = join(dirname(file), spec).replace(/\.js$/, '.ts');
      assert.ok(existsSync(join(SRC, next)), `${file} imports ${spec}, not found`);
      walk(next);
    }
  };
  walk(entry);
  return packages;
}

describe('a batch text worker at its start', () => {
  // Each worker pays for what it loads (two per 1,000-file batch): the listing's glob package and
  // fast-csv with Node's streams were ~15 % of a worker's start, and a text worker uses neither.
  it('loads neither the inputs listing\'s glob package nor fast-csv', () => {
    const packages = packagesAtStart('batch/worker.ts');
    assert.ok(packages.has('node:fs'), 'the walk reached the worker\'s file code');
    assert.deepEqual([...packages].filter((p) => /^(tinyglobby|fast-csv|@fast-csv\/)/.test(p)), []);
  });

  // zod was 391 KB of the worker bundle's ~750 KB compiled at every start (~40 ms of CPU a worker):
  // the results are checked by the schema's plan (schema-plans.ts) and zod loaded only for a
  // result the plan's copier does not take.
  it('loads no zod (the schema checked by its plan)', () => {
    assert.deepEqual([...packagesAtStart('batch/worker.ts')].filter((p) => /^zod(\/|$)/.test(p)), []);
  });

  it('is told apart from a module that does load them (the listing, the schema)', () => {
    assert.ok(packagesAtStart('batch/inputs.ts').has('tinyglobby'));
    assert.ok(packagesAtStart('review/documents-csv.ts').has('fast-csv'));
    assert.ok(packagesAtStart('emit/json.ts').has('zod'));
  });
});
