/**
 * Notes a PDF carried on its pages (`pages[].annotations`, schema 1.6) as the text writers show
 * them (txt, md, docx, typeset PDF): after the whole document, under their own title, each with
 * its page, kind, author and time, then its text as written. They are notes on the document, so
 * they never go into its text; without this a user reading the txt would not know they exist.
 */
import type { DocumentResult } from '../core/schema.js';
import { shownTime } from './e-signature-text.js';

export const NOTES_TITLE = 'Ghi chú trên tệp PDF';

/** How a viewer's tools are called in Vietnamese (the PDF /Subtype otherwise). */
const KIND: Record<string, string> = {
  FreeText: 'ghi chú gõ trên trang', Text: 'ghi chú dán', Stamp: 'con dấu', Highlight: 'tô sáng', Underline: 'gạch chân',
  StrikeOut: 'gạch bỏ', Squiggly: 'gạch lượn sóng', Ink: 'nét vẽ tay', Caret: 'dấu chèn', FileAttachment: 'tệp đính kèm',
};

export interface ShownNote {
  /** "Trang 1 · ghi chú gõ trên trang · Administrator · 03/06/2019 07:38:33 +07:00" */
  head: string;
  /** The note's own lines. */
  lines: string[];
}

export function shownNotes(result: DocumentResult): ShownNote[] {
  return result.pages.flatMap((p) => (p.annotations ?? []).map((a) => ({
    head: [`Trang ${p.number}`, KIND[a.subtype] ?? a.subtype, a.author ?? '', a.modified ? shownTime(a.modified) : ''].filter(Boolean).join(' · '),
    lines: a.text.split('\n'),
  })));
}

/** The notes as plain text: the title in brackets, then each note's head line and its text; '' when there are none. */
export function notesText(result: DocumentResult): string {
  const notes = shownNotes(result);
  if (!notes.length) return '';
  return [`[${NOTES_TITLE}]`, ...notes.flatMap((n) => [`${n.head}:`, ...n.lines.map((l) => `  ${l}`)])].join('\n');
}
