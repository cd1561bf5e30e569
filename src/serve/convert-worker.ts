/** Worker-thread entry of the service: answers conversion requests one at a time. */
import { parentPort } from 'node:worker_threads';
import { answer, type ConvertRequest } from './respond.js';

parentPort?.on('message', async (msg: { id: number; request: ConvertRequest }) => {
  try {
    parentPort!.postMessage({ id: msg.id, answer: await answer(msg.request) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
