/**
 * Word 97–2003 .doc → blocks. The main document's characters come from the piece table (CLX) in
 * the table stream: pieces of 8-bit windows-1252 text or UTF-16. Paragraphs end in \r, table cells
 * in \x07; which \x07 closes a row is in the paragraph properties (sprmPFTtp), read from the
 * PAPX pages. Field codes are dropped and their results kept. Word 6/95 files are read as
 * 8-bit text. Legacy-font text (TCVN3, VNI) is recognised paragraph by paragraph.
 */
import { CP1252_CHAR } from '../../core/encoding/cp1252.js';
import { openCfb, CfbError } from './cfb.js';
import { WordFileError, type WordRead } from './docx.js';
import { characterFonts, deletedCharacters, ffnNames, styleFonts, type FontAt } from './doc-fonts.js';
import { DocListCounter, readDocLists, type DocLists } from './doc-lists.js';
import { paragraphFlags, type ParagraphFlagsAt } from './doc-papx.js';
import { countLegacy, legacyEncodingOfFont, readRun, readUnnamedParagraph, withoutSoftHyphens } from './fonts.js';
import type { WordBlock, WordCell } from './layout.js';

export interface Piece { cp: number; cpEnd: number; offset: number; compressed: boolean }

export function readDoc(data: Uint8Array): WordRead {
  try {
    return readDocUnchecked(data);
  } catch (e) {
    if (e instanceof CfbError || e instanceof RangeError) throw new WordFileError(`damaged .doc: ${e.message}`);
    throw e;
  }
}

function readDocUnchecked(data: Uint8Array): WordRead {
  const cfb = openCfb(data);
  const word = cfb.stream('WordDocument');
  if (!word) throw new WordFileError('no WordDocument stream: an Office file, but not a Word document (Excel or PowerPoint?)');
  const v = new DataView(word.buffer, word.byteOffset, word.byteLength);
  const ident = word.length >= 0x200 ? v.getUint16(0, true) : 0;
  if (ident !== 0xa5ec && ident !== 0xa5dc) throw new WordFileError('the WordDocument stream has no Word header');
  const nFib = v.getUint16(2, true);
  const flags = v.getUint16(0x0a, true);
  if (flags & 0x0100) throw new WordFileError('the document is password-protected (encrypted); open it in Word, remove the password and save it again');

  let pieces: Piece[];
  let textLength: number;
  // Word 97's 8-bit pieces are windows-1252 by definition; Word 6/95 wrote the system code page,
  // which the document's language says (a Vietnamese Windows: 1258).
  let eightBit: Uint16Array = CP1252_CHAR;
  let flagsAt: ParagraphFlagsAt | null = null;
  let lists: DocLists | null = null;
  let fonts: FontAt | null = null;
  let styleFont: ((istd: number) => string | null) | null = null;
  let deleted: ((fc: number) => boolean) | null = null;
  const fcMin = v.getUint32(0x18, true), fcMac = v.getUint32(0x1c, true);
  if (ident === 0xa5dc || nFib < 0x00c1) {
    // Word 6/95: 8-bit text from fcMin, or pieces (byte offsets) in the same stream when fast-saved.
    textLength = v.getUint32(0x34, true);
    const clx = { fc: v.getUint32(0x160, true), lcb: v.getUint32(0x164, true) };
    pieces = flags & 0x0004 ? readPieces(word, clx.fc, clx.lcb, false) : [{ cp: 0, cpEnd: textLength, offset: fcMin, compressed: true }];
    eightBit = codePageOf(v.getUint16(6, true));
  } else {
    const table = cfb.stream(flags & 0x0200 ? '1Table' : '0Table');
    if (!table) throw new WordFileError('the table stream of the document is missing');
    const csw = v.getUint16(32, true);
    const lwAt = 34 + csw * 2;
    const cslw = v.getUint16(lwAt, true);
    textLength = v.getUint32(lwAt + 2 + 3 * 4, true); // ccpText
    const fcLcbAt = lwAt + 2 + cslw * 4 + 2;
    const pair = (k: number) => ({ fc: v.getUint32(fcLcbAt + 8 * k, true), lcb: v.getUint32(fcLcbAt + 8 * k + 4, true) });
    const clx = pair(33);
    try {
      pieces = readPieces(table, clx.fc, clx.lcb, true);
    } catch (e) {
      // No usable piece table: the text lies whole from fcMin, 8-bit or UTF-16 by its span (as
      // Word's early writers left it and other readers accept).
      if (!(e instanceof WordFileError) || fcMac <= fcMin || fcMac > word.length) throw e;
      const wide = fcMac - fcMin >= 2 * textLength;
      pieces = [{ cp: 0, cpEnd: textLength, offset: fcMin, compressed: !wide }];
    }
    const papx = pair(13);
    try { lists = readDocLists(table, pair(73), pair(74)); } catch { lists = null; } // then no list numbers
    try {
      fonts = characterFonts(word, table, pair(12), pair(15));
      styleFont = styleFonts(table, pair(1), ffnNames(table, pair(15)));
    } catch { fonts = null; styleFont = null; } // then paragraphs are judged by their text
    try { deleted = deletedCharacters(word, table, pair(12)); } catch { deleted = null; } // then deletions are read as text
    try { flagsAt = paragraphFlags(word, table, papx.fc, papx.lcb); } catch { flagsAt = null; } // tables then guessed from the marks
  }
  // Each character takes at least a byte of the stream: a larger count is damage, not text to allocate.
  if (textLength > word.length) throw new WordFileError(`the header counts ${textLength} characters in a ${word.length}-byte document stream`);
  const { chars, fcs } = mainText(word, pieces, textLength, eightBit);
  const legacyRuns: WordRead['legacyRuns'] = {};
  return { blocks: toBlocks(chars, fcs, flagsAt, legacyRuns, lists ? new DocListCounter(lists) : null, fonts, styleFont, deleted), legacyRuns };
}

