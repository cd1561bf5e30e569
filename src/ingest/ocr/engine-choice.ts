/**
 * The OCR engine names, apart from the engines themselves, so the command line can offer them
 * without loading tesseract.js.
 */
export type OcrEngineName = 'wasm' | 'native';
export type OcrEngineChoice = OcrEngineName | 'auto';
export const OCR_ENGINE_CHOICES: readonly OcrEngineChoice[] = ['wasm', 'native', 'auto'];

/** The engine used when none is asked for (docs/ocr-engines.md gives the measurement). */
export const DEFAULT_OCR_ENGINE: OcrEngineChoice = 'wasm';

/** BAOCAO_OCR_ENGINE when it names an engine. */
export function envOcrEngine(): OcrEngineChoice | undefined {
  const v = process.env.BAOCAO_OCR_ENGINE;
  return v && (OCR_ENGINE_CHOICES as readonly string[]).includes(v) ? (v as OcrEngineChoice) : undefined;
}
