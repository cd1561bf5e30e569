/**
 * What the PDF and image ingest modules read from `ConvertOptions.ingest`: the OCR pool or how to
 * make one, page progress, the resolution and mode of OCR, and which pages to read. Every field is
 * optional; text inputs read none of them.
 */
import type { OcrEngineChoice } from './ocr/engine-choice.js';
import type { OcrPool } from './ocr/pool.js';
import type { PageRange } from './page-ranges.js';

export interface IngestOptions {
  /** The batch's shared pool. Absent: a pool of `jobs` workers is made for this file only. */
  ocr?: OcrPool;
  jobs?: number;
  /** Page segmentation mode for a pool made here. */
  psm?: string;
  /** Engine of a pool made here: 'wasm' (tesseract.js), 'native' (the system tesseract) or 'auto'
   * (native when it can run). Default: BAOCAO_OCR_ENGINE, else 'wasm' (ocr/engine.ts). */
  ocrEngine?: OcrEngineChoice;
  /** The batch's page slots (batch/ocr-files.ts): one is taken before a page image is made and
   * given back when the page is read, bounding the page images in flight over every file being read. */
  pageSlot?: () => Promise<() => void>;
  /** Called after each page is done (1-based count of finished pages, total pages). */
  onPage?: (done: number, total: number) => void;
  /** Pages scanned finer than this (dpi) are reduced to it before OCR; 0 never reduces.
   * Default: the BAOCAO_OCR_DPI environment variable, else 200. */
  ocrDpi?: number;
  /** Pages are read narrower than their proportions (170 dpi across when reduced to 200, 0.9 of the
   * width at 200 dpi; image-resolution.ts), Tesseract's time being along the lines; false keeps
   * proportions. Default true. */
  ocrNarrow?: boolean;
  /** A page image lying turned (90/180/270°) or skewed is straightened before OCR (ocr/straighten.ts);
   * false reads every page as given. Default: BAOCAO_STRAIGHTEN (0/off/false turns it off), else true. */
  straighten?: boolean;
  /** PDF text layers (text-layer-trust.ts): 'auto' (default) OCRs a page whose layer over the page
   * scan does not read as Vietnamese, 'force' OCRs every page's image, 'never' takes any text layer. */
  ocrMode?: 'auto' | 'force' | 'never';
  /** Only these pages of a PDF or multi-page TIFF are read; they keep their numbers (page-ranges.ts). */
  pages?: PageRange[];
  /**
   * The most time a PDF's reading (pdf.js and the objects reader, in their worker thread; not OCR)
   * may take, in ms: past it the thread is stopped and the file or its pages left get
   * `ingest/pdf-timeout`. Default: no limit (the batch gives its --timeout for the file).
   */
  pdfTimeoutMs?: number;
  /**
   * The most time a scan's OCR (an image's pages, a PDF's pages read by OCR) may take, in ms, plus
   * `ocrTimeoutPerPageMs` for each page to read; counted while the file has a page in progress
   * (ocr/ocr-clock.ts). Past it the file's OCR is stopped: the pages read are kept, the others left
   * empty with one `ocr/timeout` error. Default: no limit (the batch gives its --timeout).
   */
  ocrTimeoutMs?: number;
  ocrTimeoutPerPageMs?: number;
  /**
   * A scan whose first this many pages all read no text is stopped there with `ocr/noise-stopped`
   * (noise-stop.ts), the pages read kept; 0 reads every page. Default: 10, or 0 when
   * BAOCAO_NOISE_STOP is 0/off/false.
   */
  noiseStopPages?: number;
  /**
   * The reading is no longer wanted (`serve`: past its time limit, or the client left): no page is
   * started after it, the shared pool drops this document's pages (pool.ts), and ingest rejects
   * with the signal's reason.
   */
  signal?: AbortSignal;
}
