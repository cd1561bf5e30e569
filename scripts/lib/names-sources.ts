/** The dictionaries/SOURCES.md section for the personal-name model (vi-names.json). */
export const NAMES_SOURCES_MARKER = '<!-- vi-names: written by npm run build:names -->';

export interface NamesSourcesInfo {
  file: string;
  bytes: number;
  sha256: string;
  minCount: number;
  names: number;
  lines: number;
  kept: Record<string, [kept: number, seen: number]>;
  inputs: [file: string, sha256: string][];
}

export function namesSourcesSection(s: NamesSourcesInfo): string {
  return [
    NAMES_SOURCES_MARKER,
    '',
    `## Personal-name model: \`${s.file}\``,
    '',
    `\`${s.file}\` (${s.bytes} bytes, sha256 \`${s.sha256}\`) holds how often each syllable is a surname,`,
    'a middle name or a given name among the person names of the corpus: a run of 2–4 Title-case',
    'syllables after a form of address or a title ("ông", "bà", "anh", "chị", "đồng chí", "đ/c", "Chủ tịch",',
    '"Bộ trưởng", "Thiếu tá", "TS" …) whose first syllable is one of 92 common surnames, each distinct name',
    'counted once per corpus line. Per-position syllable counts only; no full names and no text.',
    '',
    '```',
    'npm run build:names   # = tsx scripts/build-names.ts, reads ../shared/corpus (or $BAOCAO_SHARED)',
    '```',
    '',
    '| input | what is used | licence / status |',
    '|---|---|---|',
    '| `corpus/baomoi-news.*.txt.gz` (magizbox/scraper @ 3387ada6, baomoi.com articles 2017) | syllable counts per name position | article text is copyright of the newspapers: statistics only, never redistributed |',
    '| `corpus/phapdien-legal.*.txt.gz` (quangthai87vn/NLP-TraCuuPhapDienVN @ 75b8e8f1, Bộ Pháp điển) | syllable counts per name position | legal normative documents: not objects of copyright (Art. 15, Law on IP) |',
    '',
    'Inputs (sha256): ' + s.inputs.map(([f, h]) => `\`${f}\` \`${h.slice(0, 16)}…\``).join(', ') + '.',
    '',
    `Counts: ${s.lines} corpus lines, ${s.names} names; entries kept (count ≥ ${s.minCount}) / distinct seen: ` +
      Object.entries(s.kept).map(([k, [kept, seen]]) => `${k} ${kept}/${seen}`).join(', ') + '.',
    '',
  ].join('\n');
}
