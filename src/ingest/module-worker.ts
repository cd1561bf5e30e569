/**
 * A worker thread running the module `name` beside the caller: when built, the bundle
 * `name-bundle/name.js` that `npm run build` makes (scripts/bundle-worker.mjs: one file to load
 * instead of ~200 modules) or else `name.js`; from source `name.ts`, where the worker registers
 * tsx first (loader hooks given with --import do not reach worker threads on Node 20).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const bundles = new Map<string, URL | null>();

export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(builtEntry(callerUrl, name), options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The bundle when the build made one (looked up once per module), else the module tsc emitted.
 * Not chosen by modification times: an installed package's files get theirs from the order tar
 * extracts them in. After `tsc` alone the old bundle would still run: build with `npm run build`.
 */
function builtEntry(callerUrl: string, name: string): URL {
  const bundle = new URL(`./${name}-bundle/${name}.js`, callerUrl);
  if (!bundles.has(bundle.href)) bundles.set(bundle.href, existsSync(fileURLToPath(bundle)) ? bundle : null);
  return bundles.get(bundle.href) ?? new URL(`./${name}.js`, callerUrl);
}
