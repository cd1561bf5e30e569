/**
 * The converted output folder as the review page sees it: the documents its manifests vouch for
 * (the batch log .baocao/log, or the .baocao/done files of earlier versions), each document's JSON, and the corrections log .baocao/corrections.jsonl.
 * Documents are known by their output name, looked up in this list: a name from a request is
 * never joined to a path, so nothing outside the folder can be asked for.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { STATE_DIR, ensureDirInside, syncDir } from '../batch/atomic.js';
import type { Manifest } from '../batch/manifest.js';
import { doneIndex, type DoneIndex } from '../batch/done-index.js';
import { legacyPaths } from './legacy-path.js';
import { ReadableDocumentResultSchema, type DocumentResult } from '../core/schema.js';
import { correctionsPath, type LoggedDecision } from '../batch/corrections-log.js';

export interface ReviewDocument {
  /** The output name (the name of its record in the batch log). */
  name: string;
  manifest: Manifest;
  /** The document's JSON, relative to the output folder. */
  jsonRel: string;
}

export { CORRECTIONS_LOG, correctionsPath, readCorrections, readFieldCorrections, type LoggedCorrection, type LoggedFieldCorrection } from '../batch/corrections-log.js';

/** Every document with a manifest and a JSON output, by output name. */
export function listDocuments(outDir: string): Map<string, ReviewDocument> {
  return new ReviewFolder(outDir).documents();
}

/**
 * The documents of an output folder for a long-lived reader (the review page): the folder's one
 * DoneIndex (done-index.ts) is refreshed per call, so a call reads only the records appended since
 * the last (a batch or queue writing meanwhile), not every log of a 10,000-document archive.
 * A folder of the old layout (a manifest file per document) is listed anew each call.
 */
export class ReviewFolder {
  private docs = new Map<string, ReviewDocument>();
  private index: DoneIndex | null = null;
  private seen = 0;

  constructor(readonly outDir: string) {}

  documents(): Map<string, ReviewDocument> {
    const index = doneIndex(this.outDir);
    index.refresh();
    let names: Iterable<string>;
    if (index !== this.index || index.oldLayout) {
      // A first look, or the index was forgotten (a batch ran in this process): everything anew.
      this.index = index;
      this.docs = new Map();
      names = index.names();
    } else names = index.changedSince(this.seen);
    this.seen = index.version;
    for (const name of names) {
      const doc = reviewDocument(this.outDir, index, name);
      if (doc) this.docs.set(name, doc);
      else this.docs.delete(name);
    }
    return this.docs;
  }
}

function reviewDocument(outDir: string, index: DoneIndex, name: string): ReviewDocument | null {
  // A damaged record or manifest: that document is converted again by --resume, nothing to review yet.
  const manifest = index.get(name)?.manifest;
  if (!manifest) return null;
  const jsonRel = manifest.row?.json || `${name}.json`;
  if (manifest.row?.status === 'error' || !existsSync(inside(outDir, jsonRel))) return null;
  return { name, manifest, jsonRel };
}

/** A '/'-separated path from a manifest, resolved and checked to be inside the output folder. */
export function inside(outDir: string, rel: string): string {
  const path = resolve(outDir, ...rel.split('/'));
  const back = relative(resolve(outDir), path);
  if (back.startsWith('..') || isAbsolute(back)) throw new Error(`'${rel}' is outside the output folder`);
  return path;
}

export function readDocument(outDir: string, doc: ReviewDocument): DocumentResult {
  const parsed = ReadableDocumentResultSchema.safeParse(JSON.parse(readFileSync(inside(outDir, doc.jsonRel), 'utf8')));
  if (!parsed.success) throw new Error(`${doc.jsonRel} does not match the output schema: ${parsed.error.issues[0]?.message ?? ''}`);
  // Saved by an earlier 1.x: the same shape, fewer optional fields.
  return parsed.data as DocumentResult;
}

/**
 * Appends one decision (a word's or a header field's: one log, one path) and fsyncs the log (and, when the log was just made, its folder) before
 * returning: a decision the page was told is saved survives a crash or a power loss.
 */
export function appendCorrection(outDir: string, c: LoggedDecision): void {
  const path = correctionsPath(outDir);
  ensureDirInside(outDir, join(outDir, STATE_DIR));
  const fresh = !existsSync(path);
  const fd = openSync(path, 'a');
  try {
    const line = Buffer.from(JSON.stringify(c) + '\n', 'utf8');
    for (let at = 0; at < line.byteLength; ) at += writeSync(fd, line, at, line.byteLength - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (fresh) syncDir(join(outDir, STATE_DIR));
}

/** The input file of a document, when it is still where the batch read it and has the same content. */
export function findSource(outDir: string, doc: ReviewDocument, result: DocumentResult): Uint8Array | null {
  const candidates = [resolve(result.source.path), resolve(outDir, '..', result.source.path)];
  if (doc.manifest.input) candidates.push(resolve(doc.manifest.input), resolve(outDir, '..', doc.manifest.input));
  // A name that is not UTF-8 is recorded by its windows-1258 reading: its bytes are found again by name.
  const paths: (string | Buffer)[] = [...candidates, ...candidates.flatMap((p) => (existsSync(p) ? [] : legacyPaths(p)))];
  for (const path of paths) {
    try {
      const data = readFileSync(path);
      if (createHash('sha256').update(data).digest('hex') === result.source.sha256) return data;
    } catch {
      // not there: try the next place
    }
  }
  return null;
}
