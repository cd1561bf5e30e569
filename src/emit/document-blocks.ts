/**
 * The reading-order layout shared by the Markdown and Word writers: the document's restored
 * paragraphs (`result.paragraphs`), each given a role by the structure (heading, list item, table
 * row, header, signature…). The structure decides the role; the text is the restored paragraph's
 * own, so every paragraph is rendered exactly once, in order, whatever the structure found. Where
 * a block re-lays text out (header, table, signature) it takes a paragraph only when every word of
 * that paragraph is in the block; a paragraph it would lose words of stays a plain paragraph (a
 * table takes all the lines in its span or none of them).
 */
import type { DocumentResult } from '../core/schema.js';
import type { AnnexNode, SectionNode } from '../core/segment/schema.js';
import { sideBySideClosing, signerLines, type Para } from './closing-blocks.js';
import { NOTES_TITLE, shownNotes, type ShownNote } from './annotation-text.js';
import { atOrBefore, E_SIGNATURES_TITLE, eSignatureAnchor, eSignatureLines } from './e-signature-text.js';
import { MOTTO_LINES, coverWords, foldText, placeDateLine, replacedWords, wordsOf, type Provenance, within } from './block-text.js';

export interface HeaderBlock {
  kind: 'header';
  /** An annex's own header (it starts a new page), not the document's. */
  annex: boolean;
  /** Left column: parent organ, then the issuer ("ỦY BAN NHÂN DÂN", "XÃ NGỌC KỲ"). */
  issuer: string[];
  /** Right column: the national motto, when the header has it. */
  motto: string[];
  /** "Số: 192/BC-UBND", or null. */
  number: string | null;
  /** "Ngọc Kỳ, ngày 29 tháng 12 năm 2023", or null. */
  placeDate: string | null;
}

export type Block = (
  | HeaderBlock
  | { kind: 'type'; text: string }
  | { kind: 'title'; text: string; annex: boolean }
  /** An annex's subtitle (its lines joined) or its reference "(Kèm theo Báo cáo số …)". */
  | { kind: 'caption'; role: 'subtitle' | 'reference'; text: string }
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list-item'; depth: number; marker: string; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][] }
  | { kind: 'recipients-label'; text: string }
  | { kind: 'recipient'; text: string }
  | { kind: 'signature'; lines: string[] }
  /** The e-signatures (meta.eSignatures), one line each: after the signature block. */
  | { kind: 'e-signatures'; title: string; lines: string[] }
  /** Notes the PDF carried on its pages (pages[].annotations): after everything. */
  | { kind: 'notes'; title: string; notes: ShownNote[] }
) & {
  /** Indexes into `result.paragraphs` this block renders (empty: fields from the header only). */
  from: number[];
};

const LIST_MARKERS = new Set(['dash', 'plus']);
const MARKER_PREFIX = /^[-+–—•*]\s*/;

