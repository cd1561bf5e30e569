/** The messages between pdf-thread-source.ts and its worker thread, pdf-thread.ts. */
import type { PageAnnotation } from '../../core/document.js';
import type { ESignature } from '../../core/segment/e-signatures.js';
import type { PageLayers } from './pdf-page-layers.js';

export type PdfThreadCall = { id: number } & (
  | { op: 'open'; data: Uint8Array }
  | { op: 'text' | 'stampedText'; page: number }
  | { op: 'image'; page: number; dpi: number }
  | { op: 'notes' | 'close' }
);

export type PdfThreadAnswer = { id: number; value?: unknown; error?: { name: string; message: string } };

export interface PdfOpened {
  pageCount: number;
  /** Per page, whether it has fonts; empty when unknown (PdfSource.mayHaveText). */
  fonts: boolean[];
  /** Per page, what lies under its text layer; empty when unknown. */
  layers: (PageLayers | undefined)[];
}

/** The file's e-signatures, its notes per page (null: unreadable) and its encryption, as the objects reader finds them. */
export interface PdfNotes {
  signatures: ESignature[];
  annotations: PageAnnotation[][] | null;
  encryption: { state: 'decryptable'; describe: string } | { state: 'unsupported'; reason: string } | undefined;
}
