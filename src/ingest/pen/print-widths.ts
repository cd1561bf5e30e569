/**
 * How wide printed words are, in Times (Decree 30 prescribes Times New Roman for administrative
 * documents; its advance widths are those of Adobe's Times-Roman core-font metrics). Used to
 * tell where a printed label ends when OCR glued pen digits onto it ("ngày29", "2J5/TB-ĐHĐL"):
 * the line's scale (pixels per 1/1000 em) is measured on its cleanly read words.
 */

const WIDTHS: Record<string, number> = {
  a: 444, b: 500, c: 444, d: 500, e: 444, f: 333, g: 500, h: 500, i: 278, j: 278, k: 500, l: 278, m: 778,
  n: 500, o: 500, p: 500, q: 500, r: 333, s: 389, t: 278, u: 500, v: 500, w: 722, x: 500, y: 500, z: 444,
  A: 722, B: 667, C: 667, D: 722, E: 611, F: 556, G: 722, H: 722, I: 333, J: 389, K: 722, L: 611, M: 889,
  N: 722, O: 722, P: 556, Q: 722, R: 667, S: 556, T: 611, U: 722, V: 722, W: 944, X: 722, Y: 722, Z: 611,
  ':': 278, ';': 278, ',': 250, '.': 250, '/': 278, '-': 333, '(': 333, ')': 333, ' ': 250,
};

/** Advance width of a word in 1/1000 em (Vietnamese letters as their base letter; Đ as D). */
export function advance(text: string): number {
  let w = 0;
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')) {
    w += /\d/.test(ch) ? 500 : WIDTHS[ch] ?? 500;
  }
  return w;
}
