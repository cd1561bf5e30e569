/**
 * The corrections log of an output folder (`.baocao/corrections.jsonl`, written by `baocao review`),
 * read by the batch too: a document converted again (without --resume, or with other settings
 * such as --adapt) gets the person's decisions that still match its restored text, so a re-run
 * never drops them from the outputs. The review room re-exports these.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { FAIL, planCopier, type ExactCopy } from '../core/schema-exact.js';
import { CORRECTION_PLAN, FIELD_CORRECTION_PLAN } from '../core/schema-plans.js';
import type { Correction } from '../core/corrections.js';
import type { FieldCorrection } from '../core/field-corrections.js';
import type { Diagnostic } from '../core/document.js';

/** One line of corrections.jsonl: which document (by content) and the decision. */
export type LoggedCorrection = Correction & { sha256: string; document: string };
/** A header-field decision's line, in the same log: `kind: 'field'` (versions before 1.8 skip it, as they skip any line not a word decision). */
export type LoggedFieldCorrection = FieldCorrection & { kind: 'field'; sha256: string; document: string };
export type LoggedDecision = LoggedCorrection | LoggedFieldCorrection;

export const CORRECTIONS_LOG = 'corrections.jsonl';

export function correctionsPath(outDir: string): string {
  return join(outDir, STATE_DIR, CORRECTIONS_LOG);
}

/** Every word decision logged, in order; a line cut short by a crash (or edited by hand into nonsense) is skipped. */
export function readCorrections(outDir: string): LoggedCorrection[] {
  return readLog(outDir).words;
}

/** Every header-field decision logged, in order. */
export function readFieldCorrections(outDir: string): LoggedFieldCorrection[] {
  return readLog(outDir).fields;
}

/*
 * A line is read as zod's parse of CorrectionSchema / FieldCorrectionSchema would read it, by the
 * schemas' plans (schema-exact.ts): a value from JSON.parse has no undefined field, no object
 * that is not plain and no number that is not finite, the only values the copier leaves to zod,
 * so its verdict is zod's (test/batch/corrections-log.test.ts checks it on damaged lines); a
 * batch worker reads the log without loading zod.
 */
let copyWord: ExactCopy | undefined;
let copyField: ExactCopy | undefined;

function readLog(outDir: string): { words: LoggedCorrection[]; fields: LoggedFieldCorrection[] } {
  const words: LoggedCorrection[] = [];
  const fields: LoggedFieldCorrection[] = [];
  let text: string;
  try {
    text = readFileSync(correctionsPath(outDir), 'utf8');
  } catch {
    return { words, fields };
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value.sha256 !== 'string' || typeof value.document !== 'string') continue;
      if (value.kind === 'field') {
        const f = (copyField ??= planCopier(FIELD_CORRECTION_PLAN))(value);
        if (f !== FAIL) fields.push({ kind: 'field', ...(f as FieldCorrection), sha256: value.sha256, document: value.document });
        continue;
      }
      const c = (copyWord ??= planCopier(CORRECTION_PLAN))(value);
      if (c !== FAIL) words.push({ ...(c as Correction), sha256: value.sha256, document: value.document });
    } catch {
      // skipped: see above
    }
  }
  return { words, fields };
}

export interface Decisions {
  words: Correction[];
  fields: FieldCorrection[];
}

/** The log read once per thread and read again only when its size or time changes (a batch asks per document). */
let cached: { path: string; stamp: string; bySha: Map<string, Decisions> } | null = null;
const NONE: Decisions = { words: [], fields: [] };

/** The word decisions logged for one content (its SHA-256), without the log's own fields; none when the folder has no log. */
export function correctionsFor(outDir: string, sha256: string): Correction[] {
  return decisionsFor(outDir, sha256).words;
}

/** The header-field decisions logged for one content, in order, without the log's own fields. */
export function fieldCorrectionsFor(outDir: string, sha256: string): FieldCorrection[] {
  return decisionsFor(outDir, sha256).fields;
}

/** Both kinds of decision logged for one content, with one look at the log (the batch asks per document). */
export function decisionsFor(outDir: string, sha256: string): Decisions {
  const path = correctionsPath(outDir);
  let stamp: string;
  try {
    // Asked per document, and most folders have no log: no ENOENT error (and its stack) made each time.
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return NONE;
    stamp = `${s.size}:${s.mtimeMs}`;
  } catch {
    return NONE;
  }
  if (cached?.path !== path || cached.stamp !== stamp) {
    const bySha = new Map<string, Decisions>();
    const of = (sha: string) => bySha.get(sha) ?? bySha.set(sha, { words: [], fields: [] }).get(sha)!;
    const log = readLog(outDir);
    for (const { sha256: sha, document: _d, ...c } of log.words) of(sha).words.push(c);
    for (const { sha256: sha, document: _d, kind: _k, ...c } of log.fields) of(sha).fields.push(c);
    cached = { path, stamp, bySha };
  }
  return cached.bySha.get(sha256) ?? NONE;
}

/** Said in a new conversion's JSON when field decisions logged for its content were made on another machine reading. */
export function staleFieldsWarning(stale: readonly FieldCorrection[]): Diagnostic {
  const first = stale[0]!;
  return {
    ruleId: 'review/stale-field-corrections',
    message: `${stale.length} header field decision(s) logged for this document were made on another reading (first ${first.field}: the machine read ${JSON.stringify(first.before)}, the person set ${JSON.stringify(first.after)}): kept in .baocao/corrections.jsonl, not applied; open baocao review to decide again`,
    severity: 'warning',
  };
}
