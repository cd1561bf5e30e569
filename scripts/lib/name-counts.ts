/**
 * Person names in corpus text: a run of 2–4 Title-case Vietnamese syllables right after a cue
 * word (NAME_CUES: "ông", "bà", "đồng chí", "đ/c", "Chủ tịch" …) whose first syllable is a common surname. Each
 * distinct name is counted once per line (a news article repeats its people many times), by
 * syllable position: surname, middle (every syllable between) and given (the last).
 */
import { isVietnameseSyllable, normalizeTonePlacement } from '../../src/core/vi-text/index.js';
import { NAME_CUES, namePositions } from '../../src/core/restore/name-evidence.js';
import type { NamePosition } from '../../src/core/restore/name-model.js';

/** Common Vietnamese surnames (lower-case, old-style tone placement); ones that are also common
 * given names (Văn, Quang, Trang, Phương …) are left out so that "anh Quang Hải" is not counted. */
export const SURNAMES: readonly string[] = [
  'nguyễn', 'trần', 'lê', 'phạm', 'hoàng', 'huỳnh', 'phan', 'vũ', 'võ', 'đặng', 'bùi', 'đỗ', 'hồ', 'ngô',
  'dương', 'lý', 'đào', 'đoàn', 'vương', 'trịnh', 'trương', 'lâm', 'phùng', 'mai', 'tô', 'hà', 'tạ', 'lương',
  'lưu', 'quách', 'cao', 'đinh', 'chu', 'thái', 'tăng', 'kiều', 'lại', 'mạc', 'triệu', 'hứa', 'từ', 'tống',
  'nghiêm', 'khổng', 'la', 'đàm', 'đồng', 'lò', 'lục', 'thân', 'hầu', 'doãn', 'phí', 'âu', 'tôn', 'ông',
  'thạch', 'diệp', 'quan', 'nông', 'vi', 'lã', 'mẫn', 'khúc', 'bạch', 'cù', 'lăng', 'hàn', 'mã', 'trình',
  'biện', 'ứng', 'cấn', 'khương', 'quản', 'đường', 'viên', 'tào', 'lữ', 'giáp', 'sầm', 'chử', 'bế', 'lường',
  'vy', 'đậu', 'nhữ', 'thiều', 'ôn', 'khuất', 'lều', 'mông',
];

const CUES = new Set(NAME_CUES);
const TWO_WORD_CUES = new Set(['đồng chí']);

export interface NameCounts {
  surname: Map<string, number>;
  middle: Map<string, number>;
  given: Map<string, number>;
  names: number;
  lines: number;
}

export const emptyNameCounts = (): NameCounts => ({ surname: new Map(), middle: new Map(), given: new Map(), names: 0, lines: 0 });

const surnameSet = new Set(SURNAMES);
const TOKEN_RE = /[\p{L}\p{M}]+(?:\/[\p{L}\p{M}]+)?|\S/gu;
const isTitle = (t: string) => t.length > 0 && t[0] !== t[0]!.toLowerCase() && t.slice(1) === t.slice(1).toLowerCase();
const isLetters = (t: string) => /^[\p{L}\p{M}]+$/u.test(t);

/** The names found in one line, as lists of lower-case normalised syllables. */
export function namesInLine(line: string): string[][] {
  const toks = [...line.matchAll(TOKEN_RE)].map((m) => m[0]);
  const out: string[][] = [];
  for (let i = 0; i < toks.length; i++) {
    const lower = toks[i]!.toLowerCase();
    const cue = CUES.has(lower) ? 1 : i + 1 < toks.length && TWO_WORD_CUES.has(lower + ' ' + toks[i + 1]!.toLowerCase()) ? 2 : 0;
    if (!cue) continue;
    let j = i + cue;
    const run: string[] = [];
    while (j < toks.length && isLetters(toks[j]!) && isTitle(toks[j]!) && run.length <= 4) run.push(toks[j++]!);
    if (run.length < 2 || run.length > 4) continue;
    const sylls = run.map((t) => normalizeTonePlacement(t.toLowerCase(), 'old'));
    if (!surnameSet.has(sylls[0]!) || !sylls.every(isVietnameseSyllable)) continue;
    out.push(sylls);
    i = j - 1;
  }
  return out;
}

export function countLine(line: string, counts: NameCounts): void {
  counts.lines++;
  const seen = new Set<string>();
  for (const name of namesInLine(line)) {
    const key = name.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    counts.names++;
    namePositions(name.length).forEach((p, k) => counts[p].set(name[k]!, (counts[p].get(name[k]!) ?? 0) + 1));
  }
}

/** Sorted, pruned tables: entries seen fewer than `minCount` times are dropped, totals kept. */
export function nameTables(counts: NameCounts, minCount: number) {
  const table = (m: Map<string, number>) => {
    const kept = [...m].filter(([, c]) => c >= minCount).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let total = 0;
    for (const c of m.values()) total += c;
    return { total, counts: Object.fromEntries(kept) as Record<string, number> };
  };
  return { surname: table(counts.surname), middle: table(counts.middle), given: table(counts.given) };
}
