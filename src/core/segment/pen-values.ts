/**
 * The header's handwritten blanks, once segment has taken a pen reading into the structure
 * (meta.number, meta.date, from `Page.penFills`), still hold OCR's junk for the pen's ink in the
 * restored text ("Số: 2J5/TB-ĐHĐL", "ngày) tháng § năm 2025"). The value taken is written there,
 * at the blank's place ("Số: 275/TB-ĐHĐL", "ngày 28 tháng 8 năm 2025"), so the text says what the
 * structure says. Only values that went into the structure are written: a reading the structure
 * left flagged without a value (meta.number null, meta.date null) writes nothing. The text as
 * read (`text.original`, the page's lines and words) keeps the junk; `Page.penValues` names the
 * characters of the restored line that came from the pen, and review items of the junk replaced
 * are dropped (the field stays in meta.uncertain for a person to confirm).
 */
import type { PenFill, PenValue, WorkingDocument } from '../document.js';
import { paragraphsFromWhole } from '../restore/paragraph-text.js';
import { gluedDay, readDateBlank, readNumberBlank } from './fill-ins.js';
import { editDistance, foldKey, keyTokens, type KeyToken } from './fold.js';

/** One change to a restored line: `[start, end)` of the line as it stood replaced by `digits`. */
interface Edit {
  field: PenFill['field'];
  start: number;
  end: number;
  digits: string;
}

/** The key of a restored line, when it keeps the line's offsets (foldKey does for NFC text of one-letter folds). */
function keyOf(line: string): string | null {
  const key = foldKey(line);
  return key.length === line.length ? key : null;
}

/** The digits to write for `value`: the pen's own when they say it ("05"), else the value. */
const digitsFor = (value: number, reading: PenFill) => (+reading.digits === value && /^\d+$/.test(reading.digits) ? reading.digits : String(value));

/**
 * Where the number's blank stands in `line` ("Số: 2J5/TB-ĐHĐL" → the "2J5"), and the edit that
 * writes `digits` there; null when the line reads as no number blank, or already holds them.
 */
export function numberEdit(line: string, digits: string): Edit | null {
  const key = keyOf(line);
  const blank = key === null ? null : readNumberBlank(key, line);
  if (!blank) return null;
  // The blank ends at the first slash (the label holds none), spaces before it kept: "2095 /TB".
  const slash = line.indexOf('/');
  if (slash < 0 || slash > blank.end) return null;
  const end = line.slice(0, slash).trimEnd().length;
  const start = end - blank.asRead.length;
  if (start < 0 || line.slice(start, end) !== blank.asRead) return null;
  if (blank.asRead === digits) return null;
  // An empty blank glued to the label ("Số:/TB") gets the space the label takes before a number.
  const pad = start === end && /[:;.]$/.test(line.slice(0, start)) ? ' ' : '';
  return { field: 'number', start, end, digits: pad + digits };
}

const near = (t: KeyToken | undefined, word: string) => t !== undefined && /^[A-Z]+$/.test(t.text) && editDistance(t.text, word) <= 1;

/**
 * Where the day and month blanks of the date in `line` stand ("ngày) tháng § năm 2025": ")" and
 * "§", or nothing between two words), and the edits that write `day` and `month` there (either
 * may be null: that part is left as it is). A part whose blank already holds its number is left.
 */
export function dateEdits(line: string, day: string | null, month: string | null): Edit[] {
  const key = keyOf(line);
  const date = key === null ? undefined : readDateBlank(key, line);
  if (!date || key === null) return [];
  const toks = keyTokens(key.slice(0, date.end)).filter((t) => t.start >= date.start);
  const ngay = toks[0];
  if (!ngay) return [];
  const edits: Edit[] = [];
  const put = (field: 'day' | 'month', from: number, to: number, digits: string | null) => {
    if (digits === null) return;
    const inside = line.slice(from, to).trim();
    if (/^\d+$/.test(inside) && +inside === +digits) return;
    edits.push({ field, start: from, end: to, digits: ` ${digits} ` });
  };
  const glued = gluedDay(ngay.text) !== undefined;
  let thang: KeyToken | undefined, rest: KeyToken[];
  if (glued) {
    // "ngàyÂÚtháng": the day stands inside the one word.
    put('day', ngay.start + 4, ngay.end - 5, day);
    thang = ngay;
    rest = toks.slice(1);
  } else {
    const j = toks.findIndex((t, i) => i > 0 && near(t, 'THANG'));
    if (j < 0) return [];
    thang = toks[j]!;
    put('day', ngay.end, thang.start, day);
    rest = toks.slice(j + 1);
  }
  const nam = rest.find((t) => near(t, 'NAM'));
  if (nam) put('month', thang.end, nam.start, month);
  return edits;
}

