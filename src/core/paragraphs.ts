/**
 * Paragraphs rebuilt from visual lines. Hard-wrapped report text breaks lines at the margin, so a
 * line that continues a sentence is joined to the one before; blank lines, headings, list items,
 * numbered points and the fixed openings of Decree-30 documents start a new paragraph. Used by
 * every ingest (text, PDF text layer, OCR), so it only looks at the lines' text.
 */
import type { Page, Paragraph } from './document.js';
import { stripMarks } from './vi-text/marks.js';

/** Heading and list markers of Vietnamese administrative text ("Phần I", "II.", "2.1.", "a)", "-", "+"). */
const MARKER_PATTERNS: RegExp[] = [
  /^(phần|phan|mục|muc|chương|chuong|điều|dieu)\s+([ivxlc]+|\d+)\b/i,
  /^[IVXLC]{1,6}[.)]\s*\S/,
  /^\d{1,2}(\.\d{1,2})*[.)]\s*\S/, // "1. ", "2.1. ", "3)"; not "2023 …" or "30 tháng"
  /^\d{1,2}(\.\d{1,2})+\s+\S/, // "2.1 Nội dung" without the final dot
  /^[a-zđ][.)]\s+\S/,
  /^[-+•*–—]\s*\S/,
];

/** Openings that always start a paragraph, compared mark-free and lower-case. */
const OPENINGS: RegExp[] = [/^can cu\b/, /^noi nhan\s*:/, /^kinh gui\s*:/, /^tren day la\b/, /^luu\s*:/];
const OPENING_INITIALS = new Set(['c', 'n', 'k', 't', 'l']);

/** Fraction of the page's typical line length under which a line is taken to end its paragraph. */
const SHORT_LINE = 0.6;
/** Below this typical length the page is not hard-wrapped prose; the short-line rule is off. */
const MIN_WRAP_WIDTH = 40;

export function paragraphsFromPages(pages: Page[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const page of pages) {
    const width = typicalWidth(page.lines);
    // A margin note (Page.marginLines) is a paragraph of its own: never joined to the print beside it.
    const margin = new Set(page.marginLines ?? []);
    let current: { parts: string[]; start: number; end: number; heading: boolean; caps: boolean } | null = null;
    const flush = () => {
      if (current) out.push({ text: joinParts(current.parts), page: page.number, lineStart: current.start, lineEnd: current.end });
      current = null;
    };
    page.lines.forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return flush();
      if (margin.has(i + 1)) {
        flush();
        out.push({ text: line, page: page.number, lineStart: i + 1, lineEnd: i + 1 });
        return;
      }
      const caps = isAllCaps(line);
      const prev: string | undefined = current ? current.parts[current.parts.length - 1] : undefined;
      if (!current || prev === undefined || startsParagraph(line, caps, prev, current.caps, current.heading, width)) {
        flush();
        current = { parts: [line], start: i + 1, end: i + 1, heading: isMarker(line) || caps, caps };
      } else {
        current.parts.push(line);
        current.end = i + 1;
        current.caps = current.caps && caps;
      }
    });
    flush();
  }
  return out;
}

function startsParagraph(line: string, caps: boolean, prev: string, prevCaps: boolean, inHeading: boolean, width: number): boolean {
  if (isMarker(line) || isOpening(line)) return true;
  // A heading wrapped over two all-caps lines stays one paragraph; caps after prose is a heading.
  if (caps) return !prevCaps;
  if (prevCaps) return true;
  const opensSentence = /^[\p{Lu}\d"“'‘(]/u.test(line);
  if (!opensSentence) return false;
  if (/[.:;!?]["”’)]?$/.test(prev)) return true;
  // A line that stops well short of the margin ends its paragraph (or its heading).
  if (width >= MIN_WRAP_WIDTH && prev.length < width * SHORT_LINE) return true;
  return inHeading && width < MIN_WRAP_WIDTH;
}

export function isMarker(line: string): boolean {
  return MARKER_PATTERNS.some((re) => re.test(line));
}

function isOpening(line: string): boolean {
  if (!OPENING_INITIALS.has(line.charAt(0).toLowerCase())) return false;
  const bare = stripMarks(line.slice(0, 24)).toLowerCase();
  return OPENINGS.some((re) => re.test(bare));
}

/** At least four letters and no lower-case letter: "BÁO CÁO", "I. KẾT QUẢ THỰC HIỆN". */
export function isAllCaps(line: string): boolean {
  if (LOWER.test(line)) return false;
  // Four capitals are enough: counted with exec up to four, not a match array of every capital.
  UPPER.lastIndex = 0;
  let capitals = 0;
  while (capitals < 4 && UPPER.exec(line)) capitals++;
  return capitals >= 4;
}
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/gu;

/** Join wrapped lines: a code cut after its hyphen ("72/KH-" + "UBND") joins without a space. */
export function joinParts(parts: string[]): string {
  const out: string[] = [parts[0] ?? ''];
  // The end of the text so far, enough for the two code points the hyphen test looks at: a test
  // anchored at the end of the whole text scans all of it, quadratic over a paragraph's lines.
  let tail = out[0]!.slice(-3);
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i]!;
    const glued = /[\p{L}\d]-$/u.test(tail) && /^[\p{Lu}\d]/u.test(next);
    if (!glued) out.push(' ');
    out.push(next);
    tail = (tail + (glued ? '' : ' ') + next).slice(-3);
  }
  return out.join('');
}

/** 90th percentile of non-blank line lengths: the right margin of hard-wrapped text. */
function typicalWidth(lines: string[]): number {
  // A typed array sorts numbers natively (no comparator called per pair): the same order.
  const lengths = Float64Array.from(lines.map((l) => l.trim().length).filter((n) => n > 0)).sort();
  if (lengths.length === 0) return 0;
  return lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.9))]!;
}

/** Paragraph text as the normalise stage leaves it: NFC, tabs and odd spaces as one space. */
export function normaliseParagraphText(text: string): string {
  return text.normalize('NFC').replace(/[\t\u00a0\u2000-\u200a\u202f\u3000]+/g, ' ').replace(/ {2,}/g, ' ');
}
