/**
 * English-model OCR turns marked letters into digits and symbols ("x4" xã, "K&" kế, "v¢" về),
 * so an OCR word is a whole whitespace-delimited chunk minus its surrounding punctuation, not a
 * run of letters.
 */
const LEAD = new Set([...'"\'“”‘’([{<«–—•*…']);
const TRAIL = new Set([...'.,;:!?()[]{}>"\'“”‘’»…']);

export interface ChunkParts {
  lead: string;
  core: string;
  trail: string;
}

export function splitChunk(chunk: string): ChunkParts {
  let a = 0, b = chunk.length;
  while (a < b && LEAD.has(chunk[a]!)) a++;
  while (b > a && TRAIL.has(chunk[b - 1]!)) b--;
  return { lead: chunk.slice(0, a), core: chunk.slice(a, b), trail: chunk.slice(b) };
}

export function ocrWordCore(chunk: string): string {
  return splitChunk(chunk).core;
}

const LETTER = /\p{L}/u;
const DIGIT = /\d/;

/**
 * Whether an OCR core could be a damaged Vietnamese word: it has a letter, is short, and has no
 * structure of a code, number, URL or e-mail (slashes, @, dots inside, mostly digits).
 */
export function isOcrWordCandidate(core: string): boolean {
  if (core.length === 0 || core.length > 9 || !LETTER.test(core)) return false;
  if (/[/@\\_=+#]|\.\S|:\/\//.test(core)) return false;
  let digits = 0, letters = 0;
  for (const ch of core) {
    if (DIGIT.test(ch)) digits++;
    else if (LETTER.test(ch)) letters++;
  }
  if (digits > 2 || letters === 0) return false;
  // A hyphenated chunk ("KH-UBND", "Kon-Tum") is a code or a compound, not one syllable.
  return !core.includes('-');
}