/** The piece table; `compressedFlag`: Word 97's pieces mark 8-bit text with bit 30 (Word 6's are all 8-bit). */
export function readPieces(table: Uint8Array, fc: number, lcb: number, compressedFlag: boolean): Piece[] {
  if (fc + lcb > table.length || lcb === 0) throw new WordFileError('the piece table is missing or damaged');
  const v = new DataView(table.buffer, table.byteOffset + fc, lcb);
  let at = 0;
  while (at < lcb && v.getUint8(at) === 0x01) at += 3 + v.getInt16(at + 1, true); // Prc: property runs
  if (at >= lcb || v.getUint8(at) !== 0x02) throw new WordFileError('the piece table is damaged');
  const size = v.getUint32(at + 1, true);
  const start = at + 5;
  if (start + size > lcb || size < 4) throw new WordFileError('the piece table is damaged');
  const n = (size - 4) / 12;
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cp = v.getUint32(start + 4 * i, true);
    const cpEnd = v.getUint32(start + 4 * (i + 1), true);
    const raw = v.getUint32(start + 4 * (n + 1) + 8 * i + 2, true);
    const compressed = !compressedFlag || (raw & 0x40000000) !== 0;
    const offset = compressedFlag ? raw & 0x3fffffff : raw;
    pieces.push({ cp, cpEnd, offset: compressedFlag && compressed ? offset / 2 : offset, compressed });
  }
  return pieces;
}

