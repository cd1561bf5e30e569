/**
 * The seal and the handwritten signature over a signature block, read by OCR as words ("›  c  Ò",
 * "/ _ TRưới  bà", "dau" across the signature's stroke, a "`" before the printed name), are no
 * text of the document: restoration turned them into Vietnamese-looking words ("dau" → "đau").
 * Once segment has found the block, its region is known: the signer's column, from the block's
 * head (authority, position) down to the printed name. A word there that is not one of the
 * block's own words and was read unsure (confidence under 60, and one letter at most, or no
 * Vietnamese syllable, or under 45), or a lone speck or letter not read sure (under 95), is ink. Ink words are left out of the restored text and the
 * paragraphs' restored text; `text.original`, the page's lines and words keep them, and
 * `Page.inkWords` names them (nothing the user gave is lost). Words read sure stay: a second line
 * of the position ("PHỤ TRÁCH") or a seal's legible words are told from print by nothing here.
 */
import type { OcrWord, WorkingDocument } from '../document.js';
import { isVietnameseSyllable } from '../vi-text/index.js';
import { paragraphsFromWhole } from '../restore/paragraph-text.js';
import { foldKey } from './fold.js';

/** Under this OCR confidence a word in the signer's column may be ink. */
const UNSURE = 60;
/** Under this one, a syllable too ("bà" at 0, "dau" at 20). */
const JUNK = 45;
/** A lone mark or letter ("⁄", "í") is no word of the block's print unless read this sure. */
const SPECK_SURE = 95;
/** The authority mark glued to the word after it ("TL.HIỆU"). */
const AUTHORITY_GLUED = /^(TL|KT|TM|Q)[.,]\S/;

const token = (text: string) => foldKey(text.normalize('NFC')).replace(/[^A-Z0-9]+/g, '');
const letters = (text: string) => (text.match(/\p{L}/gu) ?? []).length;
const centre = (w: OcrWord) => ({ x: (w.bbox[0] + w.bbox[2]) / 2, y: (w.bbox[1] + w.bbox[3]) / 2 });

/** The ink words over the document's signature block: none without a block read from OCR'd words, a head and a printed name. */
export function findSignatureInk(doc: WorkingDocument): { page: number; words: OcrWord[] } | null {
  const sig = doc.structure?.signature;
  if (!sig || !sig.name || !(sig.authority || sig.position) || sig.provenance.end) return null;
  const { page: pageNo, lineStart, lineEnd } = sig.provenance;
  const page = doc.pages[pageNo - 1];
  if (!page || page.method !== 'ocr' || !page.words?.length || lineEnd <= lineStart) return null;
  const inBlock = page.words.filter((w) => w.line >= lineStart && w.line <= lineEnd);
  // The printed name: the block's last line's words that spell it (or its reading as OCR had it).
  const nameTokens = new Set([sig.name, sig.nameAsRead ?? ''].flatMap((s) => s.split(/\s+/)).map(token).filter(Boolean));
  const nameWords = inBlock.filter((w) => w.line === lineEnd && nameTokens.has(token(w.text)));
  if (nameWords.length === 0) return null;
  const name = boxOf(nameWords);
  const h = Math.max(1, median(nameWords.map((w) => w.bbox[3] - w.bbox[1])));
  // The head's words: the authority, organ and position as read ("TL.HIỆU" glued), in the name's
  // column (the recipients beside it may hold the same words: "- Hiệu trưởng (để b/c);").
  const headTokens = new Set([sig.authority, sig.organ, sig.position, sig.rank].flatMap((s) => (s ?? '').split(/[\s.]+/)).map(token).filter(Boolean));
  const isHead = (w: OcrWord) => {
    const t = token(w.text);
    return headTokens.has(t) || headTokens.has(t.replace(/^(TL|KT|TM|Q)(?=[A-Z])/, '')) || (sig.authority !== null && AUTHORITY_GLUED.test(foldKey(w.text)));
  };
  const width = name.x1 - name.x0;
  const headWords = inBlock.filter((w) => w.line < lineEnd && w.bbox[0] >= name.x0 - width && isHead(w));
  if (headWords.length === 0) return null;
  const head = boxOf(headWords);
  const left = Math.min(name.x0, head.x0) - 2 * h, right = Math.max(name.x1, head.x1) + 2 * h;
  const own = new Set<OcrWord>([...nameWords, ...headWords]);
  const words = inBlock.filter((w) => {
    const speck = letters(w.text) <= 1 && !/\d/.test(w.text) && w.text.length <= 2;
    if (own.has(w) || w.confidence >= (speck ? SPECK_SURE : UNSURE)) return false;
    const c = centre(w);
    if (c.x < left || c.x > right || w.bbox[0] < left - h || c.y < head.y0 || c.y > name.y1) return false;
    const bare = w.text.normalize('NFC').toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    return letters(w.text) <= 1 || !isVietnameseSyllable(bare) || w.confidence < JUNK;
  });
  return words.length ? { page: pageNo, words } : null;
}

