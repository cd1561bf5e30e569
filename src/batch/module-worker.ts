/**
 * A worker thread running the module `name` beside the caller: when built, the bundle
 * `name-bundle/name.js` that `npm run build` makes (scripts/bundle-worker.mjs: one file to load
 * instead of ~200 modules) or else `name.js`; from source `name.ts`, where the worker registers
 * tsx first (loader hooks given with --import do not reach worker threads on Node 20).
 */
import { statSync } from 'node:fs';
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
 * The bundle when the build made one and it is not older than the module tsc emitted (a `tsc`
 * alone after a build must not leave the old bundle running), else that module; looked up once.
 */
function builtEntry(callerUrl: string, name: string): URL {
  const bundle = new URL(`./${name}-bundle/${name}.js`, callerUrl);
  const module = new URL(`./${name}.js`, callerUrl);
  if (!bundles.has(bundle.href)) bundles.set(bundle.href, modifiedMs(bundle) >= modifiedMs(module) ? bundle : null);
  return bundles.get(bundle.href) ?? module;
}

function modifiedMs(file: URL): number {
  try {
    return statSync(fileURLToPath(file)).mtimeMs;
  } catch {
    return -1; // absent: a missing bundle loses, a missing module (bundle only) does not
  }
}
