import type { Diagnostic } from '../document.js';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'tcvn3' | 'tcvn5712-1' | 'vni' | 'viqr' | 'windows-1258' | 'viscii';

export const ENCODING_NAMES: readonly EncodingName[] = ['utf-8', 'utf-16le', 'utf-16be', 'tcvn3', 'tcvn5712-1', 'vni', 'viqr', 'windows-1258', 'viscii'];

export interface DecodeOptions {
  /** Skip detection and decode with this encoding. */
  encoding?: EncodingName;
}

export interface DecodeResult {
  /** NFC text; line breaks (CRLF, CR, LF) and form feeds exactly as in the input. */
  text: string;
  encoding: EncodingName;
  /** 0..1: how sure the detector is (1 for a BOM or an explicit encoding). */
  confidence: number;
  diagnostics: Diagnostic[];
}
