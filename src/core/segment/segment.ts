/**
 * Lines → document structure: header, preamble, sections, closing, recipients, signature,
 * annexes and figures, with header fields completed from an annex when the first page lacks them.
 */
import type { Diagnostic } from '../document.js';
import { parseAnnex, annexStart, findAnnexTitles, type Annex } from './annex.js';
import { toBlocks } from './blocks.js';
import { repairSymbol, symbolMentions, unsureSymbolPart, unsurePartFromMentions } from './symbol-repair.js';
import { findSignature, issuerFromClosing, parseRecipients, parseSignature, signatureHeadAbove } from './closing.js';
import { deputyUnder } from './deputy-position.js';
import { findFigures, type Figure } from './figures.js';
import { parseHeader } from './header.js';
import { numberDisputed, onLine, penDate, penDateOverOcr, penNumber, penNumberOverOcr, penText, type PenReading } from './fill-ins.js';
import { applySigning } from './signing-date.js';
import { isBlank, spanOf, type SegLine } from './lines.js';
import { authorityOf, isClosing, isRecipientsLabel, misreadRecipientsLabelAt } from './markers.js';
import type { Meta, Structure } from './schema.js';
import { buildSections, walkSections, type SectionParagraph } from './sections.js';
import { numberingDiagnostics } from './numbering.js';
import { authorityBesideAt, headOnLabelLine, recipientsColumn, signatureBesideRecipients } from './signature-column.js';
import { withoutESignatureOverlays, type ESignature } from './e-signatures.js';
import { isPersonName, type NameEvidence } from './closing.js';
import type { NameModel } from '../restore/name-model.js';
import { mentionedSyllables, nameRestoredFrom, personMentions } from './signer-name.js';

const firstFrom = (lines: readonly SegLine[], from: number, test: (l: SegLine) => boolean) => {
  for (let i = from; i < lines.length; i++) if (test(lines[i]!)) return i;
  return -1;
};
const minOf = (...xs: number[]) => Math.min(...xs.filter((x) => x >= 0), Infinity);

export interface SegmentLinesOptions {
  fromOcr?: boolean;
  /** Recognise e-signature boxes drawn on the page and keep them out of the structure (default true; off only to measure what it changes). */
  eSignatures?: boolean;
  /** The PDF's own signature fields (ingest), recorded with the overlays in meta.eSignatures. */
  pdfSignatures?: readonly ESignature[];
  /** Digits a pen wrote into the header's blanks, read from the page image (ingest/pen). */
  pen?: readonly PenReading[];
  /** The personal-name model: a signer's name garbled under ink or a stamp is read back against it (signer-name.ts). */
  names?: NameModel;
}

