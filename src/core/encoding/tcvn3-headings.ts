/**
 * Headings of a TCVN3 plain-text file put back in capitals. Headings were set in the capitals-only
 * .VnTimeH fonts and usually typed in lower case: the font drew capitals, the bytes are the
 * lower-case codes, and once the font is gone (a .txt export) "ỦY BAN NHÂN DÂN" reads
 * "ủy ban nhân dân" and the Decree-30 header is no longer found. Word files keep the font's name
 * and are put in capitals by it (ingest/word/fonts.ts); plain text only has the line itself.
 *
 * A line is taken for such a heading when nothing in it has a capital and it could not be running
 * text: it starts with a letter (or a roman section number), has two words or more, most of them
 * Vietnamese syllables, does not end like a sentence or a list item (. , ; ? !; a colon only for a
 * short label such as "quyết định:"), does not follow a long sentence ending in a colon and, in a
 * file wrapped at a width, does not continue the line before it. A file where such lines are most
 * A file with few capitals anywhere is lower case by choice and is left as it is.
 */
import { isVietnameseSyllable } from '../vi-text/syllable.js';

export interface HeadingCapitals {
  text: string;
  /** The lines put in capitals: page and line, both from 1 (a form feed starts a page). */
  lines: Array<{ page: number; line: number }>;
}

/** Longest heading line taken (a document's title is often one line of 200–300 characters). */
const MAX_HEADING = 400;
/** A file with capitals on fewer of its lines than this share writes in lower case by choice. */
const MIN_CAPITAL_LINES = 0.3;
/** Share of syllables a line must have (a stray code or a URL is no heading; "kt. chủ tịch" is one). */
const MIN_SYLLABLES = 0.6;
/** A label ending in a colon ("quyết định:") is taken up to this many words. */
const MAX_LABEL_WORDS = 4;

const WORD = /\p{L}+/gu;
const ROMAN_MARK = /^[ivx]{1,4}\.\s+(?=\p{L})/u;
/** A letter VN3 has a capital for: a line typed in .VnTime would have started with it in capitals. */
const CAPITAL_IN_VN3 = /^[a-zăâêôơưđ]/;

export function capitaliseHeadingLines(text: string): HeadingCapitals {
  const parts = text.split(/(\r\n|\r|\n|\f)/); // lines at even indexes, their breaks between
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 2) lines.push(parts[i]!);
  const wrapped = wrappedAtWidth(lines);
  const chosen: number[] = [];
  let prev = -1; // index of the previous line with text
  let withText = 0, withCapital = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    if (/\p{L}/u.test(t)) withText++;
    if (/\p{Lu}/u.test(t)) withCapital++;
    const before = prev >= 0 && prev === i - 1 && chosen[chosen.length - 1] !== prev ? lines[prev]!.trim() : null;
    // In a file wrapped at a width a heading starts the text, follows a blank line, another heading
    // or a line that is a whole (a sentence, a capitals line, the place and date): after any other
    // line it may be the same sentence wrapped, or a table cell's second line. In any file a long
    // sentence ending in a colon leads into a list or a quote, unless a section number follows.
    const continues = before !== null &&
      ((wrapped && !endsUnit(before)) || (before.length >= 50 && /:["'”’)\]]*$/.test(before) && !ROMAN_MARK.test(t)));
    if (isLowerCaseHeading(t) && !continues) chosen.push(i);
    prev = i;
  }
  if (chosen.length === 0 || withCapital < MIN_CAPITAL_LINES * withText) return { text, lines: [] };
  for (const i of chosen) parts[i * 2] = parts[i * 2]!.toUpperCase();
  return { text: parts.join(''), lines: placesOf(parts, chosen) };
}

/** Page and line of each chosen line (indexes ascending), in one pass over the breaks. */
function placesOf(parts: string[], chosen: number[]): Array<{ page: number; line: number }> {
  const places: Array<{ page: number; line: number }> = [];
  let page = 1, line = 1, next = 0;
  for (let i = 0; next < chosen.length; i++) {
    if (chosen[next] === i) { places.push({ page, line }); next++; }
    if (parts[i * 2 + 1] === '\f') { page++; line = 1; } else line++;
  }
  return places;
}

function isLowerCaseHeading(t: string): boolean {
  if (t.length > MAX_HEADING || /\p{Lu}/u.test(t)) return false;
  const body = t.replace(ROMAN_MARK, '').replace(/^[("“‘']+/, '');
  if (!/^\p{Ll}/u.test(body)) return false; // list items ("- như trên;"), numbers, table rows
  const words = body.match(WORD) ?? [];
  const end = /([.,;:?!])["'”’)\]]*$/.exec(t)?.[1];
  // A sentence or a list item ends so; a short label ("quyết định:") may, when it starts with a
  // letter .VnTime could have capitalised (a toned first vowel may be a sentence's lost capital).
  if (end && !(end === ':' && words.length <= MAX_LABEL_WORDS && CAPITAL_IN_VN3.test(body))) return false;
  // One word alone is more often a table cell ("người", "ha") or a wrapped word than a heading.
  const syllables = words.filter((w) => isVietnameseSyllable(w)).length;
  return words.length >= 2 && syllables >= MIN_SYLLABLES * words.length;
}

/** A line that ends a unit of text: a sentence, a line in capitals, the place-and-date line, a part label. */
function endsUnit(line: string): boolean {
  return /[.:;!?]["'”’)\]]*$/.test(line) || (/\p{Lu}/u.test(line) && line === line.toUpperCase()) ||
    /ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}$/iu.test(line) || /^(?:chương|mục|phần|điều)\s+[\dIVXLC]+\.?$/iu.test(line);
}

/** Lines this long only come from a file of one paragraph per line (a page's width holds ~100 characters). */
const PARAGRAPH_LINE = 120;

/**
 * A file wrapped at a width (OCR's lines, an 80-column export): its longest lines stay within a
 * line's width, or long lines that end no sentence are mostly followed by a line starting in lower
 * case (the sentence going on). In a file of one paragraph per line both are rare.
 */
function wrappedAtWidth(lines: string[]): boolean {
  const filled = lines.map((l) => l.trim()).filter((l) => l !== '');
  const lengths = filled.map((l) => l.length).sort((a, b) => a - b);
  if (lengths.length >= 10 && lengths[Math.floor(lengths.length * 0.9)]! <= PARAGRAPH_LINE) return true;
  let long = 0, goesOn = 0;
  for (let i = 0; i + 1 < filled.length; i++) {
    if (filled[i]!.length < 50) continue;
    long++;
    if (!endsUnit(filled[i]!) && /^\p{Ll}/u.test(filled[i + 1]!)) goesOn++;
  }
  return long >= 5 && goesOn >= 0.3 * long;
}
