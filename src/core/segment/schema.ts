/**
 * JSON contract of the structure stage (zod 4). `structureShape` is spread into the foundation's
 * DocumentResult; every node carries provenance (page, line range) and a confidence in [0, 1].
 */
import { z } from 'zod';
import { SECTION_KINDS } from './kinds.js';

export const provenanceSchema = z.object({
  page: z.number().int().min(1),
  lineStart: z.number().int().min(1),
  /** Last line on `page`. */
  lineEnd: z.number().int().min(1),
  /** Where the span ends when it runs on past `page` (a paragraph across a page break). */
  end: z.object({ page: z.number().int().min(1), line: z.number().int().min(1) }).optional(),
});
const confidence = z.number().min(0).max(1);

export const docTypeSchema = z.object({ code: z.string(), name: z.string() });
export const issuerSchema = z.object({ name: z.string(), parent: z.string().nullable() });

/** An e-signature: a PDF signature field, or the box a signing tool drew on the page (e-signatures.ts). */
export const eSignatureSchema = z.object({
  /** Who signed ("Ký bởi", the certificate's name): a person or an organisation. */
  signer: z.string().nullable(),
  /** Whether `signer` names a person rather than an organisation. */
  signerIsPerson: z.boolean(),
  organization: z.string().nullable(),
  email: z.string().nullable(),
  /** ISO 8601 when readable ("2025-09-12T10:15:23+07:00"), else as written. */
  time: z.string().nullable(),
  source: z.enum(['pdf-signature', 'page-overlay']),
  page: z.number().int().min(1),
  provenance: provenanceSchema.optional(),
});

export const metaSchema = z.object({
  type: docTypeSchema.nullable(),
  /** "192/BC-UBND". */
  number: z.string().nullable(),
  issuer: issuerSchema.nullable(),
  place: z.string().nullable(),
  date: z.iso.date().nullable(),
  /** The header's date as written ("ngày 31 tháng 4 năm 2023"); kept when it is no real day and `date` is null. */
  dateText: z.string().nullable(),
  title: z.string().nullable(),
  /** The national motto was found in the header. */
  motto: z.boolean(),
  /** The number's symbol ("TB-ĐHĐL"), read even when the digits were filled in by hand and are not legible (then `number` is null). */
  numberSymbol: z.string().nullable().optional(),
  /** The document's year: from its date, else the printed "năm 2025" of a date filled in by hand, else its number. */
  year: z.number().int().nullable().optional(),
  /** Header fields whose handwritten digits could not be read, for a person to check: kept in part (symbol, year, dateText), never dropped. */
  uncertain: z.array(z.enum(['number', 'date'])).optional(),
  /** Fields taken from an annex (its reference or header) because the document's header lacks them. */
  completedFrom: z.array(z.enum(['type', 'number', 'date', 'issuer', 'place'])),
  provenance: provenanceSchema.nullable(),
  confidence,
  /** E-signatures of the document: PDF signature fields and on-page signing boxes, kept out of the header, body and signature block. */
  eSignatures: z.array(eSignatureSchema).optional(),
  /**
   * Where `date` came from, given when the document has an e-signature time (signing-date.ts):
   * 'text' as read on the page, 'pen' the pen digits alone, 'pen+e-signature' the pen's readings
   * weighed with the signing day (still in `uncertain`).
   */
  dateSource: z.enum(['text', 'pen', 'pen+e-signature']).optional(),
  /**
   * A date offered for review, not read: the day the document was e-signed, when its handwritten
   * day could not be read (`date` stays null, 'date' stays in `uncertain`). A document is dated on
   * or shortly before the day it is signed.
   */
  dateSuggestion: z.object({ date: z.iso.date(), source: z.literal('e-signature'), signedAt: z.string() }).optional(),
});

