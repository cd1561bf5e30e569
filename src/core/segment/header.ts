/**
 * Decree-30 header: issuer column (parent / issuer), national motto, "Số: …", place and date,
 * type line and title. OCR puts both header columns on one line, so the motto phrases are located
 * fuzzily inside a line and what stands left of them goes to the issuer column.
 */
import { CONG_VAN, typeAtLineStart, typeByName, type DocType } from './doc-types.js';
import { findDate, type FoundDate } from './dates.js';
import { editDistance, findPhrase, foldKey, isUpperText, keyTokens } from './fold.js';
import { isBlank, type SegLine } from './lines.js';
import { parseNumber, numberLabelEnd, type DocNumber } from './number.js';
import { splitIssuer, type Issuer } from './issuer.js';
import { MOTTO, MOTTO_2, isBodyOpening } from './markers.js';
import { markerOfLine } from './headings.js';
import { canonicalPlace } from './places.js';
import { isVietnameseSyllable } from '../vi-text/index.js';
import { readDateBlank, readNumberBlank, type NumberBlank } from './fill-ins.js';

export interface Header {
  issuer: Issuer | null;
  motto: boolean;
  number: DocNumber | null;
  place: string | null;
  date: string | null;
  /** The date as written; set even when it names a day that does not exist (then `date` is null). */
  dateText: string | null;
  /** Index of the line the date was read from, -1 when none. */
  dateLine: number;
  /** The number's symbol, read even when its handwritten digits are not (fill-ins.ts). */
  numberSymbol: string | null;
  /** Index of the line the number (or its printed blank) was read from, -1 when none. */
  numberLine: number;
  /** What stands in the number's blank when its digits are not legible ("2J5", "……"). */
  numberAsRead: string | null;
  /** The document's year: from the date, else the printed year of a blank date, else the number. */
  year: number | null;
  /** The month of a blank date line whose day is not legible ("ngày vô hông 6 năm 2026": 6), when it reads. */
  blankMonth: number | null;
  /** Fields whose handwritten digits could not be read: number (symbol kept), date (year kept). */
  uncertain: ('number' | 'date')[];
  type: DocType | null;
  title: string | null;
  /** Index of the first line and one past the last line of the header. */
  start: number;
  end: number;
  /** Fields found, out of the six a header should have (issuer, motto, number, date, type, title). */
  confidence: number;
}

const MAX_HEADER_LINES = 16;
/**
 * The header reads at most this much of a line: a header line is a few hundred characters even
 * with both columns on it, and a text that is one long line (16 MB) would otherwise be folded,
 * tokenised and searched whole several times over.
 */
const HEADER_VIEW = 10_000;
const headerView = (l: SegLine): SegLine => (l.text.length <= HEADER_VIEW ? l : { ...l, text: l.text.slice(0, HEADER_VIEW), key: l.key.slice(0, HEADER_VIEW) });
const tidy = (s: string) => s.replace(/\s+/g, ' ').replace(/^[\s:;,.\-–—]+|[\s:;,.\-–—]+$/g, '');
/** A place name starts and ends with a letter or digit ("Quận 1"): OCR puts stray quotes or specks around it (“Thành phố …). */
const placeName = (s: string) => tidy(s).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

