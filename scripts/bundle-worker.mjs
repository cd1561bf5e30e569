/**
 * Bundles the batch's text worker (dist/batch/worker.js, as tsc emitted it) into
 * dist/batch/worker-bundle/: a worker thread then loads one file and a few chunks instead of
 * ~200 modules (its start was ~145 ms of CPU, most of it module loading: zod alone is ~95 files).
 * Run by `npm run build` after tsc; never committed (dist/ is ignored). pool.ts starts the bundle
 * when it is there and dist/batch/worker.js otherwise, so a build without it still works.
 *
 * zod and fast-csv (pure JS, loaded at every worker start) go into the bundle; every other package
 * stays an import of node_modules (sharp and tesseract.js have native or wasm parts and are loaded
 * only for scans). Code splitting keeps the scan, Word and restoration code in chunks loaded on
 * first use, as the dynamic imports of the unbundled build do.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const INLINED = /^(zod|fast-csv|@fast-csv\/[^/]+)(\/|$)/;
const outdir = `${root}dist/batch/worker-bundle`;

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}dist/batch/worker.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // fast-csv is CommonJS and requires Node's modules: the chunks get a real `require`.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  plugins: [{
    name: 'external-packages-but-inlined',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || !INLINED.test(args.path) ? { path: args.path, external: true } : undefined));
    },
  }],
});
