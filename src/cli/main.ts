/**
 * The baocao command line: convert (batch), schema (JSON Schema of the output), restore (one text).
 * Exit codes (table in `convert --help`): 0 all inputs converted, 1 some failed (or documents.csv
 * could not be written), 2 usage error (including an output folder that is a file or cannot be made or written).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { availableParallelism, networkInterfaces } from 'node:os';
import { BatchSetupError } from '../batch/output-dir.js';
import type { BatchSettings } from '../batch/convert-file.js';
import type { ArchiveSettings } from '../emit/archive.js';
import { STDOUT_FORMATS, parseFormatList } from '../emit/formats.js';
import { ENCODING_NAMES, type EncodingName } from '../core/encoding/index.js';
import { parsePageRanges } from '../ingest/page-ranges.js';
import { OCR_ENGINE_CHOICES, type OcrEngineChoice } from '../ingest/ocr/engine-choice.js';
import { createBatchLog, LOG_LEVELS, type LogLevel } from './batch-log.js';
import { addConversionOptions, conversionSettings, type ConversionFlags } from './conversion-options.js';
import { registerQueueCommands } from './queue.js';
import { USER_RESTORE_INPUTS } from '../core/restore/inputs.js';
// Each command imports what it runs when it runs: `baocao restore` need not load the batch, the
// writers and the schema (over 0.1 s of CPU at every start).

const program = new Command('baocao')
  .description('Turn archived Vietnamese administrative reports into faithful Vietnamese text and structured data')
  .version(packageVersion())
  .exitOverride()
  .configureOutput({ outputError: (text, write) => write(`baocao: ${text.replace(/^error: /, '')}`) });

addConversionOptions(program
  .command('convert')
  .description('convert files, directories (walked recursively) or globs into JSON, CSV and the other formats')
  .argument('<inputs...>', "files, directories or glob patterns; '-' reads one document from standard input")
  .option('-o, --output <dir>', "output directory; '-' writes the one document's output to standard output", 'output')
  .option('--stdin-name <name>', "file name for the document read from '-' (its extension hints the kind)"))
  .option('--jobs <n>', 'files converted in parallel (default: CPU cores; a text-only batch one worker per 150 text files, up to the cores)', parseJobs)
  .option('--timeout <seconds>', 'time limit per file: a text file, a PDF\'s reading, a scan\'s OCR (internal/timeout, ingest/pdf-timeout, ocr/timeout) (default: 120 s + 20 s per MiB, and a minute per page of OCR; 0: none)', parseTimeout)
  .addOption(new Option('-v, --verbose', 'log at debug level: also the settings and each file\'s time by stage').conflicts(['quiet', 'logLevel']))
  .addOption(new Option('--log-level <level>', 'error: failed inputs only; warn: and each document\'s warnings (ruleId, page:line); info: and progress, each converted file, the summary; debug: and time by stage').choices([...LOG_LEVELS]).default('info').conflicts('quiet'))
  .option('--log-json', 'log one JSON object per event on stderr, for machines (nothing on stdout)', false)
  .option('--quiet', 'the same as --log-level error: no progress, errors still go to stderr', false)
  .option('--resume', 'skip inputs already converted with the same content and settings', false)
  .addOption(new Option('--prune', "after the batch, remove the outputs (and records) of documents in the output folder whose input is gone; nothing else").conflicts('pruneDryRun'))
  .option('--prune-dry-run', 'list what --prune would remove, removing nothing')
  .option('--no-fsync', 'do not fsync manifests and documents.csv (faster on slow disks; after a power loss, run again with --resume)')
  .option('--pages <list>', 'only these pages of PDFs and multi-page TIFFs, e.g. 1-3,6 or 9- (to the end); they keep their page numbers; text files are read whole', parsePages)
  .option('--per-document-csv', 'also write CSVs per document (<name>.paragraphs.csv, .sections.csv, .table-N.csv, .figures.csv)', false)
  .option('--archive-fonds <code>', 'Mã phông of every document in archive.csv')
  .option('--archive-settings <file>', 'JSON file mapping folders to hồ sơ for archive.csv (see docs/archive.md)', readArchiveSettings)
  .addHelpText('after', `
Examples:
  baocao convert archive/ -o out/                      every .txt, .pdf and image under archive/
  baocao convert 'scans/**/*.pdf' --format all -o out/  all outputs, including the xlsx workbook
  baocao convert out-of-ocr.txt --input ocr --resume     text from an English-model OCR run
  cat report.txt | baocao convert - --format txt -o -   restored text to standard output
  baocao convert scan.pdf --pages 1-3,6 -o out/         only those pages (numbers kept as in the PDF)
  baocao convert archive/ --log-json 2> log.jsonl       one JSON object per event, for machines

