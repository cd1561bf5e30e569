/**
 * OpenDocument text (.odt, and the flat .fodt) → blocks, as the .docx reader gives them: the
 * body's paragraphs and headings, tables (nested ones inside their cells), text boxes after the
 * paragraph that anchors them, list markers written before their paragraphs, page breaks (soft
 * ones where LibreOffice last broke the pages, and paragraph styles' fo:break-before/after).
 * Notes, annotations, tracked deletions and index templates are left out; headers and footers
 * live in styles, which are read for fonts only. Legacy-font runs are decoded through their font.
 */
import { bulletChar, countNext, formatListNumber } from './list-markers.js';
import { WordFileError, type WordRead } from './docx.js';
import { countLegacy, readRun, readUnnamedParagraph } from './fonts.js';
import { BlockNest, PAGE_BREAK } from './block-nest.js';
import type { WordBlock } from './layout.js';
import { CellGrid } from './odt-cell-grid.js';
import { partName } from './odt-pictures.js';
import { emptyOdtStyles, odtInherited, odtRunLook, OUTLINE, parseOdtStyles, type OdtListLevel, type OdtStyles } from './odt-styles.js';
import { readZipEntry, zipEntries, ZipError, type ZipEntry } from './zip.js';
import { SkippedElement, xmlTokens } from './xml.js';

/** The same cap as a .docx part: a part may unpack to at most 64 MiB. */
const MAX_PART_BYTES = 64 * 1024 * 1024;
/** Text, its template, a master document and Writer/Web text (what LibreOffice saves an opened HTML page as) are all text. */
const ODF_TEXT = /^application\/vnd\.oasis\.opendocument\.text(-template|-master|-web)?$/;

/** A readable file that is not an OpenDocument text (a spreadsheet, a presentation, another ZIP). */
export class NotWordError extends Error {}

function part(data: Uint8Array, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name);
  return entry ? new TextDecoder('utf-8').decode(readZipEntry(data, entry, MAX_PART_BYTES)) : null;
}

export function readOdt(data: Uint8Array): WordRead {
  let content: string, styles: OdtStyles;
  try {
    const entries = zipEntries(data);
    const mimetype = part(data, entries, 'mimetype')?.trim();
    if (mimetype !== undefined && !ODF_TEXT.test(mimetype)) throw new NotWordError(`this OpenDocument file is ${mimetype}, not a text document (.odt)`);
    const body = part(data, entries, 'content.xml');
    if (body === null) {
      if (mimetype === undefined) throw new NotWordError('a ZIP archive with neither word/document.xml nor content.xml: not a Word or OpenDocument text');
      throw new WordFileError('no content.xml in this .odt (damaged)');
    }
    content = body;
    styles = parseOdtStyles(content, parseOdtStyles(part(data, entries, 'styles.xml')));
  } catch (e) {
    if (e instanceof ZipError) throw new WordFileError(`damaged .odt: ${e.message}`);
    throw e;
  }
  return readOdtBody(content, styles);
}

/** A flat OpenDocument text (.fodt): styles and body in one XML file. */
export function readFodt(data: Uint8Array): WordRead {
  if (data.length > MAX_PART_BYTES) throw new WordFileError(`the .fodt is over the ${MAX_PART_BYTES} byte limit`);
  const xml = new TextDecoder('utf-8').decode(data);
  const mimetype = /<office:document\b[^>]*\boffice:mimetype="([^"]*)"/.exec(xml.slice(0, 8192))?.[1];
  if (mimetype !== undefined && !ODF_TEXT.test(mimetype)) throw new NotWordError(`this flat OpenDocument file is ${mimetype}, not a text document (.fodt)`);
  return readOdtBody(xml, parseOdtStyles(xml));
}

/** Elements whose whole content is left out. */
// office:binary-data: a flat file's inline picture (base64), not text.
const SKIPPED = new Set(['office:binary-data', 'text:note', 'office:annotation', 'text:tracked-changes', 'svg:title', 'svg:desc', 'text:sequence-decls', 'office:forms', 'text:ruby-text']);
const isSkipped = (name: string) => SKIPPED.has(name) || (name.startsWith('text:') && name.endsWith('-source'));

interface Paragraph { text: string; style?: string; marker: string; breakBefore: boolean; breakAfter: boolean; pictures: WordBlock[] }
/** An open text:list: its style, whether its open item got its marker, the item's text:style-override. */
interface ListFrame { style?: string; itemNumbered: boolean; override?: string }