/** Blocks in reading order; every paragraph index appears in exactly one block's `from`. */
export function documentBlocks(result: DocumentResult): Block[] {
  const paras: Para[] = result.paragraphs.map((p, index) => ({
    index,
    text: (p.restored ?? p.text).replace(/\s+/g, ' ').trim(),
    page: p.page,
    line: p.lineStart,
  }));
  /** Blocks shown where a paragraph is: the one standing for it, and blocks of fields only that follow it. */
  const roles = new Map<number, Block[]>();
  const claimed = new Set<number>();
  const take = (block: Block) => {
    for (const i of block.from) claimed.add(i);
    if (block.from.length) roles.set(block.from[0]!, [...(roles.get(block.from[0]!) ?? []), block]);
  };
  // Paragraphs by page, so finding those of a span reads only its pages (linear on long documents).
  const byPage = new Map<number, Para[]>();
  for (const p of paras) {
    const list = byPage.get(p.page);
    if (list) list.push(p);
    else byPage.set(p.page, [p]);
  }
  const free = (prov: Provenance | null | undefined): Para[] => {
    if (!prov) return [];
    const out: Para[] = [];
    for (let page = prov.page; page <= (prov.end?.page ?? prov.page); page++) {
      for (const p of byPage.get(page) ?? []) if (!claimed.has(p.index) && within(prov, p.page, p.line)) out.push(p);
    }
    return out;
  };
  const leading: Block[] = [];

  if (result.meta) {
    const meta = result.meta;
    const header = headerBlock(
      false,
      meta.issuer,
      meta.motto ? MOTTO_LINES : [],
      meta.number,
      placeDateLine(meta.place, meta.date, meta.dateText),
    );
    const region = free(meta.provenance);
    if (header) {
      header.from = coverWords([...headerWords(header), ...replacedWords(result, ['number', 'date', 'issuer'])], region).map((p) => p.index);
      if (header.from.length) take(header);
      else leading.push(header);
    }
    const rest = region.filter((p) => !claimed.has(p.index));
    const typeName = meta.type ? foldText(meta.type.name) : null;
    // The type as read stands where it was read, also when a person set another (fieldCorrections): the block shows theirs.
    const typeRead = new Set([typeName, ...(result.fieldCorrections ?? []).filter((c) => c.field === 'type' && c.before !== null).map((c) => foldText(c.before!))]);
    const typePara = rest.find((p) => typeName !== null && typeRead.has(foldText(p.text)));
    if (typePara) take({ kind: 'type', text: foldText(typePara.text) === typeName ? typePara.text : meta.type!.name.toLocaleUpperCase('vi'), from: [typePara.index] });
    if (meta.title) {
      // "BÁO CÁO Kết quả …" read as one paragraph: the type's words may be in the title's lines.
      const words = wordsOf(typePara || !meta.type ? meta.title : `${meta.type.name} ${meta.title}`);
      const titleParas = coverWords(words, rest.filter((p) => p !== typePara));
      // The title as the header wrote it, when its lines are there; else the field, unless a paragraph elsewhere says it.
      const folded = foldText(meta.title);
      if (titleParas.length) take({ kind: 'title', text: titleParas.map((p) => p.text).join(' '), annex: false, from: titleParas.map((p) => p.index) });
      else if (!paras.some((p) => foldText(p.text).includes(folded))) leading.push({ kind: 'title', text: meta.title, annex: false, from: [] });
    }
    // A type known from elsewhere (the number "192/BC-UBND", an annex reference) is still a header field.
    const typeSaid = typePara || (typeName !== null && titleParasHoldType(meta.title, typeName, paras, claimed));
    if (meta.type && !typeSaid) {
      const type: Block = { kind: 'type', text: meta.type.name.toLocaleUpperCase('vi'), from: [] };
      if (header?.from.length) roles.get(header.from[0]!)!.push(type);
      else leading.splice(header ? 1 : 0, 0, type);
    }
  }

  const sectionStarts = new Map<string, { section: SectionNode; listDepth: number }>();
  const addSections = (sections: SectionNode[], listDepth: number) => {
    for (const s of sections) {
      const isList = LIST_MARKERS.has(s.marker);
      const key = `${s.provenance.page}:${s.provenance.lineStart}`;
      if (!sectionStarts.has(key)) sectionStarts.set(key, { section: s, listDepth: isList ? listDepth : -1 });
      addSections(s.children, isList ? listDepth + 1 : 0);
    }
  };
  addSections(result.sections ?? [], 0);
  for (const annex of result.annexes ?? []) addSections(annex.sections, 0);

  for (const annex of result.annexes ?? []) annexBlocks(annex, free, take);

  const signatureBeside = sideBySideClosing(result, free);
  if (signatureBeside) {
    const blocks: Block[] = [
      { kind: 'recipients-label', text: signatureBeside.label, from: [] },
      ...signatureBeside.recipients.map((text): Block => ({ kind: 'recipient', text, from: [] })),
      { kind: 'signature', lines: signatureBeside.signer, from: [] },
    ];
    for (const i of signatureBeside.from) claimed.add(i);
    roles.set(signatureBeside.from[0]!, [...(roles.get(signatureBeside.from[0]!) ?? []), ...blocks]);
  } else if (result.recipientsInfo) {
    for (const p of free(result.recipientsInfo.provenance)) {
      if (/^noi nhan\b/.test(foldText(p.text))) take({ kind: 'recipients-label', text: p.text, from: [p.index] });
      else take({ kind: 'recipient', text: p.text.replace(MARKER_PREFIX, ''), from: [p.index] });
    }
  }
  if (result.signature && !signatureBeside) {
    const s = result.signature;
    const lines = signerLines(s);
    const from = coverWords([...lines.flatMap(wordsOf), ...replacedWords(result, ['signer', 'position'])], free(s.provenance)).map((p) => p.index);
    if (from.length) take({ kind: 'signature', lines, from });
  }

  // A paragraph the page break cut in two (its structure node runs on to the next page) reads as one.
  for (const prov of runOnSpans(result)) {
    const parts = free(prov).filter((p) => !sectionStarts.has(`${p.page}:${p.line}`));
    if (parts.length > 1) take({ kind: 'paragraph', text: parts.map((p) => p.text).join(' '), from: parts.map((p) => p.index) });
  }

  const blocks: Block[] = [...leading];
  for (const p of paras) {
    blocks.push(...(roles.get(p.index) ?? []));
    if (claimed.has(p.index)) continue;
    const start = sectionStarts.get(`${p.page}:${p.line}`);
    if (start && start.listDepth >= 0) {
      const marker = start.section.number === '+' ? '+' : '-';
      blocks.push({ kind: 'list-item', depth: start.listDepth, marker, text: p.text.replace(MARKER_PREFIX, ''), from: [p.index] });
    } else if (start) {
      const { heading, body } = splitHeading(p.text, start.section);
      blocks.push({ kind: 'heading', level: start.section.level, text: heading, from: [p.index] });
      if (body) blocks.push({ kind: 'paragraph', text: body, from: [] });
    } else if (p.text !== '') {
      blocks.push({ kind: 'paragraph', text: p.text, from: [p.index] });
    } else {
      blocks.push({ kind: 'paragraph', text: '', from: [p.index] });
    }
  }
  const notes = shownNotes(result);
  return [...withESignatures(result, blocks, paras), ...(notes.length ? [{ kind: 'notes' as const, title: NOTES_TITLE, notes, from: [] }] : [])];
}

