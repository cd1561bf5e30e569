/**
 * The tables an RTF defines before its body, read token by token as rtf.ts meets them: the fonts
 * (\fonttbl: each \fN's name and code page).
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
