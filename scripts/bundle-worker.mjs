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
 *
 * zod's translated messages (`z.locales`, ~360 KB of the bundle's ~1.2 MB loaded at every start)
 * are left out: nothing in baocao reads them, and zod's default English messages come from
 * locales/en.js, which its schemas import directly and which stays in.
 */
import { fileURLToPath } from 'node:url';
import { bundleEsm } from './esbuild-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** zod's `locales` namespace (locales/index.js, re-exporting ~60 languages) as an empty module. */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[/\\]node_modules[/\\]zod[/\\]/.test(args.importer) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await bundleEsm({
  entry: `${root}dist/batch/worker.js`,
  outdir: `${root}dist/batch/worker-bundle`,
  inlined: /^(zod|fast-csv|@fast-csv\/[^/]+)(\/|$)/,
  plugins: [noZodLocales],
});
