/** Section kind from its heading, by keyword rules on the mark-free heading (first rule wins). */
import { foldKey, hasAnyPhrase as fuzzyAny } from './fold.js';

// Keywords of three letters or fewer must match exactly: MẶT/ĐẠT, TỒN/TÔN differ by one letter.
const hasAnyPhrase = (key: string, phrases: readonly string[]) => fuzzyAny(key, phrases, 3);

export const SECTION_KINDS = [
  'results', 'assessment', 'strengths', 'limitations', 'causes', 'lessons', 'proposals', 'directions',
  'purpose', 'tasks', 'solutions', 'implementation', 'annex', 'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const STRENGTHS = ['UU DIEM', 'MAT DUOC', 'THANH TUU', 'KET QUA NOI BAT'];
const LIMITS = ['TON TAI', 'HAN CHE', 'KHUYET DIEM', 'YEU KEM', 'KHO KHAN', 'VUONG MAC', 'BAT CAP'];

const RULES: [SectionKind, (key: string) => boolean][] = [
  ['annex', (k) => hasAnyPhrase(k, ['PHU LUC', 'BIEU TONG HOP', 'BIEU MAU', 'DANH MUC'])],
  ['directions', (k) => hasAnyPhrase(k, ['PHUONG HUONG', 'THOI GIAN TOI', 'DINH HUONG']) || /NHIEM VU.*NAM \d{4}/.test(k)],
  ['purpose', (k) => hasAnyPhrase(k, ['MUC DICH', 'YEU CAU', 'MUC TIEU'])],
  ['causes', (k) => hasAnyPhrase(k, ['NGUYEN NHAN'])],
  ['lessons', (k) => hasAnyPhrase(k, ['BAI HOC'])],
  ['proposals', (k) => hasAnyPhrase(k, ['DE XUAT', 'KIEN NGHI', 'DE NGHI'])],
  ['assessment', (k) => hasAnyPhrase(k, STRENGTHS) && hasAnyPhrase(k, LIMITS)],
  ['strengths', (k) => hasAnyPhrase(k, STRENGTHS)],
  ['limitations', (k) => hasAnyPhrase(k, LIMITS)],
  ['assessment', (k) => hasAnyPhrase(k, ['DANH GIA', 'NHAN XET', 'KIEM DIEM'])],
  ['results', (k) => hasAnyPhrase(k, ['KET QUA', 'TINH HINH THUC HIEN'])],
  ['solutions', (k) => hasAnyPhrase(k, ['GIAI PHAP', 'BIEN PHAP'])],
  ['tasks', (k) => hasAnyPhrase(k, ['NHIEM VU'])],
  ['implementation', (k) => hasAnyPhrase(k, ['TO CHUC THUC HIEN', 'PHAN CONG', 'TRACH NHIEM', 'KINH PHI', 'HIEU LUC THI HANH'])],
  // "Triển khai" also narrates what was done ("1. Công tác triển khai" under results): weak.
  ['implementation', (k) => hasAnyPhrase(k, ['TRIEN KHAI'])],
];
const WEAK = RULES.length - 1;

/** The kind a heading names; null when no rule applies or only a weak one under a kinded parent (the caller inherits the parent's). */
export function kindOfHeading(heading: string, parentKind?: SectionKind): SectionKind | null {
  const key = foldKey(heading.normalize('NFC'));
  for (let i = 0; i < RULES.length; i++) {
    const [kind, test] = RULES[i]!;
    if (!test(key)) continue;
    return i === WEAK && parentKind && parentKind !== 'other' ? null : kind;
  }
  return null;
}
