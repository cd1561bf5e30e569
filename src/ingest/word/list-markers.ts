/**
 * List markers as the word processors draw them, shared by the .docx, .doc, .odt and .rtf readers:
 * the counters per list and level, a number in its format (1, I, i, A, a, 01), a bullet as the
 * character it shows.
 */

/**
 * The next count of list `key` at `depth` (0-based): `restart` when given, else the level's
 * `start` the first time, else one more (a restart that is no number is none); deeper levels start again. Returns the list's counts.
 */
export function countNext<K>(counters: Map<K, number[]>, key: K, depth: number, start: number, restart?: number): number[] {
  const counts = counters.get(key) ?? [];
  counts[depth] = restart !== undefined && Number.isFinite(restart) ? restart : counts[depth] === undefined ? start : counts[depth]! + 1;
  counts.length = depth + 1; // deeper levels start again
  counters.set(key, counts);
  return counts;
}

/** A list counter in a level's format, as Word writes it. */
export function formatListNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman': return roman(n);
    case 'lowerRoman': return roman(n).toLowerCase();
    case 'upperLetter': return letters(n);
    case 'lowerLetter': return letters(n).toLowerCase();
    case 'decimalZero': return n < 10 ? `0${n}` : String(n);
    default: return String(n);
  }
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** Word's letters: a…z, then aa…zz. */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const c = String.fromCharCode(65 + ((n - 1) % 26));
  return c.repeat(Math.floor((n - 1) / 26) + 1);
}

/** A bullet as a character (.docx and .doc): symbol-font codes as the shapes they draw; `font` unknown (.doc) reads them as Wingdings'. */
export function bulletChar(text: string, font?: string): string {
  const c = text.charCodeAt(0);
  if (!text) return '';
  const code = c >= 0xf000 && c <= 0xf0ff ? c - 0xf000 : c;
  const symbolFont = !!font && /symbol|wingdings|webdings/i.test(font);
  if (c >= 0xf000 && c <= 0xf0ff || symbolFont) {
    if (font === undefined || /wingdings/i.test(font)) {
      const shape = ({ 0xa7: '▪', 0xd8: '➢', 0xfc: '✓', 0x2d: '-' } as Record<number, string>)[code];
      if (shape) return shape;
    }
    return code === 0x2d ? '-' : '•';
  }
  return c === 0xb7 ? '•' : text;
}
