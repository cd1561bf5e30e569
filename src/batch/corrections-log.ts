/**
 * The corrections log of an output folder (`.baocao/corrections.jsonl`, written by `baocao review`),
 * read by the batch too: a document converted again (without --resume, or with other settings
 * such as --adapt) gets the person's decisions that still match its restored text, so a re-run
 * never drops them from the outputs. The review room re-exports these.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { CorrectionSchema } from '../core/schema.js';
import type { Correction } from '../core/corrections.js';

/** One line of corrections.jsonl: which document (by content) and the decision. */
export type LoggedCorrection = Correction & { sha256: string; document: string };

export const CORRECTIONS_LOG = 'corrections.jsonl';

export function correctionsPath(outDir: string): string {
  return join(outDir, STATE_DIR, CORRECTIONS_LOG);
}

/** Every decision logged, in order; a line cut short by a crash (or edited by hand into nonsense) is skipped. */
export function readCorrections(outDir: string): LoggedCorrection[] {
  let text: string;
  try {
    text = readFileSync(correctionsPath(outDir), 'utf8');
  } catch {
    return [];
  }
  const out: LoggedCorrection[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      const c = CorrectionSchema.safeParse(value);
      if (c.success && typeof value.sha256 === 'string' && typeof value.document === 'string') out.push({ ...c.data, sha256: value.sha256, document: value.document });
    } catch {
      // skipped: see above
    }
  }
  return out;
}

/** The log read once per thread and read again only when its size or time changes (a batch asks per document). */
let cached: { path: string; stamp: string; bySha: Map<string, Correction[]> } | null = null;

/** The decisions logged for one content (its SHA-256), without the log's own fields; none when the folder has no log. */
export function correctionsFor(outDir: string, sha256: string): Correction[] {
  const path = correctionsPath(outDir);
  let stamp: string;
  try {
    // Asked per document, and most folders have no log: no ENOENT error (and its stack) made each time.
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return [];
    stamp = `${s.size}:${s.mtimeMs}`;
  } catch {
    return [];
  }
  if (cached?.path !== path || cached.stamp !== stamp) {
    const bySha = new Map<string, Correction[]>();
    for (const { sha256: sha, document: _d, ...c } of readCorrections(outDir)) {
      const list = bySha.get(sha);
      if (list) list.push(c);
      else bySha.set(sha, [c]);
    }
    cached = { path, stamp, bySha };
  }
  return cached.bySha.get(sha256) ?? [];
}
