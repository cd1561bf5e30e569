/**
 * What an OpenDocument text's styles say (styles.xml, and content.xml's automatic styles): a
 * style's font (style:font-name through office:font-face-decls to its svg:font-family, or a
 * direct fo:font-family), capitals (fo:text-transform="uppercase"), page breaks before/after a
 * paragraph, the list style a paragraph style numbers in, and list styles' levels (format,
 * prefix, suffix, start, levels shown) and the headings' outline numbering, for the markers
 * LibreOffice draws.
 */
import { firstLook, inheritedAlong } from './style-chain.js';
import { xmlTokens } from './xml.js';

export interface OdtStyle {
  parent?: string;
  font?: string;
  caps?: boolean;
  breakBefore?: boolean;
  breakAfter?: boolean;
  listStyle?: string;
}

export interface OdtListLevel {
  /** '1', 'I', 'i', 'A', 'a', '' (no number), or 'bullet'. */
  format: string;
  prefix: string;
  suffix: string;
  start: number;
  displayLevels: number;
  bullet?: string;
  /** The bullet's font (a Symbol or Wingdings code draws a shape). */
  font?: string;
}

export interface OdtStyles {
  /** Paragraph and text styles by family then name ("paragraph:P1", "text:T1"). */
  byName: Map<string, OdtStyle>;
  /** The default paragraph style's properties (style:default-style family="paragraph"). */
  defaults: OdtStyle;
  lists: Map<string, OdtListLevel[]>;
  /** Font-face name → font family. */
  fonts: Map<string, string>;
}

/** The key of the headings' outline numbering (text:outline-style) among the list styles. */
export const OUTLINE = '\u0000outline';

export function emptyOdtStyles(): OdtStyles {
  return { byName: new Map(), defaults: {}, lists: new Map(), fonts: new Map() };
}

/** Reads the styles of one part into `into` (styles.xml first, then content.xml, whose automatic styles come after). */
export function parseOdtStyles(xml: string | null, into: OdtStyles = emptyOdtStyles()): OdtStyles {
  if (!xml) return into;
  let current: OdtStyle | null = null;
  let list: OdtListLevel[] | null = null;
  let level: OdtListLevel | null = null;
  // Stops at the body: a .fodt holds its styles and its text in one part.
  for (const t of xmlTokens(xml)) {
    if (t.kind === 'close') {
      if (t.name === 'style:style' || t.name === 'style:default-style') current = null;
      else if (t.name === 'text:list-style' || t.name === 'text:outline-style') list = null;
      else if (t.name.startsWith('text:list-level-style-') || t.name === 'text:outline-level-style') level = null;
      else if (t.name === 'office:font-face-decls' || t.name === 'office:styles' || t.name === 'office:automatic-styles') { current = null; list = null; }
      continue;
    }
    if (t.kind !== 'open') continue;
    const a = t.attrs;
    switch (t.name) {
      case 'office:body': return into;
      case 'style:font-face': {
        const family = a['svg:font-family'];
        if (a['style:name'] && family) into.fonts.set(a['style:name'], unquote(family));
        break;
      }
      case 'style:default-style':
        current = a['style:family'] === 'paragraph' ? into.defaults : null;
        if (t.selfClosing) current = null;
        break;
      case 'style:style': {
        const family = a['style:family'];
        const name = a['style:name'];
        if (!name || (family !== 'paragraph' && family !== 'text') || t.selfClosing) {
          current = null;
          if (name && (family === 'paragraph' || family === 'text')) into.byName.set(`${family}:${name}`, styleAttrs(a, {}));
          break;
        }
        current = styleAttrs(a, {});
        into.byName.set(`${family}:${name}`, current);
        break;
      }
      case 'style:text-properties':
        if (level && a['style:font-name']) level.font = into.fonts.get(a['style:font-name']) ?? a['style:font-name'];
        else if (level && a['fo:font-family']) level.font = unquote(a['fo:font-family']);
        if (!current) break;
        if (a['style:font-name']) current.font = into.fonts.get(a['style:font-name']) ?? a['style:font-name'];
        else if (a['fo:font-family']) current.font = unquote(a['fo:font-family']);
        if (a['fo:text-transform']) current.caps = a['fo:text-transform'] === 'uppercase';
        break;
      case 'style:paragraph-properties':
        if (!current) break;
        if (a['fo:break-before']) current.breakBefore = a['fo:break-before'] === 'page';
        if (a['fo:break-after']) current.breakAfter = a['fo:break-after'] === 'page';
        break;
      case 'text:list-style': case 'text:outline-style':
        list = [];
        if (t.name === 'text:outline-style') into.lists.set(OUTLINE, list);
        else if (a['style:name']) into.lists.set(a['style:name'], list);
        if (t.selfClosing) list = null;
        break;
      case 'text:outline-level-style':
      case 'text:list-level-style-number':
      case 'text:list-level-style-bullet':
      case 'text:list-level-style-image': {
        if (!list) break;
        const at = Math.max(1, Math.min(10, Number(a['text:level'] ?? 1) || 1));
        const bullet = t.name === 'text:list-level-style-bullet';
        level = list[at - 1] = {
          format: bullet ? 'bullet' : t.name.endsWith('image') ? '' : a['style:num-format'] ?? '',
          prefix: a['style:num-prefix'] ?? '',
          suffix: a['style:num-suffix'] ?? '',
          start: Math.max(0, Number(a['text:start-value'] ?? 1) || 1),
          displayLevels: Math.max(1, Number(a['text:display-levels'] ?? 1) || 1),
          ...(bullet ? { bullet: a['text:bullet-char'] ?? '•' } : {}),
        };
        if (t.selfClosing) level = null;
        break;
      }
    }
  }
  return into;
}

function styleAttrs(a: Record<string, string>, into: OdtStyle): OdtStyle {
  if (a['style:parent-style-name']) into.parent = a['style:parent-style-name'];
  if (a['style:list-style-name']) into.listStyle = a['style:list-style-name'];
  return into;
}

/** "'.VnTime'" → ".VnTime" (font families are quoted when they hold spaces or dots). */
function unquote(s: string): string {
  const first = s.split(',')[0]!.trim();
  return first.replace(/^(['"])(.*)\1$/, '$2');
}

/** The first value of `key` along a style's parent chain (cycles cut). */
export function odtInherited<K extends keyof OdtStyle>(styles: OdtStyles, family: 'paragraph' | 'text', name: string | undefined, key: K): OdtStyle[K] | undefined {
  return inheritedKeys(styles, family, name, [key])[key];
}

function inheritedKeys<K extends keyof OdtStyle>(styles: OdtStyles, family: 'paragraph' | 'text', name: string | undefined, keys: readonly K[]): Partial<Pick<OdtStyle, K>> {
  return inheritedAlong<OdtStyle, K>((s) => styles.byName.get(`${family}:${s}`), (style) => style.parent, name, keys);
}

/** A run's font and capitals: its spans' text styles (innermost first), its paragraph's style, the default style. */
export function odtRunLook(styles: OdtStyles, spanStyles: string[], paragraphStyle: string | undefined): { font: string | null; caps: boolean } {
  const look = (family: 'paragraph' | 'text', name: string | undefined) => inheritedKeys(styles, family, name, ['font', 'caps']);
  return firstLook([...spanStyles.map((s) => look('text', s)).reverse(), look('paragraph', paragraphStyle), styles.defaults]);
}
