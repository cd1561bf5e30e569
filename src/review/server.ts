/**
 * `baocao review <out-dir>`: a local web app (fastify) over a converted output folder, for a
 * person to check the words the restorer was unsure of. Serves its own page and scripts
 * (review-ui/, no CDN) and the folder's documents by output name from the manifests' list, never
 * a path from the request. Every POST carries a token handed out with the page (403 without it);
 * bodies over a few KB are refused (413). A decision (a word's, or a header field's) is appended
 * to corrections.jsonl and fsync'd, the document's outputs are written again, and only then is
 * the page told it is saved.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { applyCorrections, latestCorrections, restoredLines, reviewTargets, type ReviewTarget } from '../core/corrections.js';
import type { DocumentResult } from '../core/schema.js';
import { fieldValue, isHeaderField, HEADER_FIELDS, parseFieldValue } from '../core/field-corrections.js';
import { hasStructure } from '../core/schema.js';
import { ReviewFolder, appendCorrection, findSource, readCorrections, readDocument, type ReviewDocument } from './folder.js';
import { correctionsFor, fieldCorrectionsFor, type LoggedDecision } from '../batch/corrections-log.js';
import { fieldViews } from './field-view.js';
import { batchTableFormats, markTablesPending, rewriteBatchTables, rewriteDocument } from './rewrite.js';

export interface ReviewOptions {
  /** Largest POST body, in bytes (default 16 KB: a decision is a few hundred bytes). */
  bodyLimit?: number;
  /** Only these Host names are answered (DNS rebinding); default: any. */
  allowedHosts?: string[];
  /** Quiet time after a decision before the batch tables are rebuilt (default 1.5 s). */
  tablesDelayMs?: number;
}

const UI_DIR = new URL('../../review-ui/', import.meta.url);
const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'fields.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };
const MAX_TOKENS = 1000;

const Decision = z.object({
  name: z.string().min(1).max(4096),
  index: z.number().int().nonnegative(),
  after: z.string().max(200).refine((s) => !/[\r\n\f]/.test(s), 'a word cannot hold a line break'),
  action: z.enum(['alternative', 'typed', 'accepted']),
});

/** A header field set (typed) or confirmed as shown (accepted); the value is checked per field (core/field-corrections.ts). */
const FieldDecision = z.object({
  name: z.string().min(1).max(4096),
  field: z.string().max(40),
  after: z.string().max(2000),
  action: z.enum(['typed', 'accepted']),
});
type FieldDecisionBody = z.infer<typeof FieldDecision>;

/** What is wrong with a field decision's field or value (400), or null. */
function fieldProblem(d: FieldDecisionBody): string | null {
  if (!isHeaderField(d.field)) return `field: unknown field '${d.field}' (one of ${HEADER_FIELDS.join(', ')})`;
  const parsed = parseFieldValue(d.field, d.after);
  return parsed.ok ? null : parsed.error;
}

