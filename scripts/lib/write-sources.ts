/** Writes dictionaries/SOURCES.md: what the model was built from, under which licences, and how. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { VIE_SOURCES_MARKER } from './vie-channel-sources.js';

export interface SourcesInfo {
  modelFile: string;
  bytes: number;
  sha256: string;
  inputs: { path: string; sha256: string }[];
  stats: Record<string, unknown>;
  channel: { linePairs: number; tokenPairs: number; memorised: number };
  options: Record<string, unknown>;
}

export function writeSources(path: string, s: SourcesInfo): void {
  const lines = [
    '# dictionaries/ — built restoration model',
    '',
    `\`${s.modelFile}\` (${s.bytes} bytes, sha256 \`${s.sha256}\`) holds derived statistics only: a syllable`,
    'vocabulary, a pruned modified-Kneser-Ney trigram language model (8-bit quantised) and an OCR',
    'confusion channel. No corpus text is stored beyond single syllables and n-gram identities.',
    '',
    '## Command',
    '',
    '```',
    'npm run build:model        # = tsx scripts/build-model.ts, reads ../shared (or $BAOCAO_SHARED)',
    '```',
    '',
    'The build is deterministic: the same inputs give the same bytes.',
    '',
    '## Sources',
    '',
    '| input | what is used | licence / status |',
    '|---|---|---|',
    '| `corpus/baomoi-news.*.txt.gz` (magizbox/scraper @ 3387ada6, baomoi.com articles 2017) | n-gram counts only | article text is copyright of the newspapers: statistics only, never redistributed |',
    '| `corpus/phapdien-legal.*.txt.gz` (quangthai87vn/NLP-TraCuuPhapDienVN @ 75b8e8f1, Bộ Pháp điển) | n-gram counts only | legal normative documents: not objects of copyright (Art. 15, Law on IP) |',
    '| `ocr-pairs/eng/` (simscan: corpus text rendered, Tesseract 5.3 English model) | letter and token confusion counts | synthetic, derived from the corpus above |',
    '',
    'The syllable inventory is derived from the corpus counts and the phonotactic check in',
    '`src/core/vi-text` (onset + rhyme + tone); no lexicon file (in particular not the GPL-2',
    'hunspell-vi list) is included in the model.',
    '',
    '## Input hashes (sha256)',
    '',
    ...s.inputs.map((i) => `- \`${i.path}\`: \`${i.sha256}\``),
    '',
    '## Counts',
    '',
    ...Object.entries(s.stats).map(([k, v]) => `- ${k}: ${JSON.stringify(v)}`),
    `- OCR channel: ${s.channel.linePairs} line pairs, ${s.channel.tokenPairs} aligned token pairs, ${s.channel.memorised} memorised token confusions`,
    '',
    '## Build options',
    '',
    '```json',
    JSON.stringify(s.options, null, 2),
    '```',
    '',
    'Channel correction for real English-model OCR (documented simscan bias, ocr-pairs/README):',
    'ă→i raised to 30 % (README suggests about 50 %), ã→4 to 25 %, 70 % of ư→w mass moved to ư→u,',
    'ư→ur and ư→ir raised to at least 5 % each (two-letter readings of ư in real English-model OCR),',
    'ô (every tone) → é raised to at least 15 % (the fast English model\'s habit: 32 % of ô in corpus renders',
    'read by tessdata_fast, 3 % in ocr-pairs/eng; docs/eng-real-s21.md).',
    '',
  ];
  // The Vietnamese-OCR channel's section (npm run build:vie-channel) is another build's: kept as is.
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const at = old.indexOf(VIE_SOURCES_MARKER);
  writeFileSync(path, lines.join('\n') + (at >= 0 ? '\n' + old.slice(at) : ''));
}
