/**
 * A number's symbol whose organ part OCR misread ("TB-DHĐIL" for "TB-ĐHĐL": a Đ read D, an "L"
 * read "IL") put right against the acronyms the document itself gives: the initials of its
 * issuer's name and parent with their heads and tails ("TRƯỜNG ĐẠI HỌC ĐIỆN LỰC" → "TĐHĐL",
 * "ĐHĐL", "TĐHĐ"…), and the symbols of the document's other mentions of numbers ("Kèm theo Thông
 * báo số …/TB-ĐHĐL"). A part that is already one of them is kept; else it is replaced by the one
 * acronym nearest to it (diacritics folded), one edit away at most: a letter misread or one OCR
 * added, never one dropped ("UBND" is also the head of a province committee's "UBNDT"); a letter
 * (not only marks) changed after the names' initials or two mentions agreeing, never after one.
 * The type part is put right against the abbreviation of the document's own type (Decree 30,
 * Appendix III: a Tờ trình's "TTr" read "TTI"), when it is no type's abbreviation itself.
 */
import { typeByCode } from './doc-types.js';
import { editDistance, foldKey } from './fold.js';

/** Symbols ("TB-ĐHĐL", "QĐ-UBND") after a slash in a text. */
const MENTION = /[/⁄]\s*(?:\d{4}\s*\/\s*)?([\p{Lu}][\p{Lu}\d]*(?:\s*-\s*[\p{Lu}][\p{Lu}\d]*)+)/gu;

/** A word's initial as symbols write it: upper-case, without its tone or vowel marks, but Đ kept. */
const initial = (c: string) => (/[đĐ]/.test(c) ? 'Đ' : c.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase());

/** Initials of a name's words, upper-case, with their heads and tails of two letters or more. */
function acronyms(name: string): string[] {
  const initials = name.normalize('NFC').split(/[\s,;()]+/).filter((w) => /^\p{L}/u.test(w)).map((w) => initial(w[0]!)).join('');
  const out: string[] = [];
  for (let i = 0; i + 2 <= initials.length; i++) out.push(initials.slice(i), initials.slice(0, initials.length - i));
  return out;
}

export function symbolMentions(texts: readonly string[]): string[] {
  const out: string[] = [];
  // A mention starts at a slash: most lines have none, and are not scanned.
  for (const t of texts) if (t.includes('/') || t.includes('⁄')) for (const m of t.matchAll(MENTION)) out.push(m[1]!.replace(/\s*-\s*/g, '-'));
  return out;
}

/**
 * The symbol with each organ part (after the type code) repaired, or null when nothing changed.
 * `names`: the issuer's name and parent; `mentions`: symbols the document cites elsewhere.
 */
export function repairSymbol(symbol: string, names: readonly (string | null | undefined)[], mentions: readonly string[], typeCode?: string | null): string | null {
  const parts = symbol.split('-');
  if (parts.length < 2) return null;
  let typeFixed = false;
  if (typeCode && parts[0] !== typeCode && parts[0]!.length >= 2 && !typeByCode(parts[0]!) && editDistance(foldKey(parts[0]!), foldKey(typeCode)) <= 1) {
    parts[0] = typeCode;
    typeFixed = true;
  }
  const known = new Set<string>();
  for (const n of names) if (n) for (const a of acronyms(n)) known.add(a);
  const fromNames = new Set(known);
  const cited = new Map<string, number>();
  for (const m of mentions) for (const p of m.split('-').slice(1)) if (p.length >= 2) { known.add(p); cited.set(p, (cited.get(p) ?? 0) + 1); }
  // A letter changed needs the names' initials or two mentions agreeing: one other OCR'd mention
  // ("1899/SGDĐT-CTITT" against the header's "CTFTT", both for a printed "CTrTT") is a reading
  // against a reading, no support. Marks alone (Đ read D) one mention puts right.
  const supports = (k: string, d: number) => d === 0 || fromNames.has(k) || (cited.get(k) ?? 0) >= 2;
  let changed = typeFixed;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length < 3 || known.has(p)) continue;
    const fp = foldKey(p);
    const near = [...known].filter((k) => k.length >= 3 && (k.length === p.length || k.length === p.length - 1)).map((k) => ({ k, d: editDistance(fp, foldKey(k)) })).filter((c) => c.d <= 1 && supports(c.k, c.d));
    const least = Math.min(...near.map((c) => c.d));
    const best = near.filter((c) => c.d === least).map((c) => c.k);
    // Only one acronym nearest (two: no way to tell which was printed).
    if (best.length !== 1) continue;
    parts[i] = best[0]!;
    changed = true;
  }
  return changed ? parts.join('-') : null;
}

/** Letters OCR reads for a digit of print: S for 5 or 8, O/Q/D for 0, I/L for 1, B for 8, Z for 2, G for 6. */
const DIGIT_LOOKALIKE = /[SOQDILBZG]/;
const DIGITS_LIKE: Record<string, string> = { S: '58', O: '0', Q: '0', D: '0', I: '1', L: '1', B: '8', Z: '2', G: '6' };

/** Where a part's letter may be a digit read as a letter: between a letter and a digit. */
const unsureAt = (part: string, i: number) => i >= 1 && i + 1 < part.length && DIGIT_LOOKALIKE.test(part[i]!) && /\p{L}/u.test(part[i - 1]!) && /\d/.test(part[i + 1]!);

/**
 * The organ part of a symbol whose letters and digits cannot be told apart as read, or null: a
 * letter that looks like a digit between a letter and a digit ("PAS3" for "PA83": the digit run
 * may begin a letter earlier). Organ codes with digits (PA03, X15, BCĐ389) print letters, then
 * digits; which digit the letter was is not known, so the symbol is flagged, never guessed.
 */
export function unsureSymbolPart(symbol: string): string | null {
  for (const part of symbol.split('-').slice(1)) {
    for (let i = 1; i + 1 < part.length; i++) if (unsureAt(part, i)) return part;
  }
  return null;
}

/**
 * An unsure organ part (unsureSymbolPart) told by the document's own bare mentions of its organ
 * ("phòng PA83", "Lưu PA83" for a header's "CV-PAS3"): each unsure letter read as each digit it
 * may be, and the one reading the other lines give as a whole word at least twice (two readings
 * agreeing, as repairSymbol asks of a letter changed) is taken, when no other reading, nor the
 * part as read, stands there. Else null: the symbol stays flagged.
 */
export function unsurePartFromMentions(part: string, texts: readonly string[]): string | null {
  let readings = [''];
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    const options = unsureAt(part, i) ? [...DIGITS_LIKE[c]!] : [c];
    readings = readings.flatMap((r) => options.map((o) => r + o));
  }
  const count = new Map<string, number>();
  for (const t of texts) for (const w of t.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) if (w) count.set(w, (count.get(w) ?? 0) + 1);
  if (count.has(part)) return null;
  const seen = readings.filter((r) => count.has(r));
  return seen.length === 1 && count.get(seen[0]!)! >= 2 ? seen[0]! : null;
}