/** The main document's characters, with each one's file offset (for the paragraph properties). */
function mainText(word: Uint8Array, pieces: Piece[], textLength: number, eightBit: Uint16Array): { chars: string; fcs: Uint32Array } {
  const codes = new Uint16Array(textLength); // a CP no piece covers stays 0, dropped below
  const fcs = new Uint32Array(textLength);
  for (const p of pieces) {
    for (let cp = p.cp; cp < p.cpEnd && cp < textLength; cp++) {
      const k = cp - p.cp;
      const fc = p.compressed ? p.offset + k : p.offset + 2 * k;
      if (fc + (p.compressed ? 1 : 2) > word.length) throw new WordFileError('the text runs past the end of the document stream (truncated?)');
      codes[cp] = p.compressed ? eightBit[word[fc]!]! : word[fc]! | (word[fc + 1]! << 8);
      fcs[cp] = fc;
    }
  }
  let chars = '';
  for (let i = 0; i < textLength; i += 8192) chars += String.fromCharCode(...codes.subarray(i, i + 8192));
  return { chars, fcs };
}

/** Characters → paragraphs and tables; fields reduced to their results. */
function toBlocks(chars: string, fcs: Uint32Array, flagsAt: ParagraphFlagsAt | null, legacyRuns: WordRead['legacyRuns'], counter: DocListCounter | null, fonts: FontAt | null, styleFont: ((istd: number) => string | null) | null, deleted: ((fc: number) => boolean) | null): WordBlock[] {
  const blocks: WordBlock[] = [];
  // Pictures anchored in the open paragraph (0x01 inline, 0x08 floating), marked by their CP as
  // doc-pictures.ts keys them: they stand after the paragraph.
  let pictures: WordBlock[] = [];
  let paragraph = '';
  let paragraphFonts: Array<string | null> = []; // the font of each character of `paragraph`
  const add = (text: string, font: string | null) => { paragraph += text; paragraphFonts.push(font); };
  const fontAt = (i: number) => (fonts ? fonts(fcs[i]!) : null);
  // Per open field: past its separator (showing its result); `inCode` counts those not yet, so a
  // damaged file of unclosed fields costs no more per character than a clean one.
  const showing: boolean[] = [];
  let inCode = 0;
  let row: WordCell[] | null = null;
  let cell: WordCell | null = null;
  let table: { kind: 'table'; rows: WordCell[][] } | null = null;
  let lastWasCellMark = false;

  const pushParagraph = (mark: number) => {
    // The marker Word draws before an automatically numbered paragraph is part of what it says.
    const props = flagsAt && mark >= 0 ? flagsAt(fcs[mark]!) : null;
    const marker = props?.lfo && counter ? counter.next(props.lfo, props.level) : '';
    // Runs that name no font take their paragraph style's.
    const fromStyle = props && styleFont ? styleFont(props.istd) : null;
    const read = readParagraph(paragraph, fromStyle ? paragraphFonts.map((f) => f ?? fromStyle) : paragraphFonts, legacyRuns);
    const body = read.replace(/\s+$/, '');
    const block: WordBlock = { kind: 'paragraph', text: marker && body.trim() ? marker + body.replace(/^\s+/, '') : body };
    if (cell) cell.blocks.push(block, ...pictures); else { closeTable(); blocks.push(block, ...pictures); }
    pictures = [];
    paragraph = '';
    paragraphFonts = [];
  };
  const closeTable = () => { if (table) { if (row?.length) table.rows.push(row); blocks.push(table); } table = null; row = null; cell = null; };

  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    // A tracked deletion is left out, as once accepted; its paragraph, cell and page marks are kept,
    // so a deleted paragraph leaves an empty one and a table keeps its shape.
    if (deleted && c !== '\r' && c !== '\x07' && c !== '\x0c' && deleted(fcs[i]!)) continue;
    if (c === '\x13') { showing.push(false); inCode++; continue; }
    if (c === '\x14') { if (showing.length && !showing[showing.length - 1]) { showing[showing.length - 1] = true; inCode--; } continue; }
    if (c === '\x15') { if (showing.length && !showing.pop()) inCode--; continue; }
    if (inCode > 0) continue; // inside a field's code
    if (c === '\x07') {
      const isRowEnd = flagsAt ? flagsAt(fcs[i]!).rowEnd : lastWasCellMark && paragraph === '';
      if (isRowEnd) {
        if (table && row) table.rows.push(row);
        row = null; cell = null; paragraph = ''; paragraphFonts = []; lastWasCellMark = false;
        continue;
      }
      table ??= { kind: 'table', rows: [] };
      row ??= [];
      cell ??= { blocks: [] };
      pushParagraph(i);
      row.push(cell);
      cell = null;
      lastWasCellMark = true;
      continue;
    }
    lastWasCellMark = false;
    if (c === '\r') {
      // A paragraph inside a cell (the cell mark ends the cell's last one).
      const inCell = flagsAt ? flagsAt(fcs[i]!).inTable : !!(table && row);
      if (inCell) { table ??= { kind: 'table', rows: [] }; row ??= []; cell ??= { blocks: [] }; } else closeTable();
      pushParagraph(i);
      continue;
    }
    if (c === '\x0c') { pushParagraph(-1); if (!table) blocks.push({ kind: 'page-break' }); continue; }
    if (c === '\x0b') { add('\n', null); continue; }
    if (c === '\x1e') { add('-', fontAt(i)); continue; }
    // An optional hyphen is kept until the paragraph's encoding is known: TCVN3's "ư" is byte 0xAD,
    // the soft hyphen, and some writers store it as Word's optional hyphen.
    if (c === '\x1f') { add('\u00ad', fontAt(i)); continue; }
    if (c === '\x01' || c === '\x08') { pictures.push({ kind: 'picture', key: `cp:${i}` }); continue; }
    if (c === '\x02' || c === '\x05' || c === '\x00') continue;
    add(c, fontAt(i));
  }
  if (paragraph.trim() || pictures.length) pushParagraph(-1);
  closeTable();
  return blocks;
}

