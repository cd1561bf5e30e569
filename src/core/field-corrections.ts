/**
 * A person's decisions on the header fields (the review page, `baocao review`): the document's
 * type, number, date, issuer, and the signer's name and position, set directly when the machine
 * read one wrong or flagged it (a handwritten number misread, a date flagged, a signer lost under
 * a seal), without typing it into the text. Like the word decisions (corrections.ts) they are kept
 * apart (`fieldCorrections[]`); the last decision per field wins; one whose `before` is no longer
 * the machine's reading (converted again since) is stale and set aside, never forced in. They are
 * laid over the structure read again from the corrected text: a field decision beats the re-read.
 */
import type { z } from 'zod';
import { HEADER_FIELDS } from './schema-constants.js';
import type { DocumentResult, FieldCorrectionSchema } from './schema.js';
import { dateOf, findDate } from './segment/dates.js';
import { DOC_TYPES } from './segment/doc-types.js';
import { parseNumber } from './segment/number.js';
import type { Structure } from './segment/schema.js';

export type HeaderField = (typeof HEADER_FIELDS)[number];
export type FieldCorrection = z.infer<typeof FieldCorrectionSchema>;

export { HEADER_FIELDS };

/** The header's fields and the signature, as a structure (the machine's, or one read again) holds them. */
export type HeaderParts = Pick<Structure, 'meta' | 'signature'>;

/** Longest value a person may set per field (a number or a date is short; an issuer's name is not). */
export const FIELD_MAX_LENGTH: Record<HeaderField, number> = { type: 60, number: 80, date: 40, issuer: 300, signer: 120, position: 200 };

export function isHeaderField(name: unknown): name is HeaderField {
  return typeof name === 'string' && (HEADER_FIELDS as readonly string[]).includes(name);
}

/** A field as the page shows it and a decision records it: the type's name, the ISO date, the issuer's name. */
export function fieldValue(s: HeaderParts, field: HeaderField): string | null {
  switch (field) {
    case 'type':
      return s.meta.type?.name ?? null;
    case 'number':
      return s.meta.number;
    case 'date':
      return s.meta.date;
    case 'issuer':
      return s.meta.issuer?.name ?? null;
    case 'signer':
      return s.signature?.name ?? null;
    case 'position':
      return s.signature?.position ?? null;
  }
}

/** Whether the machine asked a person to check the field (handwritten digits, a name read back, a position inferred). */
export function fieldUncertain(s: HeaderParts, field: HeaderField): boolean {
  if (field === 'number' || field === 'date') return s.meta.uncertain?.includes(field) ?? false;
  if (field === 'signer') return s.signature?.uncertain?.includes('name') ?? false;
  if (field === 'position') return s.signature?.uncertain?.includes('position') ?? false;
  return false;
}

const bare = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type ParsedField = { ok: true; value: string | null } | { ok: false; error: string };

/**
 * A value typed by a person, checked and put in the field's form: an empty value says the
 * document has none (null); a date in any of "2023-12-29", "29/12/2023", "ngày 29 tháng 12 năm
 * 2023" becomes ISO and must name a real day; a type is one of Decree 30's, by name or code.
 */
export function parseFieldValue(field: HeaderField, raw: string): ParsedField {
  if (/[\u0000-\u001f\u007f]/.test(raw.replace(/\t/g, ' '))) return { ok: false, error: `${field}: a header field is one line (no line breaks or control characters)` };
  const value = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (value.length > FIELD_MAX_LENGTH[field]) return { ok: false, error: `${field}: ${value.length} characters, over the ${FIELD_MAX_LENGTH[field]} a ${field} may have` };
  if (value === '') return { ok: true, value: null };
  if (field === 'date') return parseDate(value);
  if (field === 'type') {
    const key = bare(value);
    const type = DOC_TYPES.find((t) => bare(t.name) === key || bare(t.code) === key);
    return type ? { ok: true, value: type.name } : { ok: false, error: `type: '${value}' is not a document type of Decree 30 (one of ${DOC_TYPES.map((t) => t.name).join(', ')})` };
  }
  return { ok: true, value };
}

