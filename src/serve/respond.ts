/**
 * One conversion as an HTTP answer: status, media type and body. Used in the worker threads (text)
 * and in the main thread (scans, which share the OCR pool), so both answer alike.
 */
import type { BatchSettings } from '../batch/convert-file.js';
import { convertOne } from '../batch/convert-one.js';
import type { ConvertOptions } from '../pipeline/index.js';
import type { Format } from '../emit/formats.js';

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
  const one = await convertOne({ path: req.name, data: req.data }, req.format, req.settings, ingest);
  // A document that could not be read: 422 with its result, which says why.
  if (one.body === null) return { status: 422, type: RESPONSE_TYPES.json!, body: one.json };
  return { status: 200, type: RESPONSE_TYPES[req.format] ?? RESPONSE_TYPES.json!, body: one.body };
}
