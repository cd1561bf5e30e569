/**
 * `baocao serve`: the conversion pipeline as an HTTP service (fastify), for tools in other
 * languages. The model and the OCR pool are made once and shared by every request; conversions
 * are admitted by Admission (bounded in flight and queued; 503 with Retry-After past that);
 * bodies over the limit get 413. The same convert() and writers as the CLI: no second pipeline.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BatchSettings } from '../batch/convert-file.js';
import { detectKind } from '../pipeline/index.js';
import { documentJsonSchema, SCHEMA_VERSION } from '../core/schema.js';
import type { OcrPool } from '../ingest/ocr/pool.js';
import type { OcrEngineChoice } from '../ingest/ocr/engine-choice.js';
import { loadModel } from '../model/load.js';
import { adaptationFileHash, loadAdaptation } from '../model/adaptation-file.js';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Admission, type Ticket } from './admission.js';
import { decodedBody } from './body-encoding.js';
import { formBoundary, formFiles } from './form-upload.js';
import { Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import type { Answer } from './respond.js';
import { ConvertWorkers, TimeoutError } from './workers.js';
import { USER_RESTORE_INPUTS } from '../core/restore/inputs.js';

export interface ServeOptions {
  /** Largest body accepted, in bytes (default 100 MB). */
  bodyLimit?: number;
  /** Conversions running at once (default 2: one per core) and waiting (default 8). */
  inFlight?: number;
  queue?: number;
  /** Longest wait for a slot before 503 (default 30 s). */
  maxWaitMs?: number;
  /** Longest conversion before 504 (default 300 s). */
  timeoutMs?: number;
  /**
   * Longest a PDF's reading (pdf.js, in its own thread; not OCR) may take before the request gets
   * 422 with `ingest/pdf-timeout` (default: as convert --timeout, 120 s + 20 s per MiB).
   */
  pdfTimeoutMs?: number;
  /**
   * Longest time to receive a whole request, head and body (default 120 s): a client that
   * trickles its body or stops sending gets 408 instead of holding a socket for ever.
   */
  requestTimeoutMs?: number;
  /** OCR engine of the shared pool: wasm (default), native or auto (as convert --ocr-engine). */
  ocrEngine?: OcrEngineChoice;
  /** An archive's adaptation (archive.json from `baocao learn`) for every restoration; a bad file throws here, before serving. */
  adapt?: string;
}

const FORMAT_NAMES = ['json', 'txt', 'md', 'docx', 'pdf'] as const;

export const ConvertQuery = z.object({
  name: z.string().max(1024).default('document'),
  input: z.enum(USER_RESTORE_INPUTS).default('auto'),
  restore: z.enum(['true', 'false']).default('true'),
  segment: z.enum(['true', 'false']).default('true'),
  format: z.enum(FORMAT_NAMES).default('json'),
  ocr: z.enum(['auto', 'force', 'never']).default('auto'),
  noiseStop: z.enum(['true', 'false']).default('true'),
}).strict();

/** "encoding: not an option here; the options are name, input, …": an option of the CLI that the service lacks is said, never ignored. */
function queryProblems(issues: z.core.$ZodIssue[], query: Record<string, unknown>): string {
  return issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `${i.keys.join(', ')}: not ${i.keys.length === 1 ? 'an option' : 'options'} of /v1/convert (its options are ${Object.keys(ConvertQuery.shape).join(', ')})`;
    // `format=txt&format=json` arrives as an array, which zod calls an invalid option.
    const given = query[String(i.path[0])];
    if (Array.isArray(given)) return `${i.path.join('.')}: given ${given.length} times (${given.join(', ')}); give it once`;
    return `${i.path.join('.')}: ${i.message}`;
  }).join('; ');
}

