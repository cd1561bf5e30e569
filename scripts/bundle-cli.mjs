/**
 * Bundles the command line (dist/cli/main.js, as tsc emitted it) into dist/cli-bundle/, which
 * dist/cli/index.js runs when it is there: `baocao restore FILE` then loads a handful of files
 * instead of ~300 modules (importing the CLI and the pipeline was ~0.2 s of CPU over a bare node).
 * Run by `npm run build` after tsc; never committed (dist/ is ignored).
 *
 * Code splitting keeps each command's code (the batch, the server, review, scans, Word, the
 * writers) in chunks loaded on first use, as the dynamic imports of the unbundled build do. zod,
 * commander and fast-csv (pure JS) go into the bundle; every other package stays an import of
 * node_modules (sharp and tesseract.js have native or wasm parts).
 *
 * The bundle sits beside dist/cli (same depth), and each bundled module's `import.meta.url` is
 * rewritten to the URL of the module tsc emitted (relative to the chunk it lands in, which is in
 * the bundle's root): what a module finds beside itself (the worker bundles, the review UI,
 * package.json, dictionaries/) is found from the bundle too.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleEsm } from './esbuild-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist`;

await bundleEsm({
  entry: `${dist}/cli/main.js`,
  outdir: `${dist}/cli-bundle`,
  inlined: /^(zod|commander|fast-csv|@fast-csv\/[^/]+)(\/|$)/,
  plugins: [{
    name: 'own-urls',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        const rel = relative(dist, args.path);
        if (rel.startsWith('..')) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'js' };
        const own = `new URL(${JSON.stringify(`../${rel.split('\\').join('/')}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', own), loader: 'js' };
      });
    },
  }],
});