/**
 * The e-signatures after the block holding the signature's last line (and the field-only blocks
 * that go with it); without a signature, after the document's own text, before its annexes.
 */
function withESignatures(result: DocumentResult, blocks: Block[], paras: Para[]): Block[] {
  const lines = eSignatureLines(result);
  if (!lines.length) return blocks;
  const block: Block = { kind: 'e-signatures', title: E_SIGNATURES_TITLE, lines, from: [] };
  const anchor = eSignatureAnchor(result);
  if (!anchor) return [...blocks, block];
  let at = -1;
  blocks.forEach((b, i) => {
    if (b.from.some((k) => atOrBefore({ page: paras[k]!.page, line: paras[k]!.line }, anchor))) at = i;
  });
  while (at >= 0 && at + 1 < blocks.length && blocks[at + 1]!.from.length === 0) at++;
  return [...blocks.slice(0, at + 1), block, ...blocks.slice(at + 1)];
}

/** Did the title's paragraphs also say the type ("BÁO CÁO Kết quả …" as one paragraph)? */
function titleParasHoldType(title: string | null, typeName: string, paras: Para[], claimed: Set<number>): boolean {
  if (!title) return false;
  return paras.some((p) => claimed.has(p.index) && foldText(p.text).startsWith(`${typeName} `) && foldText(p.text).includes(foldText(title)));
}

function runOnSpans(result: DocumentResult): Provenance[] {
  const spans: Provenance[] = [];
  const visit = (sections: SectionNode[]) => {
    for (const s of sections) {
      for (const p of s.paragraphs) if (p.provenance.end) spans.push(p.provenance);
      visit(s.children);
    }
  };
  for (const p of result.preamble ?? []) if (p.provenance.end) spans.push(p.provenance);
  visit(result.sections ?? []);
  for (const a of result.annexes ?? []) visit(a.sections);
  if (result.closing?.provenance.end) spans.push(result.closing.provenance);
  return spans;
}

