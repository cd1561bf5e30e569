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
    'npm run build:confidence   # = tsx scripts/build-confidence.ts, reads ../shared/ocr-pairs and dictionaries/vi-restore.bin',
    '```',
    '',
    'The fit is deterministic (Newton steps, no sampling). Rebuild it after rebuilding the restoration model.',
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
