/**
 * Phonotactic parse of one written Vietnamese syllable: onset + rhyme + tone.
 * The rhyme is the spoken rhyme, so after the gi- onset it keeps its i where the spelling
 * drops it ("giếng" → gi + iêng, "gìn" → gi + in); everywhere else onset + rhyme is the spelling.
 */
import { splitTone, stripMarks, type Tone } from './marks.js';

export interface ParsedSyllable {
  onset: string;
  rhyme: string;
  tone: Tone;
}

/** Longest first, so "ngh" wins over "ng" and "n". */
const ONSETS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x',
];

/** nucleus (with its medial) → the codas it takes; '' = open rhyme. */
const RHYME_PARTS: Record<string, string> = {
  a: '| i o u y m n ng nh p t c ch',
  ă: 'm n ng p t c k', // ăk only in place names written the Central Highlands way (Đắk Lắk)
  â: 'u y m n ng p t c',
  e: '| o m n ng p t c',
  ê: '| u m n nh p t ch',
  i: '| a u m n nh p t ch',
  o: '| i m n ng p t c',
  oo: 'ng c',
  ô: '| i m n ng p t c',
  ơ: '| i m n p t',
  u: '| a i m n ng p t c',
  ư: '| a i u m n ng t c',
  y: '|',
  iê: 'u m n ng p t c',
  yê: 'u m n ng t',
  uô: 'i m n ng t c',
  ươ: 'i u m n ng p t c',
  oa: '| i y o m n ng nh p t c ch',
  oă: 'm n ng t c',
  oe: '| o n t',
  uâ: 'y n ng t',
  uê: '| nh ch',
  uơ: '|',
  uy: '| a u n nh t ch',
  uyê: 'n t',
};

const RHYMES = new Set<string>();
for (const [nucleus, codas] of Object.entries(RHYME_PARTS)) {
  for (const coda of codas.split(' ')) RHYMES.add(coda === '|' ? nucleus : nucleus + coda);
}

const STOP_FINAL = /(?:p|t|c|ch|k)$/;
const FRONT = /^[ieêy]/;

function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || c === 0x111 || c === 0x103 || c === 0xe2 || c === 0xea ||
      c === 0xf4 || c === 0x1a1 || c === 0x1b0)) return false;
  }
  return true;
}

function countTones(lower: string, base: string): number {
  let n = 0;
  for (let i = 0; i < lower.length; i++) if (lower[i] !== base[i]) n++;
  return n;
}

/** Spelling rules that tie the onset to the rhyme's first letter. */
function onsetFits(onset: string, rhyme: string): boolean {
  switch (onset) {
    case 'k': return FRONT.test(rhyme);
    case 'gh': case 'ngh': return /^[ieê]/.test(rhyme);
    case 'c': case 'g': case 'ng': return !FRONT.test(rhyme);
    case 'qu': return !/^[ou]/.test(rhyme); // the u is already the medial
    case '': return !rhyme.startsWith('iê');
    default: return !rhyme.startsWith('yê');
  }
}

function parseLower(lower: string): ParsedSyllable | null {
  const { base, tone } = splitTone(lower);
  if (base.length !== lower.length || !isLetters(base) || countTones(lower, base) > 1) return null;
  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    let rhyme = base.slice(onset.length);
    if (onset === 'gi') {
      // gi + consonant or nothing: the i is the vowel (gì, gìn); gi + ê: spoken iê (giếng).
      if (rhyme === '' || !/^[aăâeêioôơuưy]/.test(rhyme)) rhyme = 'i' + rhyme;
      else if (rhyme.startsWith('ê')) rhyme = 'i' + rhyme;
    }
    // After qu- the u is the medial of uy/uyê/uâ/uê rhymes (quỳnh, quyết, quân).
    const known = RHYMES.has(rhyme) || (onset === 'qu' && RHYMES.has('u' + rhyme));
    if (!known || !onsetFits(onset, rhyme)) continue;
    if (STOP_FINAL.test(rhyme) && tone !== 2 && tone !== 5) return null;
    return { onset, rhyme, tone };
  }
  const rhyme = base;
  if (!RHYMES.has(rhyme) || !onsetFits('', rhyme)) return null;
  if (STOP_FINAL.test(rhyme) && tone !== 2 && tone !== 5) return null;
  return { onset: '', rhyme, tone };
}

/** Lower-cased parse; null when the string cannot be a Vietnamese syllable. */
export function parseSyllable(s: string): ParsedSyllable | null {
  if (s.length === 0 || s.length > 8) return null;
  let lower = s.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) >= 0x300 && lower.charCodeAt(i) <= 0x36f) { lower = lower.normalize('NFC'); break; }
  }
  return parseLower(lower);
}

export function isVietnameseSyllable(s: string): boolean {
  return parseSyllable(s) !== null;
}

/** Onsets and rhymes with their marks removed (đ → d): what a syllable is once its marks are lost. */
const BARE_ONSETS = [...new Set(ONSETS.map((o) => stripMarks(o)))];
const BARE_RHYMES = new Set([...RHYMES].map((r) => stripMarks(r)));

/**
 * Whether a word could be a Vietnamese syllable with its marks stripped or misread ("nguoi",
 * "ket", "Két"): its letters, marks removed, are an onset and a rhyme. Lenient on purpose (the
 * spelling rules between onset and rhyme are not checked): it tells Vietnamese text from another
 * language, not a right spelling from a wrong one.
 */
export function couldBeSyllable(word: string): boolean {
  const bare = stripMarks(word.toLowerCase().normalize('NFC'));
  if (bare.length === 0 || bare.length > 7 || !/^[a-z]+$/.test(bare)) return false;
  if (BARE_RHYMES.has(bare)) return true;
  return BARE_ONSETS.some((o) => bare.startsWith(o) && (BARE_RHYMES.has(bare.slice(o.length)) || (o === 'gi' && BARE_RHYMES.has('i' + bare.slice(2)))));
}
