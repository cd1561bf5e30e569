/**
 * Worker-thread entry: converts the chunks of files the batch hands it (text-lane.ts), one file
 * at a time, and answers once per chunk. What it is converting, and since when, is written to
 * the shared state the pool's watchdog reads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { convertFile, tablesAsTheyCome, type FileOutcome } from './convert-file.js';
import { crashOutcome, RUNNING, STARTED, type ChunkAnswer, type ChunkMessage } from './text-lane.js';
import { remoteOcrPool, type OcrReply, type PoolShape } from '../ingest/ocr/ocr-bridge.js';

const data = workerData as { state: SharedArrayBuffer; ocr?: PoolShape };
const state = new Float64Array(data.state);
const queue: ChunkMessage[] = [];
let busy = false;
// A Word file's pictures are read on the batch's one OCR pool, not a pool made for the file.
const ocr = data.ocr && parentPort ? remoteOcrPool(parentPort, data.ocr) : undefined;

parentPort?.on('message', (msg: ChunkMessage | OcrReply) => {
  if ('ocrReply' in msg) return; // the OCR pool's answers (remoteOcrPool)
  queue.push(msg);
  if (!busy) void drain();
});

async function drain(): Promise<void> {
  busy = true;
  for (let msg = queue.shift(); msg; msg = queue.shift()) {
    const outcomes: FileOutcome[] = [];
    for (const job of msg.jobs) {
      state[STARTED] = Date.now();
      state[RUNNING] = job.i;
      try {
        // The pool fsyncs the records in groups before it reports files done (group-sync.ts), and
        // writes the batch tables from the rows carried back (tables-feed.ts).
        outcomes.push(await convertFile(job.file, msg.settings, { deferSync: true, carryRows: tablesAsTheyCome(msg.settings), ...(ocr ? { ingest: { ocr } } : {}) }));
      } catch (e) {
        outcomes.push(crashOutcome(job.file.display, e instanceof Error ? e.message : String(e)));
      }
      state[RUNNING] = -1;
    }
    const answer: ChunkAnswer = { chunk: msg.chunk, outcomes };
    parentPort!.postMessage(answer);
  }
  busy = false;
}

