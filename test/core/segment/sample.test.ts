/**
 * End to end on the sample report: text ingest, the REAL restorer (committed model, loaded once)
 * and the segment stage, against the hand-written golden structure. Fields the structure decides (meta
 * number/type/date/title, section numbers/kinds/levels and lines, table shape and status column,
 * signer position, recipients) must be exact; text whose spelling depends on restoration quality
 * (headings with residual OCR noise, names) is compared on its mark-free form within a small edit
 * budget, and any exact mismatch is reported as a test diagnostic.
 */
import { before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkingDocument } from '../../../src/core/document.js';
import { restoreStage } from '../../../src/core/restore/stage.js';
import { ingestText } from '../../../src/ingest/text.js';
import { editDistance, foldKey } from '../../../src/core/segment/fold.js';
import { structureSchema, type SectionNode, type Structure } from '../../../src/core/segment/schema.js';
import { segmentStage } from '../../../src/core/segment/stage.js';
import { loadModel } from '../../../src/model/load.js';

const at = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

interface GoldenSection { number: string; heading: string; kind: string; level: number; lines: [number, number]; paragraphs?: number; firstWords?: string[]; children: GoldenSection[] }
const golden = JSON.parse(readFileSync(at('fixtures/golden/bao-cao-ngoc-ky.structure.json'), 'utf8'));

let s: Structure;
let doc: WorkingDocument;

/** File line of a page line: ingest cuts the file into pages at blank runs. */
let fileLine: (page: number, line: number) => number;
/** A node's provenance as [first, last] file lines. */
const span = (p: { page: number; lineStart: number; lineEnd: number; end?: { page: number; line: number } } | null | undefined) =>
  p ? [fileLine(p.page, p.lineStart), p.end ? fileLine(p.end.page, p.end.line) : fileLine(p.page, p.lineEnd)] : null;

before(() => {
  // As the pipeline has it: text ingest (pages inferred from blank runs), restoration, segmentation.
  const bytes = readFileSync(at('fixtures/bao-cao-ngoc-ky.ocr.txt'));
  const r = ingestText(bytes);
  doc = {
    source: { path: 'bao-cao-ngoc-ky.ocr.txt', kind: 'text', sha256: '', bytes: bytes.length, pages: r.pages.length, encoding: r.encoding },
    original: r.original, pages: r.pages, paragraphs: r.paragraphs, diagnostics: r.diagnostics,
  };
  const offsets = r.pages.map((_, i) => r.pages.slice(0, i).reduce((n, p) => n + p.lines.length, 0));
  fileLine = (page, line) => offsets[page - 1]! + line;
  restoreStage(doc, { model: loadModel() });
  segmentStage(doc);
  assert.ok(doc.structure, 'segment stage produced no structure');
  assert.equal(doc.structureFrom, 'restored-lines');
  s = doc.structure;
});

/** Mark-free letters and digits only. */
const bare = (t: string) => foldKey(t.normalize('NFC')).replace(/[^A-Z0-9]+/g, '');
/** Mark-free text within `ratio` edits per letter of the golden text; exact differences go to diagnostics. */
function near(t: TestContext, what: string, got: string | null | undefined, want: string, ratio = 0.15): void {
  assert.ok(got !== null && got !== undefined, `${what}: missing`);
  const d = editDistance(bare(got), bare(want));
  assert.ok(d <= Math.max(1, Math.round(ratio * bare(want).length)), `${what}: "${got}" is too far from "${want}" (${d} edits mark-free)`);
  if (got.normalize('NFC') !== want) t.diagnostic(`${what}: restored "${got}", golden "${want}"`);
}
/** The got text starts like the golden first words (mark-free, small edit budget). */
function startsNear(t: TestContext, what: string, got: string, firstWords: string): void {
  const want = bare(firstWords);
  near(t, what, bare(got).slice(0, want.length), want, 0.2);
}

