/**
 * OCR one page image into a working-document page. A failure becomes an empty page plus an
 * 'ocr/page-failed' diagnostic, so one unreadable page never stops a document or a batch.
 * A page scanned finer than the target resolution is reduced first (downscale.ts); its word
 * boxes are given in the input image's pixels all the same. A page turned or skewed is straightened
 * first (straighten.ts); its boxes, too, are taken back into the input image's pixels.
 */
import type { Diagnostic, Page } from '../../core/document.js';
import { greyPixels, reduceForOcr, type GreyImage, type OcrImage } from './downscale.js';
import { withRedPrintLines } from './red-print.js';
import { DEFAULT_OCR_DPI, wordsInOriginalPixels } from './image-resolution.js';
import type { OcrPool } from './pool.js';
import type { OcrPageResult } from './result.js';
import { mergedLineRegions, withMergedLinesReread } from './merged-lines.js';
import { numeralCandidates, withNumeralsFromStems } from './roman-stems.js';
import { headerInRows } from './column-rows.js';
import { signatureRegion, withSignatureReread } from './signature-reread.js';
import { junkPieces, withJunkPiecesReread } from './junk-pieces.js';
import { recipientsColumn, withRecipientsReread } from './recipients-reread.js';
import { splitMarginNotes } from './margin-notes.js';
import { readPenFills } from '../pen/read.js';
import { straightenPage, type Straightened } from './straighten.js';
import { envSwitch } from '../env-switch.js';

/** A region read again is one block of lines. */
const BLOCK_PSM = '6';
/** A piece of a line read again is one line. */
const LINE_PSM = '7';

export interface PageImageOptions {
  /** Target resolution in dpi (default 200; 0 never reduces). */
  targetDpi?: number;
  /** Size of the PDF page (MediaBox, points) that the image fills. */
  pageSizePt?: [number, number];
  /** Whether pages are read narrower than their proportions (default true; image-resolution.ts). */
  narrow?: boolean;
  /** Whether a turned or skewed page is straightened before OCR (default: BAOCAO_STRAIGHTEN, else true; straighten.ts). */
  straighten?: boolean;
}

export async function ocrPage(pool: OcrPool, image: Uint8Array, number: number, options: PageImageOptions = {}): Promise<{ page: Page; diagnostics: Diagnostic[] }> {
  try {
    const diagnostics: Diagnostic[] = [];
    let straight = (options.straighten ?? envSwitch('BAOCAO_STRAIGHTEN')) ? await straightenPage(image, { readConfidence: (strip) => pool.recognize(strip, { psm: BLOCK_PSM }).then((r) => r.confidence) }) : null;
    const reduce = (img: Uint8Array) => reduceForOcr(img, { targetDpi: options.targetDpi ?? DEFAULT_OCR_DPI, pageSizePt: options.pageSizePt, narrow: options.narrow });
    let prepared = await reduce(straight?.image ?? image);
    let first = await pool.recognize(prepared.image);
    if (straight && straight.image !== image && first.words.length === 0) {
      // Straightening must never cost a page its words: read the page as given instead.
      const asGiven = await reduce(image);
      const again = await pool.recognize(asGiven.image);
      if (again.words.length > 0) {
        diagnostics.push({ ruleId: 'ingest/straightening-undone', message: `page ${number} read nothing once straightened (${straight.flattened ? 'flattened, ' : ''}turned ${straight.turn}°, skew ${straight.skew.toFixed(2)}°): read as given instead`, severity: 'warning', place: { page: number, line: 1 } });
        straight = null;
        prepared = asGiven;
        first = again;
      }
    }
    if (straight) diagnostics.push(...straightened(straight, number));
    const checked = await checkedAgainstImage(first, prepared, pool, number, diagnostics);
    // Page 1's two-column header read in rows, whatever order Tesseract's blocks came in.
    const rows = number === 1 ? headerInRows(checked) : checked;
    // Notes written by hand down a margin, which OCR prefixed to the printed lines, put on lines of their own.
    const split = splitMarginNotes(rows);
    if (split.marginLines.length) diagnostics.push(marginNotes(number, split.marginLines, split.moved));
    // Red stamp print beside the seal (the position, the name), which the seal lift took with the seal.
    const red = prepared.red ? await redPrint(split.result, prepared.red, pool, number, diagnostics) : null;
    const r = red?.result ?? split.result;
    const marginLines = red ? split.marginLines.map(red.renumber) : split.marginLines;
    const redLines = red?.added.map((a) => a.line) ?? [];
    const read = prepared.reduced && prepared.original ? wordsInOriginalPixels(r.words, prepared.reduced, prepared.original) : r.words;
    const words = straight ? straight.wordsInInput(read) : read;
    if (words.length === 0) {
      diagnostics.push({ ruleId: 'ocr/empty-page', message: `OCR found no text on page ${number}`, severity: 'info', place: { page: number, line: 1 } });
    }
    const turn = straight?.turn ? { turn: straight.turn } : {};
    // Digits written by pen into the header's blanks, which OCR garbles (ingest/pen): read on the
    // image OCR read (upright), with the words in its pixels.
    const penFills = prepared.original ? await readPenFills(straight?.image ?? image, read, prepared.original, undefined, (crop, o) => pool.recognize(crop, o)) : [];
    return { page: { number, lines: r.lines, method: 'ocr', confidence: r.confidence, words, ...turn, ...(pool.engine ? { ocrEngine: pool.engine } : {}), ...(penFills.length ? { penFills } : {}), ...(marginLines.length ? { marginLines } : {}), ...(redLines.length ? { redLines } : {}) }, diagnostics };
  } catch (err) {
    return {
      page: { number, lines: [], method: 'ocr', confidence: 0, words: [] },
      diagnostics: [{
        ruleId: 'ocr/page-failed',
        message: `OCR failed on page ${number}: ${err instanceof Error ? err.message : String(err)}`,
        severity: 'error',
        place: { page: number, line: 1 },
      }],
    };
  }
}

