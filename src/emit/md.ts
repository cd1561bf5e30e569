/**
 * `<name>.md`: the document as Markdown (CommonMark + GFM tables), from the reading-order layout:
 * the Decree 30 header as a two-column table (issuer | motto, number | place-date), the type and
 * title, sections as headings (`##` for level 1, one `#` more per level, at most `######`), list
 * items, annex tables as GFM tables, recipients, the signature and the e-signatures after it. Text is escaped so that nothing
 * a report says ("1. …", "- …", "*", "|") turns into Markdown syntax by accident.
 */
import type { DocumentResult } from '../core/schema.js';
import { documentBlocks, type Block, type HeaderBlock } from './document-blocks.js';

/** Backslash-escape what inline Markdown would read as syntax. */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Escape a paragraph's start too: "1. Foo", "- Foo", "+ Foo", "# Foo", "= Foo" are not lists, headings or rules. */
export function escapeBlock(text: string): string {
  return escapeInline(text).replace(/^(\d{1,9})([.)])/, '$1\\$2').replace(/^([-+=#])/, '\\$1');
}

/** A GFM table cell: inline escapes (pipes included), line breaks as `<br>`. */
function cell(text: string): string {
  return escapeInline(text.trim()).replace(/\r?\n/g, '<br>');
}

function tableRows(header: string[], rows: string[][]): string {
  const width = Math.max(header.length, ...rows.map((r) => r.length), 1);
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
  return [line(header), `|${' --- |'.repeat(width)}`, ...rows.map(line)].join('\n');
}

function headerTable(h: HeaderBlock): string {
  const left = (lines: string[]) => lines.map((l, i) => (i === lines.length - 1 ? `**${escapeInline(l)}**` : escapeInline(l))).join('<br>');
  const motto = h.motto.map((l) => `**${escapeInline(l)}**`).join('<br>');
  const rows = [`| ${left(h.issuer)} | ${motto} |`, '| --- | --- |'];
  if (h.number || h.placeDate) rows.push(`| ${h.number ? escapeInline(h.number) : ''} | ${h.placeDate ? `*${escapeInline(h.placeDate)}*` : ''} |`);
  return rows.join('\n');
}

function renderBlock(b: Block): string | null {
  switch (b.kind) {
    case 'header':
      return headerTable(b);
    case 'type':
      return `**${escapeInline(b.text)}**`;
    case 'title':
      return `# ${escapeInline(b.text).replace(/#/g, '\\#')}`;
    case 'caption':
      return b.role === 'subtitle' ? `**${escapeInline(b.text)}**` : `*${escapeInline(b.text)}*`;
    case 'heading':
      return `${'#'.repeat(Math.min(b.level + 1, 6))} ${escapeInline(b.text).replace(/#/g, '\\#')}`;
    case 'paragraph':
      return b.text === '' ? null : escapeBlock(b.text);
    case 'list-item':
      return `${'  '.repeat(b.depth)}${b.marker} ${escapeBlock(b.text)}`;
    case 'table':
      return tableRows(b.columns, b.rows);
    case 'recipients-label':
      return `***${escapeInline(b.text)}***`;
    case 'recipient':
      return `- ${escapeBlock(b.text)}`;
    case 'signature':
      return b.lines.map((l, i) => (i < b.lines.length - 1 ? `**${escapeInline(l)}**` : escapeInline(l))).join('\\\n');
    case 'e-signatures':
      return [`*${escapeInline(b.title)}*`, '', ...b.lines.map((l) => `- ${escapeBlock(l)}`)].join('\n');
    case 'notes':
      // One list item per note: its page, kind, author and time, then its own lines (hard breaks).
      return [`*${escapeInline(b.title)}*`, '', ...b.notes.map((n) => [`- *${escapeInline(n.head)}*`, ...n.lines.map((l) => escapeInline(l))].join('\\\n  '))].join('\n');
  }
}

/** List items and recipients run together as one list; every other block stands apart. */
const LISTY = new Set<Block['kind']>(['list-item', 'recipient']);

export function documentMarkdown(result: DocumentResult): string {
  let out = '';
  let previous: Block['kind'] | null = null;
  for (const block of documentBlocks(result)) {
    const text = renderBlock(block);
    if (text === null) continue;
    const sameList = previous !== null && LISTY.has(previous) && previous === block.kind;
    out += out === '' ? text : `${sameList ? '\n' : '\n\n'}${text}`;
    previous = block.kind;
  }
  return out === '' ? '' : `${out}\n`;
}
