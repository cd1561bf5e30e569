/**
 * `baocao convert --prune`: removes the outputs of the documents whose input is gone
 * (orphans.ts) and drops their records from the folder's log, so `--resume`, `review` and
 * `queue collect` forget them too; `--prune-dry-run` only lists what would go. Only the files
 * their manifest lists as theirs go: never one outside the folder or in `.baocao/`, never one
 * another document of the folder lists as its own, never a link or a folder; the folders left
 * empty by the removal go too (up to the output folder, which stays). A document whose outputs
 * could not all be removed keeps its record, so it is named again by the next run.
 * Review decisions (`.baocao/corrections.jsonl`) are the reviewer's work and stay.
 */
import { lstatSync, rmdirSync, unlinkSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { doneIndex, forgetDoneIndex } from './done-index.js';
import type { Orphan } from './orphans.js';
import { appendDrop, closeLogs } from './state-log.js';

export interface PrunedOrphan extends Orphan {
  /** Outputs removed (or, in a dry run, that would be), relative to the output folder. */
  removed: string[];
  /** Outputs left in place, each with why. */
  kept: { path: string; why: string }[];
}

/** Why `rel` (an output a manifest lists) may not be removed, or null when it may (also stale-outputs.ts). */
export function refusal(outDir: string, rel: string, owned: ReadonlySet<string>): string | null {
  const abs = resolve(outDir, rel);
  const inside = relative(outDir, abs);
  if (isAbsolute(rel) || inside === '' || inside.startsWith('..') || isAbsolute(inside)) return 'outside the output folder';
  if (inside === STATE_DIR || inside.startsWith(STATE_DIR + sep)) return "in the folder's state";
  if (owned.has(inside)) return 'an output of another document';
  return null;
}

function removeEmptyParents(outDir: string, abs: string): void {
  for (let d = dirname(abs); d !== outDir && d.startsWith(outDir + sep); d = dirname(d)) {
    try { rmdirSync(d); } catch { return; } // not empty (or not ours to judge): stop
  }
}

export function pruneOrphans(outDir: string, orphans: readonly Orphan[], o: { dryRun: boolean; durable?: boolean }): PrunedOrphan[] {
  const root = resolve(outDir);
  const gone = new Set(orphans.map((x) => x.name));
  // Every output another document of the folder holds: a path it shares with an orphan stays.
  const owned = new Set<string>();
  const index = doneIndex(root);
  try {
    for (const name of index.names()) {
      if (gone.has(name)) continue;
      for (const rel of index.get(name)?.manifest.row.outputs ?? []) owned.add(relative(root, resolve(root, rel)));
    }
  } finally {
    forgetDoneIndex(root);
  }
  const out = orphans.map((orphan) => {
    const removed: string[] = [];
    const kept: { path: string; why: string }[] = [];
    for (const rel of orphan.outputs) {
      const why = refusal(root, rel, owned);
      if (why) { kept.push({ path: rel, why }); continue; }
      const abs = resolve(root, rel);
      try {
        const st = lstatSync(abs);
        if (!st.isFile()) { kept.push({ path: rel, why: st.isSymbolicLink() ? 'a link, not a file baocao wrote' : 'not a file' }); continue; }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // already gone
        kept.push({ path: rel, why: (e as Error).message });
        continue;
      }
      if (!o.dryRun) {
        try {
          unlinkSync(abs);
        } catch (e) {
          kept.push({ path: rel, why: (e as Error).message });
          continue;
        }
        removeEmptyParents(root, abs);
      }
      removed.push(rel);
    }
    if (!o.dryRun && kept.length === 0) appendDrop(root, orphan.name, { durable: o.durable });
    return { ...orphan, removed, kept };
  });
  if (!o.dryRun) closeLogs(root);
  return out;
}