export async function buildServer(options: ServeOptions = {}): Promise<FastifyInstance> {
  const admission = new Admission({ inFlight: options.inFlight ?? 2, queue: options.queue ?? 8, maxWaitMs: options.maxWaitMs ?? 30_000 });
  const metrics = new Metrics();
  const requestTimeout = options.requestTimeoutMs ?? 120_000;
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 100 * 1024 * 1024,
    logger: false,
    // fastify's default is no limit at all. Node reads the limit when the server is made (set
    // later it is ignored) and checks it every connectionsCheckingInterval.
    requestTimeout,
    http: { requestTimeout, headersTimeout: Math.min(60_000, requestTimeout), connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))) },
  });
  // Any body is a document's bytes: text, PDF or image, whatever the client calls it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  let model: ReturnType<typeof loadModel> | undefined;
  let modelProblem: string | null = null;
  try {
    model = loadModel();
  } catch (e) {
    modelProblem = (e as Error).message;
  }
  // Checked before serving (AdaptationFileError); worker threads load it once each, by path.
  const adapt = options.adapt === undefined ? undefined : (loadAdaptation(options.adapt), { path: resolve(options.adapt), sha256: adaptationFileHash(options.adapt) });
  const inFlight = options.inFlight ?? 2;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const workers = new ConvertWorkers(inFlight, timeoutMs);
  let ocr: OcrPool | undefined;
  const ocrPool = async (): Promise<OcrPool> => {
    if (ocr) return ocr;
    // sharp is loaded here too, as its docs ask of worker threads: its libraries then stay loaded
    // when a worker that used them is terminated (glibc would unload them under the others).
    await import('sharp').catch(() => undefined);
    ocr ??= (await import('../ingest/ocr/engine.js')).createOcrEngineForFile({ jobs: inFlight, pageTimeoutMs: timeoutMs, engine: options.ocrEngine });
    return ocr;
  };
  app.addHook('onClose', async () => {
    await Promise.all([ocr?.terminate(), workers.close()]);
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.request(req.routeOptions.url ?? 'unknown', reply.statusCode, reply.elapsedTime / 1000);
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = error.statusCode ?? 500;
    const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `the body is over the limit of ${app.initialConfig.bodyLimit} bytes` : status >= 500 ? 'internal error' : error.message;
    void reply.code(status).send({ error: message });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ready = model !== undefined;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', model: ready ? 'loaded' : modelProblem, ocr: ocr ? 'started' : 'starts with the first scan' });
  });
  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(metrics.text({ inFlight: admission.active, queued: admission.queued })));
  app.get('/v1/schema', async () => documentJsonSchema());
  app.get('/v1/openapi.json', async () => openApiDocument(SCHEMA_VERSION, documentJsonSchema()));

  // A request takes its place (a slot, or one in the queue) from its head, before its body is read:
  // a body is only received once it will be converted, so at most --in-flight bodies are held in
  // memory and a refused client has not sent its upload for nothing (14 uploads of 90 MB at once
  // took 3.4 GB when every body was read first).
  const tickets = new WeakMap<FastifyRequest, Ticket>();
  const admit = async (req: FastifyRequest, reply: FastifyReply) => {
    const ticket = await admission.enter();
    if (!ticket) return busy(reply);
    tickets.set(req, ticket);
  };
  const release = async (req: FastifyRequest) => tickets.get(req)?.release();
  // A compressed body is decompressed within the body limit (body-encoding.ts).
  const decode = async (req: FastifyRequest, _reply: FastifyReply, payload: Readable) => decodedBody(payload, req.headers['content-encoding'], app.initialConfig.bodyLimit ?? 1024 * 1024);
  app.post('/v1/convert', { onRequest: [anyContentType, admit], preParsing: decode, onResponse: release, onRequestAbort: release }, async (req, reply) => {
    const ticket = tickets.get(req)!;
    const query = ConvertQuery.safeParse(req.query ?? {});
    if (!query.success) return reply.code(400).send({ error: queryProblems(query.error.issues, (req.query ?? {}) as Record<string, unknown>) });
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) return reply.code(400).send({ error: 'send the document as the request body' });
    let body: Buffer = req.body;
    let name = query.data.name;
    const boundary = formBoundary(req.headers['content-type']);
    if (boundary !== null) {
      // A form upload (curl -F file=@x.pdf): its one file is the document, its filename the name unless ?name= says otherwise.
      const files = formFiles(body, boundary);
      if (typeof files === 'string' || files.length !== 1) {
        const problem = typeof files === 'string' ? files : `the form carries ${files.length} files`;
        return reply.code(400).send({ error: `${problem}: send one file, as the form's only file or as the raw body (curl --data-binary @file)` });
      }
      body = files[0]!.data;
      if (body.length === 0) return reply.code(400).send({ error: "the form's file is empty" });
      if (files[0]!.filename && (req.query as { name?: unknown } | undefined)?.name === undefined) name = files[0]!.filename.slice(0, 1024);
    }
    // The conversion is cancelled when its time is up or its client leaves: the scan's pages leave
    // the shared OCR pool (workers dropped, processes killed) instead of keeping the next request waiting.
    const cancel = new AbortController();
    const left = () => {
      if (!reply.raw.writableFinished) cancel.abort(new ClientGoneError('the client closed the connection before the answer'));
    };
    reply.raw.on('close', left);
    try {
      const q = query.data;
      const settings: BatchSettings = { outDir: '', formats: [q.format], resume: false, restore: q.restore === 'true', segment: q.segment === 'true', restoreInput: q.input, ocrMode: q.ocr, ...(q.noiseStop === 'false' ? { noiseStop: false } : {}), ...(adapt ? { adapt } : {}) };
      // A view of the body, not a copy of up to --body-limit bytes.
      const request = { name, data: new Uint8Array(body.buffer, body.byteOffset, body.length), format: q.format, settings };
      // Every document is converted in a worker thread, a scan's image work included (straightening
      // a 144-megapixel page held this thread ~2 s); a scan's pages are read on the OCR pool shared
      // by every request (ocr-bridge.ts), and a PDF's own reading goes to a PDF thread
      // (ingest/ocr/pdf-thread-source.ts). The worker is bounded by the request's limit (504).
      const kind = detectKind(request.data, name);
      // A Word file may be pasted scans (ingest/word-pictures.ts): it gets the pool too, whose engines start only when a page is asked.
      const scan = kind === 'text' ? undefined : { pool: await ocrPool(), ...(options.pdfTimeoutMs ? { pdfTimeoutMs: options.pdfTimeoutMs } : {}) };
      const reading: Promise<Answer> = workers.run(request, cancel.signal, scan);
      const a = await reading;
      return reply.code(a.status).type(a.type).send(typeof a.body === 'string' ? a.body : Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength));
    } catch (e) {
      if (e instanceof TimeoutError) return reply.code(504).send({ error: e.message });
      // Nobody reads this answer: 499 as nginx logs a client that left, for /metrics.
      if (cancel.signal.reason instanceof ClientGoneError) return reply.code(499).send({ error: cancel.signal.reason.message });
      throw e;
    } finally {
      reply.raw.off('close', left);
      ticket.release();
    }
  });
  // A known route asked with another method: 405 with the methods it has (Allow), not 404.
  app.setNotFoundHandler(async (req, reply) => {
    const url = req.url.split('?')[0]!;
    const allow = HTTP_METHODS.filter((method) => app.hasRoute({ url, method }));
    if (!allow.length) return reply.code(404).send({ error: `no route ${req.method} ${url}` });
    return reply.code(405).header('Allow', allow.join(', ')).send({ error: `${req.method} is not allowed on ${url}: use ${allow.join(' or ')}` });
  });
  return app;

  function busy(reply: FastifyReply) {
    return reply.code(503).header('Retry-After', '5').send({ error: `busy: ${admission.active} conversions running and ${admission.queued} waiting; try again shortly` });
  }
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** type/subtype with optional parameters, as fastify accepts it. */
const MEDIA_TYPE = /^\s*[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(;.*)?$/;

/**
 * The body is the document whatever the client calls it, so a Content-Type that is not a media
 * type at all ("", "garbage", ";;;") is read as bytes too, instead of fastify's bare 415.
 */
async function anyContentType(req: FastifyRequest): Promise<void> {
  const type = req.headers['content-type'];
  if (type !== undefined && !MEDIA_TYPE.test(type)) req.headers['content-type'] = 'application/octet-stream';
}

class ClientGoneError extends Error {}
