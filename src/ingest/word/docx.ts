/**
 * .docx (Office Open XML) → blocks: the body's paragraphs, tables (nested ones inside their
 * cells), text boxes after the paragraph that anchors them, and page breaks (explicit ones and
 * where Word last broke the pages when it saved). Deleted revisions, the old place of moved text
 * (w:moveFrom: it stands again at its w:moveTo), field codes and the VML
 * copies of drawings are left out; a legacy-font run is decoded through its font.
 */
import { NumberingCounter, parseNumbering, type Numbering } from './docx-numbering.js';
import { lookOf, parseStyles, resolveLook, styleNumbering, type Styles } from './docx-styles.js';
import type { RunLook } from './style-chain.js';
import { countLegacy, readRun, readUnnamedParagraph, type LegacyCounts } from './fonts.js';
import type { WordBlock } from './layout.js';
import { BlockNest, PAGE_BREAK } from './block-nest.js';
import { readZipEntry, zipEntries, ZipError, type ZipEntry } from './zip.js';
import { relationships } from './docx-pictures.js';
import { SkippedElement, xmlTokens } from './xml.js';

/** A part of a .docx may unpack to at most this (the body of a 1,000-page report is a few MiB). */
const MAX_PART_BYTES = 64 * 1024 * 1024;

export interface WordRead {
  blocks: WordBlock[];
  /** Runs decoded from a legacy font, by encoding. */
  legacyRuns: LegacyCounts;
}

export class WordFileError extends Error {}

