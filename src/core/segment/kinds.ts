/** Section kind from its heading, by keyword rules on the mark-free heading (first rule wins). */
import { foldKey, hasAnyPhraseIn, keyTokens, type KeyToken } from './fold.js';

/** A heading's key and its tokens, read once for all the rules. */
interface Heading { key: string; tokens: KeyToken[]; strengths?: boolean; limits?: boolean }

// Keywords of three letters or fewer must match exactly: MẶT/ĐẠT, TỒN/TÔN differ by one letter.
const hasAnyPhrase = (h: Heading, phrases: readonly string[]) => hasAnyPhraseIn(h.tokens, phrases, 3);
// Asked twice (the assessment rule, then each alone): answered once a heading.
const hasStrengths = (h: Heading) => (h.strengths ??= hasAnyPhrase(h, STRENGTHS));
const hasLimits = (h: Heading) => (h.limits ??= hasAnyPhrase(h, LIMITS));

export const SECTION_KINDS = [
  'results', 'assessment', 'strengths', 'limitations', 'causes', 'lessons', 'proposals', 'directions',
  'purpose', 'tasks', 'solutions', 'implementation', 'annex', 'other',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const STRENGTHS = ['UU DIEM', 'MAT DUOC', 'THANH TUU', 'KET QUA NOI BAT'];
const LIMITS = ['TON TAI', 'HAN CHE', 'KHUYET DIEM', 'YEU KEM', 'KHO KHAN', 'VUONG MAC', 'BAT CAP'];

const RULES: [SectionKind, (heading: Heading) => boolean][] = [
  ['annex', (k) => hasAnyPhrase(k, ['PHU LUC', 'BIEU TONG HOP', 'BIEU MAU', 'DANH MUC'])],
  ['directions', (k) => hasAnyPhrase(k, ['PHUONG HUONG', 'THOI GIAN TOI', 'DINH HUONG']) || /NHIEM VU.*NAM \d{4}/.test(k.key)],
  ['purpose', (k) => hasAnyPhrase(k, ['MUC DICH', 'YEU CAU', 'MUC TIEU'])],
  ['causes', (k) => hasAnyPhrase(k, ['NGUYEN NHAN'])],
  ['lessons', (k) => hasAnyPhrase(k, ['BAI HOC'])],
  ['proposals', (k) => hasAnyPhrase(k, ['DE XUAT', 'KIEN NGHI', 'DE NGHI'])],
  ['assessment', (k) => hasStrengths(k) && hasLimits(k)],
  ['strengths', (k) => hasStrengths(k)],
  ['limitations', (k) => hasLimits(k)],
  ['assessment', (k) => hasAnyPhrase(k, ['DANH GIA', 'NHAN XET', 'KIEM DIEM'])],
  ['results', (k) => hasAnyPhrase(k, ['KET QUA', 'TINH HINH THUC HIEN'])],
  ['solutions', (k) => hasAnyPhrase(k, ['GIAI PHAP', 'BIEN PHAP'])],
  ['tasks', (k) => hasAnyPhrase(k, ['NHIEM VU'])],
  ['implementation', (k) => hasAnyPhrase(k, ['TO CHUC THUC HIEN', 'PHAN CONG', 'TRACH NHIEM', 'KINH PHI', 'HIEU LUC THI HANH', 'CHE DO BAO CAO'])],
];

/**
 * Words that name a plan's part at the top ("II. NỘI DUNG KẾ HOẠCH", "IV. TRIỂN KHAI") but also
 * head what was done inside another part ("1. Công tác triển khai", "2.1. Nội dung, hình thức
 * tuyên truyền" under results): under a kinded parent they yield to the parent's kind.
 */
const WEAK: [SectionKind, (heading: Heading) => boolean][] = [
  ['implementation', (k) => hasAnyPhrase(k, ['TRIEN KHAI'])],
  ['tasks', (k) => hasAnyPhrase(k, ['NOI DUNG', 'LO TRINH'])],
];

/** The kind a heading names; null when no rule applies or only a weak one under a kinded parent (the caller inherits the parent's). */
export function kindOfHeading(heading: string, parentKind?: SectionKind): SectionKind | null {
  const key = foldKey(heading.normalize('NFC'));
  const h: Heading = { key, tokens: keyTokens(key) };
  for (const [kind, test] of RULES) if (test(h)) return kind;
  if (parentKind && parentKind !== 'other') return null;
  for (const [kind, test] of WEAK) if (test(h)) return kind;
  return null;
}
