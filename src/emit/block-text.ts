/** Text helpers of the document layout (document-blocks.ts): word cover, folding, header lines. */

export interface Provenance {
  page: number;
  lineStart: number;
  lineEnd: number;
  end?: { page: number; line: number };
}

/** Decree 30's national motto, as the header block writes it when the header has the motto. */
export const MOTTO_LINES = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/** Is line `line` of page `page` inside the span (which may run on over a page break)? */
export function within(prov: Provenance, page: number, line: number): boolean {
  if (!prov.end || prov.end.page === prov.page) return page === prov.page && line >= prov.lineStart && line <= (prov.end?.line ?? prov.lineEnd);
  if (page === prov.page) return line >= prov.lineStart;
  if (page === prov.end.page) return line <= prov.end.line;
  return page > prov.page && page < prov.end.page;
}

/** Lower-case, mark-free, punctuation as spaces: for comparing a paragraph with a field ("BÁO CÁO" = "Báo cáo"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words as compared by the cover check: case-free, with their marks, punctuation dropped, "05" = "5". */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (/^\d+$/.test(w) ? w.replace(/^0+(?=\d)/, '') : w));
}

/**
 * The run of paragraphs whose every word is among `words`, each word used once: those a block
 * re-laying out these words (header, table, signature) may stand for without losing any of them.
 * The run is unbroken (it starts at the first paragraph covered and ends before the first one
 * not covered after it), so the block can stand in its place without moving any paragraph.
 */
export function coverWords<P extends { text: string }>(words: string[], paras: P[]): P[] {
  const left = new Map<string, number>();
  for (const w of words) left.set(w, (left.get(w) ?? 0) + 1);
  const taken: P[] = [];
  for (const p of paras) {
    const need = new Map<string, number>();
    for (const w of wordsOf(p.text)) need.set(w, (need.get(w) ?? 0) + 1);
    if (![...need].every(([w, n]) => (left.get(w) ?? 0) >= n)) {
      if (taken.length) break;
      continue;
    }
    for (const [w, n] of need) left.set(w, left.get(w)! - n);
    taken.push(p);
  }
  return taken;
}

/** "Ngọc Kỳ, ngày 29 tháng 12 năm 2023" (Decree 30 writes days below 10 and months 1–2 with a leading 0). */
export function placeDateLine(place: string | null, isoDate: string | null, dateText: string | null): string | null {
  let date = dateText;
  if (isoDate) {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    date = `ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`;
  }
  if (!date) return place;
  return place ? `${place}, ${date}` : date.charAt(0).toUpperCase() + date.slice(1);
}

/**
 * The words of the header or signature fields a person replaced on the review page
 * (`fieldCorrections`, their `before`): the lines the machine read them from say them, and the
 * block showing the person's value stands for those lines as it did for the machine's.
 */
export function replacedWords(result: { fieldCorrections?: { field: string; before: string | null; after: string | null }[] }, fields: readonly string[]): string[] {
  return (result.fieldCorrections ?? [])
    .filter((c) => fields.includes(c.field) && c.before !== null && c.before !== c.after)
    .flatMap((c) => wordsOf(c.field === 'date' ? placeDateLine(null, c.before, null) ?? '' : c.before!));
}
