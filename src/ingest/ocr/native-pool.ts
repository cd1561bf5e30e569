/**
 * The native OCR engine: the system `tesseract` binary (Debian: tesseract-ocr, tesseract-ocr-vie),
 * one process per page image, at most `jobs` at a time. It is given what the tesseract.js pool
 * gives its workers — language vie, LSTM engine, the same psm and parameters — and its TSV goes
 * through the same fromTsv, so the repairs after OCR see pages of the same shape.
 * The image goes in on stdin and the TSV comes out on stdout: no temporary page files. The
 * processes are started by a small helper process (process-launcher.ts): a start from this one,
 * its memory large, held the main thread 100–340 ms.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveOfflinePaths } from './offline-paths.js';
import { processLauncher, type Launch } from './process-launcher.js';
import { fromTsv, symbolsFromHocr, type OcrPageResult } from './result.js';
import { abortReason, DEFAULT_PSM, enqueue, TESSEDIT_DO_INVERT, type OcrPool, type OcrPoolOptions, type OcrTask, type RecognizeOptions } from './pool.js';

/** Which Vietnamese model the binary reads. */
export type NativeModel = 'bundled' | 'system';

export interface NativePoolOptions extends OcrPoolOptions {
  /** The binary (default: BAOCAO_TESSERACT, else `tesseract` on the PATH). */
  binary?: string;
  /**
   * 'bundled' (default): the same 4.0.0_best_int model tesseract.js reads, unpacked once per pool
   * into a temporary folder; 'system': the binary's own vie.traineddata (Debian ships tessdata_fast).
   */
  model?: NativeModel;
}

/** Leptonica's words when it cannot decode the image Tesseract was given. */
const UNREADABLE_IMAGE = /no pix returned|Error in pixRead|cannot be read/;

/**
 * Whether Leptonica will take `image` for an image by its first bytes (PNG, JPEG, TIFF, BMP, PNM,
 * GIF, JPEG 2000, WebP). Tesseract reads stdin that is not one as a list of file names to OCR,
 * so anything else must never reach it: a damaged page could name files on this machine.
 */
export function isLeptonicaImage(b: Uint8Array): boolean {
  // Leptonica's own test (findFileFormatBuffer) wants 12 bytes at least.
  if (b.length < 12) return false;
  const at = (s: string, o = 0) => [...s].every((c, i) => b[o + i] === c.charCodeAt(0));
  return at('\x89PNG\r\n\x1a\n') || (b[0] === 0xff && b[1] === 0xd8) || at('II*\0') || at('MM\0*') || at('BM')
    || (b[0] === 0x50 && b[1]! >= 0x31 && b[1]! <= 0x37) || at('GIF8') || at('\0\0\0\x0cjP  ') || (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51)
    || (at('RIFF') && at('WEBP', 8));
}

/** What Tesseract prints on stderr, kept to explain a failure (the tail only). */
const STDERR_KEEP = 2_000;

export function nativeBinary(binary?: string): string {
  return binary ?? (process.env.BAOCAO_TESSERACT || 'tesseract');
}

/**
 * The command line for one page: the parameters pool.ts sets on its workers
 * (preserve_interword_spaces 0, tessedit_do_invert 0; debug output is read from stderr, shown only on failure).
 * TSV is asked for by parameter, not by the `tsv` config file, which lives beside the system's
 * tessdata and is not found when --tessdata-dir points at the bundled model.
 */
export function nativeArgs(psm: string, tessdataDir?: string, job: Omit<RecognizeOptions, 'psm'> = {}): string[] {
  return [
    'stdin', 'stdout', '-l', 'vie', '--oem', '1', '--psm', psm,
    ...(tessdataDir ? ['--tessdata-dir', tessdataDir] : []),
    '-c', 'preserve_interword_spaces=0', '-c', `tessedit_do_invert=${TESSEDIT_DO_INVERT}`, '-c', 'tessedit_create_tsv=1', '-c', 'tessedit_create_txt=0',
    // Character boxes come in hOCR only; it is written to stdout beside the TSV, whose rows fromTsv
    // picks out by their tab-separated fields (hOCR lines never are), so one stream carries both.
    ...(job.symbols ? ['-c', 'tessedit_create_hocr=1', '-c', 'hocr_char_boxes=1'] : []),
  ];
}

