/**
 * One document in, one format out: the conversion and writers a batch runs, without the files.
 * `convert -o -` and the HTTP service both answer through it, so they answer alike.
 */
import { convert, type ConvertOptions } from '../pipeline/index.js';
import { DOCUMENT_WRITERS } from '../emit/document-writers.js';
import type { Format } from '../emit/formats.js';
import { checkedDocumentJson } from '../emit/json-checked.js';
import { statusOf, type DocumentStatus } from '../emit/sheets.js';
import { convertOptions, withIngest, type BatchSettings } from './convert-file.js';
import { ocrTimeLimit, timeLimitMs } from './time-limit.js';

export interface OneDocument {
  status: DocumentStatus;
  /** "ruleId: message" of the first error, '' when none. */
  error: string;
  /** The checked JSON text (what a failed document says about itself). */
  json: string;
  /** The asked format's bytes; null when nothing could be read. */
  body: string | Uint8Array | null;
}

export async function convertOne(input: { path: string; data: Uint8Array }, format: Format, settings: BatchSettings, ingest?: ConvertOptions['ingest']): Promise<OneDocument> {
  const json = await checkedDocumentJson(await convert(input, withIngest(await convertOptions(settings), { pdfTimeoutMs: timeLimitMs(input.data.length, settings.timeoutSeconds), ...ocrTimeLimit(input.data.length, settings.timeoutSeconds), ...ingest })));
  const { status, error } = statusOf(json.result);
  if (status === 'error') return { status, error, json: json.text, body: null };
  const writer = DOCUMENT_WRITERS[format];
  if (format === 'json' || !writer) return { status, error, json: json.text, body: json.text };
  const [file] = await writer({ result: json.result, json: json.text, source: input.data });
  return { status, error, json: json.text, body: file!.data };
}
