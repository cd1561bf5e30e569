/**
 * Rich Text (.rtf) → the same blocks as .doc/.docx (layout.ts lays them out): paragraphs, tables
 * (nested ones inside their cells), page breaks. Each run's bytes are decoded by its font's
 * character set (\fcharset163 = windows-1258, its combining tone marks composed), a run in a
 * TCVN3/VNI font by the font's name (fonts.ts), an unnamed one by its paragraph's statistics.
 * Headers, footers, footnotes, pictures, field instructions and unknown \* destinations are left
 * out; rendered list numbers (\listtext, \pntext) and field results are kept.
 */
import { bulletChar } from './list-markers.js';
import { countLegacy, legacyEncodingOfFont, readRun, readUnnamedParagraph, type LegacyEncoding } from './fonts.js';
import type { WordBlock, WordCell, WordTable } from './layout.js';
import type { WordRead } from './docx.js';
import { FontTable, StyleSheet } from './rtf-definitions.js';
import { CHARACTERS, decoder, KEPT_STARRED, SKIPPED } from './rtf-tables.js';
import { rtfTokens } from './rtf-tokens.js';

export interface RtfRead extends WordRead {
  /** Code pages that decoded bytes beyond ASCII (1258 for Vietnamese). */
  codePages: number[];
  /** Groups left open at the end: a truncated file. */
  unclosed: number;
}

/** Deeper groups than this are hostile or broken; their content is dropped. */
const MAX_DEPTH = 256;
/** Tables nested deeper than this are read as their innermost allowed level. */
const MAX_TABLE_DEPTH = 16;

const SYMBOL_FONT = /symbol|wingdings|webdings/i;

type Dest = 'text' | 'skip' | 'fonttbl' | 'stylesheet';

/** What a group carries (restored when it closes, as RTF readers do). */
interface GroupState {
  dest: Dest;
  /** Inside \upr: the destination its Unicode copy (\ud) reads into. */
  upr: Dest | null;
  /** The font set by \f (-1: none, the paragraph style's or the default font). */
  font: number;
  /** The paragraph style (\sN; 0 is Normal). */
  style: number;
  uc: number;
  caps: boolean;
  hidden: boolean;
  /** Table nesting of the paragraph (\intbl = 1, \itapN). */
  level: number;
  pageBefore: boolean;
  /** Inside a rendered list number (\listtext, \pntext). */
  marker: boolean;
  /** The last control word was \*: the next one decides whether the group is skipped. */
  starred: boolean;
}

interface Row { cells: WordCell[]; open: WordCell | null }
interface OpenTable { table: WordTable; row: Row | null }

