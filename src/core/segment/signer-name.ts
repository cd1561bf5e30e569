/**
 * The printed signer's name as OCR garbles it under the signature ink or a stamp ("Phững TẾ Xuân
 * Bình", "FSzTfịnh Văn Toàn"), read back against the names model (dictionaries/vi-names.json) and
 * the document's own mentions of people. A repair only ever picks syllables that the model has
 * seen at that place of a name (surname, middle, given) or that the document itself writes: it
 * never invents a name, and a repaired name is said to be uncertain.
 */
import { NAME_POSITIONS, type NameModel, type NamePosition } from '../restore/name-model.js';
import { isVietnameseSyllable, normalizeTonePlacement, stripMarks } from '../vi-text/index.js';
import { editDistance } from './fold.js';

/** One edit costs a factor of ten in likelihood (ln 10): a plain prior, not fitted to any page. */
const EDIT_COST = Math.log(10);
/** At most this many edits in one syllable, and in the whole name. */
const MAX_TOKEN_EDITS = 2;
const MAX_NAME_EDITS = 3;
/** A name of this many well-formed syllables is taken as printed, even with a surname the model never saw. */
const MIN_SOUND_NAME = 3;

export interface SignerName {
  name: string;
  /** The words as read, when the name was repaired. */
  asRead: string | null;
}

const lower = (s: string) => normalizeTonePlacement(s.normalize('NFC').toLowerCase(), 'old');
const skeleton = (s: string) => stripMarks(s).replace(/đ/g, 'd');
const title = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A token's letters: specks and stamp strokes glued in front go ("`Phững", "_¬Đín"), and so do
 * letters before a capitalised word inside it ("FSzTfịnh" → "Tfịnh"): a name word starts there.
 */
export function nameToken(raw: string): string {
  const letters = raw.replace(/[^\p{L}]/gu, '');
  const starts = [...letters.matchAll(/\p{Lu}(?=\p{Ll})/gu)];
  const at = starts.length ? starts[starts.length - 1]!.index! : 0;
  return letters.slice(at);
}

/** Words of a line that may be a name, cleaned (nameToken); two words OCR ran together ("ĐínhVăn") are two. */
function nameTokens(text: string): string[] {
  return text.trim().replace(/(?<=\p{Ll})(?=\p{Lu}\p{Ll})/gu, ' ').split(/\s+/).map(nameToken).filter((t) => t.length > 0);
}

/**
 * A line that reads as a printed name under noise: it ends in two or more capitalised words
 * ("… Văn Toàn") and is no upper-case position line.
 */
export function looksLikeName(text: string): boolean {
  const t = nameTokens(text);
  if (t.length < 2 || t.length > 6) return false;
  const tail = t.slice(-2);
  return tail.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w));
}

/** A syllable read for one place of the name; `known` when the model or the document has it there. */
interface Pick { form: string; edits: number; score: number; known: boolean }

/** Cost in edits of reading `form` as `read`: letters apart, or only the marks (half an edit). */
function edits(read: string, form: string): number {
  if (read === form) return 0;
  const a = skeleton(read), b = skeleton(form);
  return a === b ? 0.5 : editDistance(a, b);
}

/** A capitalised, well-formed Vietnamese syllable: no OCR damage shows in it. */
const isSound = (read: string) => /^\p{Lu}\p{Ll}*$/u.test(read) && isVietnameseSyllable(lower(read));

function bestForm(read: string, position: NamePosition, names: NameModel, mentioned: ReadonlySet<string>, wholeNameSound = false): Pick | null {
  const r = lower(read);
  const seen = (p: NamePosition) => names.score(r, p) > names.unseen(p);
  const kept: Pick = { form: r, edits: 0, score: names.score(r, position), known: true };
  // A syllable seen at this place of a name, or written so by the document, is read as it is; so
  // is every word of a name read whole and well-formed ("Hạ Bá Chân" is no "Hà Bá Chấn": a rare
  // name is still a name, and nothing in it shows damage to repair).
  if (seen(position) || mentioned.has(r)) return kept;
  if (wholeNameSound) {
    // Only the document's own spelling of the person may move its marks ("Phững" → "Phùng").
    const own = [...mentioned].find((m) => edits(r, m) === 0.5);
    return own ? { form: own, edits: 0.5, score: names.score(own, position), known: true } : kept;
  }
  // A well-formed capitalised syllable is no OCR damage: seen elsewhere in names ("Lộc" as a
  // middle name) it stays; seen nowhere, only its marks may be wrong ("Phững" → "Phùng").
  const sound = isSound(read);
  // Surnames are a closed class: at the name's start only a surname's marks are trusted ("Đính" → "Đinh").
  if (sound && NAME_POSITIONS.some(seen) && position !== 'surname') return kept;
  const unknown: Pick = { ...kept, known: false };
  const limit = sound ? 0.5 : MAX_TOKEN_EDITS;
  let best: Pick | null = null;
  const consider = (form: string, bonus: number) => {
    const e = edits(r, form);
    if (e > limit) return;
    const score = names.score(form, position) + bonus - EDIT_COST * e;
    if (!best || score > best.score) best = { form, edits: e, score, known: true };
  };
  for (const form of names.forms(position)) consider(form, mentioned.has(form) ? EDIT_COST : 0);
  // The document's own spelling of a person counts even when the model never saw it there.
  for (const form of mentioned) consider(form, EDIT_COST);
  return best ?? (sound ? unknown : null);
}

