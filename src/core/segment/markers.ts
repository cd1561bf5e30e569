/** Line-start markers shared by the header, body and closing parsers (tested on keys). */
import { foldKey, hasAnyPhrase, inCaseOf, keyTokens, leadingLettersUpper, phraseAt, wordsOf } from './fold.js';

const startsWith = (key: string, phrase: string) => phraseAt(keyTokens(key, wordsOf(phrase).words.length), phrase, 0);

/** A test whether a key starts with any of the phrases (fuzzy), its first tokens read once for all of them. */
function startsWithAnyOf(phrases: readonly string[]): (key: string) => boolean {
  const words = Math.max(...phrases.map((p) => wordsOf(p).words.length));
  return (key) => {
    const tokens = keyTokens(key, words);
    return phrases.some((p) => phraseAt(tokens, p, 0));
  };
}

export const MOTTO = 'CONG HOA XA HOI CHU NGHIA VIET NAM';
export const MOTTO_2 = 'DOC LAP TU DO HANH PHUC';

/** Lines that open the body: legal bases, addressees, "Thực hiện …". */
export function isBodyOpening(key: string): boolean {
  return startsBody(key);
}
const startsBody = startsWithAnyOf(['CAN CU', 'KINH GUI', 'THUC HIEN', 'XET DE NGHI', 'THEO DE NGHI']);

export function isClosing(key: string): boolean {
  return startsWith(key, 'TREN DAY LA');
}

export function isRecipientsLabel(key: string): boolean {
  return /^\s*N\w{1,2}I\s+NH\w{1,3}N\s*[:;.]?/.test(key) && startsWith(key, 'NOI NHAN');
}

/** "- Lưu: VT, …": the archive item every recipients list ends with (Decree 30). */
export const isArchiveItem = (key: string): boolean => /^\s*[-–•+*=~]?\s*LUU\s*[:;.,]/.test(key);
/** A list item's dash (OCR reads it as any of these) and its first character. */
export const DASH_ITEM = /^\s*[-–•+*=~]\s*\S/;
/** A label OCR misread ("đốn:" for "Nơi nhận:"): one short word and its colon opening the line. */
const LABEL_LIKE = /^\s*[^\s:;]{2,10}\s*[:;](?:\s|$)/;
/** Lines without a dash a wrapped item may take, in a row. */
export const MAX_WRAPPED = 2;

/**
 * The line of a recipients label OCR misread, from the list under it: a run of at least two dash
 * items ending in "Lưu: …", right under a short "word:" line (the label, with the signature's
 * first line beside it). -1 when the last such list has no such line over it.
 */
export function misreadRecipientsLabelAt(lines: readonly { key: string; text: string }[], from: number, to: number): number {
  let archive = -1;
  for (let i = to - 1; i >= from && archive < 0; i--) if (isArchiveItem(lines[i]!.key)) archive = i;
  if (archive < 0) return -1;
  let top = archive, items = 1, wrapped = 0;
  for (let j = archive - 1; j >= from; j--) {
    const t = lines[j]!.text;
    if (DASH_ITEM.test(t)) { top = j; items++; wrapped = 0; continue; }
    if (t.trim() !== '' && !LABEL_LIKE.test(lines[j]!.key) && ++wrapped <= MAX_WRAPPED) continue;
    break;
  }
  const label = top - 1;
  return items >= 2 && label >= from && LABEL_LIKE.test(lines[label]!.key) ? label : -1;
}

/** Signature authority at the start of a line: TM. / KT. / Q. / TL. / TUQ. */
export function authorityOf(key: string): string | null {
  // foldKey reads a lone Q as an OCR'd O, so "TUQ." and "Q." arrive as "TUO." and "O.".
  // "TL.HIỆU TRƯỞNG": OCR may lose the space after the mark's dot (not after a lone Q.).
  // Before 2004 the marks were written with a slash: "T/M UBND TỈNH", "K/T CHỦ TỊCH", "T/L".
  const slashed = /^\s*(T\/M|K\/T|T\/L|T\/U[QO])\s*[.,]?\s+(?=[A-Z])/.exec(key);
  if (slashed) return `${slashed[1]!.replace('/', '').replace(/O$/, 'Q')}.`;
  const m = /^\s*(TM|KT|TU[QO]|TL|[QO])\s*[.,]?\s+(?=[A-Z])/.exec(key) ?? /^\s*(TM|KT|TUQ|TL)\s*[.,](?=[A-Z]{2})/.exec(key);
  if (!m) return null;
  const word = m[1]!.replace(/O$/, 'Q');
  if (word === 'Q' && !/^\s*[QO]\s*\./.test(key)) return null;
  return `${word}.`;
}

/** Annex openers: "PHỤ LỤC", "BIỂU TỔNG HỢP", "BIỂU MẪU", "DANH MỤC". */
export function isAnnexTitle(key: string, text: string): boolean {
  const k = key.trim();
  if (!/^[A-Z]/.test(k)) return false;
  if (!leadingLettersUpper(text, 8)) return false;
  return startsAnnex(k);
}

const ANNEX_LABELS = ['Phụ lục', 'Biểu tổng hợp', 'Biểu mẫu', 'Biểu số', 'Danh mục'].map((word) => ({ word, key: foldKey(word) }));
const startsAnnex = startsWithAnyOf(ANNEX_LABELS.map((p) => p.key));

/**
 * An annex title with its opening label in dictionary spelling ("ĐIỀU TỔNG HỢP", a restorer's
 * reading of OCR "BIEU TONG HQP", → "BIỂU TỔNG HỢP"); the rest of the title is left as read.
 */
export function canonicalAnnexTitle(title: string): string {
  const key = foldKey(title.normalize('NFC'));
  const tokens = keyTokens(key);
  for (const label of ANNEX_LABELS) {
    const n = label.key.split(' ').length;
    if (tokens.length < n || !phraseAt(tokens, label.key, 0)) continue;
    const cut = tokens[n - 1]!.end;
    return inCaseOf(label.word, title.slice(0, cut)) + title.slice(cut);
  }
  return title;
}

/** "(Kèm theo …)", "(Ban hành kèm theo …)". */
export function isAttachmentReference(key: string): boolean {
  return /^\s*\(?\s*(BAN HANH\s+)?K\w{1,2}M\s+THEO\b/.test(key) || hasAnyPhrase(key.slice(0, 30), ['KEM THEO']) && /^\s*\(/.test(key);
}
