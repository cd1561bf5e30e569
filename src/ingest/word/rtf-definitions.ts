/**
 * The tables an RTF defines before its body, read token by token as rtf.ts meets them: the fonts
 * (\fonttbl: each \fN's name and code page) and the paragraph styles' fonts (\stylesheet), which a
 * paragraph that sets no \f of its own is typed in.
 */
import { CHARSET_CODE_PAGE } from './rtf-tables.js';

export interface RtfFont { name: string; codePage: number | null }

/** \fonttbl: `{\f1\fcharset163 Times New Roman;}`, the name's bytes up to ";" (or the entry's group end). */
export class FontTable {
  readonly fonts = new Map<number, RtfFont>();
  /** The font being defined, and its name's bytes. */
  private defining: { id: number; charset: number | null; codePage: number | null; name: number[] } | null = null;
  /** Group depth whose end finishes the font being defined. */
  private depth = 0;

  /** \fonttbl opened at this depth. */
  start(depth: number): void { this.depth = depth; }

  control(name: string, param: number | null, depth: number): void {
    if (name === 'f') {
      this.end();
      this.defining = { id: param ?? 0, charset: null, codePage: null, name: [] };
      this.depth = depth;
    } else if (this.defining) {
      if (name === 'fcharset') this.defining.charset = param;
      else if (name === 'cpg' && param) this.defining.codePage = param;
    }
  }

  byte(byte: number): void {
    if (!this.defining) return;
    if (byte !== 0x3b) this.defining.name.push(byte);
    else this.end();
  }

  /** A group inside the table closes at `depth`. */
  close(depth: number): void { if (depth === this.depth) this.end(); }

  private end(): void {
    const d = this.defining;
    if (!d) return;
    const name = new TextDecoder('windows-1252').decode(Uint8Array.from(d.name)).trim();
    const codePage = d.codePage ?? (d.charset !== null && d.charset !== 1 ? CHARSET_CODE_PAGE[d.charset] ?? null : null);
    if (!this.fonts.has(d.id)) this.fonts.set(d.id, { name, codePage });
    this.defining = null;
  }
}

/** A paragraph style's own font and the style it is based on (either may be absent). */
interface StyleFont { font: number | null; basedOn: number | null }

/**
 * \stylesheet: `{\s1\f2\sbasedon0 heading 1;}`, one group an entry; an entry without \sN is style 0
 * (Normal). Character, section and table styles (\cs, \ds, \ts) are not paragraph styles.
 */
export class StyleSheet {
  private readonly styles = new Map<number, StyleFont>();
  /** fontOf's answers (asked for every byte of text), forgotten when a style is added. */
  private readonly resolved = new Map<number, number | null>();
  private entry: StyleFont & { id: number; paragraph: boolean } | null = null;
  /** Depth of the \stylesheet group: its entries are the groups one deeper. */
  private depth = 0;

  /** \stylesheet opened at this depth. */
  start(depth: number): void { this.depth = depth; this.entry = null; }

  control(name: string, param: number | null, depth: number): void {
    if (depth <= this.depth) return;
    const e = (this.entry ??= { id: 0, paragraph: true, font: null, basedOn: null });
    if (name === 's') e.id = param ?? 0;
    else if (name === 'cs' || name === 'ds' || name === 'ts') e.paragraph = false;
    else if (name === 'f') e.font = param ?? 0;
    else if (name === 'sbasedon') e.basedOn = param;
  }

  /** A group inside the stylesheet closes at `depth`: an entry's group ends the entry. */
  close(depth: number): void {
    if (depth !== this.depth + 1 || !this.entry) return;
    const { id, paragraph, font, basedOn } = this.entry;
    if (paragraph && !this.styles.has(id)) { this.styles.set(id, { font, basedOn }); this.resolved.clear(); }
    this.entry = null;
  }

  /** The font of paragraph style `style`: its own, else its based-on chain's (Word's 222 is no style; a loop ends); null for none. */
  fontOf(style: number): number | null {
    let font = this.resolved.get(style);
    if (font !== undefined) return font;
    font = null;
    let s = this.styles.get(style);
    for (let hops = 0; s && hops < 16; hops++) {
      if (s.font !== null) { font = s.font; break; }
      s = s.basedOn === null ? undefined : this.styles.get(s.basedOn);
    }
    this.resolved.set(style, font);
    return font;
  }
}
