#!/usr/bin/env node
/**
 * The baocao command line: convert (batch), schema (JSON Schema of the output), restore (one text).
 * Exit codes: 0 all inputs converted, 1 some failed, 2 usage error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBatch } from '../batch/run.js';
import { DEFAULT_FORMATS, FORMATS, parseFormatList, type Format } from '../emit/formats.js';
import { documentJsonSchema } from '../core/schema.js';
import { ENCODING_NAMES, type EncodingName } from '../core/encoding/index.js';
import { createProgress } from './progress.js';
import { runRestore } from './restore.js';

const program = new Command('baocao')
  .description('Turn archived Vietnamese administrative reports into faithful Vietnamese text and structured data')
  .version(packageVersion())
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`baocao: ${text.replace(/^error: /, '')}`) });

program
  .command('convert')
  .description('convert files, directories (walked recursively) or globs into JSON and CSV')
  .argument('<inputs...>', 'files, directories or glob patterns')
  .option('-o, --output <dir>', 'output directory', 'output')
  .option('--format <list>', `outputs, comma-separated: ${FORMATS.join(', ')} or all`, parseFormats, [...DEFAULT_FORMATS])
  .option('--jobs <n>', 'files converted in parallel (default: CPU cores)', parseJobs)
  .option('--timeout <seconds>', 'time limit per text file; a file over it gets an internal/timeout error row (default: 120 s + 20 s per MiB; 0: none)', parseTimeout)
  .option('--quiet', 'no progress output (errors still go to stderr)', false)
  .option('--resume', 'skip inputs already converted with the same content and settings', false)
  .addOption(new Option('--encoding <name>', 'force the text encoding (default: detected)').choices(ENCODING_NAMES))
  .option('--no-restore', 'skip diacritic restoration')
  .option('--no-segment', 'skip the document structure (header, sections, signature, annexes)')
  .addOption(new Option('--input <kind>', 'how the text lost its marks').choices(['auto', 'stripped', 'ocr', 'vie-ocr']).default('auto'))
  .action(async (inputs: string[], o: { output: string; format: Format[]; jobs?: number; timeout?: number; quiet: boolean; resume: boolean; encoding?: EncodingName; restore: boolean; segment: boolean; input: 'auto' | 'stripped' | 'ocr' | 'vie-ocr' }) => {
    const progress = createProgress(o.quiet);
    const summary = await runBatch(
      inputs,
      { outDir: resolve(o.output), formats: o.format, resume: o.resume, encoding: o.encoding, restore: o.restore, segment: o.segment, restoreInput: o.input, timeoutSeconds: o.timeout },
      o.jobs,
      progress,
    );
    progress.end();
    if (!o.quiet) {
      const parts = [`${summary.converted} converted`, summary.skipped ? `${summary.skipped} skipped (already done)` : '', summary.failed ? `${summary.failed} failed` : ''];
      process.stdout.write(`${parts.filter(Boolean).join(', ')}; summary in ${summary.documentsCsv}\n`);
    }
    if (summary.modelProblem) process.stderr.write(`baocao: text not restored: ${summary.modelProblem}\n`);
    process.exitCode = summary.failed > 0 ? 1 : 0;
  });

program
  .command('schema')
  .description('print the JSON Schema of the output JSON')
  .action(() => {
    process.stdout.write(JSON.stringify(documentJsonSchema(), null, 2) + '\n');
  });

program
  .command('restore')
  .description('print the restored text of a file (or stdin) with the same lines')
  .argument('[file]', "text file, or '-' for stdin", '-')
  .option('--json', 'print the tokens with confidence and alternatives', false)
  .addOption(new Option('--input <kind>', 'how the text lost its marks').choices(['auto', 'stripped', 'ocr', 'vie-ocr']).default('auto'))
  .addOption(new Option('--encoding <name>', 'force the text encoding (default: detected)').choices(ENCODING_NAMES))
  .action(async (file: string, o: { json: boolean; input: 'auto' | 'stripped' | 'ocr' | 'vie-ocr'; encoding?: EncodingName }) => {
    process.exitCode = await runRestore(file, o);
  });

function parseFormats(value: string): Format[] {
  try {
    return parseFormatList(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
}

function parseTimeout(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || value.trim() === '') throw new InvalidArgumentError('a number of seconds (0: no limit)');
  return n;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and --version exit 0; every other parse problem is a usage error.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`baocao: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
