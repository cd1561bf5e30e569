/** Worker-thread entry: converts the files the batch hands it, one at a time. */
import { parentPort } from 'node:worker_threads';
import { convertFile, type BatchSettings } from './convert-file.js';
import type { InputFile } from './inputs.js';

parentPort?.on('message', async (msg: { id: number; file: InputFile; settings: BatchSettings }) => {
  try {
    // The pool fsyncs manifests in groups before it reports files done (group-sync.ts).
    parentPort!.postMessage({ id: msg.id, outcome: await convertFile(msg.file, msg.settings, { deferSync: true }) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