Log levels (each adds to the one before; default info):
  error  failed inputs, one line each on stderr (--quiet)
  warn   each document's warnings: path:page:line ruleId: message
  info   the progress bar (a line per converted file when not a terminal), the summary
  debug  the settings and each file's time by stage (-v, --verbose)

Exit codes:
  0  every input converted (a partial one too: its warnings are in documents.csv and its JSON)
  1  some inputs failed (each has an error row in documents.csv), documents.csv or the batch
     tables could not be written, or the one document of -o - failed or was partial
  2  usage error: a bad option or value, '-' with other inputs, or an output folder that is a
     file or cannot be made or written`)
  .action(async (inputs: string[], o: ConversionFlags & { output: string; stdinName?: string; jobs?: number; timeout?: number; quiet: boolean; verbose?: boolean; logLevel: LogLevel; logJson: boolean; resume: boolean; prune?: boolean; pruneDryRun?: boolean; fsync: boolean; perDocumentCsv: boolean; archiveFonds?: string; archiveSettings?: ArchiveSettingsFile; pages?: string }) => {
    const toStdout = o.output === '-';
    if (inputs.includes('-') && inputs.length > 1) return usage("'-' (standard input) must be the only input");
    if (toStdout) {
      if (inputs.length !== 1) return usage("-o - writes one document to standard output: give exactly one input file (or '-')");
      const formats = o.format.filter((f) => f !== 'csv' || o.format.length === 1);
      if (formats.length !== 1 || !STDOUT_FORMATS.includes(formats[0]!)) return usage(`-o - writes one file: choose one of ${STDOUT_FORMATS.join(', ')} with --format`);
    }
    let settingsFile: ArchiveSettings | undefined;
    if (o.archiveSettings) {
      // Read when parsing the options, checked here: the checker (zod) is loaded only by the commands that need it.
      const { parseArchiveSettings } = await import('../emit/archive-settings.js');
      const { path, text } = o.archiveSettings;
      try {
        settingsFile = parseArchiveSettings(text);
      } catch (e) {
        return usage(`option '--archive-settings <file>' argument '${path}' is invalid. ${path}: ${(e as Error).message}`);
      }
    }
    const archive: ArchiveSettings = { ...(settingsFile ?? { files: [] }), ...(o.archiveFonds !== undefined ? { fonds: o.archiveFonds } : {}) };
    // Per-document CSVs are CSV output: asking for them asks for the csv format.
    const formats = o.perDocumentCsv && !o.format.includes('csv') ? parseFormatList([...o.format, 'csv'].join(',')) : o.format;
    const settings: BatchSettings = { ...conversionSettings(o), outDir: toStdout ? '' : resolve(o.output), formats, resume: o.resume, fsync: o.fsync, perDocumentCsv: o.perDocumentCsv, archive, timeoutSeconds: o.timeout, pages: o.pages, ...(o.prune || o.pruneDryRun ? { prune: o.prune ? 'remove' as const : 'list' as const } : {}) };
    if (o.adapt !== undefined) {
      const checked = (await import('./adapt-option.js')).checkedAdapt(o.adapt);
      if ('problem' in checked) return usage(checked.problem);
      settings.adapt = checked;
    }
    const { convertToStdout, readStdin, stdinAsFile } = await import('./stdio.js');
    if (toStdout) {
      const name = inputs[0] === '-' ? (o.stdinName ?? 'stdin') : inputs[0]!;
      let data: Uint8Array;
      try {
        data = inputs[0] === '-' ? await readStdin() : readFileSync(inputs[0]!);
      } catch (e) {
        process.stderr.write(`baocao: ${name}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      process.exitCode = await convertToStdout({ path: name, data }, o.format[0]!, settings);
      return;
    }
    const stdinFile = inputs[0] === '-' ? await stdinAsFile(await readStdin(), o.stdinName) : null;
    const log = createBatchLog(o.quiet ? 'error' : o.verbose ? 'debug' : o.logLevel, o.logJson);
    const { runBatch } = await import('../batch/run.js');
    log.settings({ output: settings.outDir, formats: settings.formats, jobs: o.jobs ?? `up to ${availableParallelism()} (CPU cores)`, restore: settings.restore, segment: settings.segment, input: settings.restoreInput, ocr: settings.ocrMode, ocrEngine: settings.ocrEngine ?? 'default', resume: settings.resume });
    const summary = await runBatch(stdinFile ? [{ path: stdinFile, display: o.stdinName ?? 'stdin' }] : inputs, settings, o.jobs, log).finally(() => {
      log.end();
      if (stdinFile) rmSync(dirname(stdinFile), { recursive: true, force: true });
    });
    log.summary(summary);
    process.exitCode = summary.failed > 0 ? 1 : 0;
  });