export function parseHeader(lines: readonly SegLine[], start: number, stop = lines.length): Header {
  const column: string[] = [];
  let motto = false, number: DocNumber | null = null, place: string | null = null, date: string | null = null;
  let dateText: string | null = null, dateLine = -1;
  let numberBlank: NumberBlank | null = null, numberLine = -1, blankYear: number | null = null, blankMonth: number | null = null;
  const uncertain: Header['uncertain'] = [];
  let type: DocType | null = null, title: string | null = null, subject: string | null = null;
  let i = start, seen = 0, end = start;
  for (; i < stop && seen < MAX_HEADER_LINES; i++) {
    const line = headerView(lines[i]!);
    if (isBlank(line) || /^[\s\-–—_*=.]+$/.test(line.text)) continue;
    seen++;
    const { key, text } = line;
    if (isBodyOpening(key) || markerOfLine(line)) break;
    const tokens = keyTokens(key);
    const m1 = findPhrase(tokens, MOTTO);
    const m2 = m1 < 0 ? findPhrase(tokens, MOTTO_2) : -1;
    const m3 = m1 < 0 && m2 < 0 && !motto ? mottoCutShort(key, tokens) : -1;
    if (m1 >= 0 || m2 >= 0 || m3 >= 0) {
      motto = true;
      column.push(text.slice(0, tokens[Math.max(m1, m2, m3)]!.start));
      end = i + 1;
      continue;
    }
    let rest = 0;
    const label = numberLabelEnd(key);
    if (label >= 0 && !number) {
      number = parseNumber(text, label);
      rest = number ? number.end : label;
      numberLine = i;
      end = i + 1;
    } else if (!number && !numberBlank) {
      // "Số: ……/TB-ĐHĐL" with the digits handwritten: the printed skeleton is the number line.
      const blank = readNumberBlank(key, text);
      if (blank) {
        rest = blank.end;
        numberLine = i;
        end = i + 1;
        if (blank.digits) number = { full: `${blank.digits}/${blank.year ? `${blank.year}/` : ''}${blank.symbol}`, number: blank.digits, year: blank.year, symbol: blank.symbol, type: blank.type, start: 0, end: blank.end };
        else (numberBlank = blank), uncertain.push('number');
      }
    }
    let found: FoundDate | undefined = dateText !== null ? undefined : findDate(text.slice(rest));
    if (!found && dateText === null) {
      // "ngày … tháng … năm 2025": the day and month written by hand and not legible.
      const blank = readDateBlank(key.slice(rest), text.slice(rest));
      if (blank) {
        found = blank;
        blankYear = blank.year;
        blankMonth = blank.month;
        if (blank.iso === null) uncertain.push('date');
      }
    }
    // "… 42/NQ-CP ngày 09 tháng 4 năm 2020": the date of a document the text cites, not a date line
    // (a place stands before a header's "ngày", never a number's symbol).
    if (found && citesDocument(text.slice(rest, rest + found.start))) found = undefined;
    if (found) {
      date = found.iso;
      dateText = found.text;
      dateLine = i;
      place = canonicalPlace(placeName(text.slice(rest, rest + found.start))) || null;
      end = i + 1;
      continue;
    }
    if (rest > 0) continue;
    // "BÁO CÁO SỐ 12/BC-UBND" (a header-less report's first line): its type and number, no issuer.
    const numbered = !type && !number && !numberBlank ? typeWithNumber(text, key) : undefined;
    if (numbered) {
      ({ type, number } = numbered);
      numberLine = i;
      const t = readTitle(lines, i + 1, stop);
      title = t.title;
      end = i = t.end;
      i--;
      break;
    }
    const named = typeByName(text);
    if (named && !type) {
      type = named;
      const t = readTitle(lines, i + 1, stop);
      title = t.title;
      end = i = t.end;
      i--;
      break;
    }
    const leading = !type && (number || numberBlank || dateText !== null) && isUpperText(text) ? typeAtLineStart(text) : undefined;
    if (leading) {
      type = leading.type;
      const t = readTitle(lines, i + 1, stop);
      title = tidy([text.slice(leading.titleStart), t.title && isUpperText(t.title) ? t.title : ''].join(' '));
      end = isUpperText(t.title ?? '') ? t.end : i + 1;
      i = end - 1;
      break;
    }
    // "V/v …" (về việc) or "Về …"; on the key, so a restorer's "V/và" or OCR "Vé" still counts.
    if ((/^\s*(V\s*[/\\|]\s*V[A-Z]{0,2}|VE)\s/.test(key) || isSlashLostSubject(text, key)) && (number || numberBlank)) {
      const t = readTitle(lines, i, stop);
      subject = t.title;
      end = t.end;
      i = t.end - 1;
      continue;
    }
    // A line holding a document number ("… SỐ 12/BC-UBND") never names the issuer ("SỐ" folds as "SỞ").
    if (isUpperText(text) && !number && !numberBlank && dateText === null && !holdsNumber(key)) {
      column.push(text);
      end = i + 1;
      continue;
    }
    if (!motto && !number && !numberBlank) break;
  }
  if (!type && (number || numberBlank)) type = (number ?? numberBlank)!.type ?? (subject ? CONG_VAN : null);
  if (!type && subject) type = CONG_VAN;
  title ??= subject;
  const issuer = completeFromPlace(splitIssuer(column), place);
  const fields = [issuer, motto || null, number ?? numberBlank, date ?? (uncertain.includes('date') ? dateText : null), type, title].filter((x) => x !== null).length;
  const year = date ? +date.slice(0, 4) : blankYear ?? (number?.year ? +number.year : null);
  return {
    issuer, motto, number, place, date, dateText, dateLine, type, title, start, end, confidence: +(fields / 6).toFixed(2),
    numberSymbol: number?.symbol ?? numberBlank?.symbol ?? null, numberLine, numberAsRead: numberBlank?.asRead ?? null, year, blankMonth, uncertain,
  };
}

