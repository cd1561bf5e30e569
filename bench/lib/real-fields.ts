/**
 * Header facts of a converted document against ../shared/real-scans/fields.json: number, date,
 * type, issuer and signer, each right, wrong (a different value), missing (none found) or n/a
 * (the page has no such fact). Compared as the set's README says: case-insensitive, whitespace
 * ignored, tone placement normalised. A signer printed with an academic title ("TS. Trịnh Văn
 * Toàn") is the person all the same, so such a title before the name is not compared.
 */
import { normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import type { DocumentResult } from '../../src/core/schema.js';

export interface RealFields {
  id: string;
  type: string | null;
  number: string | null;
  date: string | null;
  issuer: string | null;
  signer: string | null;
}

export const FIELD_NAMES = ['number', 'date', 'type', 'issuer', 'signer'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export type FieldOutcome = 'right' | 'wrong' | 'missing' | 'n/a';

export interface FieldResult { field: FieldName; outcome: FieldOutcome; expected: string | null; found: string | null }

const TITLE = /^(?:(?:GS|PGS|TS|ThS|KS|BS|CN|NCS)\.?\s*)+/iu;

export function squashField(s: string): string {
  return s.normalize('NFC').split(/\s+/).map((w) => normalizeTonePlacement(w, 'old')).join('').toLowerCase();
}

/** What baocao's JSON says for each field (null when it says nothing). */
export function foundFields(result: DocumentResult): Record<FieldName, string | null> {
  const meta = result.meta, sig = result.signature;
  return {
    number: meta?.number ?? null,
    date: meta?.date ?? null,
    type: meta?.type?.name ?? null,
    issuer: meta?.issuer?.name ?? null,
    signer: sig?.name ?? null,
  };
}

export function compareFields(expected: RealFields, result: DocumentResult): FieldResult[] {
  const found = foundFields(result);
  return FIELD_NAMES.map((field) => {
    const want = expected[field], got = found[field];
    if (want === null) return { field, outcome: 'n/a', expected: null, found: got };
    if (got === null || got.trim() === '') return { field, outcome: 'missing', expected: want, found: null };
    const norm = (s: string) => squashField(field === 'signer' ? s.replace(TITLE, '') : s);
    return { field, outcome: norm(want) === norm(got) ? 'right' : 'wrong', expected: want, found: got };
  });
}

export interface FieldTally { right: number; wrong: number; missing: number; applicable: number }

export function tallyFields(results: FieldResult[][]): Record<FieldName, FieldTally> {
  const out = Object.fromEntries(FIELD_NAMES.map((f) => [f, { right: 0, wrong: 0, missing: 0, applicable: 0 }])) as Record<FieldName, FieldTally>;
  for (const page of results) {
    for (const r of page) {
      if (r.outcome === 'n/a') continue;
      const t = out[r.field];
      t.applicable++;
      t[r.outcome]++;
    }
  }
  return out;
}

export interface SkeletonResult {
  /** The symbol of the number ("TB-ĐHĐL"), right or not, from meta.numberSymbol (or meta.number). */
  symbol: FieldOutcome;
  /** The year, from meta.year (or meta.date). */
  year: FieldOutcome;
  /** Number and date: right, or flagged uncertain for review (not silently missing or wrong). */
  numberRightOrFlagged: boolean;
  dateRightOrFlagged: boolean;
}

/** What the printed skeleton of a handwritten number and date gave (issue 14, item 4). */
export function compareSkeleton(expected: RealFields, result: DocumentResult, fields: FieldResult[]): SkeletonResult {
  const meta = result.meta as (DocumentResult['meta'] & { numberSymbol?: string | null; year?: number | null; uncertain?: string[] }) | undefined;
  const wantSymbol = expected.number?.replace(/^\d+\/(?:\d{4}\/)?/, '') ?? null;
  const gotSymbol = meta?.numberSymbol ?? meta?.number?.replace(/^\d+\/(?:\d{4}\/)?/, '') ?? null;
  const wantYear = expected.date?.slice(0, 4) ?? null;
  const gotYear = meta?.year != null ? String(meta.year) : meta?.date?.slice(0, 4) ?? null;
  const outcome = (want: string | null, got: string | null): FieldOutcome =>
    want === null ? 'n/a' : got === null ? 'missing' : squashField(want) === squashField(got) ? 'right' : 'wrong';
  const flagged = (f: 'number' | 'date') => fields.find((x) => x.field === f)?.outcome === 'right' || (meta?.uncertain ?? []).includes(f);
  return { symbol: outcome(wantSymbol, gotSymbol), year: outcome(wantYear, gotYear), numberRightOrFlagged: flagged('number'), dateRightOrFlagged: flagged('date') };
}