export async function buildReviewServer(outDir: string, options: ReviewOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 16 * 1024, logger: false });
  // One index of the folder for the server's life: a request reads only what the logs gained since.
  const folder = new ReviewFolder(outDir);
  let docs = folder.documents();
  // One token per page load (tab); the oldest are forgotten past MAX_TOKENS.
  const tokens = new Set<string>();
  // Decisions are applied one at a time: two tabs never write the same outputs at once.
  let queue: Promise<unknown> = Promise.resolve();
  const tables = new TableRebuilds(outDir, () => docs.values(), options.tablesDelayMs ?? 1500);
  app.addHook('onClose', async () => tables.flush());

  app.addHook('onRequest', async (req, reply) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (options.allowedHosts && !options.allowedHosts.includes(host)) return reply.code(403).send({ error: `host '${host}' is not served` });
    void reply.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'").header('X-Content-Type-Options', 'nosniff');
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = error.statusCode ?? 500;
    const message = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? `the body is over the limit of ${app.initialConfig.bodyLimit} bytes` : status >= 500 ? `internal error: ${error.message}` : error.message;
    void reply.code(status).send({ error: message });
  });

  app.get('/', async (_req, reply) => {
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    if (tokens.size > MAX_TOKENS) tokens.delete(tokens.values().next().value!);
    const html = readFileSync(new URL('index.html', UI_DIR), 'utf8').replace('__TOKEN__', token);
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  });
  app.get<{ Params: { file: string } }>('/assets/:file', async (req, reply) => {
    const type = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!type) return reply.code(404).send({ error: 'not found' });
    return reply.type(type).send(readFileSync(new URL(req.params.file, UI_DIR)));
  });

  app.get('/api/documents', async () => {
    docs = folder.documents();
    const decided = decidedBySha(outDir);
    const list = [...docs.values()].map((d) => {
      const total = d.manifest.row.review ?? 0;
      const done = Math.min(total, decided.get(d.manifest.sha256)?.size ?? 0);
      return { name: d.name, path: d.manifest.row.path, title: d.manifest.row.structure?.title ?? '', kind: d.manifest.row.kind, review: total, decided: done, left: total - done };
    });
    return list.sort((a, b) => b.left - a.left || a.path.localeCompare(b.path));
  });

  app.get<{ Querystring: { name?: string } }>('/api/document', async (req, reply) => {
    const doc = lookup(req.query.name);
    if (!doc) return reply.code(404).send({ error: 'no such document in this folder' });
    return documentView(outDir, doc);
  });

  app.get<{ Querystring: { name?: string; page?: string } }>('/api/image', async (req, reply) => {
    const doc = lookup(req.query.name);
    if (!doc) return reply.code(404).send({ error: 'no such document in this folder' });
    const result = readDocument(outDir, doc);
    const source = result.source.kind === 'image' ? findSource(outDir, doc, result) : null;
    if (!source) return reply.code(404).send({ error: 'the scanned input is not where it was converted from' });
    // Pages keep the scan's own numbers (a TIFF read with --pages 3-4 has pages 3 and 4).
    const numbers = result.pages.map((p) => p.number);
    const asked = req.query.page ?? '1';
    const page = /^\d+$/.test(asked) ? Number(asked) : NaN;
    if (!numbers.includes(page)) return reply.code(404).send({ error: `no page ${JSON.stringify(asked)}: the scan has ${numbers.length === 1 ? `1 page read (${numbers[0]})` : `pages ${numbers.join(', ')} read`}` });
    const sharp = (await import('sharp')).default;
    return reply.type('image/png').send(await sharp(source, { page: page - 1 }).png().toBuffer());
  });

  // Both kinds of decision go through one guard: the tab's token, the body's shape, the document by name, one at a time.
  const post = <T extends { name: string }>(url: string, schema: z.ZodType<T>, check: (body: T) => string | null, run: (doc: ReviewDocument, body: T) => Promise<unknown>) =>
    app.post(url, async (req, reply) => {
      const token = req.headers['x-baocao-token'];
      if (typeof token !== 'string' || !tokens.has(token)) return reply.code(403).send({ error: 'missing or unknown session token: reload the page' });
      const body = schema.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ error: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      const problem = check(body.data);
      if (problem) return reply.code(400).send({ error: problem });
      const doc = lookup(body.data.name);
      if (!doc) return reply.code(404).send({ error: 'no such document in this folder' });
      const done = queue.then(() => run(doc, body.data));
      queue = done.catch(() => undefined);
      return done;
    });
  post('/api/decide', Decision, () => null, decide);
  post('/api/decide-field', FieldDecision, fieldProblem, decideField);

  return app;

  function lookup(name: unknown): ReviewDocument | undefined {
    if (typeof name !== 'string') return undefined;
    return docs.get(name) ?? (docs = folder.documents()).get(name);
  }

  async function decide(doc: ReviewDocument, d: z.infer<typeof Decision>) {
    const result = readDocument(outDir, doc);
    const target = reviewTargets(result)[d.index];
    if (!target || target.start === null || target.end === null) throw Object.assign(new Error('that word has no place in the restored text'), { statusCode: 409 });
    const time = new Date().toISOString();
    return logged(doc, { sha256: result.source.sha256, document: doc.name, page: target.page, line: target.line, start: target.start, end: target.end, before: target.restored, after: d.after, time, action: d.action });
  }

  async function decideField(doc: ReviewDocument, d: FieldDecisionBody) {
    const result = readDocument(outDir, doc);
    if (!hasStructure(result)) throw Object.assign(new Error('this document has no header read (converted with --no-segment, or nothing was read)'), { statusCode: 409 });
    const parsed = isHeaderField(d.field) ? parseFieldValue(d.field, d.after) : null;
    if (!parsed?.ok || !isHeaderField(d.field)) throw Object.assign(new Error(fieldProblem(d) ?? 'bad field decision'), { statusCode: 400 });
    // `before` is the machine's reading: the decision goes stale if a new conversion reads the field otherwise.
    const before = fieldValue({ meta: result.meta, signature: result.signature }, d.field);
    return logged(doc, { kind: 'field', sha256: result.source.sha256, document: doc.name, field: d.field, before, after: parsed.value, time: new Date().toISOString(), action: d.action });
  }

  /** The decision appended and fsync'd, then the outputs written again from the whole log. */
  async function logged(doc: ReviewDocument, line: LoggedDecision) {
    appendCorrection(outDir, line);
    // Saved from here on: the outputs are rewritten from the log, now or at the next decision.
    let outputs: string = 'rewritten';
    try {
      const outcome = await rewriteDocument(outDir, doc);
      if (batchTableFormats(outDir).length) {
        markTablesPending(outDir);
        tables.later();
      }
      const problems = [...outcome.kept, ...(tables.problem ? [`batch tables: ${tables.problem}`] : [])];
      if (problems.length) outputs = problems.join('; ');
    } catch (e) {
      outputs = `not rewritten: ${(e as Error).message}`;
    }
    return { saved: true, time: line.time, outputs };
  }
}