/** "SỐ 12/BC-UBND", "Số: 5/2024/QĐ-UBND" anywhere in a line's key. */
const holdsNumber = (key: string) => /(?:^|[^A-Z0-9])SO\s*[:.]?\s*\d+\s*\/\s*(?:\d{4}\s*\/\s*)?[A-Z]/.test(key);

/** A line that is a type name and then the document's number ("BÁO CÁO SỐ 12/BC-UBND", "THÔNG BÁO Số: 5/TB-UBND"). */
function typeWithNumber(text: string, key: string): { type: DocType; number: DocNumber } | undefined {
  const leading = typeAtLineStart(text);
  if (!leading) return undefined;
  const label = /^\s*SO\s*[:.]?\s*(?=\d)/.exec(key.slice(leading.titleStart));
  if (!label) return undefined;
  const number = parseNumber(text, leading.titleStart + label[0].length);
  // The number is all the line holds after the type: anything more is a title that cites a number.
  if (!number || text.slice(number.end).trim()) return undefined;
  return { type: leading.type, number };
}

/** Text before a "ngày" that ends in a document number's symbol ("số 42/NQ-CP", "/NG-CI"). */
function citesDocument(before: string): boolean {
  return /\/\s*[\p{Lu}Đ][\p{Lu}Đ\d]*(?:-[\p{Lu}Đ\d]+)*\s*$/u.test(before);
}

/**
 * "V/v" whose slash OCR lost or misread. With a stroke left where the slash was, on the folded key
 * ("Vív", "VÍy", "Vlv", "V1v", "V!v": V, I/L/1/|/!, V/Y), before any word: no Vietnamese word is
 * spelt so, and the subject's first word is lower-case ("V/v thông báo …"). With the slash lost
 * ("Vy", "Vv") only before a capitalised word, so a line opening with the name "Vy" is not taken.
 */
function isSlashLostSubject(text: string, key: string): boolean {
  return /^\s*V[IL1|!][VY]\s+\S/.test(key) || /^\s*V[vy]\s+\p{Lu}/u.test(text);
}

/**
 * The motto's line with its end hidden (an e-signature box or a stamp over it, "CỘNG HÒA ¡"):
 * its first words standing alone, at the start of the right column (after a column gap) or of
 * the line; the token index where it starts, or -1.
 */
function mottoCutShort(key: string, tokens: ReturnType<typeof keyTokens>): number {
  const gaps = [...key.matchAll(/\S(\s{2,})(?=\S)/g)].map((m) => m.index! + m[0].length);
  const from = gaps[0] ?? 0;
  const at = tokens.findIndex((t) => t.start >= from);
  if (at < 0 || findPhrase(tokens, 'CONG HOA', at, at + 2) !== at) return -1;
  // The piece reaches to the next column gap; after "CỘNG HÒA" it holds the motto's own words
  // ("XÃ HỘI …", however damaged), or nothing: anything else is some other phrase.
  const to = gaps.find((g) => g > tokens[at]!.start) ?? Infinity;
  const rest = tokens.slice(at + 2).filter((t) => t.start < to);
  const near = (t: string, w: string) => w.startsWith(t) || editDistance(t, w) <= 1;
  return rest.length === 0 || near(rest[0]!.text, 'XA') && (rest.length === 1 || near(rest[1]!.text, 'HOI')) ? at : -1;
}

