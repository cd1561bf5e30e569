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
import { fileURLToPath } from 'node:url';
import { bundleEsm } from './esbuild-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

await bundleEsm({
  entry: `${root}dist/batch/worker.js`,
  outdir: `${root}dist/batch/worker-bundle`,
  inlined: /^(zod|fast-csv|@fast-csv\/[^/]+)(\/|$)/,
});
