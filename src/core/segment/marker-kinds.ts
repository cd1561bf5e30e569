/** The kinds of heading marker and their rank in the section tree (part above chapter above Roman …). */
export type MarkerKind = 'part' | 'chapter' | 'roman' | 'article' | 'arabic' | 'decimal' | 'decimal3' | 'letter' | 'dash' | 'plus';

export const RANK: Record<MarkerKind, number> = {
  part: 0, chapter: 1, roman: 2, article: 3, arabic: 4, decimal: 5, decimal3: 6, letter: 7, dash: 8, plus: 9,
};

export interface HeadingMarker {
  kind: MarkerKind;
  /** "II", "1", "2.1", "a", "-", "+"; "Phần I" / "Chương II" / "Điều 3" for the named ones. */
  number: string;
  /** Offset in the line where the heading text starts. */
  textStart: number;
}
