/**
 * Self instructions by function (callgrind-functions.ts) added up by restoration stage, so that a
 * warm pass reads as a split: the decoder and its table of LM scores, its confidences, the
 * forward–backward posteriors, the OCR document cache, word evidence and calibration, output
 * (tokens, surfaces, acronyms), text and candidates before decoding, the garbage collector, the
 * optimizing compiler, regexps, exp/log, the rest. A function's stage is its file's (a few files
 * hold two stages: named below); builtins and C++ are attributed by name only, not by caller.
 */

/** Stages in print order. */
export const STAGES = [
  'decoder + LM table', 'decoder confidences', 'posterior', 'document cache (OCR)', 'evidence + calibration',
  'output (tokens, acronyms)', 'text + candidates', 'exp / log', 'regexp', 'GC + write barriers', 'TurboFan', 'other builtins / C++',
] as const;
export type Stage = (typeof STAGES)[number];

const BY_FILE: Record<string, Stage> = {
  'decoder.js': 'decoder + LM table', 'arc-table.js': 'decoder + LM table', 'language-model.js': 'decoder + LM table',
  'segment-memo.js': 'decoder + LM table', 'int-pair-map.js': 'decoder + LM table',
  'posterior.js': 'posterior', 'unsure-posteriors.js': 'posterior', 'window-memo.js': 'posterior',
  'doc-cache.js': 'document cache (OCR)',
  'word-evidence.js': 'evidence + calibration', 'calibration.js': 'evidence + calibration', 'spelling-evidence.js': 'evidence + calibration',
  'surface-forms.js': 'output (tokens, acronyms)', 'restored-token.js': 'output (tokens, acronyms)', 'list-markers.js': 'output (tokens, acronyms)',
  'acronym-expansions.js': 'output (tokens, acronyms)',
};

/** Functions whose file holds more than one stage. */
const BY_FUNCTION: Record<string, Stage> = {
  'forwardPosterior decoder.js': 'decoder confidences', 'localPosterior decoder.js': 'decoder confidences', 'bestOthers decoder.js': 'decoder confidences',
  // Word evidence's LM margin asks lm.trigram (its whole-trigram cache); the decoder asks the arc table.
  'trigram language-model.js': 'evidence + calibration',
  'emit index.js': 'output (tokens, acronyms)', 'alternativesOf index.js': 'output (tokens, acronyms)',
};

/** The stage of a function as callgrind-functions.ts names it ("decodeSegment decoder.js", "Builtins_…", C++). */
export function stageOf(name: string): Stage {
  const known = BY_FUNCTION[name];
  if (known) return known;
  const js = /^(?:\S+|\(anonymous\)) ([\w.-]+\.js)(?::\d+)?$/.exec(name);
  if (js) return BY_FILE[js[1]!] ?? 'text + candidates';
  if (/ieee754::(exp|log)/.test(name)) return 'exp / log';
  if (/^RegExp:|RegExp|IsCharacterInRangeArray/.test(name)) return 'regexp';
  if (/Scaveng|Mark(ing|Compact)|Sweep|Evacuat|Heap::|heap::|IteratePointers|BodyDescriptor|RecordWrite|RecordMigrated|SizeFromMap|Pretenuring|ShouldBePromoted|ObjectCache|LiveObjectRange|MemoryAllocator|MemoryChunk|PagedSpace|NewSpace|ConcurrentMarking|GCTracer|OnMoveEvent/.test(name)) return 'GC + write barriers';
  if (/compiler::|Compile|Turbofan|TurboFan|MaglevCompiler|RegisterAllocat|Zone::/.test(name)) return 'TurboFan';
  return 'other builtins / C++';
}

/** Sums of `costs` by stage, in STAGES order. */
export function stageCosts(costs: ReadonlyMap<string, number>): Map<Stage, number> {
  const out = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const [name, n] of costs) { const s = stageOf(name); out.set(s, out.get(s)! + n); }
  return out;
}

/** A table of the stages: per side, millions of instructions and thousands per syllable. */
export function stageTable(labels: readonly string[], costs: readonly ReadonlyMap<string, number>[], syllables: number): string {
  const sums = costs.map(stageCosts);
  const totals = sums.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const cell = (n: number, total: number) => `${(n / 1e6).toFixed(1).padStart(8)} ${(n / syllables / 1e3).toFixed(2).padStart(6)}k ${(100 * n / total).toFixed(1).padStart(5)}%`;
  const head = `${'stage'.padEnd(28)}${labels.map((l) => `${l.slice(0, 8).padStart(8)} ${'/syll'.padStart(7)} ${'share'.padStart(6)}`).join('  ')}`;
  const rows = STAGES.map((s) => `${s.padEnd(28)}${sums.map((m, i) => cell(m.get(s)!, totals[i]!)).join('  ')}`);
  return `${head}\n${rows.join('\n')}\n${'total'.padEnd(28)}${totals.map((t) => cell(t, t)).join('  ')}\n`;
}
