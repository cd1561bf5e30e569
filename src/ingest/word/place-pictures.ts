/**
 * Pages read by OCR from a Word file's pictures, put where the pictures stand among its text: a
 * text page is cut at the picture's line, the picture's page goes between the two parts, and every
 * page is numbered again. A picture whose place is not known (.doc, .rtf, a flat .fodt, one in a
 * header) goes after the text, as before places were kept. Pure: pages in, pages out.
 */
import type { Page } from '../../core/document.js';

/** A picture's place: its text page (1-based) and how many of that page's lines come before it. */
export interface PicturePlace { page: number; line: number }

export interface PlacedPages {
  pages: Page[];
  /** The new number of each picture page, by its index in `picturePages`. */
  picturePage: number[];
  /** Where a line (1-based) of a text page, numbered as before, stands now. */
  textPlace(page: number, line: number): { page: number; line: number };
}

/** Segments of an old text page: its lines from `from` (0-based) now on page `page`, from its line 1. */
interface Segment { from: number; to: number; page: number }

const blank = (lines: readonly string[]) => lines.every((l) => l.trim() === '');

export function placePicturePages(textPages: readonly Page[], picturePages: readonly Page[], places: ReadonlyArray<PicturePlace | undefined>): PlacedPages {
  const known = (i: number) => {
    const at = places[i];
    return at && at.page >= 1 && at.page <= textPages.length ? at : undefined;
  };
  // Pictures in the order they stand; those of unknown place last, in their own order.
  const order = picturePages.map((_, i) => i).sort((a, b) => {
    const pa = known(a), pb = known(b);
    return (pa?.page ?? Infinity) - (pb?.page ?? Infinity) || (pa?.line ?? 0) - (pb?.line ?? 0) || a - b;
  });
  const pages: Page[] = [];
  const picturePage: number[] = [];
  const segments = new Map<number, Segment[]>();
  const addPicture = (i: number) => {
    pages.push({ ...picturePages[i]!, number: pages.length + 1 });
    picturePage[i] = pages.length;
  };
  let next = 0;
  for (const text of textPages) {
    const own: Segment[] = [];
    segments.set(text.number, own);
    let from = 0;
    let cuts = 0;
    const addText = (to: number) => {
      const lines = text.lines.slice(from, to);
      // A part of blank lines only (the picture's own empty paragraph at a page's top) is no page;
      // its lines are said on the page that follows. A page no picture cuts stays as it was.
      if (cuts === 0 || (lines.length && !blank(lines))) {
        pages.push({ ...text, number: pages.length + 1, lines });
        own.push({ from, to, page: pages.length });
      } else if (lines.length) own.push({ from, to, page: pages.length + 1 });
      from = to;
    };
    while (next < order.length && known(order[next]!)?.page === text.number) {
      const i = order[next++]!;
      cuts++;
      addText(Math.max(from, Math.min(known(i)!.line, text.lines.length)));
      addPicture(i);
    }
    if (from < text.lines.length || cuts === 0) addText(text.lines.length);
  }
  while (next < order.length) addPicture(order[next++]!);
  return {
    pages,
    picturePage,
    textPlace(page, line) {
      const own = segments.get(page);
      const segment = own?.find((s) => line - 1 >= s.from && line - 1 < s.to) ?? own?.at(-1);
      if (!segment) return { page, line };
      return { page: Math.min(segment.page, pages.length), line: Math.max(1, line - segment.from) };
    },
  };
}
