/**
 * What the worker and CLI bundles share (scripts/bundle-worker.mjs, scripts/bundle-cli.mjs): an
 * ESM bundle of a module tsc emitted, split at its dynamic imports, with the pure-JS packages
 * matched by `inlined` inside and every other package (sharp and tesseract.js have native or wasm
 * parts) left an import of node_modules.
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

/** Bundles `entry` into `outdir` (emptied first); `plugins` run before the externals rule. */
export async function bundleEsm({ entry, outdir, inlined, plugins = [] }) {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    // fast-csv is CommonJS and requires Node's modules: the chunks get a real `require`.
    banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
    plugins: [...plugins, {
      name: 'external-packages-but-inlined',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('node:') || !inlined.test(args.path) ? { path: args.path, external: true } : undefined));
      },
    }],
  });
}
