/**
 * Character tables for Vietnamese letters, built once at load time so the hot functions
 * (stripMarks, splitTone, composeTone) are plain array look-ups with no regex or NFD round trip.
 * Every Vietnamese letter lives below U+1F00 (Latin-1, Latin Extended-A/B, Latin Extended Additional).
 */

/** 0 level (ngang), 1 grave (huyền), 2 acute (sắc), 3 hook (hỏi), 4 tilde (ngã), 5 dot (nặng). */
export type Tone = 0 | 1 | 2 | 3 | 4 | 5;

/** Combining mark of each tone, index = Tone. */
export const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

const LIMIT = 0x1f00;
/** The 12 Vietnamese vowel letters without tone; their plain-letter skeleton. */
const VOWELS = 'aăâeêioôơuưy';
const VOWEL_SKELETON = 'aaaeeiooouuy';

/** Tone carried by a code point (0 when none or not a toned vowel). */
const toneOf = new Uint8Array(LIMIT);
/** Same letter without its tone (0 when the code point carries no tone). */
const untoned = new Uint16Array(LIMIT);
/** Plain ASCII letter after removing every Vietnamese mark (0 when nothing to strip). */
const skeleton = new Uint16Array(LIMIT);
/** Lower-case toneless vowel letter of a (possibly toned, possibly upper-case) vowel; 0 otherwise. */
const vowelLetter = new Uint16Array(LIMIT);
/** composed[untonedCode * 6 + tone] = toned code point. */
const composed = new Uint16Array(LIMIT * 6);

function build(): void {
  for (let i = 0; i < VOWELS.length; i++) {
    const lower = VOWELS[i]!;
    for (const letter of [lower, lower.toUpperCase()]) {
      const plain = letter === lower ? VOWEL_SKELETON[i]! : VOWEL_SKELETON[i]!.toUpperCase();
      const base = letter.charCodeAt(0);
      for (let tone = 0; tone < 6; tone++) {
        const ch = (letter + TONE_MARKS[tone]).normalize('NFC');
        if (ch.length !== 1) throw new Error(`no precomposed form for ${letter} tone ${tone}`);
        const code = ch.charCodeAt(0);
        composed[base * 6 + tone] = code;
        vowelLetter[code] = lower.charCodeAt(0);
        if (tone > 0) {
          toneOf[code] = tone;
          untoned[code] = base;
        }
        if (ch !== plain) skeleton[code] = plain.charCodeAt(0);
      }
    }
  }
  skeleton[0x111] = 0x64; // đ → d
  skeleton[0x110] = 0x44; // Đ → D
}
build();

/** Combining marks used by Vietnamese in decomposed text (tones, breve, circumflex, horn). */
export function isVietCombining(code: number): boolean {
  return (
    code === 0x300 || code === 0x301 || code === 0x303 || code === 0x309 || code === 0x323 ||
    code === 0x302 || code === 0x306 || code === 0x31b
  );
}

function combiningTone(code: number): Tone {
  switch (code) {
    case 0x300: return 1;
    case 0x301: return 2;
    case 0x309: return 3;
    case 0x303: return 4;
    case 0x323: return 5;
    default: return 0;
  }
}

export function toNfc(text: string): string {
  return text.normalize('NFC');
}

/** Removes all tone and vowel marks (đ→d); case and non-letters kept. Same length for NFC input. */
export function stripMarks(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xc0) continue;
    if (code < LIMIT && skeleton[code] !== 0) {
      out += text.slice(from, i) + String.fromCharCode(skeleton[code]!);
      from = i + 1;
    } else if (isVietCombining(code)) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Separates the tone from a syllable; the base keeps vowel marks (ă â ê ô ơ ư) and đ. */
export function splitTone(syllable: string): { base: string; tone: Tone } {
  let tone: Tone = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < syllable.length; i++) {
    const code = syllable.charCodeAt(i);
    if (code < 0xc0) continue;
    if (code < LIMIT && toneOf[code] !== 0) {
      if (tone === 0) tone = toneOf[code] as Tone;
      out += syllable.slice(from, i) + String.fromCharCode(untoned[code]!);
      from = i + 1;
    } else {
      const t = combiningTone(code);
      if (t !== 0) {
        if (tone === 0) tone = t;
        out += syllable.slice(from, i);
        from = i + 1;
      }
    }
  }
  return { base: from === 0 ? syllable : out + syllable.slice(from), tone };
}

/** Tone of one code point (0 if none). */
export function toneOfCode(code: number): Tone {
  return (code < LIMIT ? toneOf[code]! : 0) as Tone;
}

/** Lower-case toneless vowel letter code of any Vietnamese vowel form, or 0 for a non-vowel. */
export function vowelOfCode(code: number): number {
  return code < LIMIT ? vowelLetter[code]! : 0;
}

/** The vowel `ch` (toneless or toned, either case) carrying `tone`; unchanged if not a vowel. */
export function withTone(ch: string, tone: Tone): string {
  let code = ch.charCodeAt(0);
  if (code >= LIMIT || vowelLetter[code] === 0) return ch;
  if (toneOf[code] !== 0) code = untoned[code]!;
  return String.fromCharCode(composed[code * 6 + tone]!);
}

/** True for the vowels that carry a shape mark (ă â ê ô ơ ư), given as lower-case toneless codes. */
export function isShapedVowel(lowerVowel: number): boolean {
  return lowerVowel === 0x103 || lowerVowel === 0xe2 || lowerVowel === 0xea ||
    lowerVowel === 0xf4 || lowerVowel === 0x1a1 || lowerVowel === 0x1b0;
}