export function readOdtBody(xml: string, styles: OdtStyles = emptyOdtStyles()): WordRead {
  const legacyRuns: WordRead['legacyRuns'] = {};
  const nest = new BlockNest();
  const grid = new CellGrid();
  // The containers open for covered cells: an empty paragraph there adds no line to the covering cell.
  const coveredIn: WordBlock[][] = [];
  const paragraphs: Paragraph[] = [];
  const spans: string[] = [];
  const lists: ListFrame[] = [];
  const counters = new Map<string, number[]>();
  let run = '';
  const skipped = new SkippedElement();
  let inBody = false;
  let pendingStart: number | undefined;
  let frame: string | undefined; // the name of the drawing frame open

  const flushRun = () => {
    const p = paragraphs[paragraphs.length - 1];
    if (!p || run === '') { run = ''; return; }
    const look = odtRunLook(styles, spans, p.style);
    const read = readRun(run, look.font);
    countLegacy(legacyRuns, read.encoding);
    p.text += look.caps ? read.text.toUpperCase() : read.text;
    run = '';
  };

  for (const t of xmlTokens(xml)) {
    if (!inBody) { if (t.kind === 'open' && t.name === 'office:text' && !t.selfClosing) inBody = true; continue; }
    if (skipped.passes(t)) continue;
    if (t.kind === 'text') {
      // ODF collapses white space in text; a paragraph's leading white space is not shown.
      if (!paragraphs.length) continue;
      const text = t.text.replace(/[ \t\r\n]+/g, ' ');
      const p = paragraphs[paragraphs.length - 1]!;
      run += p.text === '' && run === '' ? text.replace(/^ /, '') : text;
      continue;
    }
    if (t.kind === 'open') {
      if (isSkipped(t.name)) { skipped.start(t); continue; }
      const a = t.attrs;
      switch (t.name) {
        case 'table:table': nest.openTable(); grid.openTable(); break;
        case 'table:table-row': nest.openRow(); grid.openRow(); break;
        case 'table:table-cell': grid.cell(nest.openCell(t.selfClosing), a); break;
        case 'table:covered-table-cell': {
          // No cell of its own: any text in it goes on in the cell covering it (or one of its own when that is unknown).
          const by = grid.covered(a);
          if (t.selfClosing) break;
          if (by) nest.reopenCell(by);
          else nest.openCell(false);
          coveredIn.push(nest.current);
          break;
        }
        case 'draw:text-box': nest.openTextBox(t.selfClosing); break;
        case 'draw:frame': frame = a['draw:name']; break;
        case 'draw:image': {
          // Where a picture stands, keyed as odt-pictures.ts keys it (a package part, or a flat
          // file's frame name): after its paragraph's line.
          let key: string | null = null;
          try { key = a['xlink:href'] ? partName(a['xlink:href']) : frame ? `frame:${frame}` : null; } catch { key = null; }
          if (!key) break;
          if (paragraphs.length) paragraphs[paragraphs.length - 1]!.pictures.push({ kind: 'picture', key });
          else nest.current.push({ kind: 'picture', key }); // a frame anchored to the page
          break;
        }
        case 'text:list': {
          const continues = a['text:continue-numbering'] === 'true' || a['text:continue-list'] !== undefined;
          const style = a['text:style-name'] ?? lists[lists.length - 1]?.style;
          if (lists.length === 0 && !continues && style) counters.delete(style);
          lists.push({ style, itemNumbered: false });
          if (t.selfClosing) lists.pop();
          break;
        }
        case 'text:list-item': case 'text:list-header': {
          const list = lists[lists.length - 1];
          // A list header is an item with no number; an item's later paragraphs carry none either.
          if (list) { list.itemNumbered = t.name === 'text:list-header'; list.override = a['text:style-override']; }
          if (a['text:start-value']) pendingStart = Number(a['text:start-value']);
          break;
        }
        case 'text:p': case 'text:h': {
          flushRun();
          const style = a['text:style-name'];
          paragraphs.push({
            text: '', style,
            marker: t.name === 'text:h' && !lists.length ? outlineMarker(a) : listMarker(style),
            breakBefore: odtInherited(styles, 'paragraph', style, 'breakBefore') === true,
            breakAfter: odtInherited(styles, 'paragraph', style, 'breakAfter') === true,
            pictures: [],
          });
          if (t.selfClosing) endParagraph();
          break;
        }
        case 'text:span': flushRun(); spans.push(t.selfClosing ? '' : a['text:style-name'] ?? ''); if (t.selfClosing) spans.pop(); break;
        case 'text:s': if (paragraphs.length) run += ' '.repeat(Math.min(1000, Math.max(1, Number(a['text:c'] ?? 1) || 1))); break;
        case 'text:tab': if (paragraphs.length) run += '\t'; break;
        case 'text:line-break': if (paragraphs.length) run += '\n'; break;
        case 'text:soft-hyphen': if (paragraphs.length) run += '\u00ad'; break;
        case 'text:soft-page-break':
          if (nest.inTable) break;
          if (paragraphs.length) pageBreakInParagraph();
          else nest.current.push(PAGE_BREAK);
          break;
      }
      continue;
    }
    switch (t.name) {
      case 'office:text': inBody = false; break;
      case 'text:span': flushRun(); spans.pop(); break;
      case 'text:p': case 'text:h': endParagraph(); break;
      case 'text:list': lists.pop(); break;
      // A stray end tag in a damaged part never closes the body itself.
      case 'table:covered-table-cell': coveredIn.pop(); nest.closeContainer(); break;
      case 'table:table-cell': case 'draw:text-box': nest.closeContainer(); break;
      case 'draw:frame': frame = undefined; break;
      case 'table:table': nest.closeTable(); grid.closeTable(); break;
    }
  }
  return { blocks: nest.blocks, legacyRuns };

  /** The marker LibreOffice draws before the first paragraph of a list item ('' elsewhere). */
  function listMarker(paragraphStyle: string | undefined): string {
    const list = lists[lists.length - 1];
    if (!list || list.itemNumbered) return '';
    list.itemNumbered = true;
    const name = list.style ?? odtInherited(styles, 'paragraph', paragraphStyle, 'listStyle');
    // An item's style override draws it in another list style's format; it still counts in its list.
    const levels = name ? styles.lists.get(list.override ?? name) ?? styles.lists.get(name) : undefined;
    const depth = lists.length - 1;
    const level = levels?.[Math.min(depth, (levels?.length ?? 1) - 1)];
    const start = pendingStart;
    pendingStart = undefined;
    if (!name || !levels || !level) return '';
    const counts = countNext(counters, name, depth, level.start, start);
    return markerText(levels, level, counts, depth);
  }

  /** A heading's number from the outline numbering (text:outline-style), as LibreOffice draws it. */
  function outlineMarker(a: Record<string, string>): string {
    const levels = styles.lists.get(OUTLINE);
    const depth = Math.max(0, Math.min(9, (Number(a['text:outline-level'] ?? 1) || 1) - 1));
    const level = levels?.[depth];
    if (!levels || !level || !ODF_FORMATS[level.format] || a['text:is-list-header'] === 'true') return '';
    const start = a['text:restart-numbering'] === 'true' || a['text:start-value'] ? Number(a['text:start-value'] ?? level.start) : undefined;
    const counts = countNext(counters, OUTLINE, depth, level.start, start);
    return markerText(levels, level, counts, depth);
  }

  function pageBreakInParagraph(): void {
    const p = paragraphs[paragraphs.length - 1]!;
    if (p.text === '' && run.trim() === '') p.breakBefore = true;
    else p.breakAfter = true;
  }

  function endParagraph(): void {
    flushRun();
    const p = paragraphs.pop();
    if (!p) return;
    let text = readUnnamedParagraph(p.text, legacyRuns).replace(/ +$/, '');
    if (p.marker && text.trim() !== '') text = p.marker + text.replace(/^\s+/, '');
    if (text.trim() === '' && coveredIn.length && coveredIn[coveredIn.length - 1] === nest.current) return;
    nest.endParagraph(p.breakBefore ? [PAGE_BREAK] : [], { kind: 'paragraph', text }, p.breakAfter ? [...p.pictures, PAGE_BREAK] : p.pictures, paragraphs.length === 0);
  }
}

const ODF_FORMATS: Record<string, string> = { '1': 'decimal', I: 'upperRoman', i: 'lowerRoman', A: 'upperLetter', a: 'lowerLetter' };

/** "I. ", "3) ", "1.2. ", "- ": prefix, the shown levels' numbers, suffix, then a space. */
function markerText(levels: OdtListLevel[], level: OdtListLevel, counts: number[], depth: number): string {
  if (level.format === 'bullet') {
    const c = bulletChar(level.bullet ?? '', level.font);
    return c === '' ? '' : `${c === '\u25cf' ? '•' : c} `;
  }
  const format = ODF_FORMATS[level.format];
  if (!format) return '';
  const numbers: string[] = [];
  for (let k = Math.max(0, depth - level.displayLevels + 1); k <= depth; k++) {
    const l = levels[k] ?? level;
    const f = ODF_FORMATS[l.format];
    if (f) numbers.push(formatListNumber(counts[k] ?? l.start, f));
  }
  return `${level.prefix}${numbers.join('.')}${level.suffix} `;
}
