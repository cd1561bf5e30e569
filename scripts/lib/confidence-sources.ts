/** The dictionaries/SOURCES.md section of the word-confidence calibration (npm run build:confidence); last in the file. */
export const CONFIDENCE_SOURCES_MARKER = '<!-- vi-confidence: written by npm run build:confidence -->';
/** After the calibration's section: sections kept by hand (their own build writes no SOURCES text); every build keeps them. */
export const HAND_SECTIONS_MARKER = '<!-- written by hand below; the builds keep these sections -->';

export function confidenceSourcesSection(o: { file: string; bytes: number; sha256: string; inputsHash: string; files: number; report: Record<string, unknown> }): string {
  const rows = Object.entries(o.report).map(([mode, r]) => `| ${mode} | ${Object.values(r as Record<string, unknown>).join(' | ')} |`);
  const keys = Object.keys(Object.values(o.report)[0] as Record<string, unknown>);
  return [
    CONFIDENCE_SOURCES_MARKER,
    '',
    '## Word confidence calibration: `vi-confidence.json`',
    '',
    `\`${o.file}\` (${o.bytes} bytes, sha256 \`${o.sha256}\`) holds, per input kind, the weights of a small logistic`,
    "model that turns what the restorer knows about a word (forward–backward posterior, known syllable,",
    'digits inside, name, channel cost, the document\'s other readings of the token; src/core/restore/calibration.ts)',
    'into the probability that the word is right, and the probability below which a word goes to the',
    'review list. Numbers only; no text.',
    '',
    '```',
    'npm run build:confidence   # = tsx scripts/build-heldout-model.ts && tsx scripts/build-confidence.ts',
    '```',
    '',
    'Cross-fitted: the evidence the model is fitted on is gathered with held-out restoration models',
    '(`scripts/build-heldout-model.ts`, written to `bench/.work/heldout-model/`, never committed): the',
    'same language-model build as `npm run build:model` over the corpus minus every line that holds',
    'half or more of a paragraph the OCR pairs\' pages were made from (runs of 8 words;',
    '`scripts/lib/heldout-corpus.ts`), and the English-OCR channel learnt from the other half of the',
    '`ocr-pairs/eng` pages (odd/even, the folds below). The shipped model has seen these pages; read',
    'with it they look surer than the unseen documents the calibration is for. The Vietnamese-model',
    'channel (`vi-ocr-vie.json`) and the name counts are not held out.',
    '',
    'For stripped text and English-model OCR the file also holds a per-document review cut',
    '(`documentReviewBelow` in calibration.ts): a document\'s least sure words, until they hold 90 % of',
    'the wrong words its probabilities expect or 5 % of its words (words below 0.5 always).',
    '',
    'The fit is deterministic (Newton steps, no sampling), and so is the held-out build. Rebuild it after rebuilding the restoration model.',
    '',
    '| input | what is used | licence / status |',
    '|---|---|---|',
    '| `ocr-pairs/eng/`, `ocr-pairs/vie/` (simscan: corpus text rendered, Tesseract 5.3 eng / vie), and their ground truth with the marks removed | each restored word\'s evidence and whether it matches the ground truth | synthetic, derived from the corpus (see above); never the devset |',
    '',
    `Input: ${o.files} files, sha256 of their "name sha256" list \`${o.inputsHash}\`.`,
    '',
    'Out-of-fold figures on the calibration data (pages split odd/even; the devset figures are in `npm run bench:review`):',
    '',
    `| input | ${keys.join(' | ')} |`,
    `|---|${keys.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
}