function parseDate(value: string): ParsedField {
  const iso = ISO_DAY.exec(value);
  const found = iso ? { iso: dateOf(+iso[1]!, +iso[2]!, +iso[3]!)?.iso ?? null, text: value } : findDate(value);
  // The whole value must be the date: "29/12/2023 và 30/12/2023" is not one.
  if (!found || found.text.replace(/\s+/g, ' ').trim().length < value.length - 1) return { ok: false, error: `date: '${value}' is not a date (write 29/12/2023, 2023-12-29 or ngày 29 tháng 12 năm 2023)` };
  if (!found.iso) return { ok: false, error: `date: '${value}' names no real day (between 1945 and 2100)` };
  return { ok: true, value: found.iso };
}

/** The last decision per field wins (two tabs, a change of mind), in the fields' order. */
export function latestFieldCorrections(all: readonly FieldCorrection[]): FieldCorrection[] {
  const byField = new Map<HeaderField, FieldCorrection>();
  for (const c of all) byField.set(c.field, c);
  return HEADER_FIELDS.flatMap((f) => byField.get(f) ?? []);
}

/** The latest decisions split: those made on the machine reading this result holds, and those made on another (stale). */
export function fieldDecisions(result: DocumentResult, all: readonly FieldCorrection[]): { kept: FieldCorrection[]; stale: FieldCorrection[] } {
  const kept: FieldCorrection[] = [];
  const stale: FieldCorrection[] = [];
  const latest = latestFieldCorrections(all);
  if (!result.meta) return { kept, stale: latest };
  const machine: HeaderParts = { meta: result.meta, signature: result.signature ?? null };
  for (const c of latest) (fieldValue(machine, c.field) === c.before ? kept : stale).push(c);
  return { kept, stale };
}

/**
 * The structure with the person's field values over it. A decided field is no longer uncertain;
 * a date set by a person drops the e-signing day suggested for it and, when it differs from the
 * machine's, where the machine's came from (dateSource), as a signer typed drops signerSource;
 * the year follows the date; the number's symbol follows the number. A signer set on a document
 * whose signature block was not found gets one, placed at the end of the last page.
 */
export function withFieldValues<S extends HeaderParts>(s: S, decisions: readonly FieldCorrection[], lastPlace: { page: number; line: number }): S {
  if (!decisions.length) return s;
  let meta = { ...s.meta };
  let signature = s.signature ? { ...s.signature } : null;
  const uncertain = new Set(meta.uncertain ?? []);
  const signUncertain = new Set(signature?.uncertain ?? []);
  for (const c of decisions) {
    const changed = c.after !== c.before;
    switch (c.field) {
      case 'type':
        meta.type = c.after === null ? null : DOC_TYPES.find((t) => t.name === c.after) ?? { code: '', name: c.after };
        break;
      case 'number': {
        meta.number = c.after;
        const parsed = c.after === null ? null : parseNumber(c.after);
        if (parsed) meta.numberSymbol = parsed.symbol;
        uncertain.delete('number');
        break;
      }
      case 'date': {
        meta.date = c.after;
        uncertain.delete('date');
        if (c.after !== null) {
          meta.year = +c.after.slice(0, 4);
          const { dateSuggestion: _offered, ...rest } = meta;
          meta = rest;
        }
        if (changed) {
          const { dateSource: _source, ...rest } = meta;
          meta = rest;
        }
        break;
      }
      case 'issuer':
        meta.issuer = c.after === null ? null : { name: c.after, parent: meta.issuer?.parent ?? null };
        break;
      case 'signer':
      case 'position': {
        if (!signature && c.after === null) break;
        signature ??= { authority: null, organ: null, position: null, name: null, provenance: { page: lastPlace.page, lineStart: lastPlace.line, lineEnd: lastPlace.line }, confidence: 1 };
        if (c.field === 'signer') {
          signature.name = c.after;
          signUncertain.delete('name');
          if (changed) {
            const { signerSource: _source, ...rest } = signature;
            signature = rest;
          }
        } else {
          signature.position = c.after;
          signUncertain.delete('position');
        }
        break;
      }
    }
  }
  const { uncertain: _u, ...metaRest } = meta;
  meta = uncertain.size ? { ...metaRest, uncertain: [...uncertain] } : metaRest;
  if (signature) {
    const { uncertain: _s, ...signRest } = signature;
    signature = signUncertain.size ? { ...signRest, uncertain: [...signUncertain] } : signRest;
  }
  return { ...s, meta, signature };
}

/** Where a signature block nobody found is put: the last line of the last page. */
export function lastPlace(result: DocumentResult): { page: number; line: number } {
  const page = result.pages.at(-1);
  return { page: page?.number ?? 1, line: Math.max(1, page?.lines.length ?? 1) };
}
