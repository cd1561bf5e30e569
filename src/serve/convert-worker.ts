/**
 * Worker-thread entry of the service: answers conversion requests one at a time. A scan's page
 * readings go to the main thread's shared OCR pool (ocr-bridge.ts); everything else of it, the
 * image work included, runs here.
 */
import { parentPort } from 'node:worker_threads';
import type { OcrPool } from '../ingest/ocr/pool.js';
import { remoteOcrPool } from '../ingest/ocr/ocr-bridge.js';
import { answer } from './respond.js';
import type { WorkerJob } from './workers.js';
import { movable } from './movable.js';

let pool: OcrPool | undefined;

parentPort?.on('message', async (msg: WorkerJob | { ocrReply: number }) => {
  if (!('request' in msg)) return;
  try {
    // The request's time limit is the main thread's (it terminates this worker): no OCR clock here.
    const ingest = msg.scan ? { ocr: (pool ??= remoteOcrPool(parentPort!, msg.scan)), ocrTimeoutMs: Infinity, ...(msg.scan.pdfTimeoutMs ? { pdfTimeoutMs: msg.scan.pdfTimeoutMs } : {}) } : undefined;
    const reply = await answer(msg.request, ingest);
    parentPort!.postMessage({ id: msg.id, answer: reply }, movable(reply.body));
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
