import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { circles, importGraph, importsOf, roomCrossings } from '../../scripts/import-graph.js';

const edges = importGraph(fileURLToPath(new URL('../../src', import.meta.url)));

describe('layering of src/', () => {
  it('core imports nothing outside core, type-only imports included', () => {
    assert.deepEqual(roomCrossings(edges, 'core').map((e) => `${e.from} → ${e.to}`), []);
  });

  it('ingest and emit never import the pipeline or the shells above them', () => {
    const up = edges.filter((e) => /^(ingest|emit)\//.test(e.from) && /^(pipeline|batch|cli|serve|queue|review)\//.test(e.to));
    assert.deepEqual(up.map((e) => `${e.from} → ${e.to}`), []);
  });
});

describe('import circles in src/', () => {
  // Type-only imports count: erased at run time, they still tie the files' meaning together, and
  // a shared type is cheap to give its own module.
  it('has none, type-only imports included', () => {
    assert.deepEqual(circles(edges).map((c) => c.join(' ↔ ')), []);
  });
});

describe('the import graph reader', () => {
  const known = new Set(['a/x.ts', 'a/y.ts', 'a/z/index.ts', 'b.ts']);

  it('finds static, re-exported and dynamic imports and marks the erased ones type-only', () => {
    const text = [
      "import { f } from './y.js';",
      "import type { T } from '../b.js';",
      "export { g, type U } from './z/index.js';",
      "let t: import('./y.js').T;",
      "const m = await import('./y.js');",
      "import { type A, type B } from '../b.js';",
      "// import { gone } from './y.js';",
      "import fs from 'node:fs';",
    ].join('\n');
    assert.deepEqual(importsOf('a/x.ts', text, known), [
      { from: 'a/x.ts', to: 'a/y.ts', typeOnly: false },
      { from: 'a/x.ts', to: 'b.ts', typeOnly: true },
      { from: 'a/x.ts', to: 'a/z/index.ts', typeOnly: false },
      { from: 'a/x.ts', to: 'a/y.ts', typeOnly: true },
      { from: 'a/x.ts', to: 'a/y.ts', typeOnly: false },
      { from: 'a/x.ts', to: 'b.ts', typeOnly: true },
    ]);
  });

  it('reports a circle through any number of files, and none in a tree', () => {
    const e = (from: string, to: string) => ({ from, to, typeOnly: false });
    assert.deepEqual(circles([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')]), [['a', 'b', 'c']]);
    assert.deepEqual(circles([e('a', 'b'), e('a', 'c'), e('b', 'c')]), []);
    assert.deepEqual(circles([e('a', 'a')]), [['a']]);
  });
});
