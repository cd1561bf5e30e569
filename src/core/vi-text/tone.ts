/**
 * Where the tone mark goes. Both conventions agree except for the open rhymes oa, oe, uy:
 * old style marks the first vowel (hòa, khỏe, thủy), new style the second (hoà, khoẻ, thuỷ).
 */
import { isWordCode } from './chars.js';
import { isShapedVowel, splitTone, toneOfCode, vowelOfCode, withTone, type Tone } from './marks.js';

export type ToneStyle = 'old' | 'new';

const Q = 0x71, G = 0x67, U = 0x75, I = 0x69, O = 0x6f, A = 0x61, E = 0x65, Y = 0x79;

/** The vowel nucleus of a syllable: [start, end) in UTF-16 units, plus whether a coda follows. */
interface Nucleus {
  start: number;
  end: number;
  hasCoda: boolean;
}

function lowerLetter(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

/** Finds the vowel run, skipping the u of qu- and the i of gi- when a vowel follows them. */
function findNucleus(word: string): Nucleus | null {
  const n = word.length;
  let start = 0;
  while (start < n && vowelOfCode(word.charCodeAt(start)) === 0) start++;
  if (start === n) return null;
  if (start === 1 && start + 1 < n && vowelOfCode(word.charCodeAt(start + 1)) !== 0) {
    const onset = lowerLetter(word.charCodeAt(0));
    const v = vowelOfCode(word.charCodeAt(1));
    if ((onset === Q && v === U) || (onset === G && v === I)) start++;
  }
  let end = start;
  while (end < n && vowelOfCode(word.charCodeAt(end)) !== 0) end++;
  return { start, end, hasCoda: end < n };
}

function isStylePair(first: number, second: number): boolean {
  return (first === O && (second === A || second === E)) || (first === U && second === Y);
}

/** Index of the vowel that carries the tone in `word` (toned or not), or -1 when it has no vowel. */
export function toneIndex(word: string, style: ToneStyle): number {
  const nuc = findNucleus(word);
  if (!nuc) return -1;
  const { start, end, hasCoda } = nuc;
  // A vowel with a shape mark takes the tone; in ươ/ươu the later one (người, rượu).
  for (let i = end - 1; i >= start; i--) if (isShapedVowel(vowelOfCode(word.charCodeAt(i)))) return i;
  const len = end - start;
  if (len === 1) return start;
  if (hasCoda) return end - 1; // hoàng, toán, huỳnh
  if (len >= 3) return start + 1; // ngoài, khuỷu, ngoẹo
  const first = vowelOfCode(word.charCodeAt(start));
  const second = vowelOfCode(word.charCodeAt(start + 1));
  if (isStylePair(first, second)) return style === 'old' ? start : start + 1;
  return start; // mùa, mía, tài, sáo, cấu
}

/** Puts `tone` on the right vowel of a toneless (or toned: its tone is replaced) base. */
export function placeTone(base: string, tone: Tone, style: ToneStyle = 'old'): string {
  const plain = splitTone(base).base;
  if (tone === 0) return plain;
  const at = toneIndex(plain, style);
  if (at < 0) return plain;
  return plain.slice(0, at) + withTone(plain[at]!, tone) + plain.slice(at + 1);
}

/**
 * Only words shaped like one syllable (consonants, one vowel run, consonants) are touched, so
 * foreign words such as "Café" keep their marks where they are.
 */
function syllableShaped(word: string): boolean {
  if (word.length > 8) return false;
  let runs = 0;
  let inVowel = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0x300 && code <= 0x36f) return false; // decomposed input: leave it alone
    const v = vowelOfCode(code) !== 0;
    if (v && !inVowel) runs++;
    inVowel = v;
  }
  return runs === 1;
}

function hasTone(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (toneOfCode(word.charCodeAt(i)) !== 0) return true;
  return false;
}

/** Re-places the tone of every syllable-shaped word in the given style; everything else is untouched. */
export function normalizeTonePlacement(text: string, style: ToneStyle): string {
  // Text without a tone mark (most words as read) has nothing to move: no word slices.
  if (!hasTone(text)) return text;
  let out = '';
  let from = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(text.charCodeAt(i))) { i++; continue; }
    const start = i;
    while (i < n && isWordCode(text.charCodeAt(i))) i++;
    const end = i, word = text.slice(start, end);
    if (!hasTone(word) || !syllableShaped(word)) continue;
    const { base, tone } = splitTone(word);
    const fixed = placeTone(base, tone, style);
    if (fixed === word) continue;
    out += text.slice(from, start) + fixed;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Counts toned open oa/oe/uy syllables by where their tone sits. Null when there is no such
 * syllable or the counts tie.
 */
export function detectToneStyle(text: string): ToneStyle | null {
  let oldCount = 0;
  let newCount = 0;
  // Only a toned syllable counts: the scan looks for toned code units of words, and reads the
  // word around each (maximal runs of word code units, the same words in the same order as a
  // walk over every word; mark-free text, most of what is restored, has none to read).
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (toneOfCode(code) === 0 || !isWordCode(code)) continue;
    let start = i, end = i + 1;
    while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
    while (end < n && isWordCode(text.charCodeAt(end))) end++;
    i = end - 1;
    const word = text.slice(start, end);
    const nuc = findNucleus(word);
    if (!nuc || nuc.hasCoda || nuc.end - nuc.start !== 2 || !syllableShaped(word)) continue;
    const first = vowelOfCode(word.charCodeAt(nuc.start));
    const second = vowelOfCode(word.charCodeAt(nuc.start + 1));
    if (!isStylePair(first, second)) continue;
    if (toneOfCode(word.charCodeAt(nuc.start)) !== 0) oldCount++;
    else if (toneOfCode(word.charCodeAt(nuc.start + 1)) !== 0) newCount++;
  }
  if (oldCount === newCount) return null;
  return oldCount > newCount ? 'old' : 'new';
}
