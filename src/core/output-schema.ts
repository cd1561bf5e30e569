/**
 * The output contract in zod: every JSON file baocao writes is a `DocumentResult`, validated with
 * these schemas right before it is written (schema.ts, the module to import, adds the check and
 * the values that need no zod). `baocao schema` prints the JSON Schema made from them.
 * Bump SCHEMA_VERSION (schema-constants.ts) on any change a consumer could notice
 * (removed/renamed/retyped field), and after any change here run `npm run build:schema-plans`.
 */
import { z } from 'zod';
import { structureShape as segmentShape } from './segment/schema.js';
import { HEADER_FIELDS, SCHEMA_VERSION } from './schema-constants.js';

/**
 * Versions a reader of earlier output accepts: minor bumps only add optional fields (1.3:
 * meta.eSignatures, signature.signerSource; 1.4: correctedStructure, pages[].penFills,
 * signature.nameAsRead, signature.uncertain; 1.5: source.kind 'word'; 1.6: pages[].annotations,
 * pages[].marginLines, signature.rank, meta.dateSource, meta.dateSuggestion, pages[].penFills[].digitProbs;
 * 1.7: pages[].inkWords, signature.uncertain 'position'; 1.8: fieldCorrections, pages[].penValues, pages[].redLines).
 */
const READABLE_VERSION = /^1\.[0-8]$/;

/**
 * Structure fields (meta, preamble, sections, closing, signature, recipients, annexes, figures),
 * each optional: a document that could not be read, or was converted with segmentation off, has none.
 */
const structureShape = Object.fromEntries(
  Object.entries(segmentShape).map(([key, schema]) => [key, schema.optional()]),
) as { [K in keyof typeof segmentShape]: z.ZodOptional<(typeof segmentShape)[K]> };

const positiveInt = z.number().int().positive();

export const PlaceSchema = z.object({ page: positiveInt, line: positiveInt });

export const DiagnosticSchema = z.object({
  ruleId: z.string().min(1).describe("Stable id, '<area>/<rule>', e.g. 'ingest/empty'"),
  message: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info']),
  place: PlaceSchema.optional(),
});

export const SourceSchema = z.object({
  path: z.string().describe('Input path as given (relative to the batch base for the CLI)'),
  kind: z.enum(['text', 'pdf', 'image', 'word']),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 of the input bytes'),
  bytes: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  encoding: z.string().nullable().describe("Decoding used for text input; for Word files 'docx', 'doc' or 'rtf' (Rich Text is kind 'word'), for OpenDocument text (.odt, .fodt) 'odt', with '+tcvn3' or '+vni' when legacy-font text was decoded and an RTF's code page beyond windows-1252 ('rtf+cp1258'); null for PDFs and images"),
});

