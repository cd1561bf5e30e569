/**
 * Worker-thread entry that reads one PDF at a time for pdf-thread-source.ts: opening it (the
 * objects reader's page scan and pdf.js), each page's text layer and image, and the signatures,
 * notes and encryption the objects reader finds. All of that is synchronous work that a hostile
 * file (a bogus cross-reference table, millions of drawing operators) can stretch to minutes; here
 * it cannot block the caller's event loop, and the caller terminates this thread when the file's
 * time is up.
 */
import { parentPort } from 'node:worker_threads';
import type { PdfThreadAnswer, PdfThreadCall, PdfNotes } from './pdf-thread-protocol.js';
import { PdfSource } from './pdf-source.js';
import { PdfObjects } from './pdf-object-reader.js';
import { pdfSignatures } from '../pdf-signatures.js';
import { pdfAnnotations } from '../pdf-annotations.js';

let source: PdfSource | undefined;
let data: Uint8Array | undefined;

// pdf.js's own worker code, loaded now (it is what pdf.js would import on its first document, in
// this thread: `pdfjsWorker` is where it looks first), so the first file's clock does not pay for it.
const PDFJS_WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs'; // untyped: named by a constant
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(PDFJS_WORKER);
// Loaded: the caller starts a file's clock from here, not from the thread's start.
parentPort?.postMessage({ id: -1, value: 'ready' } satisfies PdfThreadAnswer);

parentPort?.on('message', (call: PdfThreadCall) => {
  void run(call).then(
    ({ value, transfer }) => parentPort!.postMessage({ id: call.id, value } satisfies PdfThreadAnswer, transfer ?? []),
    (e: unknown) => {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      parentPort!.postMessage({ id: call.id, error } satisfies PdfThreadAnswer);
    },
  );
});

async function run(call: PdfThreadCall): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  switch (call.op) {
    case 'open': {
      await closeDocument();
      data = call.data;
      source = await PdfSource.open(data);
      return { value: { pageCount: source.pageCount, ...source.pageFacts() } };
    }
    case 'text':
      return { value: await opened().text(call.page) };
    case 'stampedText':
      return { value: await opened().stampedText(call.page) };
    case 'image': {
      const r = await opened().image(call.page, call.dpi);
      // Its own buffer: a scanner's JPEG is a view into the whole file, which a transfer would take
      // (a copy, not slice(): a Buffer's slice is a view too).
      const image = new Uint8Array(r.image);
      return { value: { ...r, image }, transfer: [image.buffer as ArrayBuffer] };
    }
    case 'notes':
      return { value: notes(data!) };
    case 'close':
      await closeDocument();
      return { value: null };
  }
}

function opened(): PdfSource {
  if (!source) throw new Error('no PDF is open in this thread');
  return source;
}

async function closeDocument(): Promise<void> {
  const s = source;
  source = undefined;
  data = undefined;
  await s?.close();
}

/** What the objects reader finds beside the pages; each part empty when it cannot be read. */
function notes(bytes: Uint8Array): PdfNotes {
  let objects: PdfObjects;
  try { objects = new PdfObjects(bytes); } catch { return { signatures: [], annotations: null, encryption: undefined }; }
  let annotations: PdfNotes['annotations'] = null;
  try { annotations = pdfAnnotations(objects); } catch { /* no notes */ }
  const e = objects.encryption;
  const encryption = e && (e.state === 'decryptable' ? { state: e.state, describe: e.describe } : { state: e.state, reason: e.reason });
  return { signatures: pdfSignatures(objects), annotations, encryption };
}
