/**
 * The signature block printed beside the recipients (Decree 30's two-column closing): its lines hold
 * both columns ("Nơi nhận:    TM. ỦY BAN NHÂN DÂN"), so the writers show it from the fields, the
 * recipients and then the signature, in place of those lines (document-blocks.ts).
 */
import type { DocumentResult } from '../core/schema.js';
import { foldText, type Provenance, within } from './block-text.js';

/** A paragraph of the result as the writers' blocks point at it. */
export interface Para { index: number; text: string; page: number; line: number }

/** The lines of a signature block: authority and organ, position, name. */
export function signerLines(s: NonNullable<DocumentResult['signature']>): string[] {
  return [[s.authority, s.organ].filter(Boolean).join(' '), s.position ?? '', s.name ?? ''].filter((l) => l !== '');
}

export interface SideBySideClosing {
  label: string;
  recipients: string[];
  /** Authority and organ, position, name: the lines of the signature block. */
  signer: string[];
  /** The paragraphs the two columns were read into, in order. */
  from: number[];
}

export function sideBySideClosing(result: DocumentResult, free: (prov: Provenance | null | undefined) => Para[]): SideBySideClosing | null {
  const info = result.recipientsInfo, signature = result.signature;
  if (!info || !signature || !result.recipients?.length) return null;
  const lines = free(info.provenance);
  if (!lines.some((p) => within(signature.provenance, p.page, p.line))) return null;
  const signer = signerLines(signature);
  const from = [...new Set([...lines, ...free(signature.provenance)].map((p) => p.index))].sort((a, b) => a - b);
  const label = lines.find((p) => /^noi nhan\b/.test(foldText(p.text)));
  return { label: label?.text.match(/^[^:]{1,12}:/)?.[0] ?? 'Nơi nhận:', recipients: result.recipients, signer, from };
}
