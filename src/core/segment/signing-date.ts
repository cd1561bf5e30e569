/**
 * The e-signature's time as evidence for a handwritten date (docs/handwriting.md, "Session 14").
 * A document is dated on or before the day it is signed for publication, mostly the same day or
 * a few days before: general knowledge of how documents are issued, not a rule of any page. It
 * bounds the date, chooses among the pen model's readings of a handwritten day, and, when the pen
 * gives nothing, offers the signing day for review (never as read).
 */
import type { ESignature } from './e-signatures.js';
import { PEN_MIN_CONFIDENCE, readDateBlank, type PenReading } from './fill-ins.js';
import { foldKey } from './fold.js';

/** Vietnam's offset from UTC, in minutes: a signing time with a zone is read on Vietnam's clock. */
const VIETNAM_OFFSET = 7 * 60;

/**
 * The calendar day a signing time falls on in Vietnam: "2025-03-27T10:15:23+07:00" → "2025-03-27",
 * "2025-03-26T20:00:00Z" → "2025-03-27"; a time without a zone is taken as written. Null for a
 * time that is no ISO date (as OCR left it).
 */
export function signingDay(time: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/.exec(time.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, , zone] = m;
  if (h === undefined || zone === undefined) return `${y}-${mo}-${d}`;
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6));
  const utcMinutes = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi!) / 60_000 - offset;
  return new Date((utcMinutes + VIETNAM_OFFSET) * 60_000).toISOString().slice(0, 10);
}

/** The day a document was e-signed, with the signing time it comes from. */
export interface Signing {
  day: string;
  time: string;
}

const byDay = (signed: readonly ESignature[]): Signing[] =>
  signed.flatMap((s) => { const day = s.time ? signingDay(s.time) : null; return day && s.time ? [{ day, time: s.time }] : []; }).sort((a, b) => a.day.localeCompare(b.day));

/**
 * The first and the last day the document was e-signed (null when no signature has a readable
 * time). A handwritten date is put on the paper before anyone signs the scan; a date the signing
 * tool stamped may follow the signer's own signature, so a printed date is bounded by the last.
 */
export function signingDays(signed: readonly ESignature[]): { first: Signing; last: Signing } | null {
  const days = byDay(signed);
  return days.length ? { first: days[0]!, last: days.at(-1)! } : null;
}

const dayNumber = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * How likely a document is dated `gap` days before its first signature (never after it). On the
 * second outside set's development half (13 e-signed provincial documents) the first signature
 * fell on the date 6 times, 1–3 days after it 5 times, 4 and 17 days after once each; the tail
 * keeps a month or two possible.
 */
export function gapPrior(gap: number): number {
  if (gap < 0) return 0;
  const head = [0.45, 0.25, 0.1, 0.08];
  return gap < head.length ? head[gap]! : 0.12 * 0.15 * 0.85 ** (gap - head.length);
}

/** More days than this before the first signature is unlikely (under 5 % of the prior's weight lies beyond). */
const FAR = (() => {
  let g = 0, beyond = 1 - gapPrior(0);
  while (beyond >= 0.05) beyond -= gapPrior(++g);
  return g;
})();

/** Days before the first signature a date is looked for. */
const WINDOW = 92;
/** Likelihood of a glyph when its reading is taken for no evidence (a digit lost or misplaced in the cutting): uniform. */
const UNINFORMED = 0.1;
/** Share of the posterior a date needs to be filled from the pen's readings weighed with the signing day. */
const CHOSEN_SHARE = 0.6;

/** A pen reading's probabilities of the digits per glyph (an old reading without them: its digits at their confidence). */
function glyphProbs(r: PenReading): number[][] {
  if (r.digitProbs?.length === r.digits.length) return r.digitProbs;
  return [...r.digits].map((d, i) => Array.from({ length: 10 }, (_, k) => (k === +d ? r.confidence[i] ?? 0 : (1 - (r.confidence[i] ?? 0)) / 9)));
}

/** How well a pen reading fits `value` written in its glyphs ("7" in two glyphs is "07"); 0 when it has too few glyphs. */
function fit(probs: number[][], value: number): number {
  const s = String(value).padStart(probs.length, '0');
  if (s.length !== probs.length) return 0;
  return [...s].reduce((p, d, i) => p * (probs[i]![+d] ?? 0), 1);
}