export const paragraphSchema = z.object({
  /** Restored text. */
  text: z.string(),
  /** The text as read, before restoration. */
  original: z.string(),
  provenance: provenanceSchema,
  /** How sure the text is: share of its words the restorer did not flag for review, times the page's OCR confidence (segment stage). */
  confidence: confidence.optional(),
});

export const sectionKindSchema = z.enum(SECTION_KINDS);

export const sectionSchema = z.object({
  /** "II", "1", "2.1", "a", "-", "+", "Phần I", "Điều 3". */
  number: z.string(),
  marker: z.enum(['part', 'chapter', 'roman', 'article', 'arabic', 'decimal', 'decimal3', 'letter', 'dash', 'plus']),
  heading: z.string(),
  kind: sectionKindSchema,
  /** Depth in the tree, 1 for top-level sections. */
  level: z.number().int().min(1),
  paragraphs: z.array(paragraphSchema),
  get children() {
    return z.array(sectionSchema);
  },
  provenance: provenanceSchema,
  confidence,
});

export const closingSchema = paragraphSchema.extend({ confidence });

export const signatureSchema = z.object({
  /** "TM.", "KT.", "Q.", "TL.", "TUQ." (the first one written). */
  authority: z.string().nullable(),
  organ: z.string().nullable(),
  position: z.string().nullable(),
  name: z.string().nullable(),
  /** Where the name comes from: the printed block, or (printed name absent or not a name) an e-signature naming a person. */
  signerSource: z.enum(['printed', 'e-signature']).optional(),
  /** The name's line as OCR read it, when the name was read back against the names model (schema 1.4). */
  nameAsRead: z.string().optional(),
  /** Fields a person should confirm: 'name' when it was so repaired (schema 1.4). */
  uncertain: z.array(z.enum(['name', 'position'])).optional(),
  /** A police or army officer's rank printed before the name ("Trung tá", "Thiếu úy"; schema 1.6). */
  rank: z.string().optional(),
  provenance: provenanceSchema,
  confidence,
});

export const recipientsInfoSchema = z.object({ archive: z.string().nullable(), provenance: provenanceSchema, confidence });

export const tableSchema = z.object({
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** The same cells as read, before restoration. */
  originalRows: z.array(z.array(z.string())),
  provenance: provenanceSchema,
  confidence,
});

export const annexSchema = z.object({
  title: z.string(),
  subtitle: z.string().nullable(),
  /** "(Kèm theo Báo cáo số … ngày … của …)". */
  reference: z.string().nullable(),
  referenceInfo: z
    .object({ type: docTypeSchema.nullable(), number: z.string().nullable(), date: z.iso.date().nullable(), issuer: issuerSchema.nullable() })
    .nullable(),
  issuer: issuerSchema.nullable(),
  place: z.string().nullable(),
  date: z.iso.date().nullable(),
  tables: z.array(tableSchema),
  sections: z.array(sectionSchema),
  provenance: provenanceSchema,
  confidence,
});

export const figureSchema = z.object({
  value: z.number(),
  text: z.string(),
  unit: z.string(),
  phrase: z.string(),
  provenance: provenanceSchema,
  confidence,
});

export const structureShape = {
  meta: metaSchema,
  preamble: z.array(paragraphSchema),
  sections: z.array(sectionSchema),
  closing: closingSchema.nullable(),
  signature: signatureSchema.nullable(),
  recipients: z.array(z.string()),
  recipientsInfo: recipientsInfoSchema.nullable(),
  annexes: z.array(annexSchema),
  figures: z.array(figureSchema),
};
export const structureSchema = z.object(structureShape);

export type Structure = z.infer<typeof structureSchema>;
export type Meta = z.infer<typeof metaSchema>;
export type ESignatureNode = z.infer<typeof eSignatureSchema>;
export type SectionNode = z.infer<typeof sectionSchema>;
export type AnnexNode = z.infer<typeof annexSchema>;
export type FigureNode = z.infer<typeof figureSchema>;
