/**
 * The output formats a batch can write, and how `--format` names them. `json`, `csv`, `txt`, `md`,
 * `docx` and `pdf` are written per document (src/emit/document-writers.ts); `xlsx` is one workbook
 * for the whole batch.
 */
export const FORMATS = ['json', 'csv', 'txt', 'md', 'docx', 'pdf', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];
export const DEFAULT_FORMATS: readonly Format[] = ['json', 'csv'];
/** Formats whose writer makes exactly one file, so `-o -` can send it to standard output. */
export const STDOUT_FORMATS: readonly Format[] = ['json', 'txt', 'md', 'docx', 'pdf'];

export const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

/** "json,md", "all" → the formats in their canonical order; throws a sentence on an unknown name. */
export function parseFormatList(value: string): Format[] {
  const names = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (names.length === 0) throw new Error(`name at least one format: ${FORMATS.join(', ')} or all`);
  const wanted = new Set<Format>();
  for (const n of names) {
    if (n === 'all') FORMATS.forEach((f) => wanted.add(f));
    else if (isFormat(n)) wanted.add(n);
    else throw new Error(`unknown format "${n}": use ${FORMATS.join(', ')} or all, separated by commas`);
  }
  return FORMATS.filter((f) => wanted.has(f));
}
