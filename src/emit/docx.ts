/**
 * `<name>.docx`: the document as a Word file laid out after Decree 30/2020/NĐ-CP (A4, Times New
 * Roman 13 pt, margins 20/20/30/20 mm): the header as a borderless two-column table (issuer |
 * motto, number | place-date), the type and title, sections as Heading1…Heading9 by level, list
 * items as "-"/"+" lists, annex tables, recipients, the signature block and the e-signatures after it. Every run names Times
 * New Roman for all four font slots (ascii, hAnsi, eastAsia, cs): Word and LibreOffice pick the slot
 * by character class, and a slot left empty falls back to a font that may lack Vietnamese marks.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
} from 'docx';
import type { DocumentResult } from '../core/schema.js';
import { documentBlocks, type Block, type HeaderBlock } from './document-blocks.js';

const FONT = 'Times New Roman';
const FONTS = { ascii: FONT, hAnsi: FONT, eastAsia: FONT, cs: FONT };
/** A4 in twips, and the text width between Decree 30 margins (30 mm left, 20 mm right). */
const PAGE = { width: 11906, height: 16838, margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } };
const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
const BODY_SIZE = 26; // half-points: 13 pt

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

/**
 * XML 1.0 has no place for most control characters or a lone surrogate (text from old encodings
 * may hold them), and Word refuses a file with one: they are shown as U+FFFD. The .txt and JSON
 * keep them as read.
 */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: xmlSafe(text), font: FONTS, language: { value: 'vi-VN' }, ...style });
}

function line(text: string, style: RunStyle = {}, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER): Paragraph {
  return new Paragraph({ alignment, children: [run(text, style)] });
}

/** Issuer | motto over number | place-date, without borders, as Decree 30 lays out the first lines. */
function headerTable(h: HeaderBlock): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const cellOf = (paragraphs: Paragraph[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: paragraphs.length ? paragraphs : [new Paragraph({})] });
  const issuer = h.issuer.map((l, i) => line(l, { bold: i === h.issuer.length - 1, size: BODY_SIZE }));
  const motto = h.motto.map((l, i) => line(l, { bold: true, size: i === 0 ? 24 : BODY_SIZE }));
  const rows = [new TableRow({ children: [cellOf(issuer, left), cellOf(motto, TEXT_WIDTH - left)] })];
  if (h.number || h.placeDate) {
    rows.push(
      new TableRow({
        children: [
          cellOf(h.number ? [line(h.number)] : [], left),
          cellOf(h.placeDate ? [line(h.placeDate, { italics: true })] : [], TEXT_WIDTH - left),
        ],
      }),
    );
  }
  return new Table({ rows, borders: TableBorders.NONE, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: [left, TEXT_WIDTH - left] });
}

/** Column widths after the longest cell of each column (a number column stays narrow). */
function columnWidths(rows: string[][], width: number): number[] {
  const n = Math.max(1, ...rows.map((r) => r.length));
  // A column is never narrower than its longest word ("STT" stays on one line).
  const longest = (i: number, measure: (s: string) => number) => Math.max(0, ...rows.map((r) => measure(r[i] ?? '')));
  const weight = Array.from({ length: n }, (_, i) =>
    Math.max(6, longest(i, (s) => Math.max(0, ...s.split(/\s+/).map((w) => w.length)) + 3), Math.min(60, longest(i, (s) => s.length))),
  );
  const total = weight.reduce((a, b) => a + b, 0);
  return weight.map((w) => Math.floor((width * w) / total));
}

function dataTable(columns: string[], rows: string[][]): Table {
  const widths = columnWidths([columns, ...rows], TEXT_WIDTH);
  const cellOf = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: text.split(/\r?\n/).map((t) => new Paragraph({ alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(t, { bold: head })] })),
    });
  const rowOf = (cells: string[], head: boolean) =>
    new TableRow({ tableHeader: head, children: widths.map((_, i) => cellOf(cells[i] ?? '', i, head)) });
  return new Table({ rows: [rowOf(columns, true), ...rows.map((r) => rowOf(r, false))], width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths });
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

function heading(level: number, text: string): Paragraph {
  const children = [run(text)];
  if (level <= HEADINGS.length) return new Paragraph({ heading: HEADINGS[Math.max(1, level) - 1], children });
  return new Paragraph({ style: `Heading${Math.min(level, 9)}`, children });
}

const pageBreak = () => new Paragraph({ children: [new PageBreak()] });

