/**
 * Organ names as evidence. A header's issuer lines ("CÔNG AN TP ĐÀ NẴNG" / "PHÒNG AN CHÍNH TRỊ NỘI
 * BỘ") are short, in capitals, with little context, and the language model reads them as running
 * text: "PHÒNG AN" becomes "phòng ăn" (a dining room), a phrase news text is full of and no organ
 * name holds. On such a line the OCR's own marks are the better evidence: where it read marks on
 * the line's other words ("PHÒNG", "CHÍNH", "NỘI BỘ"), a capital it read bare is bare. So each
 * word of an organ line read without marks gets a bonus for that reading, when it is a Vietnamese
 * syllable (as the signer's line keeps a name as read, name-evidence.ts).
 *
 * An organ line: a line (or a column of one, between gaps of 2+ blanks) in capitals of 2–12 words that opens with an organ word ("PHÒNG", "CỤC",
 * "SỞ", "BỘ", "BAN", "ỦY BAN", "CÔNG AN" …), at least two of whose words carry marks as read (the
 * OCR reads marks there; English-model OCR, which reads none, gets no bonus and is restored as before).
 */
import { isWordCode } from '../vi-text/chars.js';
import { stripMarks } from '../vi-text/index.js';

/** ln-probability bonus of a bare word's reading as written on an organ line: enough against the LM's "phòng ăn" beside an organ line above ("CÔNG AN …"), not against a damaged fixed phrase ("THANH PHÔ HỖ CHÍ MINH" stays "THÀNH PHỐ HỒ"); 5 turned that one, 2–3 did not (bench:organ-lines). */
export const ORGAN_LINE_BONUS = 3;

/** First words of organ names (mark-free, lower case), one or two words. */
const ORGAN_OPENERS = new Set([
  'phong', 'cuc', 'so', 'bo', 'ban', 'vu', 'vien', 'truong', 'chi cuc', 'tong cuc', 'trung tam', 'van phong', 'cong an',
  'uy ban', 'hoi dong', 'ubnd', 'hdnd', 'thanh tra', 'kho bac', 'benh vien', 'dang uy', 'chi nhanh', 'toa an', 'vien kiem',
  'cong ty', 'tong cong', 'hoc vien', 'dai hoc', 'quan uy', 'huyen uy', 'tinh uy', 'thanh uy', 'bo chi', 'doan',
]);

const WORD = /[\p{L}\p{M}]+/gu;
/** A column of a line: text between gaps of two or more blanks. */
const COLUMN = /\S+(?:[ \t]\S+)*/g;
const MIN_WORDS = 2;
const MAX_WORDS = 12;

/** Start offset → the word as written (lower case), for each word of an organ line read without marks. */
export function organLineSpots(text: string): Map<number, string> {
  const out = new Map<number, string>();
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    // OCR puts both header columns on one line ("PHÒNG AN …  Độc lập - Tự do - Hạnh phúc"): each column apart.
    if (to - from < 200) for (const col of text.slice(from, to).matchAll(COLUMN)) readColumn(text, from + col.index!, from + col.index! + col[0].length, out);
    from = to + 1;
  }
  return out;
}

function readColumn(text: string, from: number, to: number, out: Map<number, string>): void {
  const line = text.slice(from, to);
  // Capitals only: a lower-case letter anywhere makes it running text or a title-case name.
  if (!/\p{Lu}/u.test(line) || /\p{Ll}/u.test(line)) return;
  const words = [...line.matchAll(WORD)];
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return;
  const keys = words.map((w) => stripMarks(w[0].toLowerCase()));
  if (!ORGAN_OPENERS.has(keys[0]!) && !ORGAN_OPENERS.has(`${keys[0]} ${keys[1]}`)) return;
  // The OCR reads marks on this line: a bare capital here is bare.
  if (words.filter((w, k) => keys[k] !== w[0].toLowerCase()).length < 2) return;
  words.forEach((w, k) => {
    // Only a word read bare: marks added to a bare capital are what the LM invents here ("AN" →
    // "ăn"); a word read with marks is left to the channel, which knows OCR's wrong marks ("PHÔ" → "phố").
    if (keys[k] !== w[0].toLowerCase()) return;
    // Letters only (no digit or symbol glued on): a word unit the restorer decodes as is.
    if (![...w[0]].every((ch) => isWordCode(ch.charCodeAt(0)))) return;
    out.set(from + w.index!, w[0].toLowerCase());
  });
}
