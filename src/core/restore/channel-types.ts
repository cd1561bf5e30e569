/** The shapes the OCR channel, its emissions and its candidate table share (kept apart so none imports another for a type). */
export interface ChannelTables {
  /** ground-truth letter → [OCR substring, ln P] */
  emit: Record<string, [string, number][]>;
  /** OCR token → [ground-truth token, ln P(OCR token | ground truth)] */
  pairs: Record<string, [string, number][]>;
  /** ln P of an unseen single-letter substitution or deletion. */
  unseen: number;
  maxEmit: number;
}

/** Which small đ of a candidate stand for a capital Đ in the OCR token (its case pattern). */
export type CapitalD = 'none' | 'first' | 'all';

export interface ChannelCandidate {
  id: number;
  logP: number;
}
