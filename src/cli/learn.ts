/**
 * `baocao learn <out-dir> [--text FILE...] -o archive.json`: the archive's correct text counted
 * into an adaptation (core/restore/learn-archive.ts) for `convert`/`restore --adapt`. From a
 * converted folder it takes what a person reviewed (`.baocao/corrections.jsonl` applied to each
 * document's machine reading, core/corrections.ts): a document whose every review item has a
 * decision is correct as a whole; in one reviewed in part, only the lines a person corrected or
 * accepted. A line with a changed word counts CORRECTED_WEIGHT times: it is what the model got
 * wrong. `--text` files are known-correct text, taken whole.
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { applyCorrections, restoredLines, reviewTargets } from '../core/corrections.js';
import { learnAdaptation, type LearnText } from '../core/restore/learn-archive.js';
import { decodeText } from '../core/encoding/index.js';
import { listDocuments, readDocument } from '../review/folder.js';
import { correctionsFor } from '../batch/corrections-log.js';
import { bundledModelFingerprint } from '../model/adaptation-file.js';
import { loadModel } from '../model/load.js';

/** A corrected line counts this many times (its n-grams are the model's mistakes put right). */
export const CORRECTED_WEIGHT = 3;

export interface LearnedSources { texts: LearnText[]; documents: number; corrections: number }

/** The reviewed text of a converted folder. */
export function reviewedTexts(outDir: string): LearnedSources {
  const texts: LearnText[] = [];
  let documents = 0, corrections = 0;
  // Decisions belong to a content (its SHA-256): a copy of it, or an input renamed since (its old
  // outputs stay), is the same reviewed text and is learnt once, not once per name.
  const learnt = new Set<string>();
  for (const doc of listDocuments(outDir).values()) {
    if (learnt.has(doc.manifest.sha256)) continue;
    const mine = correctionsFor(outDir, doc.manifest.sha256);
    if (mine.length === 0) continue;
    let result;
    try {
      result = readDocument(outDir, doc);
    } catch {
      continue; // a damaged JSON: nothing a person reviewed can be read from it
    }
    if (result.text.restored === null) continue;
    const { json, view } = applyCorrections(result, mine);
    // Only decisions that apply to this output's text are learnt (a stale one would teach the
    // machine's own misreading at full weight); an output where none applies leaves the content
    // to another of its outputs.
    const latest = json.corrections ?? [];
    if (latest.length === 0) continue;
    learnt.add(result.source.sha256);
    const decided = new Set(latest.map((c) => `${c.page}:${c.line}:${c.start}`));
    const finished = reviewTargets(result).every((t) => t.start !== null && decided.has(`${t.page}:${t.line}:${t.start}`));
    // Line keys in text order, to find each corrected line in the corrected text.
    const keys = [...restoredLines(result).keys()];
    const lines = (view.text.restored ?? '').split(/\r\n|\r|\n|\f/);
    const changedLines = new Set(latest.filter((c) => c.after !== c.before).map((c) => `${c.page}:${c.line}`));
    const touchedLines = new Set(latest.map((c) => `${c.page}:${c.line}`));
    if (finished) texts.push({ text: view.text.restored ?? '' });
    keys.forEach((key, i) => {
      const line = lines[i];
      if (line === undefined) return;
      if (changedLines.has(key)) texts.push({ text: line, weight: finished ? CORRECTED_WEIGHT - 1 : CORRECTED_WEIGHT });
      else if (!finished && touchedLines.has(key)) texts.push({ text: line });
    });
    documents++;
    corrections += latest.length;
  }
  return { texts, documents, corrections };
}

export function learnCommand(outDir: string | undefined, o: { text?: string[]; output: string }): number {
  const sources: LearnedSources = { texts: [], documents: 0, corrections: 0 };
  if (outDir !== undefined) {
    if (!existsSync(outDir) || !statSync(outDir).isDirectory()) return fail(`${outDir}: not a folder (give the output folder of 'baocao convert', or only --text files)`, 2);
    Object.assign(sources, reviewedTexts(outDir));
  }
  const files = o.text ?? [];
  for (const f of files) {
    try {
      const decoded = decodeText(readFileSync(f));
      // A Word file, a PDF or binary data decodes to junk that would be learnt as the archive's words.
      const refused = decoded.diagnostics.find((d) => d.severity === 'error');
      if (refused) return fail(`${f}: ${refused.ruleId}: ${refused.message} (--text takes plain text files; nothing was written)`, 1);
      sources.texts.push({ text: decoded.text });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(`${f}: cannot read: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`, 1);
    }
  }
  if (sources.texts.length === 0) {
    return fail(`nothing to learn from: ${outDir ? `no document in ${outDir} has a person's decisions (baocao review)` : 'no input'}${files.length ? '' : ', and no --text files'}`, 1);
  }
  let model, fingerprint;
  try {
    model = loadModel();
    fingerprint = bundledModelFingerprint();
  } catch (e) {
    return fail((e as Error).message, 1);
  }
  const data = learnAdaptation(sources.texts, model, { model: fingerprint, documents: sources.documents, corrections: sources.corrections, texts: files.length });
  try {
    // Written beside the target and renamed: a reader never sees half a file.
    const tmp = `${o.output}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data) + '\n');
      renameSync(tmp, o.output);
    } finally {
      rmSync(tmp, { force: true });
    }
  } catch (e) {
    return fail(`${o.output}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1);
  }
  const n = data.ngrams;
  process.stderr.write(`baocao: ${o.output}: learnt from ${sources.documents} reviewed document(s) (${sources.corrections} decisions) and ${files.length} text file(s): ` +
    `${data.sources.syllables} syllables, ${data.names.length} names, ${data.places.length} places, ${data.acronyms.length} acronyms, ${n.unigrams.length + n.bigrams.length + n.trigrams.length} n-grams\n`);
  return 0;
}

function fail(message: string, code: number): number {
  process.stderr.write(`baocao: ${message}\n`);
  return code;
}
