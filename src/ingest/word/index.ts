/**
 * Word ingest: .docx and Word 97–2003 .doc (and Word 6/95) → pages of lines, the way a text
 * export of the printed page reads (layout.ts), legacy-font text (TCVN3, VNI) decoded to Unicode.
 * Pure of fs like the other ingests: the caller reads the file.
 */
import type { Diagnostic, Page } from '../../core/document.js';
import type { paragraphsFromPages } from '../../core/paragraphs.js';
import { isCfb } from './cfb.js';
import { readDoc } from './doc.js';
import { readDocx, WordFileError, type WordRead } from './docx.js';
import { layoutPages } from './layout.js';

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export interface WordIngestResult {
  original: string;
  /** 'docx' or 'doc', with the legacy encoding of decoded runs ('doc+tcvn3'). */
  encoding: string | null;
  pages: Page[];
  paragraphs: ReturnType<typeof paragraphsFromPages>;
  diagnostics: Diagnostic[];
}

const ENCODING_NAMES = { tcvn3: 'TCVN3 (.VnTime …)', vni: 'VNI (VNI-Times …)' } as const;

export function ingestWord(bytes: Uint8Array): WordIngestResult {
  const format = isCfb(bytes) ? 'doc' : 'docx';
  if (!isCfb(bytes) && !isZip(bytes)) {
    return {
      original: '', encoding: null, pages: [], paragraphs: [],
      diagnostics: [{ ruleId: 'ingest/not-word', severity: 'error', message: 'named as a Word file, but its bytes are neither a .docx (ZIP) nor a .doc (compound file); if it is text or RTF, rename it .txt or save it as .docx' }],
    };
  }
  const failed = (message: string): WordIngestResult => ({
    original: '', encoding: format, pages: [], paragraphs: [],
    diagnostics: [{ ruleId: 'ingest/word-damaged', severity: 'error', message }],
  });
  let read: WordRead;
  try {
    read = format === 'doc' ? readDoc(bytes) : readDocx(bytes);
  } catch (e) {
    if (e instanceof WordFileError) return failed(e.message);
    if (e instanceof RangeError) return failed(`damaged ${format === 'doc' ? '.doc' : '.docx'}: ${e.message}`);
    throw e;
  }
  const diagnostics: Diagnostic[] = [];
  const legacy = Object.entries(read.legacyRuns).filter(([, n]) => n && n > 0) as Array<[keyof typeof ENCODING_NAMES, number]>;
  for (const [encoding, n] of legacy) {
    const unit = format === 'docx' ? 'run' : 'paragraph';
    diagnostics.push({ ruleId: 'encoding/legacy-font', severity: 'info', message: `${n} ${unit}${n === 1 ? '' : 's'} typed in ${ENCODING_NAMES[encoding]} fonts decoded to Unicode` });
  }
  const pages: Page[] = layoutPages(read.blocks).map((lines, i) => ({ number: i + 1, lines, method: 'text' as const }));
  const original = pages.map((p) => p.lines.join('\n')).join('\f');
  if (original.trim() === '') {
    diagnostics.push({ ruleId: 'ingest/no-text', severity: 'error', message: `no text in the Word document (only pictures? a scanned page pasted into Word is not read)` });
    return { original, encoding: format, pages: [], paragraphs: [], diagnostics };
  }
  const encoding = legacy.length ? `${format}+${legacy.map(([e]) => e).join('+')}` : format;
  return { original, encoding, pages, paragraphs: wordParagraphs(pages), diagnostics };
}

/**
 * Word says where its paragraphs end, so each line (a paragraph, a manual line break, a table row)
 * is one paragraph: the line-joining rules that rebuild paragraphs from wrapped text would glue a
 * table's rows together.
 */
function wordParagraphs(pages: Page[]): ReturnType<typeof paragraphsFromPages> {
  return pages.flatMap((page) => page.lines.flatMap((line, i) => {
    const text = line.trim();
    return text === '' ? [] : [{ text, page: page.number, lineStart: i + 1, lineEnd: i + 1 }];
  }));
}