/** Windows code page of a language id's primary language (single-byte ones; others read as 1252). */
const CODE_PAGE: Record<number, string> = {
  0x2a: 'windows-1258', // Vietnamese
  0x19: 'windows-1251', 0x22: 'windows-1251', 0x23: 'windows-1251', 0x02: 'windows-1251', 0x2f: 'windows-1251', 0x1a: 'windows-1250',
  0x05: 'windows-1250', 0x0e: 'windows-1250', 0x15: 'windows-1250', 0x18: 'windows-1250', 0x1b: 'windows-1250', 0x24: 'windows-1250', 0x1c: 'windows-1250',
  0x08: 'windows-1253', 0x1f: 'windows-1254', 0x0d: 'windows-1255', 0x01: 'windows-1256', 0x25: 'windows-1257', 0x26: 'windows-1257', 0x27: 'windows-1257', 0x1e: 'windows-874',
};

function codePageOf(lid: number): Uint16Array {
  const name = CODE_PAGE[lid & 0x3ff];
  if (!name) return CP1252_CHAR;
  const table = new Uint16Array(256);
  const decoder = new TextDecoder(name);
  for (let b = 0; b < 256; b++) {
    const c = decoder.decode(new Uint8Array([b]));
    table[b] = c.length === 1 ? c.charCodeAt(0) : CP1252_CHAR[b]!;
  }
  return table;
}

/**
 * A paragraph's text read through its fonts: runs set in a legacy font decoded by it (the ".Vn…H"
 * ones upper-cased), the rest as stored; with no legacy font named, judged as a whole by its text.
 */
function readParagraph(text: string, fonts: Array<string | null>, legacyRuns: WordRead['legacyRuns']): string {
  if (!fonts.some((f) => legacyEncodingOfFont(f))) {
    return readUnnamedParagraph(text, legacyRuns);
  }
  let out = '';
  for (let i = 0; i < text.length; ) {
    let j = i + 1;
    while (j < text.length && fonts[j] === fonts[i]) j++;
    const read = readRun(text.slice(i, j), fonts[i]);
    countLegacy(legacyRuns, read.encoding);
    out += read.encoding ? read.text : withoutSoftHyphens(read.text);
    i = j;
  }
  return out;
}
