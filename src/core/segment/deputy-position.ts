/**
 * The signer's position under "KT. X" when its own line was not read (Decree 30: the deputy signs
 * for the head).
 */
import { canonicalPosition, DEPUTY, isKnownPosition, tidy, type Signature } from './closing.js';
import { foldKey, inCaseOf, isUpperText } from './fold.js';
import type { SegLine } from './lines.js';

/** "KT. GIÁM ĐỐC" as a piece of a line (beside "Nơi nhận:" too): the superior's position after the mark, on the text. */
const DEPUTY_FOR = /(?:^|\s)K\s*\/?\s*T\s*[.,:]?\s+(\p{Lu}.*)$/u;

/**
 * The position of a signer under "KT. X" whose own position line was not read (under the seal):
 * Decree 30 has the deputy sign for the head, so the position is the head's deputy ("PHÓ GIÁM
 * ĐỐC"; under "KT. BỘ TRƯỞNG" a "THỨ TRƯỞNG"). Null when the block holds no "KT." line whose
 * position is one of the known signers' positions (followed by its unit or not), or when it names
 * a deputy already. The caller flags the position uncertain.
 */
export function deputyUnder(lines: readonly SegLine[], signature: Pick<Signature, 'authority' | 'position' | 'provenance'>): string | null {
  if (signature.authority !== 'KT.' || signature.position) return null;
  const { page, lineStart, lineEnd } = signature.provenance;
  for (const l of lines) {
    if (l.page !== page || l.lineStart < lineStart || l.lineEnd > lineEnd) continue;
    const m = DEPUTY_FOR.exec(l.text.normalize('NFC').trim());
    if (!m) continue;
    const head = canonicalPosition(tidy(m[1]!));
    const key = foldKey(head);
    if (DEPUTY.test(key) || !isKnownPosition(key)) continue;
    if (/^BO TRUONG\b/.test(key)) return inCaseOf('Thứ trưởng', head);
    return `${isUpperText(head) ? 'PHÓ' : 'Phó'} ${head}`;
  }
  return null;
}