const NO_MENTIONS: ReadonlySet<string> = new Set();

/**
 * The name in `text` read against the names model: the longest run of 2–5 final words where the
 * given name and one more word read exactly as name syllables (marks aside) and each other word
 * is within two edits of a syllable seen at its place; null when there is none.
 * `mentioned`: the syllables of person names written elsewhere in the document (mentionedSyllables).
 */
export function readSignerName(text: string, names: NameModel, mentioned: ReadonlySet<string> = NO_MENTIONS): SignerName | null {
  const tokens = nameTokens(text);
  // The words as printed, before cleaning: a name read whole and clean shows no damage to repair.
  const rawWords = text.trim().split(/\s+/);
  let best: { name: string; changed: boolean; score: number } | null = null;
  for (let len = Math.min(5, tokens.length); len >= 2; len--) {
    const words = tokens.slice(tokens.length - len);
    // Printed names are capitalised: a word in lower case is no part of one ("Đăng web, trang").
    if (!words.every((w) => /^\p{Lu}/u.test(w))) continue;
    // Only junk is left in front ("NN", a title "TS"): a syllable there would be the name's start.
    if (tokens.slice(0, tokens.length - len).some((w) => isVietnameseSyllable(lower(w)))) break;
    const picks: Pick[] = [];
    // Three or more well-formed syllables read clean (nothing glued or run together): the name as printed.
    const wholeSound = len >= MIN_SOUND_NAME && words.every(isSound) && rawWords.slice(-len).join(' ') === words.join(' ');
    for (let i = 0; i < len; i++) {
      const position: NamePosition = i === 0 ? 'surname' : i === len - 1 ? 'given' : 'middle';
      const pick = bestForm(words[i]!, position, names, mentioned, wholeSound);
      if (!pick) break;
      picks.push(pick);
    }
    if (picks.length < len) continue;
    const exact = picks.filter((p) => p.edits <= 0.5 && p.known).length;
    const total = picks.reduce((s, p) => s + p.edits, 0);
    if (picks[len - 1]!.edits > 0.5 || !picks[len - 1]!.known || exact < 2 || total > MAX_NAME_EDITS) continue;
    // A surname the model has never seen as one is no name's start ("Nghĩ Gug").
    if (!wholeSound && names.score(picks[0]!.form, 'surname') <= names.unseen('surname') && !mentioned.has(picks[0]!.form)) continue;
    const name = picks.map((p) => title(p.form)).join(' ');
    // Windows compete on likelihood; each word left in front costs an edit ("TS. Trịnh Văn Toàn"
    // is "Trịnh Văn Toàn", not a four-word name opening with a repaired "TS").
    const score = picks.reduce((s, p) => s + p.score, 0) - EDIT_COST * (tokens.length - len);
    if (!best || score > best.score) best = { name, changed: lower(name) !== lower(words.join(' ')), score };
  }
  if (!best) return null;
  return { name: best.name, asRead: best.changed ? text.replace(/\s+/g, ' ').trim() : null };
}

/** The syllables (lower case) of the names `personMentions` found: built once per document, asked per line. */
export function mentionedSyllables(mentions: readonly string[]): ReadonlySet<string> {
  return new Set(mentions.flatMap((m) => m.split(/\s+/).map(lower)));
}

const MENTION = /\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4}/gu;

/** Person names the document writes ("… cô: Nguyễn Thị Mai Lý - Phòng …"): capitalised runs opening with a known surname. */
export function personMentions(texts: readonly string[], names: NameModel): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(MENTION)) {
      const words = m[0].split(/\s+/);
      if (names.score(lower(words[0]!), 'surname') > names.unseen('surname')) out.add(words.join(' '));
    }
  }
  return [...out];
}

/**
 * The line as OCR read it, when restoration changed a name OCR read with marks into one whose
 * surname the names model has never seen ("Tế Trung Chỉnh" made "Tể Trung Chính"): surnames are a
 * closed class, so such a name is a guess a person should confirm, as readSignerName's repairs
 * are; else null. A name changed into a known surname's (the restorer mending OCR's marks) and a
 * line read without marks (English-model OCR, restored as a whole) are not flagged.
 */
export function nameRestoredFrom(name: string, original: string, names: NameModel): string | null {
  const words = name.trim().split(/\s+/);
  if (names.score(lower(words[0]!), 'surname') > names.unseen('surname')) return null;
  const read = original.trim().split(/\s+/).slice(-words.length).map(nameToken).filter((w) => w.length > 0);
  if (read.length !== words.length || !read.some((w) => stripMarks(w) !== w)) return null;
  return lower(read.join(' ')) === lower(name) ? null : original.replace(/\s+/g, ' ').trim();
}
