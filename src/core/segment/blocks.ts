/**
 * Visual lines → paragraph blocks. A block ends at a blank line, before a line that starts with a
 * marker (heading, bullet, "Căn cứ"), after a short line (a paragraph's last line), or where an
 * upper-case heading meets sentence-case text. Text already one paragraph per line stays so.
 */
import { isUpperText } from './fold.js';
import { newSequence } from './damaged-markers.js';
import { markerInSequence } from './headings.js';
import type { HeadingMarker } from './marker-kinds.js';
import { isBlank, spanOf, type Provenance, type SegLine } from './lines.js';
import { isBodyOpening, isClosing, isRecipientsLabel } from './markers.js';

export interface Block {
  from: number;
  to: number;
  text: string;
  original: string;
  marker: HeadingMarker | null;
  provenance: Provenance;
}

/**
 * The trimmed lengths of the non-blank lines from..to, sorted once for both quantiles. Written
 * into a typed array (it sorts numbers natively, no comparator called per pair): built through
 * filter, map and Float64Array.from, toBlocks' optimised code met a new array map in every
 * worker and was thrown away and compiled again (docs/batch-speed-s23.md).
 */
function sortedLengths(lines: readonly SegLine[], from: number, to: number): Float64Array {
  const part = lines.slice(from, to);
  const out = new Float64Array(part.length);
  let n = 0;
  for (let i = 0; i < part.length; i++) if (!isBlank(part[i]!)) out[n++] = part[i]!.text.trim().length;
  return out.subarray(0, n).sort();
}

function quantile(sorted: Float64Array, q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** The lines trimmed, joined by one space, runs of white space made one space (the replace only runs when there is one). */
function joinLines(parts: string[]): string {
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const t = part.trim();
    if (t) out = out ? `${out} ${t}` : t;
  }
  return SPACE_TO_FOLD.test(out) ? out.replace(/\s+/g, ' ') : out;
}
/** Where `.replace(/\s+/g, ' ')` changes anything: two white spaces in a row, or one that is not a space. */
const SPACE_TO_FOLD = /\s\s|[^\S ]/;

const opensBlock = (line: SegLine, marker: HeadingMarker | null) =>
  marker !== null || isBodyOpening(line.key) || isClosing(line.key) || isRecipientsLabel(line.key);

/**
 * Each line's marker, read top-down so a damaged one can be checked against its sequence. A
 * hyphen that a wrapped line starts with ("… di tích lịch sử" / "- văn hóa, xã hội hóa …") is no
 * list dash: the line before runs full width to no sentence end, and a small letter follows.
 */
function markersOf(lines: readonly SegLine[], from: number, to: number, width: number, fromOcr: boolean): (HeadingMarker | null)[] {
  const seq = newSequence(fromOcr);
  const out: (HeadingMarker | null)[] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const prev = i > from ? lines[i - 1]! : undefined;
    const wrappedHyphen = prev !== undefined && !isBlank(prev) && /^\s*[-–]\s+\p{Ll}/u.test(line.text) &&
      prev.text.trim().length >= 0.8 * width && !/[.!?:;…"”)]$/u.test(prev.text.trim());
    out[i] = isBlank(line) || wrappedHyphen ? null : markerInSequence(line, seq);
  }
  return out;
}

/**
 * A sentence cut by a page break or blank OCR lines: the line before the gap is full width and
 * ends mid-sentence, and the next text line starts in lower case (or with a digit) and opens
 * nothing. The paragraph then runs on across the gap.
 */
function runsOnAcrossGap(lines: readonly SegLine[], markers: readonly (HeadingMarker | null)[], gap: number, to: number, width: number): boolean {
  const prev = lines[gap - 1];
  if (!prev || isBlank(prev)) return false;
  const last = prev.text.trim();
  if (/[.!?:;…"”)]$/u.test(last) || last.length < 0.8 * width) return false;
  let j = gap;
  while (j < to && j < gap + 6 && isBlank(lines[j]!)) j++;
  const next = lines[j];
  if (j >= to || !next || isBlank(next) || opensBlock(next, markers[j] ?? null)) return false;
  return /^\s*(\p{Ll}|\d)/u.test(next.text) && !isUpperText(next.text);
}

/** Blocks of lines from..to; `fromOcr` when the text was OCR'd (damaged-markers.ts). */
export function toBlocks(lines: readonly SegLine[], from: number, to: number, fromOcr = false): Block[] {
  const lengths = sortedLengths(lines, from, to);
  const perLine = quantile(lengths, 0.5) > 150;
  const width = quantile(lengths, 0.9);
  const markers = markersOf(lines, from, to, width, fromOcr);
  const blocks: Block[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    const ls = lines.slice(start, end + 1);
    const text = joinLines(ls.map((l) => l.text));
    blocks.push({
      from: start,
      to: end,
      text,
      // Lines read as they were written (no restoration, text already NFC) join the same way.
      original: ls.every((l) => l.original === l.text) ? text : joinLines(ls.map((l) => l.original)),
      marker: markers[start] ?? null,
      provenance: spanOf(lines, start, end),
    });
    start = -1;
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      if (start >= 0 && !perLine && (isBlank(lines[i - 1]!) || runsOnAcrossGap(lines, markers, i, to, width))) continue;
      close(i - 1);
      continue;
    }
    const opens = opensBlock(line, markers[i] ?? null);
    if (start >= 0) {
      let p = i - 1;
      while (p > start && isBlank(lines[p]!)) p--;
      const prev = lines[p]!;
      const prevShort = prev.text.trim().length < 0.8 * width;
      const head = lines[start]!;
      const headUpper = isUpperText(head.text.slice(markers[start]?.textStart ?? 0));
      const caseBreak = headUpper && !isUpperText(line.text);
      // A wrapped upper-case heading ("… CẢI CÁCH THỦ / TỤC HÀNH CHÍNH.") runs on despite short lines.
      const upperRunOn = headUpper && isUpperText(line.text) && i - start < 3;
      if (perLine || opens || caseBreak || (prevShort && !upperRunOn)) close(i - 1);
    }
    if (start < 0) start = i;
  }
  close(to - 1);
  return blocks;
}
