/**
 * Word ingest: .docx, Word 97–2003 .doc (and Word 6/95), Rich Text .rtf and OpenDocument .odt/.fodt → pages of lines, the way a text
 * export of the printed page reads (layout.ts), legacy-font text (TCVN3, VNI) decoded to Unicode.
 * Pure of fs like the other ingests: the caller reads the file.
 */
import type { Diagnostic, Page } from '../../core/document.js';
import type { paragraphsFromPages } from '../../core/paragraphs.js';
import type { TextIngestResult } from '../text.js';
import { isCfb } from './cfb.js';
import { readDoc } from './doc.js';
import { readDocx, WordFileError, type WordRead } from './docx.js';
import { layoutWord, type PicturePlaces } from './layout.js';
import { readRtf, type RtfRead } from './rtf.js';
import { isRtf } from '../../core/source-kind.js';
import { zipEntries } from './zip.js';
import { docPictures } from './doc-pictures.js';
import { docxPictures } from './docx-pictures.js';
import { fodtPictures, odtPictures } from './odt-pictures.js';
import { rtfPictures } from './rtf-pictures.js';
import { NotWordError, readFodt, readOdt } from './odt.js';

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const latin1Head = (b: Uint8Array, n: number) => new TextDecoder('latin1').decode(b.subarray(0, n));
/** An OpenDocument ZIP stores its mimetype first, uncompressed ("mimetypeapplication/vnd.oasis…"). */
const isOdfZip = (b: Uint8Array) => isZip(b) && latin1Head(b, 120).slice(30).startsWith('mimetypeapplication/vnd.oasis.opendocument');
/** A flat OpenDocument file: XML whose root is office:document. */
const isFlatOdf = (b: Uint8Array) => /^(\ufeff|\u00ef\u00bb\u00bf)?\s*(<\?xml[^>]*>\s*)?<office:document[\s>]/.test(latin1Head(b, 4096));

/** A ZIP whose writer put the mimetype elsewhere (or left it out) but which holds content.xml and no Word body. */
function hasOdfParts(bytes: Uint8Array): boolean {
  try {
    const entries = zipEntries(bytes);
    return !entries.has('word/document.xml') && (entries.has('content.xml') || entries.has('mimetype'));
  } catch {
    return false; // the .docx reader says what is damaged
  }
}

type WordFormat = 'doc' | 'docx' | 'rtf' | 'odt' | 'fodt';
function formatOf(bytes: Uint8Array): WordFormat | null {
  if (isCfb(bytes)) return 'doc';
  if (isRtf(bytes)) return 'rtf';
  if (isOdfZip(bytes)) return 'odt';
  if (isZip(bytes)) return hasOdfParts(bytes) ? 'odt' : 'docx';
  return isFlatOdf(bytes) ? 'fodt' : null;
}
/** Each reader gives the pictures, and (all but an .rtf's floating shapes and unnamed frames) the key each one's place is marked by in the text. */
const PICTURE_READERS: Record<WordFormat, (bytes: Uint8Array, keys: string[]) => Uint8Array[]> = {
  doc: (b, keys) => docPictures(b, keys), docx: (b, keys) => docxPictures(b, undefined, keys), rtf: (b, keys) => rtfPictures(b, keys), odt: (b, keys) => odtPictures(b, undefined, keys), fodt: (b, keys) => fodtPictures(b, keys),
};
/** A Word file's pictures, and where known their keys (`keys[i]` names `pictures[i]`; PicturePlaces). */
export interface WordPictures { pictures: Uint8Array[]; keys: Array<string | undefined> }
/** The raster pictures of a Word file's body, in the order they stand in it, each once ([] when none or not Word). */
export function wordPictures(bytes: Uint8Array): WordPictures {
  const format = formatOf(bytes);
  const keys: string[] = [];
  const pictures = format ? PICTURE_READERS[format](bytes, keys) : [];
  return { pictures, keys: keys.length === pictures.length ? keys.map((k) => k || undefined) : [] };
}

const READERS: Record<WordFormat, (bytes: Uint8Array) => WordRead> = { doc: readDoc, docx: readDocx, rtf: readRtf, odt: readOdt, fodt: readFodt };

/**
 * What the text ingest gives, `original` being the laid-out pages' text and `encoding` 'docx', 'doc', 'rtf'
 * or 'odt', with the legacy encoding of decoded runs ('doc+tcvn3') or an RTF's code page ('rtf+cp1258').
 */