/** The page with red print lines beside its seal read and added (red-print.ts); null when none is added. A failure leaves the page as read. */
async function redPrint(r: OcrPageResult, mask: GreyImage, pool: OcrPool, page: number, diagnostics: Diagnostic[]): Promise<Awaited<ReturnType<typeof withRedPrintLines>> | null> {
  try {
    const red = await withRedPrintLines(r, mask, (crop) => pool.recognize(crop, { psm: LINE_PSM }));
    for (const text of red.left) {
      diagnostics.push({ ruleId: 'ocr/red-print', message: `a line of red stamp print runs under the seal's ring, read "${text}" beside it: words under the ring are lost, so it is not added (a position read from it would be another one)`, severity: 'info', place: { page, line: r.lines.length } });
    }
    for (const a of red.added) {
      diagnostics.push({ ruleId: 'ocr/red-print', message: `a line printed in the seal's red ink beside it (lifted with the seal) read from the red ink alone: "${a.text}"`, severity: 'info', place: { page, line: a.line } });
    }
    return red.added.length ? red : null;
  } catch (err) {
    diagnostics.push({ ruleId: 'ocr/red-print', message: `reading red print beside the seal failed: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', place: { page, line: 1 } });
    return null;
  }
}

/**
 * Two checks of Tesseract's reading against the page image, each only where the text shows
 * the trouble: regions where it merged two lines and gave up are read again (merged-lines.ts),
 * and line-opening numerals whose stems it merged are counted (roman-stems.ts).
 */
async function checkedAgainstImage(r: OcrPageResult, prepared: OcrImage, pool: OcrPool, page: number, diagnostics: Diagnostic[]): Promise<OcrPageResult> {
  const size = prepared.reduced ?? prepared.original;
  const needsRereading = size !== undefined && mergedLineRegions(r, size).length > 0;
  const signatureColumn = size === undefined ? null : signatureRegion(r, size);
  const junk = size === undefined || !envSwitch('BAOCAO_JUNK_REREAD') ? [] : junkPieces(r, size);
  const recipients = size === undefined || !envSwitch('BAOCAO_COLUMN_REREAD') ? null : recipientsColumn(r, size);
  if (!needsRereading && !signatureColumn && junk.length === 0 && !recipients && numeralCandidates(r).length === 0) return r;
  const grey = prepared.grey ?? (await greyPixels(prepared.image));
  if (!grey) return r;
  let result = r;
  if (needsRereading) {
    try {
      const reread = await withMergedLinesReread(result, grey, (crop) => pool.recognize(crop, { psm: BLOCK_PSM }));
      result = reread.result;
      for (const f of reread.fixes) {
        diagnostics.push({ ruleId: 'ocr/merged-lines', message: `OCR merged two lines and gave up on words; read again: "${f.from}" → "${f.to}"`, severity: 'info', place: { page, line: f.line } });
      }
    } catch (err) {
      // The page's first reading stands; only the second look failed.
      diagnostics.push({ ruleId: 'ocr/merged-lines', message: `reading merged lines again failed: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', place: { page, line: 1 } });
    }
  }
  if (signatureColumn) {
    try {
      const reread = await withSignatureReread(result, grey, (crop) => pool.recognize(crop, { psm: BLOCK_PSM }), signatureColumn);
      result = reread.result;
      for (const line of reread.added) {
        diagnostics.push({ ruleId: 'ocr/signature-reread', message: `OCR left out a line of the signature column; read again: "${line}"`, severity: 'info', place: { page, line: result.lines.indexOf(line) + 1 } });
      }
    } catch (err) {
      diagnostics.push({ ruleId: 'ocr/signature-reread', message: `reading the signature column again failed: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', place: { page, line: 1 } });
    }
  }
  // The closing's recipients column, found again on the page as it now stands (when a re-read above changed it).
  const column = !recipients ? null : result === r ? recipients : recipientsColumn(result, grey);
  if (column) {
    try {
      const reread = await withRecipientsReread(result, grey, (crop) => pool.recognize(crop, { psm: BLOCK_PSM }), column);
      result = reread.result;
      if (reread.fixes) diagnostics.push({ ruleId: 'ocr/recipients-reread', message: `OCR read the recipients column beside the signature as junk; read again alone: "${reread.fixes.from}" → "${reread.fixes.to.join(' / ')}"`, severity: 'info', place: { page, line: column.from } });
    } catch (err) {
      diagnostics.push({ ruleId: 'ocr/recipients-reread', message: `reading the recipients column again failed: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', place: { page, line: 1 } });
    }
  }
  // Found again on the page as it now stands (the re-reads above may have renumbered its lines).
  const pieces = junk.length === 0 ? [] : junkPieces(result, grey);
  if (pieces.length > 0) {
    try {
      const reread = await withJunkPiecesReread(result, grey, (crop) => pool.recognize(crop, { psm: LINE_PSM }), pieces);
      result = reread.result;
      for (const f of reread.fixes) {
        const message = f.ghostOf === undefined
          ? `OCR read only junk in a piece of a line; read again alone: "${f.from}" → "${f.to}"`
          : `OCR read only junk in a piece of a line; read again alone it reads "${f.ghostOf}", words the page holds at that place already: the junk "${f.from}" was their ink read twice, left out`;
        diagnostics.push({ ruleId: 'ocr/junk-reread', message, severity: 'info', place: { page, line: f.line } });
      }
    } catch (err) {
      diagnostics.push({ ruleId: 'ocr/junk-reread', message: `reading junk pieces of lines again failed: ${err instanceof Error ? err.message : String(err)}`, severity: 'warning', place: { page, line: 1 } });
    }
  }
  const numerals = withNumeralsFromStems(result, grey);
  for (const f of numerals.fixes) {
    diagnostics.push({
      ruleId: 'ocr/numeral-stems',
      message: `OCR read "${f.from}" where the image has ${f.to.replace(/[^I]/g, '').length} stems; read as "${f.to}"`,
      severity: 'info',
      place: { page, line: f.line },
    });
  }
  return numerals.result;
}

/** What straightening did to a page, said as info diagnostics. */
function straightened(s: Straightened, page: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (s.turn !== 0) {
    out.push({ ruleId: 'ingest/rotated-page', message: `page ${page} lay turned: it was turned ${s.turn}° clockwise to read it upright (word boxes stay in the image as given)`, severity: 'info', place: { page, line: 1 } });
  }
  if (s.skew !== 0) {
    out.push({ ruleId: 'ingest/deskewed', message: `page ${page} was skewed by ${s.skew.toFixed(2)}°: read straightened`, severity: 'info', place: { page, line: 1 } });
  }
  if (s.flattened) {
    const corners = s.flattened.map(([x, y]) => `(${Math.round(x)}, ${Math.round(y)})`).join(' ');
    out.push({ ruleId: 'ingest/photo-flattened', message: `page ${page} is a photo of a page on a darker ground: cut out at its corners ${corners} and flattened`, severity: 'info', place: { page, line: 1 } });
  }
  if (s.quarterRefused && s.geometry) {
    out.push({ ruleId: 'ingest/turn-refused', message: `page ${page} looked turned ${s.geometry.turn}° by its ink, but read no better so turned: read as it lies`, severity: 'info', place: { page, line: 1 } });
  }
  if (s.skewNotRigid && s.geometry) {
    const [top, bottom] = s.geometry.halves.map((a) => a.toFixed(2));
    out.push({ ruleId: 'ingest/skew-not-rigid', message: `page ${page} leans ${s.geometry.skew.toFixed(2)}° but its top lines ${top}° and its bottom lines ${bottom}° (perspective or a curled page): not deskewed`, severity: 'info', place: { page, line: 1 } });
  }
  return out;
}

function marginNotes(page: number, lines: number[], moved: { line: number; text: string }[]): Diagnostic {
  const from = moved.length ? `; taken from the printed lines ${moved.map((m) => `${m.line} ("${m.text}")`).join(', ')}` : '';
  return {
    ruleId: 'ocr/margin-notes',
    message: `page ${page}: ${lines.length} line(s) of notes written in the margin (lines ${lines.join(', ')}), kept apart from the printed text${from}`,
    severity: 'info',
    place: { page, line: lines[0]! },
  };
}