export function segmentLines(input: readonly SegLine[], { fromOcr = false, eSignatures = true, pdfSignatures = [], pen = [], names }: SegmentLinesOptions = {}): { structure: Structure; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // The signing boxes leave the lines the structure is read from; the text keeps them.
  const overlays = eSignatures ? withoutESignatureOverlays(input) : { lines: [...input], signatures: [] };
  const lines = overlays.lines;
  const signed = [...pdfSignatures, ...overlays.signatures];
  for (const s of overlays.signatures) {
    diagnostics.push({ ruleId: 'segment/e-signature-overlay', message: `an e-signature box (${[s.signer, s.time].filter(Boolean).join(', ') || 'no signer read'}) was read as metadata (meta.eSignatures), not as header, body or signature text`, severity: 'info', ...(s.provenance ? { place: { page: s.provenance.page, line: s.provenance.lineStart } } : {}) });
  }
  const n = lines.length;
  const first = Math.max(0, firstFrom(lines, 0, (l) => !isBlank(l)));
  const header = parseHeader(lines, first);
  // Handwritten blanks read from the image fill the header, and stay uncertain for a person to confirm.
  const penNo = header.uncertain.includes('number') && !header.number ? penNumber(pen, lines[header.numberLine])
    : header.number ? penNumberOverOcr(pen, lines[header.numberLine], header.number) : null;
  if (penNo && header.number && !header.uncertain.includes('number')) {
    // OCR's legible digits were handwriting misread: the pen's reading goes in, uncertain.
    header.numberAsRead = header.number.number;
    header.uncertain.push('number');
  }
  if (penNo) header.number = penNo.number;
  const disputed = !penNo && header.number && !header.uncertain.includes('number') ? numberDisputed(pen, lines[header.numberLine], header.number) : null;
  if (disputed && header.number) {
    // OCR's clear digits are handwriting the pen reads otherwise: neither is taken.
    header.numberAsRead = header.number.number;
    header.number = null;
    header.uncertain.push('number');
  }
  const dateAsRead = header.date;
  const overOcr = header.date !== null && !header.uncertain.includes('date') ? penDateOverOcr(pen, lines[header.dateLine], header.date) : null;
  if (overOcr) header.uncertain.push('date');
  const penDay = overOcr ? (overOcr.iso !== null ? overOcr : null)
    : header.uncertain.includes('date') && header.date === null ? penDate(pen, lines[header.dateLine], header.dateText) : null;
  if (penDay || overOcr) header.date = penDay?.iso ?? null;
  // The e-signature's day bounds the date and weighs the pen's other readings (signing-date.ts).
  const signing = applySigning(header, pen.filter((r) => onLine(r, lines[header.dateLine])), signed, penDay !== null);
  const bodyStart = header.confidence > 0 ? header.end : first;

  const closingAt = firstFrom(lines, bodyStart, (l) => isClosing(l.key));
  const labelled = firstFrom(lines, bodyStart, (l) => isRecipientsLabel(l.key));
  const recAt = labelled >= 0 ? labelled : misreadRecipientsLabelAt(lines, bodyStart, n);
  if (recAt !== labelled) diagnostics.push(diag('segment/recipients-label-misread', `the recipients label was read "${lines[recAt]!.text.trim().split(/\s{2,}/)[0]}"; taken as "Nơi nhận:" over the list that ends in "Lưu: …"`, 'info', lines[recAt]));
  const tailFrom = Math.min(minOf(closingAt, recAt), n);
  const titles = findAnnexTitles(lines, bodyStart, n, Math.min(tailFrom, n));
  const firstAnnex = titles.length ? annexStart(lines, titles[0]!, bodyStart) : -1;
  const sigAt = signatureAt(lines, bodyStart, minOf(closingAt, recAt), firstAnnex);
  // A position OCR read above "Nơi nhận:" with no name near it: its name is under the list.
  const headAt = sigAt < 0 && recAt >= 0 ? signatureHeadAbove(lines, recAt, bodyStart) : -1;
  const bodyEnd = Math.min(minOf(closingAt, recAt, sigAt, firstAnnex, headAt), n);

  const { preamble, sections } = buildSections(toBlocks(lines, bodyStart, bodyEnd, fromOcr));

  let closing: Structure['closing'] = null;
  if (closingAt >= 0 && closingAt === bodyEnd) {
    const stop = Math.min(minOf(recAt > closingAt ? recAt : -1, sigAt > closingAt ? sigAt : -1, firstAnnex > closingAt ? firstAnnex : -1), n);
    const block = toBlocks(lines, closingAt, stop, fromOcr)[0];
    if (block) closing = { text: block.text, original: block.original, provenance: block.provenance, confidence: 0.9 };
  }

  let recipients: string[] = [];
  let recipientsInfo: Structure['recipientsInfo'] = null;
  // The recipients end where a signature block of its own (under them) or an annex starts.
  const recStop = Math.min(minOf(firstAnnex > recAt ? firstAnnex : -1, sigAt > recAt ? sigAt : -1), n);
  const evidence: NameEvidence | undefined = names ? { names, mentioned: mentionedSyllables(personMentions(lines.slice(bodyStart, bodyEnd).map((l) => l.text), names)) } : undefined;
  // The block's authority line just above "Nơi nhận:" (printed level with it or higher): the rest of
  // the block is beside the recipients, read into their lines.
  const leadIn = sigAt >= 0 && recAt > sigAt && recAt - sigAt <= 3 && lines.slice(sigAt, recAt).every((l) => isBlank(l) || !isPersonName(l.text));
  // No signature block of its own: it may stand beside the recipients, read into their lines.
  const besideAt = leadIn ? recAt : sigAt >= 0 ? -1 : recAt >= 0 ? recAt : authorityBesideAt(lines, bodyStart, n);
  const lead = leadIn ? lines.slice(sigAt, recAt) : headAt >= 0 ? lines.slice(headAt, recAt) : [];
  const beside = besideAt >= 0 ? signatureBesideRecipients(lines, besideAt, recAt >= 0 ? recStop : n, evidence, lead.filter((l) => !isBlank(l))) : null;
  if (recAt >= 0) {
    const stop = recStop;
    const r = parseRecipients(beside ? recipientsColumn(lines, recAt, stop, evidence) : lines, recAt, stop).recipients;
    recipients = r.items;
    recipientsInfo = { archive: r.archive, provenance: r.provenance, confidence: r.confidence };
  }

  // "Nơi nhận: TL. CHỦ TỊCH" over a block printed under the list: the label's line holds its head.
  const labelHead = recAt >= 0 && sigAt > recAt ? headOnLabelLine(lines, recAt) : null;
  const below = sigAt < 0 ? null : labelHead && labelHead.key.trim() !== lines[sigAt]!.key.trim()
    ? parseSignature([...lines.slice(0, sigAt), labelHead, ...lines.slice(sigAt)], sigAt, n + 1, evidence)
    : parseSignature(lines, sigAt, n, evidence);
  const signature = withESigner(leadIn && beside ? beside : below ?? beside, signed, lines);
  // A printed name the restorer made from a reading with marks, with a surname no name has, is a repair to confirm too.
  const nameLine = names && signature?.name && signature.signerSource !== 'e-signature' && !signature.uncertain ? lines.find((l) => l.page === signature.provenance.page && l.lineEnd === signature.provenance.lineEnd) : undefined;
  const restoredFrom = nameLine && nameLine.original !== nameLine.text && nameLine.text.trimEnd().endsWith(signature!.name!) ? nameRestoredFrom(signature!.name!, nameLine.original, names!) : null;
  if (restoredFrom) Object.assign(signature!, { nameAsRead: restoredFrom, uncertain: ['name'] });
  if (signature?.uncertain?.includes('name')) {
    diagnostics.push({ ruleId: 'segment/signer-repaired', message: `the signer's name was read as "${signature.nameAsRead}" (under the signature or a stamp?); read against the names model as "${signature.name}": confirm it (signature.uncertain)`, severity: 'warning', place: { page: signature.provenance.page, line: signature.provenance.lineEnd } });
  }
  // Under "KT. X" with no position line read, the position is X's deputy, flagged.
  const deputy = signature && signature.signerSource !== 'e-signature' ? deputyUnder(lines, signature) : null;
  if (signature && deputy) {
    signature.position = deputy;
    signature.uncertain = [...(signature.uncertain ?? []), 'position'];
    diagnostics.push({ ruleId: 'segment/position-inferred', message: `the signer's position line was not read; under "KT." the signer is the head's deputy: "${deputy}" (confirm it: signature.uncertain)`, severity: 'warning', place: { page: signature.provenance.page, line: signature.provenance.lineStart } });
  }

  const annexes: Structure['annexes'] = [];
  titles.forEach((t, k) => {
    const start = k === 0 ? firstAnnex : annexStart(lines, t, titles[k - 1]! + 1);
    let end = k + 1 < titles.length ? annexStart(lines, titles[k + 1]!, t + 1) : n;
    if (sigAt > t && sigAt < end) end = sigAt;
    const a: Annex = parseAnnex(lines, start, t, end);
    const body = a.bodyTo > a.bodyFrom ? buildSections(toBlocks(lines, a.bodyFrom, a.bodyTo, fromOcr)).sections : [];
    const { bodyFrom: _f, bodyTo: _t, ...rest } = a;
    annexes.push({ ...rest, sections: body });
  });

  // The sentence just before the recipients/signature may name the sender when the header is missing.
  const tailAt = Math.min(minOf(recAt, sigAt), n);
  const lastBlock = header.issuer || tailAt >= n ? undefined : toBlocks(lines, Math.max(bodyStart, tailAt - 8), tailAt, fromOcr).pop();
  const closingIssuer = lastBlock ? issuerFromClosing(lastBlock.text) : null;
  const meta = completeMeta(header, annexes, closingIssuer, diagnostics, lines);
  const symbol = meta.numberSymbol ?? null;
  const repaired = symbol ? repairSymbol(symbol, [meta.issuer?.name, meta.issuer?.parent], symbolMentions(lines.filter((_, i) => i !== header.numberLine).map((l) => l.text)), header.type?.code) : null;
  if (symbol && repaired) {
    meta.numberSymbol = repaired;
    if (meta.number?.endsWith(`/${symbol}`)) meta.number = meta.number.slice(0, -symbol.length) + repaired;
    diagnostics.push(diag('segment/symbol-repaired', `the number's symbol was read "${symbol}"; put right as "${repaired}" against the document's type, the issuer's name and the document's other mentions`, 'info', lines[header.numberLine]));
  }
  let unsure = symbol && !repaired && meta.number?.endsWith(`/${symbol}`) ? unsureSymbolPart(symbol) : null;
  // The organ named bare elsewhere ("Lưu PA83") may say which digit the letter was.
  const told = unsure ? unsurePartFromMentions(unsure, lines.filter((_, i) => i !== header.numberLine).map((l) => l.text)) : null;
  if (symbol && unsure && told) {
    const fixed = symbol.split('-').map((p, i) => (i > 0 && p === unsure ? told : p)).join('-');
    meta.numberSymbol = fixed;
    meta.number = meta.number!.slice(0, -symbol.length) + fixed;
    diagnostics.push(diag('segment/symbol-repaired', `the number's symbol was read "${symbol}"; its part "${unsure}" put right as "${told}", as the document's other lines name it (twice or more)`, 'info', lines[header.numberLine]));
    unsure = null;
  }
  if (unsure) {
    // A wrong symbol is worse than a flagged one: the number as read goes to the diagnostic, meta.number stays empty.
    diagnostics.push(diag('segment/uncertain-symbol', `the number "${meta.number}" has a symbol part "${unsure}" whose letters and digits cannot be told apart as read (a digit read as a letter?); meta.number left empty for review, the symbol as read in meta.numberSymbol`, 'warning', lines[header.numberLine]));
    meta.number = null;
    if (!meta.uncertain?.includes('number')) meta.uncertain = [...(meta.uncertain ?? []), 'number'];
  }
  if (signed.length) meta.eSignatures = signed.map((s) => ({ ...s }));
  if (signing.dateSource && meta.date !== null) meta.dateSource = meta.completedFrom.includes('date') ? 'text' : signing.dateSource;
  if (signing.dateSuggestion && meta.date === null) meta.dateSuggestion = signing.dateSuggestion;

  const figures: Figure[] = [];
  const collect = (p: SectionParagraph) => figures.push(...findFigures(p.text, p.provenance));
  preamble.forEach(collect);
  for (const { section } of walkSections(sections)) section.paragraphs.forEach(collect);
  if (closing) collect(closing);

  numberingDiagnostics(sections, diagnostics);
  if (header.confidence === 0) diagnostics.push(diag('segment/missing-header', 'no Decree-30 header (issuer, motto, number, date) at the start of the document', 'warning', lines[first]));
  if (!sections.length) diagnostics.push(diag('segment/no-sections', 'no numbered sections found in the body', 'info', lines[bodyStart]));
  if (!signature?.name) diagnostics.push(diag('segment/no-signature', 'no signature block (authority, position, name) found', 'info', lines[Math.min(bodyEnd, n - 1)]));
  const note = signing.message;
  if (note) diagnostics.push(diag(note.ruleId, note.text, note.replaces ? 'warning' : 'info', lines[header.dateLine]));
  if (note?.replaces) {
    // Said by the signing step.
  } else if (penDay) {
    const read = [penDay.day && `day ${penText(penDay.day)}`, penDay.month && `month ${penText(penDay.month)}`].filter(Boolean).join(', ');
    diagnostics.push(diag('segment/handwritten-date', `the header's date "${header.dateText}" is written by hand${overOcr ? ` (OCR read it as ${dateAsRead})` : ''}; read from the image as ${penDay.iso} (pen ${read}) into meta.date: confirm it (the field stays in meta.uncertain)`, 'warning', lines[header.dateLine]));
  } else if (overOcr) {
    diagnostics.push(diag('segment/uncertain-date', `the header's date "${header.dateText}" (read as ${dateAsRead}) is handwriting the pen reader reads otherwise, unsure; meta.date left empty for review, the date as read in meta.dateText`, 'warning', lines[header.dateLine]));
  } else if (header.uncertain.includes('date')) {
    // The month, when it alone of day and month reads ("ngày vô hông 6 năm 2026"), said for the reviewer.
    const month = header.blankMonth;
    diagnostics.push(diag('segment/uncertain-date', `the header's date "${header.dateText}" has a day or month that is not legible (written by hand?); the year ${header.year} is in meta.year${month ? `, the month reads ${month}` : ''}, the date as read in meta.dateText, meta.date left empty for review`, 'warning', lines[header.dateLine]));
  } else if (header.date === null && header.dateText !== null) {
    diagnostics.push(diag('segment/impossible-date', `the header's date "${header.dateText}" names a day that does not exist; kept as written in meta.dateText, meta.date left empty`, 'warning', lines[header.dateLine]));
  }
  if (penNo && meta.number) {
    diagnostics.push(diag('segment/handwritten-number', `the header's number is written by hand (OCR read "${header.numberAsRead}"); read from the image as ${penText(penNo.reading)} into meta.number "${meta.number}": confirm it (the field stays in meta.uncertain)`, 'warning', lines[header.numberLine]));
  } else if (header.uncertain.includes('number')) {
    diagnostics.push(diag('segment/uncertain-number', `the header's number is not legible (written by hand?): read "${header.numberAsRead}"${disputed ? ` (the pen reader reads ${penText(disputed)})` : ''} before "/${header.numberSymbol}"; the symbol is in meta.numberSymbol${meta.number ? `, the number taken from ${meta.completedFrom.includes('number') ? 'an annex' : 'elsewhere'}` : ', meta.number left empty'} for review`, 'warning', lines[header.numberLine]));
  }
  for (const f of ['type', 'number', 'date', 'issuer'] as const) {
    if (meta[f] === null && !(f === 'date' && meta.dateText !== null) && !(f === 'number' && meta.numberSymbol)) diagnostics.push(diag(`segment/missing-${f}`, `document ${f} not found in the header or an annex reference`, 'warning', lines[first]));
  }

  return { structure: { meta, preamble, sections, closing, signature, recipients, recipientsInfo, annexes, figures }, diagnostics };
}

