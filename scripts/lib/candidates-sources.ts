/** The dictionaries/SOURCES.md section for the English-OCR candidate table (vi-ocr-candidates.bin). */
export const CANDIDATES_SOURCES_MARKER = '<!-- vi-ocr-candidates: written by npm run build:candidates -->';

export interface CandidatesSourcesInfo {
  file: string;
  bytes: number;
  sha256: string;
  modelFile: string;
  fingerprint: string;
  tokens: number;
  lists: number;
  entries: number;
}

export function candidatesSourcesSection(s: CandidatesSourcesInfo): string {
  return [
    CANDIDATES_SOURCES_MARKER,
    '',
    `## English-OCR candidate table: \`${s.file}\``,
    '',
    `\`${s.file}\` (${s.bytes} bytes, sha256 \`${s.sha256}\`) holds, for ${s.tokens} OCR tokens, the candidate`,
    `syllables and channel log-probabilities that the restorer's search (src/core/restore/channel.ts) gives`,
    `for them with \`${s.modelFile}\`: every plain-letter syllable skeleton, every memorised OCR confusion`,
    'of the model, every number of one to three digits, and the eight likeliest readings (ln P ≥ −6 under',
    'the learned letter emissions) of every vocabulary syllable. It is derived from the model alone (no other',
    'input) and only saves time: with or without it the output is the same. It is tied to the model by a',
    `fingerprint (\`${s.fingerprint.slice(0, 16)}…\`, sha256 of the model header and unigrams); after a`,
    'model rebuild an old table is left unused until this is run again.',
    '',
    '```',
    'npm run build:candidates   # = tsx scripts/build-candidates.ts, reads dictionaries/ only',
    '```',
    '',
    `Counts: ${s.tokens} tokens, ${s.lists} lists (a capital-Đ variant only where it differs), ${s.entries} candidates.`,
    '',
  ].join('\n');
}