export function createNativeOcrPool(options: NativePoolOptions = {}): OcrPool {
  const size = Math.max(1, Math.floor(options.jobs ?? availableParallelism()));
  const psm = options.psm ?? DEFAULT_PSM;
  const binary = nativeBinary(options.binary);
  const pageTimeoutMs = options.pageTimeoutMs ?? 300_000;
  const queue: OcrTask[] = [];
  const running = new Set<Launch>();
  let tessdataDir: string | undefined;
  let closed = false;

  // The bundled model, gunzipped on first use (Tesseract cannot read a .gz model).
  const modelDir = (): string | undefined => {
    if ((options.model ?? 'bundled') === 'system') return undefined;
    if (!tessdataDir) {
      const dir = mkdtempSync(join(tmpdir(), 'baocao-tessdata-'));
      writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(readFileSync(join(resolveOfflinePaths().langPath, 'vie.traineddata.gz'))));
      tessdataDir = dir;
    }
    return tessdataDir;
  };

  const launcher = processLauncher();
  const runOne = (task: OcrTask): Promise<OcrPageResult> => new Promise((resolve, reject) => {
    if (task.options?.signal?.aborted) return reject(abortReason(task.options.signal));
    if (!isLeptonicaImage(task.image)) return reject(new Error('Error attempting to read image (not an image format tesseract reads)'));
    const started = performance.now();
    // One thread per process: the pool is the parallelism (OpenMP threads would fight over the cores).
    const child = launcher.launch(binary, nativeArgs(task.options?.psm ?? psm, modelDir(), task.options ?? {}), { ...process.env, OMP_THREAD_LIMIT: '1' }, task.image, STDERR_KEEP);
    running.add(child);
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill(); }, pageTimeoutMs);
    // An aborted page: its process is killed now, not left to finish a reading nobody wants.
    const signal = task.options?.signal;
    const onAbort = () => { child.kill(); reject(abortReason(signal!)); };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settled = () => {
      clearTimeout(timer);
      running.delete(child);
      signal?.removeEventListener('abort', onAbort);
    };
    child.result.then(({ code, signal: killedBy, stdout, stderr }) => {
      settled();
      if (timedOut) return reject(new Error(`OCR took longer than ${pageTimeoutMs / 1000} s`));
      const detail = errorLines(stderr);
      // Worded as tesseract.js words it, so a damaged image is told apart the same way (image.ts).
      if (code !== 0 && UNREADABLE_IMAGE.test(stderr)) return reject(new Error(`Error attempting to read image (native tesseract: ${detail})`));
      if (code !== 0) return reject(new Error(`native tesseract ${killedBy ? `killed by ${killedBy}` : `exited with code ${code}`}${detail ? ` (${detail})` : ''}`));
      options.onRecognized?.(performance.now() - started);
      try {
        const text = stdout.toString('utf8');
        const page = fromTsv(text);
        resolve(task.options?.symbols ? { ...page, symbols: symbolsFromHocr(text) } : page);
      } catch (e) { reject(e); }
    }, (e: NodeJS.ErrnoException) => {
      settled();
      reject(e.code === 'ENOENT' ? new Error(`native OCR: '${binary}' not found (install tesseract-ocr and tesseract-ocr-vie)`) : e);
    });
  });

  let active = 0;
  const dispatch = (): void => {
    while (active < size && queue.length) {
      const task = queue.shift()!;
      active++;
      runOne(task).then(task.resolve, task.reject).finally(() => { active--; dispatch(); });
    }
  };

  return {
    size,
    engine: 'native',
    recognize(image, opts) {
      if (closed) return Promise.reject(new Error('OCR pool already terminated'));
      return new Promise<OcrPageResult>((resolve, reject) => enqueue(queue, { image, options: opts, resolve, reject }, dispatch));
    },
    async terminate() {
      closed = true;
      for (const t of queue.splice(0)) t.reject(new Error('OCR pool terminated'));
      await Promise.all([...running].map((c) => { c.kill(); return c.result.then(() => undefined, () => undefined); }));
      launcher.close();
      if (tessdataDir) rmSync(tessdataDir, { recursive: true, force: true });
    },
  };
}

/** Tesseract's error lines without its progress notes ("Estimating resolution as …"). */
function errorLines(stderr: string): string {
  return stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^(Estimating resolution|Detected \d+ diacritics|Warning: Invalid resolution)/.test(l)).slice(-4).join('; ');
}
