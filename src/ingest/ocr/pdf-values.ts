/**
 * PDF values as the object reader parses them (with their type guards), and the reader's interface
 * as the per-page readers (layers, CCITT, sole image) use it: they take this interface, not the
 * class, so they need not import the module that imports them.
 */
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;
export interface PdfName { name: string }
export interface PdfRef { num: number; gen: number }
/** A string; `bytes` holds its decoded bytes as latin1 characters (escapes and hex undone). */
export interface PdfString { str: true; bytes?: string }
export type PdfDict = { [key: string]: PdfValue };

export interface PdfObjectReader {
  /** The value itself, or the object a reference points to. */
  get(v: PdfValue | undefined): PdfValue | undefined;
  /** A stream's bytes as stored (still in their filter's encoding). */
  streamBytes(ref: PdfRef): Uint8Array | undefined;
  dict(v: PdfValue | undefined): PdfDict | undefined;
  name(v: PdfValue | undefined): string | undefined;
}

export const isName = (v: PdfValue | undefined): v is PdfName => typeof v === 'object' && v !== null && 'name' in v;
export const isRef = (v: PdfValue | undefined): v is PdfRef => typeof v === 'object' && v !== null && 'num' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && !Array.isArray(v) && !('name' in v) && !('num' in v) && !('str' in v);