function render(blocks: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let previous: Block | null = null;
  for (const b of blocks) {
    switch (b.kind) {
      case 'header':
        if (b.annex && out.length) out.push(pageBreak());
        out.push(headerTable(b), new Paragraph({}));
        break;
      case 'type':
        out.push(line(b.text, { bold: true, size: 28 }));
        break;
      case 'title':
        if (b.annex && out.length && !(previous?.kind === 'header' && previous.annex)) out.push(pageBreak());
        out.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(b.text)] }));
        break;
      case 'caption':
        out.push(line(b.text, b.role === 'subtitle' ? { bold: true } : { italics: true }));
        break;
      case 'heading':
        out.push(heading(b.level, b.text));
        break;
      case 'paragraph':
        if (b.text !== '') out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 567 }, children: [run(b.text)] }));
        break;
      case 'list-item':
        out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, numbering: { reference: b.marker === '+' ? 'plus' : 'dash', level: Math.min(b.depth, 8) }, children: [run(b.text)] }));
        break;
      case 'table':
        out.push(dataTable(b.columns, b.rows), new Paragraph({}));
        break;
      case 'recipients-label':
        out.push(line(b.text, { bold: true, italics: true, size: 24 }, AlignmentType.LEFT));
        break;
      case 'recipient':
        out.push(new Paragraph({ numbering: { reference: 'dash', level: 0 }, children: [run(b.text, { size: 22 })] }));
        break;
      case 'signature':
        // Centred in the right half of the page, all bold, as Decree 30 places the signer.
        out.push(new Paragraph({ spacing: { before: 240 } }));
        for (const l of b.lines) out.push(new Paragraph({ alignment: AlignmentType.CENTER, indent: { left: Math.round(TEXT_WIDTH / 2) }, children: [run(l, { bold: true })] }));
        break;
      case 'e-signatures':
        // Under the signer, as the signing tool's box sits: a small italic note, one line per signature.
        out.push(new Paragraph({ spacing: { before: 240 }, indent: { left: Math.round(TEXT_WIDTH / 2) }, children: [run(b.title, { italics: true, bold: true, size: 22 })] }));
        for (const l of b.lines) out.push(new Paragraph({ indent: { left: Math.round(TEXT_WIDTH / 2) }, children: [run(l, { italics: true, size: 22 })] }));
        break;
      case 'notes':
        // After the document: the title, then per note its page, kind, author and time in italics and its lines.
        out.push(new Paragraph({ spacing: { before: 360 }, children: [run(b.title, { italics: true, bold: true, size: 22 })] }));
        for (const n of b.notes) {
          out.push(new Paragraph({ spacing: { before: 120 }, children: [run(n.head, { italics: true, size: 22 })] }));
          for (const l of n.lines) out.push(new Paragraph({ indent: { left: 360 }, children: [run(l, { size: 22 })] }));
        }
        break;
    }
    previous = b;
  }
  if (!out.length) out.push(new Paragraph({}));
  return out;
}

const bulletLevels = (text: string) =>
  Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 284 } }, run: { font: FONTS } },
  }));

/** Heading7…Heading9: Word knows them, the docx package defines only 1–6. */
const DEEP_HEADINGS: IParagraphStyleOptions[] = [7, 8, 9].map((n) => ({
  id: `Heading${n}`,
  name: `heading ${n}`,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: FONTS, size: BODY_SIZE, italics: true, color: '000000' },
  paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, outlineLevel: n - 1 },
}));

const headingStyle = (size: number, extra: { italics?: boolean } = {}) => ({
  run: { font: FONTS, size, bold: true, color: '000000', ...extra },
  paragraph: { spacing: { before: 180, after: 60 }, keepNext: true },
});

export async function documentDocx(result: DocumentResult): Promise<Uint8Array> {
  const meta = result.meta;
  const issuer = meta?.issuer ? [meta.issuer.parent, meta.issuer.name].filter(Boolean).join(' ') : '';
  const doc = new Document({
    title: xmlSafe(meta?.title ?? result.source.path),
    subject: xmlSafe([meta?.type?.name, meta?.number].filter(Boolean).join(' ')),
    creator: xmlSafe(issuer || 'baocao'),
    description: xmlSafe(`Converted by baocao from ${result.source.path}`),
    lastModifiedBy: 'baocao',
    styles: {
      default: {
        document: { run: { font: FONTS, size: BODY_SIZE }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font: FONTS, size: 28, bold: true, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
        heading1: headingStyle(BODY_SIZE),
        heading2: headingStyle(BODY_SIZE),
        heading3: headingStyle(BODY_SIZE, { italics: true }),
        heading4: headingStyle(BODY_SIZE, { italics: true }),
        heading5: headingStyle(BODY_SIZE, { italics: true }),
        heading6: headingStyle(BODY_SIZE, { italics: true }),
      },
      paragraphStyles: DEEP_HEADINGS,
    },
    numbering: { config: [{ reference: 'dash', levels: bulletLevels('-') }, { reference: 'plus', levels: bulletLevels('+') }] },
    sections: [{ properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin } }, children: render(documentBlocks(result)) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
