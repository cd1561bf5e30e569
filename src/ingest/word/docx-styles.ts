/**
 * What a .docx's styles say about a run's font and capitals: the run's own properties first, then
 * its character style, its paragraph's style (each through its basedOn chain), the default
 * paragraph style and the document defaults, as Word resolves them.
 */
import { firstLook, inheritedAlong, type RunLook } from './style-chain.js';
import { xmlTokens } from './xml.js';

interface Style extends RunLook { basedOn?: string; numId?: string; ilvl?: number }

export interface Styles {
  byId: Map<string, Style>;
  defaults: RunLook;
  defaultParagraphStyle?: string;
}

/** The run properties an element's rPr holds, read from its tokens' attributes. */
export function lookOf(name: string, attrs: Record<string, string>, into: RunLook): void {
  if (name === 'w:rFonts') {
    const font = attrs['w:ascii'] ?? attrs['w:hAnsi'] ?? attrs['w:cs'];
    if (font) into.font = font;
  } else if (name === 'w:caps') {
    const v = attrs['w:val'];
    into.caps = v === undefined || v === 'true' || v === '1' || v === 'on';
  }
}

export function parseStyles(xml: string | null): Styles {
  const styles: Styles = { byId: new Map(), defaults: {} };
  if (!xml) return styles;
  let current: Style | null = null;
  let inDefaults = false;
  let inRunProps = 0;
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'open') {
      if (t.name === 'w:rPrDefault') inDefaults = true;
      else if (t.name === 'w:style' && !t.selfClosing) {
        current = {};
        const id = t.attrs['w:styleId'];
        if (id) styles.byId.set(id, current);
        if (t.attrs['w:type'] === 'paragraph' && (t.attrs['w:default'] === '1' || t.attrs['w:default'] === 'true') && id) styles.defaultParagraphStyle = id;
      } else if (t.name === 'w:basedOn' && current) {
        const v = t.attrs['w:val'];
        if (v) current.basedOn = v;
      } else if (t.name === 'w:numId' && current && inRunProps === 0) current.numId = t.attrs['w:val'];
      else if (t.name === 'w:ilvl' && current && inRunProps === 0) current.ilvl = Number(t.attrs['w:val'] ?? 0);
      else if (t.name === 'w:rPr' && !t.selfClosing) inRunProps++;
      else if (inRunProps > 0) lookOf(t.name, t.attrs, inDefaults ? styles.defaults : current ?? {});
    } else if (t.kind === 'close') {
      if (t.name === 'w:rPrDefault') inDefaults = false;
      else if (t.name === 'w:style') current = null;
      else if (t.name === 'w:rPr') inRunProps = Math.max(0, inRunProps - 1);
    }
  }
  return styles;
}

/** The first value each of `keys` takes along a style's basedOn chain (cycles cut). */
function inherited<K extends keyof Style>(styles: Styles, id: string | undefined, keys: K[]): Partial<Pick<Style, K>> {
  return inheritedAlong((s) => styles.byId.get(s), (style) => style.basedOn, id, keys);
}

const styleLook = (styles: Styles, id: string | undefined): RunLook => inherited(styles, id, ['font', 'caps']);

/** The effective font and capitals of a run. */
export function resolveLook(styles: Styles, run: RunLook, runStyle: string | undefined, paragraphStyle: string | undefined): { font: string | null; caps: boolean } {
  return firstLook([run, styleLook(styles, runStyle), styleLook(styles, paragraphStyle ?? styles.defaultParagraphStyle), styles.defaults]);
}

/** The list a paragraph style numbers its paragraphs in (Heading styles often do), through basedOn. */
export function styleNumbering(styles: Styles, id: string | undefined): { numId?: string; ilvl?: number } {
  return inherited(styles, id ?? styles.defaultParagraphStyle, ['numId', 'ilvl']);
}
