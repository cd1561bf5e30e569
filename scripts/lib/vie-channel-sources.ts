/** The dictionaries/SOURCES.md section for the Vietnamese-model OCR channel (vi-ocr-vie.json). */
export const VIE_SOURCES_MARKER = '<!-- vi-ocr-vie channel: written by npm run build:vie-channel -->';

export interface VieSourcesInfo {
  file: string;
  bytes: number;
  sha256: string;
  inputsHash: string;
  files: number;
  counts: Record<string, number>;
}

export function vieSourcesSection(s: VieSourcesInfo): string {
  return [
    VIE_SOURCES_MARKER,
    '',
    `## Vietnamese-model OCR channel: \`${s.file}\``,
    '',
    `\`${s.file}\` (${s.bytes} bytes, sha256 \`${s.sha256}\`) holds the channel the restorer uses to`,
    're-read Vietnamese-model (tesseract `vie`) OCR output: a 6×6 tone-confusion table and per-letter',
    'emissions of the toneless syllable base (mark flips pooled per family a/ă/â, e/ê, o/ô/ơ, u/ư, d/đ),',
    'as smoothed log-probabilities. Counts only; no text.',
    '',
    '```',
    'npm run build:vie-channel   # = tsx scripts/build-vie-channel.ts, reads ../shared/ocr-pairs/vie',
    '```',
    '',
    '| input | what is used | licence / status |',
    '|---|---|---|',
    '| `ocr-pairs/vie/` (simscan: corpus text rendered, degraded, Tesseract 5.3 `vie` model `4.0.0_best_int`, psm 6) | tone and letter confusion counts of aligned syllables | synthetic, derived from the corpus above (ocr-pairs/README.md) |',
    '',
    `Input: ${s.files} files, sha256 of their "name sha256" list \`${s.inputsHash}\`.`,
    '',
    'Counts: ' + Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(', ') + '.',
    '',
  ].join('\n');
}
