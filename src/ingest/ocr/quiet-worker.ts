/**
 * Tesseract's worker thread, wrapped so that what its native code prints reaches the user only
 * with the file it concerns. Leptonica and libpng/libjpeg, compiled to wasm inside tesseract.js,
 * print to the worker's console ("libpng error: Read Error", "Error in pixReadStreamJpeg: read
 * error at scanline 152", "Premature end of JPEG file"): lines that named no file and landed in
 * the middle of the batch's progress. The wrapper keeps them instead; when a job fails, they are
 * added to its error, which becomes the page's diagnostic (and the file's row); a job that
 * succeeds drops them (warnings about a page that was read all the same).
 */

/** The wrapper's source: an ES module that silences the console, then runs tesseract.js's own worker script. */
function wrapperSource(workerScript: string): string {
  return `
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
const lines = [];
const keep = (...args) => { lines.push(args.map(String).join(' ').trim()); if (lines.length > 12) lines.shift(); };
console.error = keep;
console.warn = keep;
console.log = keep;
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (packet) => {
  if (packet && packet.status === 'reject' && typeof packet.data === 'string' && lines.length) {
    packet = { ...packet, data: packet.data + ' (' + lines.filter(Boolean).join('; ') + ')' };
  }
  if (packet && (packet.status === 'resolve' || packet.status === 'reject')) lines.length = 0;
  post(packet);
};
const script = ${JSON.stringify(workerScript)};
createRequire(script)(script);
`;
}

/**
 * A worker "path" for tesseract.js's createWorker: a data: URL (Node's Worker accepts one; the
 * library passes workerPath through untouched), so the wrapper needs no file of its own, from
 * source and from the built package alike.
 */
export function quietWorkerUrl(workerScript: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(wrapperSource(workerScript))}`);
}
