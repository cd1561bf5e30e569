/**
 * One conversion as an HTTP answer: status, media type and body. Used in the worker threads (text)
 * and in the main thread (scans, which share the OCR pool), so both answer alike.
 */
import { convertOptions, withIngest, type BatchSettings } from '../batch/convert-file.js';
import { convert, type ConvertOptions } from '../pipeline/index.js';
import { DOCUMENT_WRITERS } from '../emit/document-writers.js';
import { documentJson } from '../emit/json.js';
import type { Format } from '../emit/formats.js';
import { statusOf } from '../emit/sheets.js';

export const RESPONSE_TYPES: Partial<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface ConvertRequest {
  name: string;
  data: Uint8Array;
  format: Format;
  settings: BatchSettings;
}

export interface Answer {
  status: number;
  type: string;
  body: string | Uint8Array;
}

export async function answer(req: ConvertRequest, ingest?: ConvertOptions['ingest']): Promise<Answer> {
  const result = await convert({ path: req.name, data: req.data }, withIngest(convertOptions(req.settings), ingest));
  const json = documentJson(result);
  // A document that could not be read: 422 with its result, which says why.
  if (statusOf(json.result).status === 'error') return { status: 422, type: RESPONSE_TYPES.json!, body: json.text };
  const writer = DOCUMENT_WRITERS[req.format];
  if (req.format === 'json' || !writer) return { status: 200, type: RESPONSE_TYPES.json!, body: json.text };
  const [file] = await writer({ result: json.result, json: json.text, source: req.data });
  return { status: 200, type: RESPONSE_TYPES[req.format]!, body: file!.data };
}
