/**
 * The signature block of a converted document against ../shared/real-scans/fields.json beyond the
 * signer's name: the position ("TRƯỞNG PHÒNG CTSV"), the authority mark of the TL./KT. line, and
 * the page the block is on. Compared as the set's README says (case, spaces and tone placement aside).
 */
import type { DocumentResult } from '../../src/core/schema.js';
import { squashField, type FieldOutcome, type RealFields } from './real-fields.js';

export interface BlockResult {
  /** The page has a signature block. */
  applicable: boolean;
  position: FieldOutcome;
  authority: FieldOutcome;
  page: FieldOutcome;
  foundPosition: string | null;
  /** The signer's name was repaired and said uncertain. */
  flagged: boolean;
}

type Expected = RealFields & { position?: string | null; authority?: string | null; signature_page?: number | null };

const outcome = (want: string | null | undefined, got: string | null | undefined): FieldOutcome =>
  want == null ? 'n/a' : got == null || got === '' ? 'missing' : squashField(want) === squashField(got) ? 'right' : 'wrong';

export function compareSignatureBlock(expected: RealFields, result: DocumentResult): BlockResult {
  const e = expected as Expected;
  const sig = result.signature as (DocumentResult['signature'] & { uncertain?: string[] }) | undefined | null;
  // "TL. HIỆU TRƯỞNG / KT. TRƯỞNG PHÒNG …": the mark that opens the first line.
  const mark = e.authority?.match(/^(TM|KT|TL|TUQ|Q)\./)?.[0] ?? null;
  return {
    applicable: e.signer != null,
    position: outcome(e.position, sig?.position),
    authority: outcome(e.authority == null ? null : mark, sig?.authority),
    page: outcome(e.signature_page == null ? null : String(e.signature_page), sig?.provenance ? String(sig.provenance.page) : null),
    foundPosition: sig?.position ?? null,
    flagged: !!sig?.uncertain?.includes('name'),
  };
}