export function readRtf(data: Uint8Array): RtfRead {
  const fontTable = new FontTable();
  const fonts = fontTable.fonts;
  const styles = new StyleSheet();
  let docCodePage = 1252, defaultFont = -1;
  const legacyRuns: Partial<Record<LegacyEncoding, number>> = {};
  const codePages = new Set<number>();
  const body: WordBlock[] = [];
  const tables: OpenTable[] = [];

  const stack: GroupState[] = [];
  let state: GroupState = { dest: 'text', upr: null, font: -1, style: 0, uc: 1, caps: false, hidden: false, level: 0, pageBefore: false, marker: false, starred: false };
  let overflow = 0, skipChars = 0, beforeMarker = '', sectionBreaks = true, pendingSection = false;

  // The paragraph being read: finished runs' text, and the run being read (its pending bytes).
  let paragraph = '';
  let pictures: WordBlock[] = [];
  let run = { font: -1, caps: false, marker: false, text: '', bytes: [] as number[] };

  const codePageOf = (font: number) => {
    const f = fonts.get(font === -1 ? defaultFont : font);
    return f?.codePage ?? docCodePage;
  };
  const fontName = (font: number) => fonts.get(font === -1 ? defaultFont : font)?.name ?? null;
  /** The font text in the current state is typed in: its own \f, else its paragraph style's (-1: the default font). */
  const typedFont = () => (state.font !== -1 ? state.font : styles.fontOf(state.style) ?? -1);

  const flushBytes = () => {
    if (!run.bytes.length) return;
    const bytes = Uint8Array.from(run.bytes);
    run.bytes = [];
    // A legacy font's bytes are kept as windows-1252 characters for fonts.ts to read back.
    const codePage = legacyEncodingOfFont(fontName(run.font)) ? 1252 : codePageOf(run.font);
    if (codePage !== 1252 && bytes.some((b) => b >= 0x80)) codePages.add(codePage);
    run.text += decoder(codePage).decode(bytes);
  };
  const flushRun = () => {
    flushBytes();
    if (run.text) {
      const name = fontName(run.font);
      const read = readRun(run.text, name);
      countLegacy(legacyRuns, read.encoding);
      // A bullet drawn in a symbol font, as the .docx/.doc numbering gives it ("•", "▪", "➢").
      const text = run.marker && SYMBOL_FONT.test(name ?? '') && read.text.trim() ? bulletChar(read.text.trim(), name!) : read.text;
      paragraph += run.caps ? text.toUpperCase() : text;
    }
    run = { font: typedFont(), caps: state.caps, marker: state.marker, text: '', bytes: [] };
  };
  /** The run that text in the current state belongs to (a new one when the font or caps changed). */
  const current = () => {
    if (run.font !== typedFont() || run.caps !== state.caps || run.marker !== state.marker) flushRun();
    return run;
  };
  const addText = (text: string) => {
    if (state.hidden || state.dest !== 'text') return;
    const r = current();
    flushBytes();
    r.text += text;
  };
  const addByte = (byte: number) => {
    if (state.dest === 'fonttbl') { fontTable.byte(byte); return; }
    if (state.hidden || state.dest !== 'text') return;
    if (byte === 0x09) { addText('\t'); return; }
    if (byte < 0x20) return;
    current().bytes.push(byte);
  };

  // Tables: the open table at each nesting level, its open row and cell.
  const container = (): WordBlock[] => {
    const t = tables[tables.length - 1];
    if (!t) return body;
    t.row ??= { cells: [], open: null };
    if (!t.row.open) { t.row.open = { blocks: [] }; t.row.cells.push(t.row.open); }
    return t.row.open.blocks;
  };
  const closeTable = () => {
    const t = tables.pop()!;
    if (t.row && t.row.cells.length) t.table.rows.push(t.row.cells);
    if (t.table.rows.length) container().push(t.table);
  };
  /** Tables open to exactly `level` deep (a paragraph at a shallower level ends the deeper tables). */
  const toLevel = (level: number) => {
    const want = Math.min(level, MAX_TABLE_DEPTH);
    while (tables.length > want) closeTable();
    while (tables.length < want) { container(); tables.push({ table: { kind: 'table', rows: [] }, row: null }); }
  };
  const endParagraph = (always: boolean, level = state.level) => {
    flushRun();
    let text = paragraph.normalize('NFC');
    paragraph = '';
    toLevel(level);
    if (pendingSection) {
      pendingSection = false;
      if (sectionBreaks && !tables.length) body.push({ kind: 'page-break' });
    }
    if (!always && text === '' && tables.length) return;
    text = readUnnamedParagraph(text, legacyRuns);
    const into = container();
    if (state.pageBefore && !tables.length) body.push({ kind: 'page-break' });
    into.push({ kind: 'paragraph', text }, ...pictures);
    pictures = [];
  };
  /** Ends the paragraph being read if it holds text or `always` (a cell's, row's, page's, section's or the file's end). */
  const endOpenParagraph = (level = state.level, always = false) => {
    flushRun(); // the run's text joins `paragraph` only here
    if (paragraph !== '' || always) endParagraph(true, level);
  };
  const endCell = (level: number) => {
    endOpenParagraph(level, tables.length < level || !tables[level - 1]?.row?.open); // an empty cell still holds a paragraph
    toLevel(level);
    const t = tables[tables.length - 1];
    if (t?.row) t.row.open = null;
  };
  const endRow = (level: number) => {
    endOpenParagraph(level);
    toLevel(level);
    const t = tables[tables.length - 1];
    if (t?.row) {
      if (t.row.cells.length) t.table.rows.push(t.row.cells);
      t.row = null;
    }
  };
  const pageBreak = () => {
    endOpenParagraph();
    toLevel(state.level);
    if (!tables.length) body.push({ kind: 'page-break' });
  };

  for (const t of rtfTokens(data)) {
    if (overflow > 0) {
      if (t.kind === 'open') overflow++;
      else if (t.kind === 'close') overflow--;
      continue;
    }
    if (t.kind === 'open') {
      skipChars = 0;
      if (stack.length >= MAX_DEPTH) { overflow = 1; continue; }
      stack.push(state);
      state = { ...state, starred: false };
      continue;
    }
    if (t.kind === 'close') {
      skipChars = 0;
      if (state.dest === 'fonttbl') fontTable.close(stack.length);
      else if (state.dest === 'stylesheet') styles.close(stack.length);
      const outer = stack.pop();
      if (!outer) continue; // text after the document's group: stray bytes
      if (state.marker && !outer.marker) {
        // The number as drawn, then a space (as the .docx numbering gives it): "I.\t" → "I. ".
        flushRun();
        const marker = paragraph.trim();
        paragraph = beforeMarker + (marker ? `${marker} ` : '');
      }
      state = outer;
      continue;
    }
    if (skipChars > 0) {
      // The fallback for a \uN character: a text token counts a byte at a time.
      if (t.kind === 'text') {
        const take = Math.min(skipChars, t.end - t.start);
        skipChars -= take;
        if (take < t.end - t.start) for (let i = t.start + take; i < t.end; i++) addByte(data[i]!);
      } else skipChars--;
      continue;
    }
    if (t.kind === 'text') {
      if (state.dest === 'skip') continue;
      for (let i = t.start; i < t.end; i++) addByte(data[i]!);
      continue;
    }
    if (t.kind === 'hex') { if (state.dest !== 'skip') addByte(t.byte); continue; }
    if (t.kind === 'symbol') {
      if (t.char === '*') { state.starred = true; continue; }
      if (state.dest === 'skip') continue;
      const ch = CHARACTERS.get(t.char);
      if (ch) addText(ch);
      continue;
    }
    // A control word.
    const { name, param } = t;
    if (state.starred) {
      state.starred = false;
      if (!KEPT_STARRED.has(name) && stack.length > 1) { state.dest = 'skip'; continue; }
    }
    if (state.dest === 'skip' && name !== 'ud') continue;
    // A body picture's place, keyed as rtf-pictures.ts keys it: after the paragraph it stands in.
    if (name === 'pict' && state.dest === 'text') pictures.push({ kind: 'picture', key: `at:${t.at}` });
    if (SKIPPED.has(name) && stack.length > 1) {
      flushBytes();
      if (name === 'upr') state.upr = state.dest;
      if (name === 'fonttbl') { state.dest = 'fonttbl'; fontTable.start(stack.length); } else if (name === 'stylesheet') { state.dest = 'stylesheet'; styles.start(stack.length); } else state.dest = 'skip';
      continue;
    }
    if (state.dest === 'fonttbl') { fontTable.control(name, param, stack.length); continue; }
    if (state.dest === 'stylesheet') { styles.control(name, param, stack.length); continue; }
    switch (name) {
      case 'listtext': case 'pntext': if (!state.marker) { flushRun(); beforeMarker = paragraph; paragraph = ''; state.marker = true; } break;
      case 'ud': if (state.upr) state.dest = state.upr; break;
      case 'ansicpg': if (param && param > 0) docCodePage = param; break;
      case 'mac': docCodePage = 10000; break;
      case 'pc': case 'pca': docCodePage = 850; break;
      case 'deff': defaultFont = param ?? 0; break;
      case 'f': state.font = param ?? 0; break;
      case 'plain': state.font = -1; state.caps = false; state.hidden = false; break;
      case 'caps': state.caps = param !== 0; break;
      case 'v': state.hidden = param !== 0; break;
      case 'deleted': state.hidden = param !== 0; break;
      case 'uc': state.uc = Math.max(0, Math.min(param ?? 1, 16)); break;
      case 'u': {
        if (param === null) break;
        addText(String.fromCharCode(param < 0 ? param + 65536 : param & 0xffff));
        skipChars = state.uc;
        break;
      }
      case 'par': endParagraph(true); break;
      case 'pard': state.level = 0; state.pageBefore = false; state.style = 0; break;
      case 's': state.style = param ?? 0; break;
      case 'intbl': state.level = Math.max(state.level, 1); break;
      case 'itap': state.level = Math.max(0, param ?? 1); break;
      case 'pagebb': state.pageBefore = param !== 0; break;
      case 'cell': endCell(1); break;
      case 'nestcell': endCell(Math.max(2, state.level)); break;
      case 'row': endRow(1); break;
      case 'nestrow': endRow(Math.max(2, state.level)); break;
      case 'page': pageBreak(); break;
      case 'sectd': sectionBreaks = true; break;
      case 'sbknone': case 'sbkcol': sectionBreaks = false; break;
      case 'sbkpage': case 'sbkeven': case 'sbkodd': sectionBreaks = true; break;
      case 'sect': endOpenParagraph(); pendingSection = true; break;
      default: {
        const ch = CHARACTERS.get(name);
        if (ch) addText(ch);
      }
    }
  }
  const unclosed = stack.length;
  // A file cut short still gives what was read before the cut.
  while (stack.length > 1) state = stack.pop()!;
  endOpenParagraph();
  while (tables.length) closeTable();
  return { blocks: body, legacyRuns, codePages: [...codePages], unclosed };
}