describe('the sample report (restored, then segmented)', () => {
  it('completes the missing first-page header from the annex reference and the annex header', (t) => {
    const m = s.meta, g = golden.meta;
    assert.deepEqual(m.type, g.type);
    assert.equal(m.number, g.number);
    assert.equal(m.date, g.date);
    assert.equal(m.title, g.title);
    assert.equal(m.motto, g.motto);
    assert.deepEqual([...m.completedFrom].sort(), [...g.completedFrom].sort());
    near(t, 'issuer name', m.issuer?.name, g.issuer.name, 0);
    near(t, 'issuer parent', m.issuer?.parent, g.issuer.parent, 0);
    near(t, 'place', m.place, g.place, 0);
  });

  it('reads the preamble and the section tree: numbers, kinds, levels, lines and paragraphs', (t) => {
    assert.equal(s.preamble.length, golden.preamble.length);
    assert.deepEqual(span(s.preamble[0]!.provenance), golden.preamble[0].lines);
    startsNear(t, 'preamble', s.preamble[0]!.text, golden.preamble[0].firstWords);
    const compare = (got: SectionNode[], want: GoldenSection[], path: string) => {
      assert.deepEqual(got.map((x) => x.number), want.map((x) => x.number), `section numbers under ${path || 'the root'}`);
      want.forEach((w, i) => {
        const x = got[i]!, here = `${path}${w.number} `;
        assert.equal(x.kind, w.kind, `kind of ${here}`);
        assert.equal(x.level, w.level, `level of ${here}`);
        assert.deepEqual(span(x.provenance), w.lines, `lines of ${here}`);
        near(t, `heading of ${here}`, x.heading.replace(/\s*…$/, ''), w.heading.slice(0, x.heading.replace(/\s*…$/, '').length), 0.15);
        if (w.paragraphs !== undefined) assert.equal(x.paragraphs.length, w.paragraphs, `paragraphs of ${here}`);
        w.firstWords?.forEach((fw, k) => startsNear(t, `paragraph ${k + 1} of ${here}`, x.paragraphs[k]!.text, fw));
        compare(x.children, w.children, `${here}> `);
      });
    };
    compare(s.sections, golden.sections, '');
  });

  it('finds the closing sentence, the recipients and the signature after the annex', (t) => {
    assert.deepEqual(span(s.closing?.provenance), golden.closing.lines);
    startsNear(t, 'closing', s.closing!.text, golden.closing.text.slice(0, 60));
    assert.equal(s.recipients.length, golden.recipients.items.length);
    assert.deepEqual(span(s.recipientsInfo?.provenance), golden.recipients.lines);
    golden.recipients.items.forEach((r: string, i: number) => near(t, `recipient ${i + 1}`, s.recipients[i], r, 0.25));
    near(t, 'archive', s.recipientsInfo?.archive, golden.recipients.archive, 0.25);
    const sig = s.signature, g = golden.signature;
    assert.equal(sig?.authority, g.authority);
    assert.equal(sig?.position, g.position);
    assert.deepEqual(span(sig?.provenance), g.lines);
    near(t, 'signature organ', sig?.organ, g.organ, 0);
    // OCR "Nguyfén Xﬁﬁn Thoang": the known name syllables restored, the unknown one kept as read.
    assert.equal(sig?.name, g.name);
  });

  it('rebuilds the annex: title, subtitle, reference and its 5-row, 3-column table with the status column', (t) => {
    assert.equal(s.annexes.length, golden.annexes.length);
    const a = s.annexes[0]!, g = golden.annexes[0];
    assert.equal(a.title, g.title);
    assert.deepEqual(span(a.provenance), g.lines);
    near(t, 'annex subtitle', a.subtitle, g.subtitle, 0.1);
    near(t, 'annex reference', a.reference, g.reference, 0.1);
    assert.equal(a.referenceInfo?.number, g.referenceInfo.number);
    assert.equal(a.referenceInfo?.date, g.referenceInfo.date);
    assert.deepEqual(a.referenceInfo?.type, g.referenceInfo.type);
    assert.equal(a.date, g.date);
    assert.equal(a.tables.length, g.tables.length);
    const tab = a.tables[0]!, gt = g.tables[0];
    assert.deepEqual(span(tab.provenance), gt.lines);
    assert.equal(tab.columns.length, gt.columns.length);
    gt.columns.forEach((c: string, i: number) => near(t, `column ${i + 1}`, tab.columns[i], c, 0.1));
    assert.deepEqual(tab.rows.map((r) => r.length), gt.rows.map((r: string[]) => r.length));
    assert.deepEqual(tab.rows.map((r) => r[0]), gt.rows.map((r: string[]) => r[0]));
    assert.deepEqual(tab.rows.map((r) => r[2]), gt.rows.map((r: string[]) => r[2]), 'status column');
    gt.rows.forEach((r: string[], i: number) => near(t, `row ${i + 1} text`, tab.rows[i]![1], r[1]!, 0.1));
  });

  it('extracts the figures with their lines; units are compared mark-free', (t) => {
    for (const f of golden.figures as { value: number; unit: string; line: number }[]) {
      const hit = s.figures.find((x) => { const [a, b] = span(x.provenance)!; return x.value === f.value && a! <= f.line && f.line <= b!; });
      assert.ok(hit, `figure ${f.value} ${f.unit} (line ${f.line}) not found`);
      if (bare(hit.unit) !== bare(f.unit)) t.diagnostic(`figure ${f.value}: unit "${hit.unit}", golden "${f.unit}" (restoration)`);
    }
  });

  it('gives every node provenance and confidence, as the JSON schema requires', () => {
    const parsed = structureSchema.safeParse(s);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    const paragraphs = [...s.preamble];
    const walk = (xs: SectionNode[]) => xs.forEach((x) => { paragraphs.push(...x.paragraphs); walk(x.children); });
    walk(s.sections);
    assert.ok(paragraphs.every((p) => p.confidence !== undefined && p.confidence >= 0 && p.confidence <= 1), 'every paragraph is rated');
    // Words the restorer sent to review (placed by form-feed pages: this file has none, so by file line) lower their paragraph's confidence.
    assert.ok(!doc.original.includes('\f'), 'the sample has no form feeds');
    const flagged = paragraphs.filter((p) => doc.review!.some((r) => { const [a, b] = span(p.provenance)!; return r.line >= a! && r.line <= b!; }));
    assert.ok(flagged.length > 0, 'some paragraphs hold words sent to review');
    assert.deepEqual(flagged.filter((p) => p.confidence! >= 1).map((p) => p.text.slice(0, 40)), [], 'paragraphs with review words rate below 1');
    const noProvenance = structureSchema.safeParse({ ...s, sections: [{ ...s.sections[0]!, provenance: undefined }] });
    assert.equal(noProvenance.success, false);
  });
});
