/** The numerals of section markers: Roman numerals and Vietnamese list letters, read as ordinals. */
const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
/** Vietnamese list letters in order (no f, j, w, z; đ after d). */
export const LETTERS = 'abcdđeghiklmnopqrstuvxy';

export function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]!] ?? 0, next = ROMAN[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
