/**
 * PDF object syntax (ISO 32000 7.3): one value — dictionary, array, name, string, number,
 * reference, boolean or null — parsed from the latin1 text of a file's bytes (pdf-object-reader.ts).
 */
import { isName, type PdfDict, type PdfValue } from './pdf-values.js';

const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const SPACE = /[\0\t\n\f\r ]/;

/** Hex strings longer than this (hex digits) keep no decoded bytes (signature blobs, embedded data). */
const MAX_DECODED_HEX = 4096;

/** A hex string's bytes as latin1 characters (an odd last digit counts as followed by 0). */
export function hexBytes(hex: string): string {
  let out = '';
  for (let k = 0; k < hex.length; k += 2) out += String.fromCharCode(parseInt((hex.slice(k, k + 2) + '0').slice(0, 2), 16));
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };

/** A literal string's bytes with its escapes undone (octal, named, line continuations). */
function literalBytes(raw: string): string {
  return raw.replace(/\\(?:([0-7]{1,3})|(\r\n|\r|\n)|(.))/gs, (_, oct: string | undefined, eol: string | undefined, ch: string | undefined) =>
    oct !== undefined ? String.fromCharCode(parseInt(oct, 8) & 0xff) : eol !== undefined ? '' : ESCAPES[ch!] ?? ch!);
}

/** Parses one value of PDF syntax from `s` at `pos`. */
export function parseValue(s: string, pos: number): { value: PdfValue; end: number } {
  let i = pos;
  const skip = () => {
    for (;;) {
      while (i < s.length && SPACE.test(s[i]!)) i++;
      if (s[i] === '%') { while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++; } else return;
    }
  };
  const value = (): PdfValue => {
    skip();
    const c = s[i];
    if (c === undefined) throw new Error('unexpected end of PDF object');
    if (c === '<' && s[i + 1] === '<') {
      i += 2;
      const d: PdfDict = {};
      for (;;) {
        skip();
        if (s[i] === '>' && s[i + 1] === '>') { i += 2; return d; }
        const key = value();
        if (!isName(key)) throw new Error('PDF dictionary key is not a name');
        d[key.name] = value();
      }
    }
    if (c === '[') {
      i++;
      const a: PdfValue[] = [];
      for (;;) { skip(); if (s[i] === ']') { i++; return a; } a.push(value()); }
    }
    if (c === '/') {
      let j = i + 1;
      while (j < s.length && !SPACE.test(s[j]!) && !DELIM.has(s[j]!)) j++;
      const name = s.slice(i + 1, j).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
      i = j;
      return { name };
    }
    if (c === '(') {
      let depth = 0;
      const from = i;
      for (; i < s.length; i++) {
        if (s[i] === '\\') { i++; continue; }
        if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) { i++; return { str: true, bytes: literalBytes(s.slice(from + 1, i - 1)) }; }
      }
      throw new Error('unterminated PDF string');
    }
    if (c === '<') {
      const j = s.indexOf('>', i);
      if (j < 0) throw new Error('unterminated hex string');
      const hex = s.slice(i + 1, j).replace(/[^0-9a-fA-F]/g, '');
      i = j + 1;
      // A signature's /Contents is a long hex string: only text-sized ones are decoded here.
      return hex.length <= MAX_DECODED_HEX ? { str: true, bytes: hexBytes(hex) } : { str: true };
    }
    const m = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(s.slice(i, i + 32));
    if (m) {
      i += m[0].length;
      // "n g R" is a reference; look ahead without consuming unless it matches.
      const r = /^\s+(\d+)\s+R(?![A-Za-z])/.exec(s.slice(i, i + 24));
      if (r && /^\d+$/.test(m[0])) { i += r[0].length; return { num: Number(m[0]), gen: Number(r[1]) }; }
      return Number(m[0]);
    }
    const w = /^[A-Za-z]+/.exec(s.slice(i, i + 16))?.[0];
    if (w === 'true' || w === 'false' || w === 'null') { i += w.length; return w === 'true' ? true : w === 'false' ? false : null; }
    throw new Error(`unexpected PDF token at ${i}`);
  };
  const v = value();
  return { value: v, end: i };
}
