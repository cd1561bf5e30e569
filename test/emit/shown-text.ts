/** What a reader shows of a written document, and the check that it shows every restored paragraph once, in order. */
import assert from 'node:assert/strict';
import type { DocumentResult } from '../../src/core/schema.js';
import { within } from '../../src/emit/block-text.js';

export interface ShownBlock {
  /** Markdown: 'h1'…'h6', 'p', 'li', 'th', 'td'; Word: the paragraph style ('Heading2', 'Title') or 'p'. */
  tag: string;
  text: string;
}

export const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
export const words = (s: string) => s.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Every restored paragraph is shown, in order: its text where the file shows it as written,
 * else (a table row, a header or signature line, laid out again by the structure) inside that
 * structure, with all its words shown. A paragraph shown as written is shown once.
 */
export function assertEveryParagraphOnceInOrder(result: DocumentResult, shown: ShownBlock[]) {
  const all = squash(shown.map((b) => b.text).join(' '));
  const shownWords = new Set(words(all));
  const relaid = [
    ...(result.annexes ?? []).flatMap((a) => [a.provenance]),
    ...(result.signature ? [result.signature.provenance] : []),
    ...(result.meta?.provenance ? [result.meta.provenance] : []),
  ];
  let cursor = 0;
  for (const [i, p] of result.paragraphs.entries()) {
    const text = squash((p.restored ?? p.text).replace(/^[-+]\s+/, ''));
    if (text === '') continue;
    const at = all.indexOf(text, cursor);
    if (at >= 0) {
      cursor = at + text.length;
      if (words(text).length >= 6) assert.equal(all.indexOf(text, cursor), -1, `paragraph ${i} is shown twice: ${text}`);
      continue;
    }
    assert.ok(relaid.some((prov) => within(prov, p.page, p.lineStart)), `paragraph ${i} is missing or out of order: ${text}`);
    for (const w of words(text)) assert.ok(shownWords.has(w), `paragraph ${i} (${text}) loses the word "${w}"`);
  }
}