/** The batch tables rebuilt once decisions pause (and when the server closes), one rebuild at a time. */
class TableRebuilds {
  private dirty = false;
  private running: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last rebuild's problem, told with the next decision. */
  problem: string | null = null;

  constructor(private readonly outDir: string, private readonly docs: () => Iterable<ReviewDocument>, private readonly delayMs: number) {}

  later(): void {
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.start(), this.delayMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    while (this.dirty || this.running) await (this.running ?? this.start());
  }

  private start(): Promise<void> {
    this.running ??= (async () => {
      while (this.dirty) {
        this.dirty = false;
        try {
          const problems = await rewriteBatchTables(this.outDir, this.docs());
          this.problem = problems.length ? problems.join('; ') : null;
        } catch (e) {
          this.problem = (e as Error).message;
        }
      }
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

/** Places decided per document content, from the whole log. */
function decidedBySha(outDir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of readCorrections(outDir)) {
    let set = out.get(c.sha256);
    if (!set) out.set(c.sha256, (set = new Set()));
    set.add(`${c.page}:${c.line}:${c.start}`);
  }
  return out;
}

/** What the document page shows: restored lines per page, the unsure words with their decisions, OCR boxes. */
function documentView(outDir: string, doc: ReviewDocument) {
  const result: DocumentResult = readDocument(outDir, doc);
  const lines = restoredLines(result);
  const decisions = new Map(latestCorrections(correctionsFor(outDir, result.source.sha256)).map((c) => [`${c.page}:${c.line}:${c.start}`, c]));
  const { stale } = applyCorrections(result, [...decisions.values()]);
  const header = fieldViews(result, fieldCorrectionsFor(outDir, result.source.sha256));
  const targets = reviewTargets(result).map((t) => {
    const c = decisions.get(`${t.page}:${t.line}:${t.start}`);
    return { ...t, box: boxOf(result, t, lines.get(`${t.page}:${t.line}`)?.text ?? ''), decision: c && c.before === t.restored ? { after: c.after, action: c.action ?? null, time: c.time } : null };
  });
  const image = result.source.kind === 'image' && result.pages.some((p) => p.words?.length) && findSource(outDir, doc, result) !== null;
  return {
    name: doc.name,
    path: result.source.path,
    kind: result.source.kind,
    image,
    pages: result.pages.map((p) => ({ number: p.number, lines: p.lines.map((_, i) => lines.get(`${p.number}:${i + 1}`)?.text ?? '') })),
    targets,
    /** Decisions logged for this content that no longer match its restored text (converted again with other settings). */
    stale: stale.length,
    /** The header fields (type, number, date, issuer, signer, position): machine value, value in force, flag, source, decision. */
    fields: header.fields,
    /** Field decisions logged for this content that were made on another machine reading. */
    staleFields: header.stale,
    /** The e-signing day offered where no date was read (meta.dateSuggestion): shown as a suggestion, never as the date. */
    dateSuggestion: result.meta?.date === null && result.meta.dateSuggestion ? { date: result.meta.dateSuggestion.date, signedAt: result.meta.dateSuggestion.signedAt } : null,
  };
}

/**
 * The OCR box of an unsure word on a scan: among the page's words on that line (OCR words carry
 * the page line, 1-based) whose text is the word as read, the one nearest the word's place in the
 * line (start offset over line length against left edge over line width).
 */
function boxOf(result: DocumentResult, t: ReviewTarget, lineText: string): [number, number, number, number] | null {
  const onLine = result.pages.find((p) => p.number === t.page)?.words?.filter((w) => w.line === t.line) ?? [];
  const bare = (s: string) => s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const same = onLine.filter((w) => bare(w.text) === bare(t.original));
  if (!same.length) return null;
  const left = Math.min(...onLine.map((w) => w.bbox[0]));
  const width = Math.max(1, Math.max(...onLine.map((w) => w.bbox[2])) - left);
  const want = (t.start ?? 0) / Math.max(1, lineText.length);
  const nearest = same.reduce((best, w) => (Math.abs((w.bbox[0] - left) / width - want) < Math.abs((best.bbox[0] - left) / width - want) ? w : best));
  return nearest.bbox;
}