/**
 * Where the signature block opens. Decree 30: the block closes the body, and annexes ("PHỤ LỤC",
 * forms) follow it; so it is looked for from the closing sentence or recipients, else in the last
 * lines, before the first annex. Only when none is there is the rest of the document searched
 * (a block printed after an annex, as some documents do).
 */
function signatureAt(lines: readonly SegLine[], bodyStart: number, closeAt: number, firstAnnex: number): number {
  const n = lines.length;
  const end = firstAnnex >= 0 ? firstAnnex : n;
  const from = closeAt < end ? closeAt : Math.max(bodyStart, end - 12);
  // OCR may read the block's authority line ("TL. HIỆU TRƯỞNG", printed level with "Nơi nhận:" or
  // higher) just before the recipients.
  if (closeAt < end) {
    for (let i = closeAt - 1, seen = 0; i >= bodyStart && seen < 2; i--) {
      if (isBlank(lines[i]!)) continue;
      seen++;
      if (authorityOf(lines[i]!.key)) return i;
    }
  }
  const before = findSignature(lines, from, end);
  if (before >= 0 || end >= n) return before;
  return findSignature(lines, Math.min(closeAt, end), n);
}

/**
 * The signer's name from an e-signature when the printed one is absent or is no name (a scribble
 * read as words): only from a signature that names a person (a province's certificate names the
 * organ), and said so in signerSource. Documents without e-signatures are left as they were.
 */