export type SigningDecision =
  /** The date is later than the document's signing: not filled (a misread pen or OCR digit). */
  | { kind: 'after-signing'; bound: Signing }
  /** The pen's readings weighed with the signing day choose this date (share of the posterior). */
  | { kind: 'chosen'; iso: string; share: number; day: PenReading | null; month: PenReading | null; first: Signing }
  /** A date read as text, after every signature: kept, flagged for review. */
  | { kind: 'text-after-signing'; bound: Signing }
  /** A date read as text where the pen wrote, far before the signing: kept, flagged for review. */
  | { kind: 'far-before'; first: Signing }
  /** Nothing legible: the signing day, offered for review. */
  | { kind: 'suggested'; iso: string; first: Signing }
  | { kind: 'none' };

export interface DateState {
  /** The header's date as filled so far (OCR's legible digits or the pen), or null. */
  date: string | null;
  /** Whether the date is one for review (handwritten digits). */
  uncertain: boolean;
  /** The date line as written ("ngày ØÄ tháng 3 năm 2025"). */
  dateText: string | null;
  /** Pen readings of the date line's day and month. */
  pen: readonly PenReading[];
}

/**
 * The e-signature's day as evidence for the header's date (docs/handwriting.md, "Session 14"):
 * a handwritten date read unsure after the signing is not filled (one read as text is kept and
 * flagged); a handwritten date left empty is chosen among the pen
 * model's readings (each glyph's probabilities) by how near before the first signature each
 * candidate lies, when one takes CHOSEN_SHARE of the posterior — against the pen reading no
 * value at all (a glyph lost or added in the cutting) — else the first signing day is offered.
 */
export function dateFromSigning(state: DateState, signed: readonly ESignature[]): SigningDecision {
  const days = signingDays(signed);
  if (!days) return { kind: 'none' };
  // Handwriting read uncertain may not follow any signature: not filled.
  if (state.date !== null && state.uncertain && state.date > days.first.day) return { kind: 'after-signing', bound: days.first };
  // A date read as text is what the page says: kept, but flagged for review when the signing makes
  // it unlikely — after every signature (the clerk's stamp may follow the signer's own, so the last
  // bounds it), or, on a line with pen ink (OCR reads a hand as clear wrong digits), long before.
  if (state.date !== null && !state.uncertain && state.date > days.last.day) return { kind: 'text-after-signing', bound: days.last };
  if (state.date !== null && !state.uncertain && state.pen.length > 0 && dayNumber(days.first.day) - dayNumber(state.date) > FAR) return { kind: 'far-before', first: days.first };
  if (state.date !== null || !state.uncertain || state.dateText === null) return { kind: 'none' };
  const blank = readDateBlank(foldKey(state.dateText), state.dateText);
  if (!blank) return { kind: 'none' };
  const dayR = state.pen.find((r) => r.field === 'day') ?? null, monthR = state.pen.find((r) => r.field === 'month') ?? null;
  const dayP = dayR && dayR.digits.length <= 2 ? glyphProbs(dayR) : null, monthP = monthR && monthR.digits.length <= 2 ? glyphProbs(monthR) : null;
  if (!dayP && !monthP) return suggestion(blank, dayR, monthR, days.first);
  // Each pen field is its glyphs' reading, or (as likely as UNINFORMED per glyph, whatever the
  // value) no reading at all: a date is chosen only for what the pen's glyphs say of it.
  const mixed = (probs: number[][] | null, value: number, legible: number | null): [number, number] => {
    if (!probs) { const l = legible !== null ? +(legible === value) : 1; return [l, l]; }
    const f = fit(probs, value);
    return [f, f + UNINFORMED ** probs.length];
  };
  let best = { iso: '', score: 0 }, total = 0;
  const end = dayNumber(days.first.day);
  for (let n = end; n > end - WINDOW; n--) {
    const iso = isoOf(n), y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
    if (y !== blank.year) continue;
    const [fm, lm] = mixed(monthP, m, blank.month), [fd, ld] = mixed(dayP, d, blank.day);
    const prior = gapPrior(end - n);
    total += prior * lm * ld;
    if (prior * fm * fd > best.score) best = { iso, score: prior * fm * fd };
  }
  const first = days.first;
  if (best.score > 0 && best.score / total >= CHOSEN_SHARE) return { kind: 'chosen', iso: best.iso, share: +(best.score / total).toFixed(2), day: dayP ? dayR : null, month: monthP ? monthR : null, first };
  return suggestion(blank, dayR, monthR, first);
}

/**
 * The first signing day offered for review, when the print allows it (its year, a legible month
 * or day the pen did not dispute) and no sure pen reading says another month or day.
 */
