/**
 * Where tesseract.js finds its worker script, wasm core and language model: all inside
 * node_modules, so OCR never touches the network (the library's default langPath is a CDN).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The model variant we ship with: LSTM-only, integer-quantised "best" weights. */
export const VIE_MODEL_FOLDER = '4.0.0_best_int';

export interface OfflinePaths {
  /** Folder holding vie.traineddata.gz (a local path, never a URL). */
  langPath: string;
  /** tesseract.js's Node worker script. */
  workerPath: string;
  /** Folder of tesseract.js-core (the wasm builds); the Node worker require()s it from here. */
  corePath: string;
}

export function resolveOfflinePaths(): OfflinePaths {
  const vieRoot = dirname(require.resolve('@tesseract.js-data/vie/package.json'));
  const langPath = join(vieRoot, VIE_MODEL_FOLDER);
  if (!existsSync(join(langPath, 'vie.traineddata.gz'))) {
    throw new Error(`Vietnamese OCR model missing: ${langPath}/vie.traineddata.gz (reinstall @tesseract.js-data/vie)`);
  }
  const tjsRoot = dirname(require.resolve('tesseract.js/package.json'));
  const workerPath = join(tjsRoot, 'src', 'worker-script', 'node', 'index.js');
  const corePath = dirname(require.resolve('tesseract.js-core/package.json', { paths: [tjsRoot] }));
  return { langPath, workerPath, corePath };
}
