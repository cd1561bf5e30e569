/** Markdown read back with a real CommonMark + GFM-table reader (markdown-it): the blocks a viewer shows. */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

import type { ShownBlock } from './shown-text.js';

const reader = new MarkdownIt('commonmark').enable('table');

function plain(inline: Token): string {
  return (inline.children ?? [])
    .map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' || t.type === 'hardbreak' || (t.type === 'html_inline' && /^<br\s*\/?>$/i.test(t.content)) ? ' ' : ''))
    .join('');
}

/** The text blocks of a Markdown file, in order. */
export function readMarkdown(md: string): ShownBlock[] {
  const out: ShownBlock[] = [];
  const open: string[] = [];
  for (const t of reader.parse(md, {})) {
    if (t.nesting === 1) open.push(t.tag);
    else if (t.nesting === -1) open.pop();
    else if (t.type === 'inline') {
      const parent = open[open.length - 1]!;
      const tag = parent === 'p' && open.includes('li') ? 'li' : parent;
      out.push({ tag, text: plain(t) });
    }
  }
  return out;
}