function usage(message: string): void {
  process.stderr.write(`baocao: ${message}\n`);
  process.exitCode = 2;
}

registerQueueCommands(program);

program
  .command('serve')
  .description('serve the conversion as an HTTP API (POST /v1/convert; see the README)')
  .option('--port <n>', 'port to listen on', parsePort, 3000)
  .option('--host <host>', 'address to bind (127.0.0.1: this machine only)', '127.0.0.1')
  .option('--body-limit <mb>', 'largest document accepted, in MB', parseMegabytes, 100)
  .option('--in-flight <n>', 'conversions run at once', parseJobs, 2)
  .option('--queue <n>', 'conversions that may wait for a slot before 503', (v) => (v === '0' ? 0 : parseJobs(v)), 8)
  .option('--request-timeout <s>', 'longest time to receive a request, head and body, before 408', parseSeconds, 120)
  .addOption(new Option('--ocr-engine <engine>', 'OCR of scans: wasm, native or auto (as convert)').choices(OCR_ENGINE_CHOICES))
  .option('--adapt <file>', "restore with an archive's adaptation beside the bundled model (archive.json from 'baocao learn')")
  .action(async (o: { port: number; host: string; bodyLimit: number; inFlight: number; queue: number; requestTimeout: number; ocrEngine?: OcrEngineChoice; adapt?: string }) => {
    if (o.adapt !== undefined) {
      const checked = (await import('./adapt-option.js')).checkedAdapt(o.adapt);
      if ('problem' in checked) return usage(checked.problem);
    }
    const { buildServer } = await import('../serve/server.js');
    const app = await buildServer({ bodyLimit: o.bodyLimit * 1024 * 1024, inFlight: o.inFlight, queue: o.queue, requestTimeoutMs: o.requestTimeout * 1000, ocrEngine: o.ocrEngine, adapt: o.adapt });
    await app.listen({ port: o.port, host: o.host });
    const { address, port } = app.server.address() as import('node:net').AddressInfo;
    const shown = address.includes(':') ? `[${address}]` : address;
    process.stderr.write(`baocao: serving on http://${shown}:${port} (POST /v1/convert, GET /healthz, /readyz, /metrics, /v1/openapi.json)\n`);
    if (!/^(127\.|::1$|::ffff:127\.)/.test(address)) process.stderr.write(networkNotice(address, port));
    // SIGTERM/SIGINT: stop taking requests, finish those in flight, then exit.
    const stop = (signal: string) => {
      process.stderr.write(`baocao: ${signal}: finishing requests in flight, then stopping\n`);
      void app.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });

/** What `serve` bound beyond this machine means: who can reach it, and at which addresses. */
function networkNotice(address: string, port: number): string {
  const every = address === '0.0.0.0' || address === '::';
  const mine = every
    ? Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => `http://${i!.address}:${port}`)
    : [];
  return `baocao: listening on ${every ? `every network interface${mine.length ? ` (${mine.join(', ')})` : ''}` : address}: anyone who can reach this port can convert documents and read /metrics; there is no sign-in and no TLS, so keep it on a trusted network (a firewall rule, or a reverse proxy with a password in front of --host 127.0.0.1)\n`;
}

