/**
 * Text ingest: bytes → decoded text → pages of visual lines → paragraphs. Pure (no fs): the
 * caller reads the file. Decoding (UTF-8/16, TCVN3, VNI, VIQR) is H1's `decodeText`.
 */
import { decodeText, ENCODING_NAMES, type EncodingName } from '../core/encoding/index.js';
import type { Diagnostic, Page } from '../core/document.js';
import { paragraphsFromPages } from '../core/paragraphs.js';

export { paragraphsFromPages } from '../core/paragraphs.js';

export interface TextIngestOptions {
  /** Force a decoding (one of ENCODING_NAMES: 'utf-8', 'tcvn3', 'vni', 'viqr' …); auto-detected when absent. */
  encoding?: string;
  /**
   * Page breaks: form feeds always break pages. 'auto' (default) also treats a run of
   * ≥ MIN_BLANK_RUN blank lines as a page break when the text has no form feed at all — old
   * OCR exports lose the \f between pages but keep the blank page margins (see README, Limits).
   */
  pageBreaks?: 'auto' | 'form-feed';
  /** Inputs larger than this are refused with 'ingest/too-large' (default 16 MiB). */
  maxBytes?: number;
}

export interface TextIngestResult {
  /** Exactly the decoded text (BOM removed by the decoder). */
  original: string;
  encoding: string | null;
  pages: Page[];
  paragraphs: ReturnType<typeof paragraphsFromPages>;
  diagnostics: Diagnostic[];
}

export const DEFAULT_MAX_TEXT_BYTES = 16 * 1024 * 1024;
/** Blank lines in a row that count as a lost page break. */
export const MIN_BLANK_RUN = 3;
/** Share of control characters (other than tab, CR, LF, VT, FF) above which input is not text. */
const MAX_CONTROL_SHARE = 0.01;

export function ingestText(bytes: Uint8Array, options: TextIngestOptions = {}): TextIngestResult {
  const empty = (d: Diagnostic): TextIngestResult => ({ original: '', encoding: null, pages: [], paragraphs: [], diagnostics: [d] });
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_TEXT_BYTES;
  if (bytes.length > maxBytes) {
    return empty({ ruleId: 'ingest/too-large', severity: 'error', message: `text input is ${mib(bytes.length)}, over the ${mib(maxBytes)} limit for one text file` });
  }
  if (bytes.length === 0) return empty({ ruleId: 'ingest/empty', severity: 'error', message: 'the file is empty' });

  const forced = options.encoding?.toLowerCase();
  if (forced !== undefined && !ENCODING_NAMES.includes(forced as EncodingName)) {
    return empty({ ruleId: 'ingest/unknown-encoding', severity: 'error', message: `unknown encoding '${options.encoding}' (known: ${ENCODING_NAMES.join(', ')})` });
  }
  const decoded = decodeText(bytes, forced ? { encoding: forced as EncodingName } : {});
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const text = decoded.text;
  if (diagnostics.some((d) => d.severity === 'error')) {
    return { original: text, encoding: decoded.encoding, pages: [], paragraphs: [], diagnostics };
  }
  const { replaced, control } = oddUnits(text);
  if (replaced > 0) {
    const severe = replaced > Math.max(2, text.length * MAX_CONTROL_SHARE);
    diagnostics.push({
      ruleId: 'ingest/undecodable',
      severity: severe ? 'error' : 'warning',
      message: `${replaced} byte sequence${replaced === 1 ? '' : 's'} could not be decoded as ${decoded.encoding ?? 'text'}${severe ? ' (wrong --encoding, or not a text file?)' : ''}`,
    });
    if (severe) return { original: text, encoding: decoded.encoding, pages: [], paragraphs: [], diagnostics };
  }
  if (control > Math.max(2, text.length * MAX_CONTROL_SHARE)) {
    diagnostics.push({ ruleId: 'ingest/binary', severity: 'error', message: `not a text file: ${control} control characters in ${text.length} (binary data?)` });
    return { original: text, encoding: decoded.encoding, pages: [], paragraphs: [], diagnostics };
  }
  if (text.trim() === '') {
    diagnostics.push({ ruleId: 'ingest/empty', severity: 'error', message: 'the file contains only whitespace' });
    return { original: text, encoding: decoded.encoding, pages: [], paragraphs: [], diagnostics };
  }

  const pages = splitPages(text, options.pageBreaks ?? 'auto', diagnostics);
  return { original: text, encoding: decoded.encoding, pages, paragraphs: paragraphsFromPages(pages), diagnostics };
}

/** Pages of visual lines: split on \f, then on CRLF/CR/LF (and VT, U+2028, U+2029); lost page breaks inferred in 'auto'. */
export function splitPages(text: string, mode: 'auto' | 'form-feed', diagnostics: Diagnostic[] = []): Page[] {
  const chunks = text.split('\f');
  // A trailing \f (Tesseract ends every page with one) does not open a new page.
  if (chunks.length > 1 && chunks[chunks.length - 1]!.trim() === '') chunks.pop();
  let pageLines = chunks.map(toLines);
  if (mode === 'auto' && chunks.length === 1) pageLines = splitOnBlankRuns(pageLines[0]!, diagnostics);
  return pageLines.map((lines, i) => ({ number: i + 1, lines, method: 'text' as const }));
}

function toLines(chunk: string): string[] {
  // Also the line ends of other writers: a vertical tab (Word's manual line break, as its object
  // model and macros export text) and Unicode's line and paragraph separators.
  const lines = chunk.split(/\r\n|\r|\n|\v|\u2028|\u2029/);
  // The terminator of the last line is not the start of another line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Break one page at runs of ≥ MIN_BLANK_RUN blank lines that sit between text. The blank run
 * stays at the end of the earlier page, so joining pages' lines with '\n' gives back the text.
 */
function splitOnBlankRuns(lines: string[], diagnostics: Diagnostic[]): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  let blank = 0;
  for (const line of lines) {
    const isBlank = line.trim() === '';
    if (!isBlank && blank >= MIN_BLANK_RUN && current.length > blank) {
      pages.push(current);
      current = [];
      diagnostics.push({
        ruleId: 'ingest/inferred-page-break',
        severity: 'info',
        message: `${blank} blank lines in a row read as a page break (no form feeds in this file)`,
        place: { page: pages.length + 1, line: 1 },
      });
    }
    blank = isBlank ? blank + 1 : 0;
    current.push(line);
  }
  pages.push(current);
  return pages;
}

/** Replacement characters (undecodable bytes) and control characters other than tab, line ends and form feed, in one pass. */
function oddUnits(text: string): { replaced: number; control: number } {
  let replaced = 0, control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32) { if (c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11) control++; }
    else if (c === 0x7f) control++;
    else if (c === 0xfffd) replaced++;
  }
  return { replaced, control };
}

/** A byte count as people read limits ("16.0 MiB"). */
export function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