function headerBlock(
  annex: boolean,
  issuer: { name: string; parent: string | null } | null,
  motto: string[],
  number: string | null,
  placeDate: string | null,
): (HeaderBlock & { from: number[] }) | null {
  const issuerLines = issuer ? [issuer.parent, issuer.name].filter((l): l is string => !!l) : [];
  if (!issuerLines.length && !motto.length && !number && !placeDate) return null;
  return { kind: 'header', annex, issuer: issuerLines, motto, number: number ? `Số: ${number}` : null, placeDate, from: [] };
}

function headerWords(h: HeaderBlock): string[] {
  return [...h.issuer, ...h.motto, h.number ?? '', h.placeDate ?? ''].flatMap(wordsOf);
}

/** An annex: its own header (issuer | motto, place-date), its title, and its tables where their cells hold the rows' words. */
function annexBlocks(annex: AnnexNode, free: (prov: Provenance | null | undefined) => Para[], take: (b: Block) => void): void {
  const region = free(annex.provenance);
  const titleFold = foldText(annex.title);
  const titleAt = region.findIndex((p) => foldText(p.text) === titleFold);
  const before = titleAt >= 0 ? region.slice(0, titleAt) : [];
  const hasMotto = before.some((p) => /\bcong hoa\b|\bdoc lap\b/.test(foldText(p.text)));
  const header = headerBlock(true, annex.issuer, hasMotto ? MOTTO_LINES : [], null, placeDateLine(annex.place, annex.date, null));
  if (header) {
    header.from = coverWords(headerWords(header), before).map((p) => p.index);
    if (header.from.length) take(header);
  }
  if (titleAt < 0) return tableBlocks(annex, free, take);
  take({ kind: 'title', text: region[titleAt]!.text, annex: true, from: [region[titleAt]!.index] });
  // The lines under the title, up to the first table: the subtitle and the reference, when they hold the fields' words.
  const firstTable = annex.tables[0]?.provenance;
  const titleIndex = region[titleAt]!.index;
  const under = () => free(annex.provenance).filter((p) => p.index > titleIndex && (!firstTable || !within(firstTable, p.page, p.line)));
  for (const [role, text] of [['subtitle', annex.subtitle], ['reference', annex.reference]] as const) {
    if (!text) continue;
    const parts = coverWords(wordsOf(text), under());
    if (parts.length) take({ kind: 'caption', role, text: parts.map((p) => p.text).join(' '), from: parts.map((p) => p.index) });
  }
  tableBlocks(annex, free, take);
}

function tableBlocks(annex: AnnexNode, free: (prov: Provenance | null | undefined) => Para[], take: (b: Block) => void): void {
  for (const table of annex.tables) {
    // All or nothing: a table missing words of one row would show that row twice or lose it.
    const words = [...table.columns, ...table.rows.flat()].flatMap(wordsOf);
    const rows = free(table.provenance);
    const from = coverWords(words, rows).map((p) => p.index);
    if (from.length && from.length === rows.length) take({ kind: 'table', columns: table.columns, rows: table.rows, from });
  }
}

/**
 * "2.1. Nội dung, hình thức tuyên truyền." → the heading; the rest of the paragraph (a numbered item
 * whose first sentence is its heading) is its body. When the section's heading cannot be found in
 * the paragraph, the whole paragraph is the heading: its text is never split blindly.
 */
export function splitHeading(text: string, section: Pick<SectionNode, 'heading'>): { heading: string; body: string } {
  const shortened = section.heading.endsWith('…');
  const heading = section.heading.replace(/…$/, '').trim();
  const at = heading ? text.indexOf(heading) : -1;
  if (at < 0) return { heading: text, body: '' };
  let end = at + heading.length;
  if (shortened) {
    const stop = /[.:;](\s|$)/.exec(text.slice(end));
    end = stop ? end + stop.index + 1 : text.length;
  } else {
    while (end < text.length && /[.:;,]/.test(text[end]!)) end++;
  }
  return { heading: text.slice(0, end).trim(), body: text.slice(end).trim() };
}