/** `line` with the edits made (they do not overlap), and where each one's digits now stand. */
function applyEdits(line: string, edits: readonly Edit[]): { text: string; placed: { field: PenFill['field']; start: number; end: number; replaced: string }[] } {
  let text = '', at = 0;
  const placed: { field: PenFill['field']; start: number; end: number; replaced: string }[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    // A blank between words keeps one space each side: no doubled spaces around the digits.
    const before = line.slice(at, e.start);
    let digits = e.digits;
    if (digits.startsWith(' ') && (/\s$/.test(before) || (text + before).length === 0)) digits = digits.slice(1);
    if (digits.endsWith(' ') && /^\s/.test(line.slice(e.end))) digits = digits.slice(0, -1);
    text += before;
    const lead = digits.length - digits.trimStart().length;
    placed.push({ field: e.field, start: text.length + lead, end: text.length + digits.trimEnd().length, replaced: line.slice(e.start, e.end).trim() });
    text += digits;
    at = e.end;
  }
  return { text: text + line.slice(at), placed };
}

/** The pen reading of `field` on a page that read it, with its page. */
function readingOf(doc: WorkingDocument, field: PenFill['field'], line?: { page: number; line: number }): { page: number; reading: PenFill } | null {
  for (const p of doc.pages) {
    const r = p.penFills?.find((f) => f.field === field && (!line || (p.number === line.page && f.line === line.line)));
    if (r) return { page: p.number, reading: r };
  }
  return null;
}

/**
 * Writes the pen values the structure took into the restored text and the paragraphs' restored
 * text, names them on their page (`Page.penValues`), and says so (info `segment/pen-values`).
 */
export function writePenValues(doc: WorkingDocument): void {
  const meta = doc.structure?.meta;
  if (doc.restored === undefined || !meta?.uncertain?.length) return;
  const chunks = doc.restored.split('\f');
  // Pages and form feeds agree when every page is a chunk; else leave the text alone.
  if (chunks.length !== doc.pages.length) return;
  const byLine = new Map<string, { page: number; line: number; edits: Edit[] }>();
  const add = (page: number, line: number, edits: Edit[]) => {
    const k = `${page}:${line}`;
    const entry = byLine.get(k) ?? { page, line, edits: [] };
    entry.edits.push(...edits);
    byLine.set(k, entry);
  };
  const restoredLine = (page: number, line: number) => chunks[page - 1]?.split('\n')[line - 1];
  // The number the pen filled: uncertain, not taken from an annex, and the pen's own digits.
  const number = meta.number?.split('/')[0] ?? null;
  const pen = readingOf(doc, 'number');
  if (number && /^\d+$/.test(number) && meta.uncertain.includes('number') && !meta.completedFrom.includes('number') && pen && +pen.reading.digits === +number) {
    const text = restoredLine(pen.page, pen.reading.line);
    const edit = text === undefined ? null : numberEdit(text, digitsFor(+number, pen.reading));
    if (edit) add(pen.page, pen.reading.line, [edit]);
  }
  // The date the pen filled: the day and month that have a pen reading on the date's line.
  if (meta.date && meta.uncertain.includes('date') && !meta.completedFrom.includes('date')) {
    const anchor = readingOf(doc, 'day') ?? readingOf(doc, 'month');
    const text = anchor ? restoredLine(anchor.page, anchor.reading.line) : undefined;
    if (anchor && text !== undefined) {
      const at = { page: anchor.page, line: anchor.reading.line };
      const day = readingOf(doc, 'day', at), month = readingOf(doc, 'month', at);
      add(at.page, at.line, dateEdits(text, day ? digitsFor(+meta.date.slice(8, 10), day.reading) : null, month ? digitsFor(+meta.date.slice(5, 7), month.reading) : null));
    }
  }
  const written: { page: number; line: number; value: PenValue }[] = [];
  for (const { page, line, edits } of byLine.values()) {
    if (edits.length === 0) continue;
    const lines = chunks[page - 1]!.split('\n');
    const { text, placed } = applyEdits(lines[line - 1]!, edits);
    lines[line - 1] = text;
    chunks[page - 1] = lines.join('\n');
    for (const p of placed) written.push({ page, line, value: { field: p.field, line, start: p.start, end: p.end, replaced: p.replaced } });
  }
  if (written.length === 0) return;
  doc.restored = chunks.join('\f');
  const fromWhole = paragraphsFromWhole(doc, doc.restored);
  doc.paragraphs.forEach((p, i) => {
    if (written.some((w) => w.page === p.page && w.line >= p.lineStart && w.line <= p.lineEnd) && fromWhole[i] !== undefined) p.restored = fromWhole[i];
  });
  // Review items of the junk replaced would be found nowhere in the line now.
  if (doc.review) {
    doc.review = doc.review.filter((r) => !written.some((w) => w.page === r.page && w.line === r.line && w.value.replaced.split(/\s+/).includes(r.restored)));
  }
  for (const w of written) {
    const page = doc.pages[w.page - 1]!;
    page.penValues = [...(page.penValues ?? []), w.value];
  }
  const said = written.map((w) => `${w.value.field} "${w.value.replaced}" → "${restoredLine(w.page, w.line)?.slice(w.value.start, w.value.end)}"`).join(', ');
  doc.diagnostics.push({
    ruleId: 'segment/pen-values',
    severity: 'info',
    message: `the pen's readings taken into the header (meta.uncertain: confirm them) written into the restored text at their blanks (pages[].penValues; the text as read keeps what OCR read there): ${said}`,
    place: { page: written[0]!.page, line: written[0]!.line },
  });
}
