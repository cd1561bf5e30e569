/**
 * A signature block's position or name read from the seal's red ink alone (`Page.redLines`: print
 * stamped in red beside the seal, which the seal's lift takes out of the image OCR reads): only the
 * red channel says it, so it is flagged for a person to confirm (signature.uncertain).
 */
import type { Diagnostic } from '../document.js';
import { foldKey } from './fold.js';
import type { SegLine } from './lines.js';
import type { Structure } from './schema.js';

/** Flags the signature's position and name that stand on a red line of its page, and says so. */
export function flagRedOnly(signature: Structure['signature'], lines: readonly SegLine[], redLines: ReadonlySet<string>): Diagnostic[] {
  if (!signature || redLines.size === 0) return [];
  const { page, lineStart, lineEnd } = signature.provenance;
  const red = lines.filter((l) => l.page === page && l.lineStart >= lineStart && l.lineStart <= lineEnd && redLines.has(`${l.page}:${l.lineStart}`));
  const on = (value: string | null) => value !== null && red.find((l) => l.key.includes(foldKey(value.normalize('NFC'))));
  const flagged: ('position' | 'name')[] = [];
  const out: Diagnostic[] = [];
  for (const field of ['position', 'name'] as const) {
    const line = on(signature[field]);
    if (!line || signature.uncertain?.includes(field)) continue;
    flagged.push(field);
    out.push({ ruleId: 'segment/red-print-signer', severity: 'warning', place: { page, line: line.lineStart }, message: `the signer's ${field} "${signature[field]}" was read from the seal's red ink alone (print stamped in red beside the seal): confirm it (signature.uncertain)` });
  }
  if (flagged.length) signature.uncertain = [...(signature.uncertain ?? []), ...flagged];
  return out;
}
