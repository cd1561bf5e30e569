/**
 * Blocks → preamble and section tree. Headed blocks open sections nested by marker rank; other
 * blocks are paragraphs of the open section (after a bullet item, of the bullet's parent).
 */
import type { Block } from './blocks.js';
import { isUpperText } from './fold.js';
import { RANK, type MarkerKind } from './marker-kinds.js';
import { kindOfHeading, type SectionKind } from './kinds.js';
import type { Provenance } from './lines.js';

export interface SectionParagraph {
  text: string;
  original: string;
  provenance: Provenance;
  /** Set by the stage from the restorer's review list and the page's OCR confidence. */
  confidence?: number;
}

export interface Section {
  number: string;
  marker: MarkerKind;
  heading: string;
  kind: SectionKind;
  level: number;
  paragraphs: SectionParagraph[];
  children: Section[];
  provenance: Provenance;
  confidence: number;
}

const HEADING_MAX = 120;
const BULLETS: MarkerKind[] = ['dash', 'plus'];

/** Heading and body of a headed block: short or upper-case blocks are all heading. */
function splitHeading(block: Block): { heading: string; body: string | null; bodyOriginal: string | null } {
  const start = block.marker!.textStart;
  const first = block.text.slice(start).trim();
  const original = block.original.slice(Math.min(start, block.original.length)).trim();
  const bare = first.replace(/^[\s:.]+/, '');
  const named = block.marker!.kind === 'part' || block.marker!.kind === 'chapter' || block.marker!.kind === 'roman';
  if (bare.length <= HEADING_MAX || (named && isUpperText(bare))) return { heading: bare.replace(/[.:;]$/, ''), body: null, bodyOriginal: null };
  const stop = /[.:;!?](\s|$)/.exec(bare);
  let heading = stop && stop.index < HEADING_MAX ? bare.slice(0, stop.index) : bare.slice(0, HEADING_MAX).replace(/\s+\S*$/, '') + ' …';
  if (block.marker!.kind === 'article' && stop) heading = bare.slice(0, stop.index);
  return { heading, body: bare, bodyOriginal: original.replace(/^[\s:.]+/, '') };
}

export function buildSections(blocks: readonly Block[]): { preamble: SectionParagraph[]; sections: Section[] } {
  const preamble: SectionParagraph[] = [];
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const para = { text: block.text, original: block.original, provenance: block.provenance };
    if (!block.marker) {
      let holder = stack.length - 1;
      while (holder >= 0 && BULLETS.includes(stack[holder]!.marker)) holder--;
      if (holder >= 0) stack[holder]!.paragraphs.push(para);
      else if (roots.length === 0) preamble.push(para);
      else roots[roots.length - 1]!.paragraphs.push(para);
      continue;
    }
    const rank = RANK[block.marker.kind];
    while (stack.length && RANK[stack[stack.length - 1]!.marker] >= rank) stack.pop();
    const parent = stack[stack.length - 1];
    // A bullet list before any heading belongs to the preamble, not to the tree.
    if (!parent && BULLETS.includes(block.marker.kind) && roots.length === 0) { preamble.push(para); continue; }
    let { heading, body, bodyOriginal } = splitHeading(block);
    // "Điều 4." alone on its line: the heading is the short unmarked line under it.
    const next = blocks[b + 1];
    let provenance = block.provenance;
    if (!heading && !body && next && !next.marker && next.text.length <= HEADING_MAX && !/[.;:]$/.test(next.text.trim()) && next.provenance.page === provenance.page) {
      heading = next.text.trim();
      provenance = { ...provenance, lineEnd: next.provenance.lineEnd };
      b++;
    }
    // A bullet is a list item, not a heading: it keeps its parent's kind when there is one.
    const bullet = BULLETS.includes(block.marker.kind) && parent !== undefined && parent.kind !== 'other';
    // A sentence-long heading names its subject in its first words; keywords further on are content.
    const naming = isUpperText(heading) ? heading : heading.split(/\s+/).slice(0, 10).join(' ');
    const own = bullet ? null : kindOfHeading(naming, parent?.kind);
    const siblings = parent ? parent.children : roots;
    const section: Section = {
      number: letterInSequence(block.marker.number, block.marker.kind, siblings[siblings.length - 1]),
      marker: block.marker.kind,
      heading,
      kind: own ?? parent?.kind ?? 'other',
      level: stack.length + 1,
      paragraphs: body ? [{ text: body, original: bodyOriginal ?? body, provenance: block.provenance }] : [],
      children: [],
      provenance,
      confidence: own ? 0.9 : 0.7,
    };
    (parent ? parent.children : roots).push(section);
    stack.push(section);
  }
  return { preamble, sections: roots };
}

/** Vietnamese lists run a), b), c), d), đ), e): a second "d)" after "d)" is an "đ)" that lost its bar. */
function letterInSequence(number: string, kind: MarkerKind, previous: Section | undefined): string {
  return kind === 'letter' && number === 'd' && previous?.marker === 'letter' && previous.number === 'd' ? 'đ' : number;
}

/** Every section, depth first, with its path of numbers ("II > 1"). */
export function* walkSections(sections: readonly Section[], path: string[] = []): Generator<{ section: Section; path: string[] }> {
  for (const s of sections) {
    const p = [...path, s.number];
    yield { section: s, path: p };
    yield* walkSections(s.children, p);
  }
}
