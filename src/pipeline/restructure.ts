/**
 * The structure read again from a person's corrected text (baocao review): a signer's name or a
 * document number corrected in the text must reach meta and signature. This runs the pipeline's
 * own stages (`STAGES`: segment, then page-numbers) over a working document rebuilt from the
 * saved result with the corrected text as its restored text; it is not a second copy of them.
 * Restoration and the table-cell stage are not run again: they would put the machine's words
 * back where the person changed them.
 */
import type { Corrected } from '../core/corrections.js';
import { lastPlace, withFieldValues } from '../core/field-corrections.js';
import type { Diagnostic, WorkingDocument } from '../core/document.js';
import { hasStructure, structureFields } from '../core/document-result.js';
import type { DocumentResult } from '../core/schema.js';
import { CORRECTED_STRUCTURE_KEYS } from '../core/schema-plans.js';
import { STAGES } from './index.js';
import type { ConvertOptions, StageOptions } from './options.js';

export type CorrectedStructure = NonNullable<DocumentResult['correctedStructure']>;

/** Stages that read the structure from the text, in pipeline order. */
const RESTRUCTURE = ['segment', 'page-numbers'];

/**
 * The structure of `result` read from `text` (its corrected text, same lines and pages as
 * `text.restored`), or null when the result has no structure to read again (converted with
 * --no-segment, or nothing read). Never throws: a failing stage is an `internal/<stage>` diagnostic.
 */
export async function readStructureAgain(result: DocumentResult, text: string, segment: ConvertOptions['segment'] = {}): Promise<CorrectedStructure | null> {
  if (!hasStructure(result) || segment === false) return null;
  const doc = workingDocument(result, text);
  const options: StageOptions = { segment, input: { path: result.source.path, data: new Uint8Array() } };
  for (const stage of STAGES.filter((s) => RESTRUCTURE.includes(s.name))) {
    try {
      await stage.run(doc, options);
    } catch (e) {
      doc.diagnostics.push({ ruleId: `internal/${stage.name}`, severity: 'error', message: `${stage.name} stage failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  if (doc.structure) keepPenValuesUncertain(doc.structure.meta, result, text);
  const fields = structureFields(doc);
  if (fields.meta === undefined) return null;
  return { ...(fields as Omit<CorrectedStructure, 'diagnostics'>), diagnostics: doc.diagnostics as CorrectedStructure['diagnostics'] };
}

/**
 * Corrections applied as before (core/corrections.ts), plus the structure read again: the JSON
 * keeps the machine's structure and gets `correctedStructure` beside it; the view the writers
 * render takes the re-read structure in place of the machine's. The header fields a person set
 * (`fieldCorrections`) are laid over the re-read: a field decision beats the text. A document
 * with field decisions and no word decision keeps the machine's structure under them.
 */
export async function withCorrectedStructure(corrected: Corrected, segment: ConvertOptions['segment'] = {}): Promise<Corrected> {
  const { correctedStructure: _old, ...json } = corrected.json;
  const { correctedStructure: _oldView, ...view } = corrected.view;
  const fields = json.fieldCorrections ?? [];
  const text = json.text.corrected;
  // The view: its restored text and paragraphs are the corrected ones. No word decided: the text is
  // the machine's, and so is its structure (nothing to read again).
  let again = text === undefined ? (fields.length && segment !== false ? machineStructure(view) : null) : await readStructureAgain(view, text, segment);
  if (!again) return { ...corrected, json, view };
  if (fields.length) again = withFieldValues(again, fields, lastPlace(view));
  const { diagnostics: _d, ...structure } = again;
  return { ...corrected, json: { ...json, correctedStructure: again }, view: { ...view, ...structure } };
}

/** The machine's structure as a corrected one (no word decided: nothing to read again), with the segment stage's diagnostics. */
function machineStructure(result: DocumentResult): CorrectedStructure | null {
  if (!hasStructure(result)) return null;
  const fields = Object.fromEntries(CORRECTED_STRUCTURE_KEYS.map((k) => [k, (result as Record<string, unknown>)[k]]));
  const diagnostics = result.diagnostics.filter((d) => d.ruleId.startsWith('segment/') || d.ruleId === 'internal/segment');
  return { ...(fields as Omit<CorrectedStructure, 'diagnostics'>), diagnostics };
}

/**
 * The working document as it stood before the segment stage: pages counted 1..k (stages count by
 * position; page-numbers puts the document's own numbers back), the corrected text as restored,
 * the review list, the PDF's signature fields (the overlays are read again from the lines).
 */
function workingDocument(result: DocumentResult, text: string): WorkingDocument {
  const numbers = result.pages.map((p) => p.number);
  const positional = numbers.every((n, i) => n === i + 1);
  const at = new Map(numbers.map((n, i) => [n, i + 1]));
  const pos = (page: number) => at.get(page) ?? page;
  return {
    source: { ...result.source },
    original: result.text.original,
    pages: result.pages.map((p, i) => ({
      number: i + 1,
      lines: p.lines,
      method: p.method,
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      ...(p.penFills ? { penFills: p.penFills } : {}),
      ...(p.annotations ? { annotations: p.annotations } : {}),
      ...(p.marginLines ? { marginLines: p.marginLines } : {}),
      ...(p.redLines ? { redLines: p.redLines } : {}),
    })),
    paragraphs: result.paragraphs.map((p) => ({ ...p, page: pos(p.page) })),
    diagnostics: [] as Diagnostic[],
    restored: text,
    ...(result.restoreMode !== undefined ? { restoreMode: result.restoreMode } : {}),
    ...(result.review ? { review: result.review.map((r) => ({ ...r, page: pos(r.page) })) } : {}),
    ...(pdfSignatures(result, pos)),
    ...(positional ? {} : { pageNumbers: numbers }),
  };
}

/**
 * The pen's digits the machine wrote into the restored text (pages[].penValues) read as legible
 * print from the corrected text: unless the person changed them, they are still the pen model's
 * reading, so their field stays uncertain.
 */
function keepPenValuesUncertain(meta: NonNullable<WorkingDocument['structure']>['meta'], result: DocumentResult, text: string): void {
  const restored = result.text.restored?.split('\f'), corrected = text.split('\f');
  result.pages.forEach((p, i) => {
    for (const v of p.penValues ?? []) {
      const before = restored?.[i]?.split('\n')[v.line - 1], after = corrected[i]?.split('\n')[v.line - 1];
      const field = v.field === 'number' ? 'number' : 'date';
      if (before === undefined || after === undefined || meta[field] === null) continue;
      // Unchanged: the line the same up to the digits' end, or from their start on (a change elsewhere on the line moves them).
      if (after.slice(0, v.end) !== before.slice(0, v.end) && !after.endsWith(before.slice(v.start))) continue;
      if (!meta.uncertain?.includes(field)) meta.uncertain = [...(meta.uncertain ?? []), field];
    }
  });
}

function pdfSignatures(result: DocumentResult, pos: (page: number) => number): Pick<WorkingDocument, 'eSignatures'> {
  const fields = (result.meta?.eSignatures ?? []).filter((s) => s.source === 'pdf-signature');
  return fields.length ? { eSignatures: fields.map((s) => ({ ...s, page: pos(s.page), ...(s.provenance ? { provenance: { ...s.provenance, page: pos(s.provenance.page) } } : {}) })) } : {};
}
