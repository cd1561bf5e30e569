/**
 * What `baocao convert` tells while it runs, by log level (each adds to the one before):
 *   error  failed inputs and inputs that cannot be read, one line each (always shown)
 *   warn   each document's warnings, with their ruleId and place (page:line)
 *   info   the progress bar on a terminal, each converted file when piped, the summary (default)
 *   debug  the settings, and per file its wall time by stage (ingest, normalise, restore,
 *          segment, cells, emit, write)
 * With `json`, every event at or above the level is one JSON object on its own line on stderr
 * ({"time","level","event",…}), and nothing else is written (stdout stays empty).
 */
import { dirname, relative } from 'node:path';
import type { BatchSummary } from '../batch/run.js';
import type { FileOutcome } from '../batch/convert-file.js';
import type { InputFile } from '../batch/inputs.js';
import { createProgress, type Progress } from './progress.js';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface BatchLog extends Omit<Progress, 'note'> {
  settings(fields: Record<string, unknown>): void;
  summary(summary: BatchSummary): void;
  /** A line that is no error (at warn level): a stale lock of the output folder taken over. */
  notice(message: string): void;
}

/** Warnings printed per document as text lines; the JSON log carries all that were kept. */
const TEXT_WARNINGS = 5;

export function createBatchLog(level: LogLevel, json: boolean, stream: NodeJS.WriteStream = process.stderr): BatchLog {
  const at = (l: LogLevel) => LOG_LEVELS.indexOf(l) <= LOG_LEVELS.indexOf(level);
  if (json) return jsonLog(at, stream);
  const bar = createProgress(!at('info'), stream);
  return {
    start: (n, refused) => bar.start(n, refused),
    page: (...a) => bar.page(...a),
    problem: (arg, message) => bar.problem(arg, message),
    notice: (message) => at('warn') && bar.note(message),
    end: () => bar.end(),
    settings(fields) {
      if (at('debug')) bar.note(`debug: settings ${Object.entries(fields).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`).join(' ')}`);
    },
    file(file, outcome, done, total) {
      bar.file(file, outcome, done, total);
      if (at('warn')) {
        const ws = outcome.warnings ?? [];
        for (const w of ws.slice(0, TEXT_WARNINGS)) bar.note(`warning: ${outcome.row.path}${placeOf(w)} ${w.ruleId}: ${w.message}`);
        if (ws.length > TEXT_WARNINGS) bar.note(`warning: ${outcome.row.path}: ${ws.length - TEXT_WARNINGS} more warning(s) in its JSON diagnostics`);
      }
      if (at('debug') && outcome.timings) {
        const t = outcome.timings;
        const sum = Object.values(t).reduce((a, b) => a + b, 0);
        bar.note(`debug: ${outcome.row.path}: ${Object.entries(t).map(([k, v]) => `${k} ${v} ms`).join(' · ')} · total ${sum} ms`);
      }
    },
    summary(s) {
      if (at('info')) {
        const parts = [`${s.converted} converted`, s.skipped ? `${s.skipped} skipped (already done)` : '', s.failed ? `${s.failed} failed${s.refused ? ` (${s.refused} of them refused while listing)` : ''}` : ''];
        process.stdout.write(`${parts.filter(Boolean).join(', ')}; summary in ${s.documentsCsv}${s.workbook ? `, workbook ${s.workbook}` : ''}\n`);
      }
      if (s.modelProblem) bar.note(`text not restored: ${s.modelProblem}`);
      if (s.passedOver && at('info')) bar.note(passedOverMessage(s.passedOver));
      if (s.staleRemoved && at('info')) bar.note(staleMessage(s.staleRemoved));
      if (s.pruned) {
        if (at('warn')) for (const line of prunedLines(s)) bar.note(line);
      } else if (s.orphans.length && at('warn')) bar.note(`warning: ${orphansMessage(s)}`);
    },
  };
}

/** "removed 9 outputs of an earlier run in formats not written this time: sections.csv, …". */
function staleMessage(files: string[]): string {
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ', …' : '');
  return `removed ${files.length} output${files.length === 1 ? '' : 's'} of an earlier run in formats not written this time: ${shown}`;
}

/** "2 documents in 'out' whose input is gone …: a.txt.json (was /…/a.txt), …". */
function orphansMessage(s: BatchSummary): string {
  const n = s.orphans.length;
  const shown = s.orphans.slice(0, 5).map((o) => `${o.outputs[0] ?? o.name} (was ${o.input})`).join(', ');
  const folder = relative(process.cwd(), dirname(s.documentsCsv)) || '.';
  return `${n} document${n === 1 ? '' : 's'} in '${folder}' whose input is gone, kept with all ${n === 1 ? 'its' : 'their'} outputs (--prune removes them, --prune-dry-run lists what it would remove): ${shown}${n > 5 ? `, and ${n - 5} more` : ''}`;
}

/** "2 files in the folders given were passed over, not being a kind baocao reads: a/notes.md, b/data.csv". */
export function passedOverMessage(p: NonNullable<BatchSummary['passedOver']>): string {
  const more = p.count > p.first.length ? `, and ${p.count - p.first.length} more` : '';
  // An archive's documents are what the user meant to convert: say how to get at them.
  const archives = p.archives ? `; ${p.archives === p.count ? (p.count === 1 ? 'it is an archive' : 'they are archives') : `${p.archives} of them ${p.archives === 1 ? 'is an archive' : 'are archives'}`} (.zip …): unpack ${p.archives === 1 ? 'it' : 'them'} and convert the folder` : '';
  return `${p.count} file${p.count === 1 ? '' : 's'} in the folders given ${p.count === 1 ? 'was' : 'were'} passed over, not being a kind baocao reads (.txt, .doc, .docx, .rtf, .odt, .pdf, images; name a file to convert it whatever its name): ${p.first.join(', ')}${more}${archives}`;
}

/** What --prune removed (or --prune-dry-run would remove), a line per file, and what it left and why. */
function prunedLines(s: BatchSummary): string[] {
  const { dryRun, documents } = s.pruned!;
  const files = documents.flatMap((d) => d.removed);
  const kept = documents.flatMap((d) => d.kept.map((k) => `  kept ${k.path}: ${k.why}`));
  const n = documents.length;
  const head = dryRun
    ? `${n} document${n === 1 ? '' : 's'} whose input is gone; --prune would remove ${files.length} file${files.length === 1 ? '' : 's'} and ${n === 1 ? 'its record' : 'their records'}:`
    : `pruned ${n} document${n === 1 ? '' : 's'} whose input is gone: removed ${files.length} file${files.length === 1 ? '' : 's'}${kept.length ? `; ${kept.length} kept` : ''}:`;
  return [head, ...files.map((f) => `  ${dryRun ? 'would remove' : 'removed'} ${f}`), ...kept];
}

function placeOf(w: { page?: number; line?: number }): string {
  return w.page !== undefined ? `:${w.page}${w.line !== undefined ? `:${w.line}` : ''}` : '';
}

function jsonLog(at: (l: LogLevel) => boolean, stream: NodeJS.WriteStream): BatchLog {
  const emit = (level: LogLevel, event: string, fields: Record<string, unknown>) => {
    if (at(level)) stream.write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }) + '\n');
  };
  return {
    start: (files, refused) => emit('info', 'start', { files, refused }),
    page: (file: InputFile, fileNumber, files, pageDone, pageTotal) => emit('debug', 'page', { path: file.display, fileNumber, files, page: pageDone, pages: pageTotal }),
    problem: (arg, message) => emit('error', 'problem', { path: arg, message }),
    notice: (message) => emit('warn', 'notice', { message }),
    end: () => {},
    settings: (fields) => emit('debug', 'settings', fields),
    file(_file, outcome: FileOutcome, done, total) {
      const { row } = outcome;
      const status = outcome.skipped ? 'skipped' : row.status;
      emit(row.status === 'error' ? 'error' : 'info', 'file', { path: row.path, status, ...(row.error ? { error: row.error } : {}), kind: row.kind, pages: row.pages, outputs: row.outputs, done, total });
      for (const w of outcome.warnings ?? []) emit('warn', 'warning', { path: row.path, ...w });
      if (outcome.timings) emit('debug', 'timings', { path: row.path, ms: outcome.timings });
    },
    summary(s) {
      emit('info', 'summary', { converted: s.converted, skipped: s.skipped, failed: s.failed, refused: s.refused, documentsCsv: s.documentsCsv, workbook: s.workbook });
      if (s.modelProblem) emit('error', 'no-model', { message: `text not restored: ${s.modelProblem}` });
      if (s.passedOver) emit('info', 'passed-over', { message: passedOverMessage(s.passedOver), count: s.passedOver.count, first: s.passedOver.first });
      if (s.staleRemoved) emit('info', 'stale-removed', { message: staleMessage(s.staleRemoved), files: s.staleRemoved });
      if (s.pruned) emit('warn', s.pruned.dryRun ? 'prune-dry-run' : 'pruned', { documents: s.pruned.documents });
      else if (s.orphans.length) emit('warn', 'orphans', { message: orphansMessage(s), documents: s.orphans });
    },
  };
}