/** Administrative unit words that stand before a locality's name in an issuer ("TỈNH", "XÃ"). */
const UNIT_WORDS = new Set(['TINH', 'PHO', 'HUYEN', 'XA', 'PHUONG', 'QUAN', 'TRAN', 'TP']);

/**
 * An issuer whose locality OCR cut short ("TỈNH ĐẮK", the "LẮK" under it lost) completed from
 * the place of the date line ("Đắk Lắk"): a local body dates its documents at its own locality,
 * so when the issuer ends with a unit word and the first words of the place, the place's other
 * words belong to it. Nothing changes unless the place starts with those words.
 */
function completeFromPlace(issuer: Issuer | null, place: string | null): Issuer | null {
  if (!issuer || !place) return issuer;
  const nameWords = issuer.name.split(/\s+/), placeWords = place.split(/\s+/);
  const fold = (w: string) => foldKey(w).replace(/[^A-Z0-9]/g, '');
  for (let k = Math.min(placeWords.length - 1, nameWords.length - 1); k >= 1; k--) {
    const tail = nameWords.slice(-k), unit = nameWords[nameWords.length - k - 1]!;
    if (!UNIT_WORDS.has(fold(unit)) || !tail.every((w, j) => fold(w) === fold(placeWords[j]!))) continue;
    const rest = placeWords.slice(k).join(' ');
    return { ...issuer, name: `${issuer.name} ${isUpperText(issuer.name) ? rest.toUpperCase() : rest}` };
  }
  return issuer;
}

/** A quote mark standing alone between words is a speck OCR read ("KẾT QUẢ ' TRIỂN KHAI"); a quote holds words. */
const withoutStrayQuotes = (s: string) => s.replace(/(^|\s)['‘’`´"“”]+(?=\s|$)/gu, '$1').replace(/\s+/g, ' ');

/**
 * A title is one noun phrase: a full stop inside it after a whole Vietnamese syllable ("TĂNG
 * CƯỜNG. CẢI CÁCH") is a speck OCR read. Abbreviations keep theirs ("TP. HỒ CHÍ MINH": "TP"
 * is no syllable), and so do numbers. A title without a full stop is not scanned (the regex's
 * backtracking through every word was 0.4 % of segmentation).
 */
const withoutStrayStops = (s: string) => !s.includes('.') ? s : s.replace(/(\p{L}+)\.(?=\s+\p{L})/gu, (m, word: string) => (word.length >= 2 && isVietnameseSyllable(word) ? word : m));

/** "Place, ngày D tháng M năm Y" (or "…, D/M/Y") as a line of its own. */
function isPlaceDateLine(text: string): boolean {
  const found = findDate(text);
  return found !== undefined && /^[^,]{1,50},\s*$/.test(text.slice(0, found.start)) && text.slice(found.end).trim().length < 3;
}

/** Title lines after the type line: an upper-case run, or a sentence-case block up to a blank. */
function readTitle(lines: readonly SegLine[], from: number, stop: number): { title: string | null; end: number } {
  let i = from;
  while (i < stop && isBlank(lines[i]!)) i++;
  const first = lines[i];
  // An upper-case title may start with words that open a body ("THỰC HIỆN LỘ TRÌNH …").
  const opensBody = (l: SegLine) => !isUpperText(l.text) && isBodyOpening(l.key);
  if (!first || opensBody(first) || markerOfLine(first)) return { title: null, end: from };
  const upper = isUpperText(first.text);
  const parts: string[] = [];
  for (; i < stop && parts.length < 4; i++) {
    const l = lines[i]!;
    if (isBlank(l) || opensBody(l) || markerOfLine(l)) break;
    if (upper !== isUpperText(l.text) && parts.length) break;
    if (/^\s*\(/.test(l.text) && parts.length) break;
    // "Thành phố Hồ Chí Minh, ngày 25 tháng 11 năm 2025" under a "V/v" subject is the date line.
    if (isPlaceDateLine(l.text)) break;
    parts.push(l.text.trim());
    if (!upper && /[:;]$/.test(l.text.trim())) break;
  }
  return { title: parts.length ? tidy(withoutStrayStops(withoutStrayQuotes(parts.join(' ')))) : null, end: i };
}