function partText(data: Uint8Array, entries: Map<string, ZipEntry>, name: string, required: boolean): string | null {
  const entry = entries.get(name);
  if (!entry) {
    if (required) throw new WordFileError(`no ${name} in this .docx (not a Word document, or damaged)`);
    return null;
  }
  const bytes = readZipEntry(data, entry, MAX_PART_BYTES);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function readDocx(data: Uint8Array): WordRead {
  let body: string, styles: Styles, numbering: Numbering, rels: string | null;
  try {
    const entries = zipEntries(data);
    body = partText(data, entries, 'word/document.xml', true)!;
    styles = parseStyles(partText(data, entries, 'word/styles.xml', false));
    numbering = parseNumbering(partText(data, entries, 'word/numbering.xml', false));
    rels = partText(data, entries, 'word/_rels/document.xml.rels', false);
  } catch (e) {
    if (e instanceof ZipError) throw new WordFileError(`damaged .docx: ${e.message}`);
    throw e;
  }
  return readBody(body, styles, numbering, rels ? relationships(rels) : new Map());
}

/** Elements whose whole content is left out. */
const SKIPPED = new Set(['w:del', 'w:moveFrom', 'mc:Fallback', 'w:instrText', 'w:delInstrText', 'w:pPrChange', 'w:rPrChange', 'w:footnoteReference', 'w:endnoteReference']);

interface ParagraphState { text: string; style?: string; numId?: string; ilvl?: number; breakBefore: boolean; breakAfter: boolean; pictures: WordBlock[] }

/** `pictureParts`: relationship id → part name, to mark where the body's pictures stand (layout.ts). */
export function readBody(xml: string, styles: Styles, numbering: Numbering = { lists: new Map() }, pictureParts: Map<string, string> = new Map()): WordRead {
  const counter = new NumberingCounter(numbering);
  const legacyRuns: WordRead['legacyRuns'] = {};
  // Containers of blocks: the body, table cells, text boxes.
  const nest = new BlockNest();
  const paragraphs: ParagraphState[] = [];
  const skipped = new SkippedElement();
  // Runs are a stack: a text box's paragraphs sit inside a run of the paragraph anchoring it.
  const runs: Array<{ look: RunLook; style?: string; text: string }> = [];
  let run: { look: RunLook; style?: string; text: string } | null = null;
  let inRunProps = false, inText = false;

  const closeRun = () => {
    runs.pop();
    const done = run;
    run = runs[runs.length - 1] ?? null;
    if (!done || !paragraphs.length) return;
    const p = paragraphs[paragraphs.length - 1]!;
    const look = resolveLook(styles, done.look, done.style, p.style);
    const read = readRun(done.text, look.font);
    countLegacy(legacyRuns, read.encoding);
    p.text += look.caps ? read.text.toUpperCase() : read.text;
  };

  for (const t of xmlTokens(xml)) {
    if (skipped.passes(t)) continue;
    if (t.kind === 'text') {
      if (inText && run) run.text += t.text;
      continue;
    }
    if (t.kind === 'open') {
      if (SKIPPED.has(t.name)) { skipped.start(t); continue; }
      switch (t.name) {
        case 'w:tbl': nest.openTable(); break;
        case 'w:tr': nest.openRow(); break;
        case 'w:tc': nest.openCell(t.selfClosing); break;
        case 'w:txbxContent': nest.openTextBox(t.selfClosing); break;
        case 'w:p':
          paragraphs.push({ text: '', breakBefore: false, breakAfter: false, pictures: [] });
          if (t.selfClosing) endParagraph();
          break;
        case 'w:pStyle': if (paragraphs.length && !run) paragraphs[paragraphs.length - 1]!.style = t.attrs['w:val']; break;
        case 'w:numId': if (paragraphs.length && !run) paragraphs[paragraphs.length - 1]!.numId = t.attrs['w:val']; break;
        case 'w:ilvl': if (paragraphs.length && !run) paragraphs[paragraphs.length - 1]!.ilvl = Number(t.attrs['w:val'] ?? 0); break;
        case 'w:pageBreakBefore':
          if (paragraphs.length && !run && t.attrs['w:val'] !== '0' && t.attrs['w:val'] !== 'false') paragraphs[paragraphs.length - 1]!.breakBefore = true;
          break;
        case 'w:r': run = { look: {}, text: '' }; runs.push(run); if (t.selfClosing) closeRun(); break;
        case 'w:rPr': if (run) inRunProps = !t.selfClosing; break;
        case 'w:rStyle': if (run && inRunProps) run.style = t.attrs['w:val']; break;
        case 'w:t': inText = !t.selfClosing; break;
        case 'w:tab': if (run && !inRunProps) run.text += '\t'; break;
        case 'w:cr': if (run) run.text += '\n'; break;
        case 'w:noBreakHyphen': if (run) run.text += '-'; break;
        case 'w:softHyphen': if (run) run.text += '\u00ad'; break; // TCVN3's "ư" in a legacy run
        case 'w:br':
          if (!run) break;
          if (t.attrs['w:type'] === 'page' && !nest.inTable) pageBreakInParagraph();
          else run.text += '\n';
          break;
        case 'w:lastRenderedPageBreak': if (!nest.inTable) pageBreakInParagraph(); break;
        // A drawing (its VML copy for old Word sits in mc:Fallback, left out) or a VML picture.
        case 'a:blip': case 'v:imagedata': {
          const part = pictureParts.get(t.attrs['r:embed'] ?? t.attrs['r:id'] ?? '');
          if (part && paragraphs.length) paragraphs[paragraphs.length - 1]!.pictures.push({ kind: 'picture', key: part });
          break;
        }
        default: if (run && inRunProps) lookOf(t.name, t.attrs, run.look);
      }
      continue;
    }
    switch (t.name) {
      case 'w:t': inText = false; break;
      case 'w:rPr': inRunProps = false; break;
      case 'w:r': closeRun(); break;
      case 'w:p': endParagraph(); break;
      // A stray end tag in a damaged part never closes the body itself.
      case 'w:tc': case 'w:txbxContent': nest.closeContainer(); break;
      case 'w:tbl': nest.closeTable(); break;
    }
  }
  return { blocks: nest.blocks, legacyRuns };

  // A page break met inside a paragraph: before it if nothing was written yet, else after it.
  function pageBreakInParagraph(): void {
    const p = paragraphs[paragraphs.length - 1];
    if (!p) return;
    if (p.text === '' && (!run || run.text === '')) p.breakBefore = true;
    else p.breakAfter = true;
  }

  function endParagraph(): void {
    const p = paragraphs.pop();
    if (!p) return;
    let text = p.text;
    text = readUnnamedParagraph(text, legacyRuns);
    // The marker Word draws before a numbered paragraph ("II.", "a)", "-") is part of what it says.
    const fromStyle = styleNumbering(styles, p.style);
    const marker = counter.next(p.numId ?? fromStyle.numId, p.ilvl ?? fromStyle.ilvl ?? 0);
    if (marker && text.trim() !== '') text = marker + text.replace(/^\s+/, '');
    // Text boxes anchored in this paragraph (and not still open) follow it.
    // Pictures stand after their paragraph's line (an inline picture is most often alone in its paragraph).
    nest.endParagraph(p.breakBefore ? [PAGE_BREAK] : [], { kind: 'paragraph', text }, p.breakAfter ? [...p.pictures, PAGE_BREAK] : p.pictures, paragraphs.length === 0);
  }
}