function suggestion(blank: { year: number; month: number | null; day: number | null }, dayR: PenReading | null, monthR: PenReading | null, first: Signing): SigningDecision {
  const [fy, fm, fd] = [+first.day.slice(0, 4), +first.day.slice(5, 7), +first.day.slice(8, 10)];
  const other = (r: PenReading | null, v: number) => r !== null && r.confidence.length > 0 && r.confidence.every((c) => c >= PEN_MIN_CONFIDENCE) && +r.digits !== v;
  if (fy !== blank.year || other(monthR, fm) || other(dayR, fd)) return { kind: 'none' };
  if ((blank.month !== null && !monthR && blank.month !== fm) || (blank.day !== null && !dayR && blank.day !== fd)) return { kind: 'none' };
  return { kind: 'suggested', iso: first.day, first };
}

/** What the signing day did to the header's date: the meta fields it sets and the diagnostic that says so. */
export interface SigningOutcome {
  decision: SigningDecision;
  dateSource?: 'text' | 'pen' | 'pen+e-signature';
  dateSuggestion?: { date: string; source: 'e-signature'; signedAt: string };
  /** Replaces the date's own diagnostic (after-signing, chosen) or adds to it (suggested). */
  message?: { ruleId: string; text: string; replaces: boolean };
}

/**
 * The header's date (`header`, changed in place: date, uncertain) weighed with the document's
 * e-signatures. `penFilled`: the date was filled from sure pen readings.
 */
export function applySigning(header: { date: string | null; uncertain: ('number' | 'date')[]; dateText: string | null }, pen: readonly PenReading[], signed: readonly ESignature[], penFilled: boolean): SigningOutcome {
  const uncertain = header.uncertain.includes('date');
  const decision = dateFromSigning({ date: header.date, uncertain, dateText: header.dateText, pen }, signed);
  const source = (): SigningOutcome['dateSource'] => (header.date === null || !signingDays(signed) ? undefined : penFilled ? 'pen' : 'text');
  if (decision.kind === 'after-signing') {
    const asRead = header.date;
    header.date = null;
    if (!uncertain) header.uncertain.push('date');
    // Chosen again among the pen's readings, or the signing day offered.
    const again = applySigning(header, pen, signed, false);
    const text = `the header's date was read as ${asRead}${penFilled ? ' (pen)' : ''}, after the document was e-signed (${decision.bound.time}); a document is dated on or before its signing, so meta.date is left empty for review${again.message ? `; ${again.message.text}` : ''}`;
    return { ...again, decision, message: { ruleId: 'segment/date-after-signing', text, replaces: true } };
  }
  if (decision.kind === 'text-after-signing') {
    header.uncertain.push('date');
    const text = `the header's date was read as ${header.date}, after the document's last e-signature (${decision.bound.time}); a document is dated on or before its signing, so the date is kept as read but flagged for review (meta.uncertain)`;
    return { decision, dateSource: source(), message: { ruleId: 'segment/date-after-signing', text, replaces: true } };
  }
  if (decision.kind === 'far-before') {
    header.uncertain.push('date');
    const text = `the header's date was read as ${header.date} where the day or month is written by hand, more than ${FAR} days before the document was e-signed (${decision.first.time}); documents are mostly dated on or just before their signing, so the date is kept but flagged for review (meta.uncertain)`;
    return { decision, dateSource: source(), message: { ruleId: 'segment/date-far-before-signing', text, replaces: true } };
  }
  if (decision.kind === 'chosen') {
    header.date = decision.iso;
    const read = [decision.day && `day ${decision.day.digits}`, decision.month && `month ${decision.month.digits}`].filter(Boolean).join(', ');
    const text = `the header's date "${header.dateText}" is written by hand (pen ${read}); among the pen's readings, ${decision.iso} is the likeliest on or before the e-signing day ${decision.first.day} (${Math.round(decision.share * 100)} % of the weight) and was put in meta.date: confirm it (the field stays in meta.uncertain)`;
    return { decision, dateSource: 'pen+e-signature', message: { ruleId: 'segment/handwritten-date', text, replaces: true } };
  }
  if (decision.kind === 'suggested') {
    const text = `the header's handwritten date could not be read; the document was e-signed on ${decision.iso} (${decision.first.time}), offered in meta.dateSuggestion for review (not read: meta.date stays empty)`;
    return { decision, dateSuggestion: { date: decision.iso, source: 'e-signature', signedAt: decision.first.time }, message: { ruleId: 'segment/date-suggested', text, replaces: false } };
  }
  return { decision, dateSource: source() };
}
