/** Case pattern of a word, captured from one form and applied to another (restored) form. */

export type CasePattern = 'lower' | 'upper' | 'title' | 'mixed';

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** 'upper' needs two or more letters, all upper case; a lone capital is 'title'. Caseless → 'lower'. */
export function casePattern(word: string): CasePattern {
  let letters = 0, upper = 0, firstUpper = false, laterUpper = false;
  for (const ch of word) {
    if (isUpper(ch)) {
      if (letters === 0) firstUpper = true;
      else laterUpper = true;
      upper++;
      letters++;
    } else if (isLower(ch)) {
      letters++;
    }
  }
  if (upper === 0) return 'lower';
  if (upper === letters) return letters === 1 ? 'title' : 'upper';
  if (firstUpper && !laterUpper) return 'title';
  return 'mixed';
}

/** 'mixed' leaves the word as it is. */
export function applyCase(word: string, pattern: CasePattern): string {
  switch (pattern) {
    case 'lower': return word.toLowerCase();
    case 'upper': return word.toUpperCase();
    case 'title': {
      const lower = word.toLowerCase();
      const first = lower.codePointAt(0);
      if (first === undefined) return lower;
      const head = String.fromCodePoint(first);
      return head.toUpperCase() + lower.slice(head.length);
    }
    case 'mixed': return word;
  }
}
