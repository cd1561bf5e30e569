/**
 * Heading markers of the Vietnamese hierarchy, outermost first: Phần I, Chương I, I., Điều 1,
 * 1., 1.1., 1.1.1., a), -, +. The rank orders them; the tree nests a marker under the nearest
 * open section of lower rank.
 */
import { repairMarker, advanceSequence, type MarkerSequence } from './damaged-markers.js';
import { foldKey } from './fold.js';
import type { HeadingMarker, MarkerKind } from './marker-kinds.js';

/** The marker a line starts with, read on its key (mark-free) so OCR residue still matches. */
export function headingOf(text: string, key: string): HeadingMarker | null {
  let m = /^\s*(PHAN)\s+(THU\s+[A-Z]+|[IVX]{1,5}|\d{1,2})\b\s*[.:\-–]?\s*/.exec(key);
  if (m && /^\s*(Phần|PHẦN)/u.test(text)) return { kind: 'part', number: `Phần ${text.slice(m[0].indexOf(m[2]!), m[0].indexOf(m[2]!) + m[2]!.length)}`, textStart: m[0].length };
  m = /^\s*(CHUONG)\s+([IVX]{1,5}|\d{1,2})\b\s*[.:\-–]?\s*/.exec(key);
  if (m && /^\s*(Chương|CHƯƠNG)/u.test(text)) return { kind: 'chapter', number: `Chương ${m[2]}`, textStart: m[0].length };
  m = /^\s*DIEU\s+(\d{1,3})\s*[.:]\s*/.exec(key);
  // Any case: the restorer may write an OCR'd "biéu 1." as "điều 1.".
  if (m && /^\s*[ĐđDd]/u.test(text)) return { kind: 'article', number: `Điều ${m[1]}`, textStart: m[0].length };
  m = /^\s*([IVX]{1,5})\s*[.)]\s+(?=\S)/.exec(key);
  if (m && /^\s*[IVX]/.test(text)) return { kind: 'roman', number: m[1]!, textStart: m[0].length };
  m = /^\s*(\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?=\p{L})/u.exec(text);
  if (m) return { kind: 'decimal3', number: m[1]!, textStart: m[0].length };
  m = /^\s*(\d{1,2}\.\d{1,2})\.?\s+(?=\p{L})/u.exec(text);
  if (m) return { kind: 'decimal', number: m[1]!, textStart: m[0].length };
  m = /^\s*(\d{1,2})\s*[.)]\s+(?=\p{L}|["“])/u.exec(text);
  if (m) return { kind: 'arabic', number: m[1]!, textStart: m[0].length };
  // OCR writes the c of "c)" as a cent or copyright sign.
  m = /^\s*([a-zđ¢©])\s*\)\s+(?=\S)/u.exec(text);
  if (m) return { kind: 'letter', number: m[1]!.replace(/[¢©]/u, 'c'), textStart: m[0].length };
  m = /^\s*[-–—•]\s*(?=\p{L}|["“(])/u.exec(text);
  if (m) return { kind: 'dash', number: '-', textStart: m[0].length };
  m = /^\s*\+\s*(?=\p{L})/u.exec(text);
  if (m) return { kind: 'plus', number: '+', textStart: m[0].length };
  return null;
}

/** A line as the segmenter reads it: restored text, its key, and the text as read. */
interface MarkedLine { text: string; key: string; original: string }

const FROM_ORIGINAL: MarkerKind[] = ['roman', 'arabic', 'decimal', 'decimal3', 'letter', 'article'];

/**
 * The marker a line starts with, on the restored text, else on the text as read: the restorer may
 * take an OCR'd marker for a word ("¢)" → "ở)") while the original still shows the list item.
 */
export function markerOfLine(line: MarkedLine): HeadingMarker | null {
  const own = headingOf(line.text, line.key);
  if (own || line.original === line.text) return own;
  const read = headingOf(line.original, foldKey(line.original.normalize('NFC')));
  if (!read || !FROM_ORIGINAL.includes(read.kind)) return null;
  // Where the heading text starts in the restored line: after the same closing mark.
  const close = line.original.slice(0, read.textStart).trimEnd().slice(-1);
  const at = line.text.indexOf(close);
  if (at < 0 || at > read.textStart + 2) return null;
  const textStart = at + 1 + (/^\s*/.exec(line.text.slice(at + 1))?.[0].length ?? 0);
  return { ...read, textStart };
}

/**
 * The marker of a line read in document order: markerOfLine, else a damaged marker that is the
 * next number of `seq` (damaged-markers.ts), on the restored text, else on the text as read.
 * Advances `seq` past the marker found.
 */
export function markerInSequence(line: MarkedLine, seq: MarkerSequence): HeadingMarker | null {
  const plain = markerOfLine(line);
  let found = repairMarker(line.text, plain, seq);
  if (!found && line.original !== line.text) {
    const read = repairMarker(line.original, null, seq);
    // The restored line keeps the marker's words: its heading starts after as many of them.
    const words = read && /\s$/.test(line.original.slice(0, read.textStart)) ? line.original.slice(0, read.textStart).trim().split(/\s+/).length : 0;
    const skip = words ? new RegExp(`^\\s*(?:\\S+\\s+){${words}}`).exec(line.text) : null;
    if (read && skip) found = { ...read, textStart: skip[0].length };
  }
  if (found) advanceSequence(seq, found);
  return found;
}
