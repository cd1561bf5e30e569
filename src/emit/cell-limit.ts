/**
 * Spreadsheet cell limit: Excel and LibreOffice hold at most 32,767 characters in a cell and cut
 * (or refuse) longer ones silently. baocao cuts first, with a marker a reader sees, and the JSON
 * keeps the whole text.
 */
export const CELL_LIMIT = 32_767;

/** The visible end of a cut cell: how long the text was and where the rest is. */
export function cutMarker(length: number): string {
  return ` … [cut: ${length} characters, full text in the JSON]`;
}

/** The text fitted into `limit` characters (not splitting a surrogate pair). */
export function fitCell(text: string, limit = CELL_LIMIT): string {
  if (text.length <= limit) return text;
  const marker = cutMarker(text.length);
  let end = limit - marker.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + marker;
}

export const isCut = (text: string): boolean => text.length > CELL_LIMIT;
