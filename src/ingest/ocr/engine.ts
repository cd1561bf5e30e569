/**
 * OCR engines behind one interface (OcrPool: recognize(image, {psm}) → a page read from TSV), as
 * OCRmyPDF's builtin plugins put Tesseract behind theirs: tesseract.js in worker threads ('wasm',
 * always there: it ships with the package) and the system `tesseract` binary ('native', when
 * installed). 'auto' takes native when it can run, else wasm.
 */
import { execFileSync } from 'node:child_process';
import { createNativeOcrPool, nativeBinary, type NativeModel } from './native-pool.js';
import { DEFAULT_OCR_ENGINE, envOcrEngine, type OcrEngineChoice, type OcrEngineName } from './engine-choice.js';
import { createOcrPool, type OcrPool, type OcrPoolOptions } from './pool.js';

export { DEFAULT_OCR_ENGINE, OCR_ENGINE_CHOICES, type OcrEngineChoice, type OcrEngineName } from './engine-choice.js';

export interface OcrEngineOptions extends OcrPoolOptions {
  /** 'wasm', 'native' or 'auto' (default DEFAULT_OCR_ENGINE, or BAOCAO_OCR_ENGINE when set). */
  engine?: OcrEngineChoice;
  /** The native binary (default BAOCAO_TESSERACT, else `tesseract` on the PATH). */
  binary?: string;
  /** The native engine's model: 'bundled' (the best_int model tesseract.js reads) or 'system'. */
  nativeModel?: NativeModel;
}

/**
 * The native engine's model when the caller does not say: BAOCAO_NATIVE_MODEL=system reads the
 * system's vie.traineddata (Debian ships tessdata_fast: faster, a little less accurate, see
 * docs/ocr-engines.md), anything else the bundled best_int model.
 */
export function envNativeModel(value = process.env.BAOCAO_NATIVE_MODEL): NativeModel {
  return (value ?? '').trim().toLowerCase() === 'system' ? 'system' : 'bundled';
}

/** How every OcrEngineUnavailableError begins, so the pages it failed are known by their diagnostics. */
export const ENGINE_UNAVAILABLE = 'the native OCR engine cannot run';

/** The native engine cannot run: a clear message for the file's row, never a crash. */
export class OcrEngineUnavailableError extends Error {
  override name = 'OcrEngineUnavailableError';
  constructor(reason: string) {
    super(`${ENGINE_UNAVAILABLE}: ${reason}`);
  }
}

export interface NativeStatus {
  available: boolean;
  /** `tesseract --version`'s first line, when it ran. */
  version?: string;
  /** Why the native engine cannot run. */
  reason?: string;
}

const statusCache = new Map<string, NativeStatus>();

/**
 * Whether the native engine can run: a tesseract of version 4 or later (LSTM, stdin input) and,
 * for the system model, its vie language data. Checked once per binary and model.
 */
export function nativeTesseractStatus(options: { binary?: string; model?: NativeModel } = {}): NativeStatus {
  const binary = nativeBinary(options.binary);
  const model = options.model ?? 'bundled';
  const key = `${binary}\0${model}`;
  let status = statusCache.get(key);
  if (!status) statusCache.set(key, (status = probe(binary, model)));
  return status;
}

function probe(binary: string, model: NativeModel): NativeStatus {
  let version: string;
  try {
    version = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0]!.trim();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { available: false, reason: err.code === 'ENOENT' ? `'${binary}' not found (install tesseract-ocr${model === 'system' ? ' and tesseract-ocr-vie' : ''})` : `'${binary} --version' failed: ${err.message.split('\n')[0]}` };
  }
  const major = Number(/(\d+)\./.exec(version)?.[1] ?? NaN);
  if (!(major >= 4)) return { available: false, version, reason: `${version}: tesseract 4 or later is needed (LSTM engine)` };
  if (model === 'system') {
    let langs = '';
    try {
      // Tesseract 4 lists on stderr, 5 on stdout.
      langs = execFileSync(binary, ['--list-langs'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      langs = String((e as { stdout?: string }).stdout ?? '');
    }
    if (!/^vie$/m.test(langs)) return { available: false, version, reason: `${version} has no Vietnamese data (install tesseract-ocr-vie)` };
  }
  return { available: true, version };
}

/** The engine `choice` comes to on this machine; a native engine that cannot run throws for 'native'. */
export function resolveOcrEngine(choice: OcrEngineChoice | undefined, options: Pick<OcrEngineOptions, 'binary' | 'nativeModel'> = {}): OcrEngineName {
  const wanted = choice ?? envOcrEngine() ?? DEFAULT_OCR_ENGINE;
  if (wanted === 'wasm') return 'wasm';
  const status = nativeTesseractStatus({ binary: options.binary, model: options.nativeModel ?? envNativeModel() });
  if (status.available) return 'native';
  if (wanted === 'auto') return 'wasm';
  throw new OcrEngineUnavailableError(status.reason ?? 'unknown reason');
}

/** A pool of the chosen engine. Throws OcrEngineUnavailableError when 'native' cannot run. */
export function createOcrEngine(options: OcrEngineOptions = {}): OcrPool {
  const engine = resolveOcrEngine(options.engine, options);
  return engine === 'native' ? createNativeOcrPool({ ...options, model: options.nativeModel ?? envNativeModel() }) : createOcrPool(options);
}

/**
 * A pool for one file's pages: the chosen engine, or, when it cannot run, a stand-in failing each
 * page with the reason (ingest then gives the file one 'ocr/engine-unavailable' error, and a PDF
 * its text-layer pages all the same).
 */
export function createOcrEngineForFile(options: OcrEngineOptions = {}): OcrPool {
  try {
    return createOcrEngine(options);
  } catch (err) {
    if (!(err instanceof OcrEngineUnavailableError)) throw err;
    return { size: 1, recognize: () => Promise.reject(err), terminate: async () => undefined };
  }
}