function boxOf(words: readonly OcrWord[]): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: Math.min(...words.map((w) => w.bbox[0])), y0: Math.min(...words.map((w) => w.bbox[1])),
    x1: Math.max(...words.map((w) => w.bbox[2])), y1: Math.max(...words.map((w) => w.bbox[3])),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * `line` without the words `drop` names, or null when the line's words cannot be matched one for
 * one: each dropped word is found by its place among the line's words as read (`asRead`, the OCR
 * words in order), and the restored line must hold as many words as the line as read.
 */
export function withoutWords(asRead: string, restored: string, words: readonly string[], drop: ReadonlySet<number>): string | null {
  const read = asRead.match(/\S+/g) ?? [];
  if (read.length !== words.length || read.some((t, i) => t !== words[i])) return null;
  const parts = [...restored.matchAll(/(\s*)(\S+)/g)];
  if (parts.length !== read.length) return null;
  let out = '';
  let first = true, gap = '';
  for (let i = 0; i < parts.length; i++) {
    const space = parts[i]![1]!;
    // A column gap before a word left out stays before the next word kept.
    if (drop.has(i)) { if (space.length > gap.length) gap = space; continue; }
    out += (first ? parts[0]![1]! : space.length >= gap.length ? space : gap) + parts[i]![2]!;
    first = false;
    gap = '';
  }
  if (!first) out += /\s*$/.exec(restored)![0];
  return out;
}

/**
 * Leaves the signature block's ink out of the restored text and the paragraphs' restored text,
 * names it on its page (`Page.inkWords`), drops review items of those words, and says what was
 * left out (info `segment/signature-ink`). A line whose restored words do not match its words as
 * read one for one is left alone.
 */
export function leaveOutSignatureInk(doc: WorkingDocument): void {
  if (doc.restored === undefined) return;
  const found = findSignatureInk(doc);
  if (!found) return;
  const page = doc.pages[found.page - 1]!;
  const chunks = doc.restored.split('\f');
  // Pages and form feeds agree when every page is a chunk; else leave the text alone.
  if (chunks.length !== doc.pages.length) return;
  const lines = chunks[found.page - 1]!.split('\n');
  const left: OcrWord[] = [];
  for (const lineNo of [...new Set(found.words.map((w) => w.line))]) {
    const words = page.words!.filter((w) => w.line === lineNo);
    const drop = new Set(words.flatMap((w, i) => (found.words.includes(w) ? [i] : [])));
    const restoredLine = lines[lineNo - 1];
    if (restoredLine === undefined) continue;
    const next = withoutWords(page.lines[lineNo - 1] ?? '', restoredLine, words.map((w) => w.text), drop);
    if (next === null) continue;
    lines[lineNo - 1] = next;
    left.push(...words.filter((_, i) => drop.has(i)));
  }
  if (left.length === 0) return;
  chunks[found.page - 1] = lines.join('\n');
  doc.restored = chunks.join('\f');
  const touched = new Set(left.map((w) => w.line));
  const fromWhole = paragraphsFromWhole(doc, doc.restored);
  doc.paragraphs.forEach((p, i) => {
    if (p.page !== found.page || ![...touched].some((l) => l >= p.lineStart && l <= p.lineEnd)) return;
    if (fromWhole[i] !== undefined) p.restored = fromWhole[i];
  });
  if (doc.review) doc.review = doc.review.filter((r) => !(r.page === found.page && left.some((w) => w.line === r.line && w.text === r.original)));
  page.inkWords = left.map((w) => ({ line: w.line, text: w.text }));
  doc.diagnostics.push({
    ruleId: 'segment/signature-ink',
    severity: 'info',
    message: `words read from the seal or the signature's ink over the signature block, left out of the restored text (kept in the text as read): ${left.map((w) => `line ${w.line} "${w.text}"`).join(', ')}`,
    place: { page: found.page, line: left[0]!.line },
  });
}