program
  .command('review')
  .description('check the unsure words of a converted folder in the browser; corrections go to <out-dir>/.baocao/corrections.jsonl and into the outputs')
  .argument('<out-dir>', 'a folder written by baocao convert')
  .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 3100)
  .option('--host <host>', 'address to bind (127.0.0.1: this machine only)', '127.0.0.1')
  .action(async (outDir: string, o: { port: number; host: string }) => {
    const { reviewCommand } = await import('./review.js');
    process.exitCode = await reviewCommand(outDir, o);
  });

program
  .command('schema')
  .description('print the JSON Schema of the output JSON')
  .action(async () => {
    const { documentJsonSchema } = await import('../core/schema.js');
    process.stdout.write(JSON.stringify(documentJsonSchema(), null, 2) + '\n');
  });

program
  .command('restore')
  .description('print the restored text of a file (or stdin) with the same lines')
  .argument('[file]', "text file, or '-' for stdin", '-')
  .option('--json', 'print the tokens with confidence and alternatives', false)
  .addOption(new Option('--input <kind>', 'how the text lost its marks').choices([...USER_RESTORE_INPUTS]).default('auto'))
  .addOption(new Option('--encoding <name>', 'force the text encoding (default: detected)').choices(ENCODING_NAMES))
  .option('--adapt <file>', "restore with an archive's adaptation beside the bundled model (archive.json from 'baocao learn')")
  .action(async (file: string, o: { json: boolean; input: 'auto' | 'stripped' | 'ocr' | 'vie-ocr'; encoding?: EncodingName; adapt?: string }) => {
    const { runRestore } = await import('./restore.js');
    process.exitCode = await runRestore(file, o);
  });

program
  .command('learn')
  .description("learn an archive's names, places, acronyms and word sequences from the text a person reviewed (and known-correct text), for convert/restore --adapt")
  .argument('[out-dir]', "a folder written by baocao convert and reviewed with baocao review (its corrections and the documents a person finished)")
  .option('--text <files...>', 'known-correct Vietnamese text files to learn from as well')
  .requiredOption('-o, --output <file>', 'the adaptation file to write (archive.json)')
  .addHelpText('after', `
Examples:
  baocao learn out/ -o archive.json                 what a person corrected in out/ (baocao review)
  baocao learn out/ --text typed/*.txt -o archive.json
  baocao convert more-scans/ --adapt archive.json -o out2/

The file is made for this baocao's restoration model: another version refuses it (learn again).`)
  .action(async (outDir: string | undefined, o: { text?: string[]; output: string }) => {
    const { learnCommand } = await import('./learn.js');
    process.exitCode = learnCommand(outDir, o);
  });

program
  .command('verify')
  .description("hash again every output the folder's manifests name: missing, changed and extra files, exit 1 on any")
  .argument('<out-dir>', 'a folder written by baocao convert (or queue workers)')
  .option('--json', 'print the report as JSON: {documents, files, unhashed, missing, changed, extra, ok}', false)
  .action(async (outDir: string, o: { json: boolean }) => {
    const { verifyCommand } = await import('./verify.js');
    process.exitCode = await verifyCommand(outDir, o);
  });

function parseMegabytes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 4096) throw new InvalidArgumentError('a size in MB from 1 to 4096');
  return n;
}

function parsePages(value: string): string {
  try {
    parsePageRanges(value);
    return value.replace(/\s+/g, '');
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

interface ArchiveSettingsFile { path: string; text: string }

function readArchiveSettings(path: string): ArchiveSettingsFile {
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new InvalidArgumentError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 86_400) throw new InvalidArgumentError('a whole number of seconds from 1 to 86400');
  return n;
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

// A reader that stops early (`| head`) closes the pipe: that is the end of the output, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof BatchSetupError) {
    process.stderr.write(`baocao: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else if (e instanceof CommanderError) {
    // Help and --version exit 0; every other parse problem is a usage error.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`baocao: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