function withESigner(signature: Structure['signature'], signed: readonly ESignature[], lines: readonly SegLine[]): Structure['signature'] {
  if (!signed.length) return signature;
  const printed = signature?.name && isPersonName(signature.name) ? signature.name : null;
  const person = [...signed].sort((a, b) => (a.source === b.source ? b.page - a.page : a.source === 'pdf-signature' ? -1 : 1)).find((s) => s.signerIsPerson && s.signer);
  if (printed || !person) return signature ? { ...signature, signerSource: 'printed' } : null;
  if (signature) return { ...signature, name: person.signer, signerSource: 'e-signature' };
  const at = lines.length - 1;
  const provenance = person.provenance ?? (at >= 0 ? spanOf(lines, at, at) : { page: person.page, lineStart: 1, lineEnd: 1 });
  return { authority: null, organ: null, position: null, name: person.signer, signerSource: 'e-signature', provenance, confidence: 0.33 };
}

function diag(ruleId: string, message: string, severity: Diagnostic['severity'], line: SegLine | undefined): Diagnostic {
  return { ruleId, message, severity, ...(line ? { place: { page: line.page, line: line.lineStart } } : {}) };
}

/** Header fields, completed from the first annex's reference and header (or, for the issuer, the closing sentence) when the header lacks them. */
function completeMeta(header: ReturnType<typeof parseHeader>, annexes: Structure['annexes'], closingIssuer: Meta['issuer'], diagnostics: Diagnostic[], lines: readonly SegLine[]): Meta {
  const completedFrom: Meta['completedFrom'] = [];
  // An annex may attach to another document ("Kèm theo Kế hoạch số …" in a report): its reference
  // completes the header only when it names a document of this one's type (or the type is unknown).
  const ref = annexes.map((a) => a.referenceInfo).find((r) => r && (!header.type || !r.type || r.type.code === header.type.code)) ?? null;
  const own = annexes.find((a) => a.issuer || a.place);
  const pick = <T>(field: Meta['completedFrom'][number], mine: T | null, ...others: (T | null | undefined)[]): T | null => {
    if (mine !== null) return mine;
    const other = others.find((o) => o !== null && o !== undefined) ?? null;
    if (other !== null) completedFrom.push(field);
    return other;
  };
  const meta: Meta = {
    type: pick('type', header.type, ref?.type),
    // Under a header number that is not legible, only an annex reference with the same symbol can fill it.
    number: pick('number', header.number?.full ?? null, header.numberSymbol && !ref?.number?.endsWith(`/${header.numberSymbol}`) ? null : ref?.number),
    issuer: pick('issuer', header.issuer, own?.issuer, ref?.issuer, closingIssuer),
    place: pick('place', header.place, own?.place),
    date: pick('date', header.date, header.dateText === null ? ref?.date : null),
    dateText: header.dateText,
    title: header.title,
    motto: header.motto,
    numberSymbol: header.numberSymbol,
    year: header.year ?? (ref?.date ? +ref.date.slice(0, 4) : null),
    uncertain: header.uncertain,
    completedFrom,
    provenance: header.end > header.start ? spanOf(lines, header.start, header.end - 1) : null,
    confidence: header.confidence,
  };
  if (completedFrom.length) {
    diagnostics.push({ ruleId: 'segment/meta-from-annex', message: `header lacks ${completedFrom.join(', ')}; taken from the annex reference/header or the closing sentence`, severity: 'info' });
    meta.confidence = +Math.max(meta.confidence, 0.6).toFixed(2);
  }
  return meta;
}