export type WordIngestResult = TextIngestResult & {
  /** Where the body's pictures stand among the pages' lines, by key. */
  picturePlaces?: PicturePlaces;
};

const ENCODING_NAMES = { tcvn3: 'TCVN3 (.VnTime …)', vni: 'VNI (VNI-Times …)' } as const;

export function ingestWord(bytes: Uint8Array): WordIngestResult {
  const format = formatOf(bytes);
  const notWord = (message: string): WordIngestResult => ({
    original: '', encoding: null, pages: [], paragraphs: [],
    diagnostics: [{ ruleId: 'ingest/not-word', severity: 'error', message }],
  });
  if (!format) return notWord('named as a Word or OpenDocument file, but its bytes are neither a .docx/.odt (ZIP) nor a .doc (compound file), Rich Text ("{\\rtf") or a flat .fodt; if it is text, rename it .txt');
  // Both are OpenDocument text; source.encoding names the format ('odt'), not the container.
  const name = format === 'fodt' ? 'odt' : format;
  const failed = (message: string): WordIngestResult => ({
    original: '', encoding: name, pages: [], paragraphs: [],
    diagnostics: [{ ruleId: 'ingest/word-damaged', severity: 'error', message }],
  });
  let read: WordRead | RtfRead;
  try {
    read = READERS[format](bytes);
  } catch (e) {
    if (e instanceof NotWordError) return notWord(e.message);
    if (e instanceof WordFileError) return failed(e.message);
    if (e instanceof RangeError) return failed(`damaged .${format}: ${e.message}`);
    throw e;
  }
  const diagnostics: Diagnostic[] = [];
  const legacy = Object.entries(read.legacyRuns).filter(([, n]) => n && n > 0) as Array<[keyof typeof ENCODING_NAMES, number]>;
  for (const [encoding, n] of legacy) {
    const unit = format === 'doc' ? 'paragraph' : 'run';
    diagnostics.push({ ruleId: 'encoding/legacy-font', severity: 'info', message: `${n} ${unit}${n === 1 ? '' : 's'} typed in ${ENCODING_NAMES[encoding]} fonts decoded to Unicode` });
  }
  const laid = layoutWord(read.blocks);
  const pages: Page[] = laid.pages.map((lines, i) => ({ number: i + 1, lines, method: 'text' as const }));
  const original = pages.map((p) => p.lines.join('\n')).join('\f');
  const unclosed = format === 'rtf' ? (read as RtfRead).unclosed : 0;
  if (unclosed > 0 && original.trim() === '') return failed(`damaged .rtf: it ends with ${unclosed} group${unclosed === 1 ? '' : 's'} still open and no text read`);
  if (unclosed > 0) diagnostics.push({ ruleId: 'ingest/word-damaged', severity: 'warning', place: { page: pages.length, line: pages.at(-1)!.lines.length }, message: `the .rtf ends with ${unclosed} group${unclosed === 1 ? '' : 's'} still open (cut short?): the text up to the cut is read` });
  if (original.trim() === '') {
    diagnostics.push({ ruleId: 'ingest/no-text', severity: 'error', message: `no text in the Word document, nor a picture in its body that OCR reads (PNG, JPEG, TIFF, BMP, GIF, WebP; vector, linked and header pictures are not read)` });
    return { original, encoding: name, pages: [], paragraphs: [], diagnostics };
  }
  const codePages = format === 'rtf' ? (read as RtfRead).codePages.map((cp) => `cp${cp}`) : [];
  const encoding = [name, ...codePages, ...legacy.map(([e]) => e)].join('+');
  return { original, encoding, pages, paragraphs: wordParagraphs(pages), diagnostics, picturePlaces: laid.places };
}

/**
 * Word says where its paragraphs end, so each line (a paragraph, a manual line break, a table row)
 * is one paragraph: the line-joining rules that rebuild paragraphs from wrapped text would glue a
 * table's rows together.
 */
export function wordParagraphs(pages: Page[]): ReturnType<typeof paragraphsFromPages> {
  return pages.flatMap((page) => page.lines.flatMap((line, i) => {
    const text = line.trim();
    return text === '' ? [] : [{ text, page: page.number, lineStart: i + 1, lineEnd: i + 1 }];
  }));
}
