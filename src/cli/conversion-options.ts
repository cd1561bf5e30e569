/**
 * The options that decide how a document is converted, shared by `convert` and `queue add` so
 * both take the same names, choices and defaults, and turn them into the same batch settings.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BatchSettings } from '../batch/convert-file.js';
import { ENCODING_NAMES, type EncodingName } from '../core/encoding/index.js';
import { DEFAULT_FORMATS, FORMATS, parseFormatList, type Format } from '../emit/formats.js';
import { DEFAULT_OCR_ENGINE, OCR_ENGINE_CHOICES, type OcrEngineChoice } from '../ingest/ocr/engine-choice.js';
import { OCR_MODES, type OcrMode } from '../ingest/text-layer-trust.js';
import { USER_RESTORE_INPUTS } from '../core/restore/inputs.js';

export interface ConversionFlags {
  format: Format[];
  encoding?: EncodingName;
  restore: boolean;
  segment: boolean;
  input: 'auto' | 'stripped' | 'ocr' | 'vie-ocr';
  ocr: OcrMode;
  ocrEngine?: OcrEngineChoice;
  /** false with --no-noise-stop. */
  noiseStop: boolean;
  /** `--adapt <file>` as given; checkedAdapt (adapt-option.ts) reads it when the command runs. */
  adapt?: string;
}

export function parseFormats(value: string): Format[] {
  try {
    return parseFormatList(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function addConversionOptions(cmd: Command): Command {
  return cmd
    .option('--format <list>', `outputs, comma-separated: ${FORMATS.join(', ')} or all`, parseFormats, [...DEFAULT_FORMATS])
    .addOption(new Option('--encoding <name>', 'force the text encoding (default: detected)').choices(ENCODING_NAMES))
    .option('--no-restore', 'skip diacritic restoration')
    .option('--no-segment', 'skip the document structure (header, sections, signature, annexes)')
    .addOption(new Option('--input <kind>', 'how the text lost its marks').choices([...USER_RESTORE_INPUTS]).default('auto'))
    .addOption(new Option('--ocr <mode>', "PDF pages with a text layer: auto OCRs a page whose layer over the scan does not read as Vietnamese, force OCRs every page's image, never takes text layers as they are").choices([...OCR_MODES]).default('auto'))
    .addOption(new Option('--ocr-engine <engine>', 'OCR of scans: tesseract.js (wasm), the system tesseract (native: apt-get install tesseract-ocr), or auto (native when installed)').choices(OCR_ENGINE_CHOICES).default(undefined, `BAOCAO_OCR_ENGINE, else ${DEFAULT_OCR_ENGINE}`))
    .option('--no-noise-stop', 'read every page of a scan even when its first 10 pages read no text (such a file is otherwise stopped there as noise)')
    .option('--adapt <file>', "restore with an archive's adaptation beside the bundled model (archive.json from 'baocao learn')");
}

export function conversionSettings(o: ConversionFlags): Pick<BatchSettings, 'formats' | 'encoding' | 'restore' | 'segment' | 'restoreInput' | 'ocrMode' | 'ocrEngine' | 'noiseStop'> {
  return { formats: o.format, encoding: o.encoding, restore: o.restore, segment: o.segment, restoreInput: o.input, ocrMode: o.ocr, ocrEngine: o.ocrEngine, ...(o.noiseStop === false ? { noiseStop: false } : {}) };
}
