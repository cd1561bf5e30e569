/**
 * Pure row builders for the spreadsheet outputs: `<name>.sections.csv`, `<name>.table-N.csv`,
 * `<name>.figures.csv` and the structure columns of `documents.csv`. The CSV writer owns quoting.
 */
import { foldKey } from './fold.js';
import type { Structure } from './schema.js';
import { walkSections } from './sections.js';

export const SECTION_CSV_HEADERS = ['path', 'number', 'level', 'kind', 'heading', 'text', 'original', 'page', 'line_start', 'line_end'] as const;
export const FIGURE_CSV_HEADERS = ['value', 'text', 'unit', 'phrase', 'page', 'line_start', 'line_end'] as const;
export const DOCUMENT_CSV_HEADERS = ['type', 'number', 'date', 'issuer', 'title', 'signer', 'position'] as const;

type Row = Record<string, string | number>;

/** One row per paragraph (a heading-only section gets one row with empty text), preamble and closing included. */
export function sectionRows(s: Structure): Row[] {
  const rows: Row[] = [];
  const add = (path: string, number: string, level: number, kind: string, heading: string, p: { text: string; original: string; provenance: { page: number; lineStart: number; lineEnd: number } } | null, at: { page: number; lineStart: number; lineEnd: number }) => {
    const where = p?.provenance ?? at;
    rows.push({ path, number, level, kind, heading, text: p?.text ?? '', original: p?.original ?? '', page: where.page, line_start: where.lineStart, line_end: where.lineEnd });
  };
  for (const p of s.preamble) add('(preamble)', '', 0, 'preamble', '', p, p.provenance);
  for (const { section, path } of walkSections(s.sections as never)) {
    const label = path.join(' > ');
    if (!section.paragraphs.length) add(label, section.number, section.level, section.kind, section.heading, null, section.provenance);
    for (const p of section.paragraphs) add(label, section.number, section.level, section.kind, section.heading, p, section.provenance);
  }
  if (s.closing) add('(closing)', '', 0, 'closing', '', s.closing, s.closing.provenance);
  return rows;
}

/** Rows of one table: the header row, then the data rows, padded to the same width. */
export function tableRows(table: Structure['annexes'][number]['tables'][number]): string[][] {
  const width = Math.max(table.columns.length, ...table.rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  return [pad(table.columns), ...table.rows.map(pad)];
}

/** All tables of all annexes, numbered 1.. in document order (for `<name>.table-N.csv`). */
export function allTables(s: Structure): string[][][] {
  return s.annexes.flatMap((a) => a.tables.map(tableRows));
}

export function figureRows(s: Structure): Row[] {
  return s.figures.map((f) => ({ value: f.value, text: f.text, unit: f.unit, phrase: f.phrase, page: f.provenance.page, line_start: f.provenance.lineStart, line_end: f.provenance.lineEnd }));
}

/** Issuer as a person would file it: a council is named with its unit ("ỦY BAN NHÂN DÂN XÃ NGỌC KỲ"). */
export function issuerLabel(issuer: Structure['meta']['issuer']): string {
  if (!issuer) return '';
  const council = issuer.parent && /^(UY BAN NHAN DAN|HOI DONG NHAN DAN|UBND|HDND)$/.test(foldKey(issuer.parent).trim());
  return council ? `${issuer.parent} ${issuer.name}` : issuer.name;
}

export function documentColumns(s: Structure | undefined): Record<(typeof DOCUMENT_CSV_HEADERS)[number], string> {
  const m = s?.meta;
  return {
    type: m?.type?.name ?? '',
    number: m?.number ?? '',
    date: m?.date ?? '',
    issuer: issuerLabel(m?.issuer ?? null),
    title: m?.title ?? '',
    signer: s?.signature?.name ?? '',
    position: s?.signature?.position ?? '',
  };
}