export const OcrWordSchema = z.object({
  text: z.string(),
  confidence: z.number(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  line: z.number().int().nonnegative(),
});

export const PenFillSchema = z.object({
  field: z.enum(['number', 'day', 'month']),
  line: positiveInt.describe('Line of the page holding the blank'),
  digits: z.string(),
  confidence: z.array(z.number().min(0).max(1)).describe('Probability of each digit'),
  ink: z.enum(['blue', 'dark']),
  digitProbs: z.array(z.array(z.number().min(0).max(1)).length(10)).optional().describe("Each read glyph's probabilities of the digits 0-9 (the model's other readings)"),
});

export const PageAnnotationSchema = z.object({
  subtype: z.string().min(1).describe("The PDF annotation's /Subtype: FreeText (a typed note on the page), Text (a sticky note), Stamp, Highlight, Underline, StrikeOut, Ink, …"),
  text: z.string().min(1).describe('The note (/Contents, else its rich text as plain text), its line breaks kept'),
  author: z.string().nullable().describe('Who wrote it (/T)'),
  modified: z.string().nullable().describe('When it was last changed (/M): ISO 8601 when readable'),
  rect: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional().describe("[x0, y0, x1, y1] in points in the page's PDF coordinates (origin bottom left, y up)"),
});

export const PageSchema = z.object({
  number: positiveInt,
  method: z.enum(['text', 'pdf-text', 'ocr']).describe('How the text of this page was obtained'),
  lines: z.array(z.string()).describe('Visual lines as read, without terminators'),
  confidence: z.number().min(0).max(100).optional(),
  words: z.array(OcrWordSchema).optional(),
  ocrEngine: z.enum(['wasm', 'native']).optional().describe('OCR engine that read this page: tesseract.js (wasm) or the system tesseract (native)'),
  turn: z.union([z.literal(90), z.literal(180), z.literal(270)]).optional().describe('Clockwise quarter turn the page image was given to read it upright; word boxes stay in the image as given'),
  penFills: z.array(PenFillSchema).optional().describe("Digits written by pen into the header's blanks, as the digit model read them (kept so the structure can be read again from corrected text)"),
  penValues: z.array(z.object({
    field: z.enum(['number', 'day', 'month']),
    line: positiveInt,
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    replaced: z.string(),
  })).optional().describe("Characters of text.restored written from the pen: the value a pen reading gave the header (meta.number, meta.date, still in meta.uncertain) put at its blank; [start, end) of the page's restored line `line`, `replaced` what the restored line held there (text.original keeps OCR's reading)"),
  annotations: z.array(PageAnnotationSchema).optional().describe("Notes the PDF carries on this page (markup annotations: typed notes, sticky notes, stamps, commented highlights): beside the document's text, never in text, paragraphs or the structure"),
  marginLines: z.array(positiveInt).optional().describe('Lines (1-based) that hold notes written by hand in the margin, read apart from the printed lines beside them; kept in the text, left out of the structure'),
  redLines: z.array(positiveInt).optional().describe("Lines (1-based) read from the red ink alone: print stamped in the seal's red beside it (a position, a name), which the seal's lift takes out of the image OCR reads; what the signature block takes from them alone is flagged in signature.uncertain"),
  inkWords: z.array(z.object({ line: positiveInt, text: z.string() })).optional().describe("Words OCR read from the seal or the handwritten signature over the signature block, not print: kept in lines, words and text.original, left out of text.restored and the paragraphs' restored text"),
});

export const ParagraphSchema = z.object({
  text: z.string(),
  restored: z.string().optional(),
  page: positiveInt,
  lineStart: positiveInt.describe('First visual line (1-based, within the page)'),
  lineEnd: positiveInt.describe('Last visual line (inclusive)'),
});

export const ReviewItemSchema = z.object({
  page: positiveInt,
  line: positiveInt,
  original: z.string(),
  restored: z.string(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.string()),
});

export const CorrectionSchema = z.object({
  page: positiveInt,
  line: positiveInt,
  start: z.number().int().nonnegative().describe('Offset of the word in the restored line (UTF-16 code units)'),
  end: z.number().int().nonnegative(),
  before: z.string().describe('The restored word as the machine wrote it'),
  after: z.string().describe('The word the person chose (equal to before when accepted as is)'),
  time: z.string(),
  action: z.enum(['alternative', 'typed', 'accepted']).optional(),
});

export const FieldCorrectionSchema = z.object({
  field: z.enum(HEADER_FIELDS),
  before: z.string().nullable().describe("The field as the machine read it (the top-level meta and signature), as the page showed it: the type's name, the number, the ISO date, the issuer's name, the signer's name, the position; null when none was read"),
  after: z.string().nullable().describe('The value the person set (equal to before when accepted as is); null when the person said the document has none'),
  time: z.string(),
  action: z.enum(['typed', 'accepted']),
});

/** The structure stage's fields read again from a person's corrected text, with that reading's own diagnostics. */
export const CorrectedStructureSchema = z.object({
  structureFrom: z.string(),
  ...segmentShape,
  diagnostics: z.array(DiagnosticSchema).describe('What the structure stage said on the corrected text'),
});

export const DocumentResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceSchema,
  text: z.object({
    original: z.string().describe('Exactly what was read, decoded; pages joined with form feeds'),
    restored: z.string().nullable().describe('Restored text, same lines and pages; null when not restored'),
    corrected: z.string().optional().describe("The restored text with a person's corrections (baocao review) applied; absent when there are none"),
  }),
  restoreMode: z.string().optional().describe("How the input was read by the restorer: 'stripped', 'ocr' (English-model OCR), 'vie-ocr' (Vietnamese-model OCR), 'clean', 'not-vietnamese' (another language: kept as read)"),
  pages: z.array(PageSchema),
  paragraphs: z.array(ParagraphSchema),
  review: z.array(ReviewItemSchema).optional().describe('Low-confidence restored words for a person to check'),
  corrections: z.array(CorrectionSchema).optional().describe("A person's decisions on restored words (baocao review), the last one per place; text.restored stays the machine's"),
  structureFrom: z.string().optional().describe("Which text the structure was read from: 'restored-lines', 'paragraphs' or 'original-lines'"),
  ...structureShape,
  fieldCorrections: z.array(FieldCorrectionSchema).optional().describe("A person's decisions on header fields (baocao review), the last one per field, those whose before still matches the machine's reading; applied in correctedStructure, the top-level fields stay the machine's"),
  correctedStructure: CorrectedStructureSchema.optional().describe("The structure read again from text.corrected by the same segment stage (baocao review), with the header fields a person set (fieldCorrections) over it; the top-level structure fields stay the machine's reading"),
  diagnostics: z.array(DiagnosticSchema),
});

export type DocumentResult = z.infer<typeof DocumentResultSchema>;

/** The output schema as a reader of saved results uses it: JSON written by an earlier 1.x is valid too. */
export const ReadableDocumentResultSchema = DocumentResultSchema.extend({ schemaVersion: z.string().regex(READABLE_VERSION) });
export type DiagnosticResult = z.infer<typeof DiagnosticSchema>;

/** JSON Schema (draft 2020-12) of the output, for `baocao schema`. */
export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DocumentResultSchema, { io: 'output' }) as Record<string, unknown>;
  return { ...schema, title: 'baocao DocumentResult', description: `baocao output, schema version ${SCHEMA_VERSION}` };
}
