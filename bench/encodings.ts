/**
 * npm run bench:encodings — every text encoding baocao detects, round-tripped over the devset's
 * ground truth (../shared/devset/docs/*.txt): each document is encoded, decoded with no hint
 * (decodeText, as the text ingest does) and compared with the text it was made from, by this
 * commit and by the base (BENCH_BASE, default 3dcabcf; its src/ from git) in the same run.
 * Encoders: TCVN 5712 VN1, windows-1258 and VISCII by glibc's iconv (TCVN5712-1, CP1258, VISCII); TCVN3 (ABC) as
 * .VnTimeH typists wrote it, VN1's bytes with every capital VN3 lacks typed with the lower-case
 * code; VNI-Windows and VIQR from their published tables, written here. A character an encoding
 * cannot hold is '?' in the bytes and in the expected text alike. Figures: documents whose
 * encoding is detected right, documents read back exactly, and characters wrong (after NFC; for
 * TCVN3 also case-folded, since VN3 cannot tell a capital toned vowel in running text).
 *   BAOCAO_SHARED=/path/to/shared   BENCH_BASE=<ref> | none
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeText as decodeNow } from '../src/core/encoding/index.js';
import { baseSource } from './lib/base-source.js';

type Decode = typeof decodeNow;
const root = resolve(import.meta.dirname, '..');
const DOCS = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset', 'docs');

function iconvTable(charset: string): Map<string, number> {
  const table = new Map<string, number>();
  for (let b = 1; b < 256; b++) {
    try {
      const ch = execFileSync('iconv', ['-f', charset, '-t', 'UTF-8'], { input: Buffer.from([b]), stdio: ['pipe', 'pipe', 'ignore'] }).toString('utf8');
      if (ch.length === 1 && !table.has(ch)) table.set(ch, b);
    } catch { /* a byte with no character */ }
  }
  return table;
}

/** Characters iconv can write in a charset (checked one by one, so the rest become '?'). */
function iconvKeep(charset: string, chars: Set<string>): Set<string> {
  const keep = new Set<string>();
  for (const ch of chars) {
    try {
      execFileSync('iconv', ['-f', 'UTF-8', '-t', charset], { input: ch, stdio: ['pipe', 'pipe', 'ignore'] });
      keep.add(ch);
    } catch { /* not in the charset */ }
  }
  return keep;
}

const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
/** Splits a letter into base (a e i o u y, ă â ê ô ơ ư, or itself) and tone index 0..5. */
function split(ch: string): [string, number] {
  const d = ch.normalize('NFD');
  const t = TONES.findIndex((m, i) => i > 0 && d.includes(m));
  return [(t > 0 ? d.replace(TONES[t]!, '') : d).normalize('NFC'), Math.max(0, t)];
}

/** VNI-Windows: vowel + mark byte(s); ơ ư đ, toned i and ỵ are single bytes (the VNI table). */
function vni(text: string): string {
  const tone = ['', '\xf8', '\xf9', '\xfb', '\xf5', '\xef'];
  const circ = ['\xe2', '\xe0', '\xe1', '\xe5', '\xe3', '\xe4'];
  const breve = ['\xea', '\xe8', '\xe9', '\xfa', '\xfc', '\xeb'];
  const iTone = ['i', '\xec', '\xed', '\xe6', '\xf3', '\xf2'];
  let out = '';
  for (const ch of text) {
    const [base, t] = split(ch);
    const lower = base.toLowerCase();
    const up = base !== lower;
    const cased = (s: string) => (up ? s.toUpperCase() : s);
    let enc: string | undefined;
    if (lower === 'đ') enc = cased('\xf1');
    else if (lower === 'i' && t > 0) enc = cased(iTone[t]!);
    else if (lower === 'y' && t === 5) enc = cased('\xee');
    else if ('aeouy'.includes(lower) && lower.length === 1) enc = cased(lower + tone[t]!);
    else if (lower === 'i') enc = cased('i');
    else if (lower === 'â' || lower === 'ê' || lower === 'ô') enc = cased(lower.normalize('NFD')[0]! + circ[t]!);
    else if (lower === 'ă') enc = cased('a' + breve[t]!);
    else if (lower === 'ơ') enc = cased('\xf4' + tone[t]!);
    else if (lower === 'ư') enc = cased('\xf6' + tone[t]!);
    out += enc ?? (ch.charCodeAt(0) < 0x80 ? ch : '?');
  }
  return out;
}

/** VIQR (RFC 1456): a( a^ e^ o^ o+ u+ dd and the tones ` ' ? ~ . after the letter. */
function viqr(text: string): string {
  const mark = ['', '`', "'", '?', '~', '.'];
  const shape: Record<string, string> = { ă: 'a(', â: 'a^', ê: 'e^', ô: 'o^', ơ: 'o+', ư: 'u+', đ: 'dd' };
  let out = '';
  let prev = '';
  for (const ch of text) {
    // RFC 1456: a mark character typed after a letter is made literal with a backslash, also
    // after a letter written with marks ("tư." is tu+\., not tu+., which reads "tự").
    const afterLetter = /\p{L}/u.test(prev);
    prev = ch;
    if ("^(+`'?~.".includes(ch) && afterLetter) { out += '\\' + ch; continue; }
    const [base, t] = split(ch);
    const lower = base.toLowerCase();
    const s = shape[lower] ?? (lower.length === 1 && lower < '\x80' ? lower : null);
    if (s === null) { out += '?'; continue; }
    const cased = base !== lower ? (lower === 'đ' ? 'DD' : s[0]!.toUpperCase() + s.slice(1)) : s;
    out += cased + mark[t]!;
  }
  return out;
}

function bytesOf(text: string, table: Map<string, number>): Uint8Array {
  return Uint8Array.from([...text], (ch) => table.get(ch) ?? 0x3f);
}

/** Edit distance over lines that differ (lines are kept by every decoding). */
function charErrors(a: string, b: string): number {
  const x = a.split('\n'), y = b.split('\n');
  let wrong = 0;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = [...(x[i] ?? '')], q = [...(y[i] ?? '')];
    if (p.join('') === q.join('')) continue;
    let prev = Array.from({ length: q.length + 1 }, (_, j) => j);
    for (let r = 1; r <= p.length; r++) {
      const cur = [r];
      for (let c = 1; c <= q.length; c++) cur[c] = Math.min(prev[c]! + 1, cur[c - 1]! + 1, prev[c - 1]! + (p[r - 1] === q[c - 1] ? 0 : 1));
      prev = cur;
    }
    wrong += prev[q.length]!;
  }
  return wrong;
}

const gt = readdirSync(DOCS).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(DOCS, f), 'utf8').normalize('NFC'));
const chars = new Set(gt.flatMap((t) => [...t]));
const vn1Table = iconvTable('TCVN5712-1');
/** VN3: VN1's capitals with marks (VN3 has none) typed with their lower-case code, as .VnTimeH did. */
const vn3Table = new Map([...vn1Table].map(([ch, b]): [string, number] => {
  const lower = ch.toLowerCase();
  return [ch, ch !== lower && split(ch)[1] > 0 || (ch !== lower && vn1Table.get(lower) !== undefined && b < 0xa0) ? vn1Table.get(lower) ?? b : b];
}));
for (const [ch, b] of vn3Table) if ((b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) || (b >= 0x80 && b < 0xa0)) vn3Table.delete(ch);
// Word's punctuation in an ABC file is windows-1252, on the bytes VN1 gives to capitals.
for (const [ch, b] of [['“', 0x93], ['”', 0x94], ['‘', 0x91], ['’', 0x92], ['–', 0x96], ['—', 0x97], ['…', 0x85], ['•', 0x95]] as const) vn3Table.set(ch, b);
const cp1258Keep = iconvKeep('CP1258', chars);
const visciiKeep = iconvKeep('VISCII', chars);

const keepOnly = (text: string, keep: (ch: string) => boolean) => [...text].map((ch) => (keep(ch) ? ch : '?')).join('');
const ASCII_OR_VIET = (ch: string) => ch < '\x80' || split(ch)[0].toLowerCase().length === 1 && /[a-zăâêôơưđ]/.test(split(ch)[0].toLowerCase());

interface Case { name: string; encoding: string; make: (t: string) => { bytes: Uint8Array; expected: string }; fold?: boolean }
const CASES: Case[] = [
  { name: 'UTF-8', encoding: 'utf-8', make: (t) => ({ bytes: new TextEncoder().encode(t), expected: t }) },
  { name: 'UTF-16LE+BOM', encoding: 'utf-16le', make: (t) => ({ bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), expected: t }) },
  { name: 'windows-1258', encoding: 'windows-1258', make: (t) => {
    const expected = keepOnly(t, (ch) => cp1258Keep.has(ch));
    return { bytes: execFileSync('iconv', ['-f', 'UTF-8', '-t', 'CP1258'], { input: expected }), expected };
  } },
  { name: 'TCVN 5712 VN1', encoding: 'tcvn5712-1', make: (t) => {
    const expected = keepOnly(t, (ch) => vn1Table.has(ch));
    return { bytes: bytesOf(expected, vn1Table), expected };
  } },
  { name: 'TCVN3 (ABC)', encoding: 'tcvn3', fold: true, make: (t) => {
    const expected = keepOnly(t, (ch) => vn3Table.has(ch) || vn3Table.has(ch.toLowerCase()));
    return { bytes: Uint8Array.from([...expected], (ch) => vn3Table.get(ch) ?? vn3Table.get(ch.toLowerCase()) ?? 0x3f), expected };
  } },
  { name: 'VNI-Windows', encoding: 'vni', make: (t) => {
    const expected = keepOnly(t, ASCII_OR_VIET);
    return { bytes: Buffer.from(vni(expected), 'latin1'), expected };
  } },
  { name: 'VISCII', encoding: 'viscii', make: (t) => {
    const expected = keepOnly(t, (ch) => visciiKeep.has(ch));
    return { bytes: execFileSync('iconv', ['-f', 'UTF-8', '-t', 'VISCII'], { input: expected }), expected };
  } },
  { name: 'VIQR', encoding: 'viqr', make: (t) => {
    const expected = keepOnly(t, ASCII_OR_VIET);
    return { bytes: Buffer.from(viqr(expected), 'latin1'), expected };
  } },
];

async function loadBase(): Promise<Decode | undefined> {
  const ref = process.env.BENCH_BASE ?? '3dcabcf';
  const dir = baseSource(root, ref);
  if (!dir) return undefined;
  return ((await import(join(dir, 'src', 'core', 'encoding', 'index.ts'))) as { decodeText: Decode }).decodeText;
}

const base = await loadBase();
console.log(`encodings over ${gt.length} devset documents (this commit | base ${process.env.BENCH_BASE ?? '3dcabcf'})`);
console.log('encoding         detected right   read exactly   wrong characters (of all)');
for (const c of CASES) {
  const row = (decode: Decode) => {
    let detected = 0, exact = 0, wrong = 0, total = 0;
    for (const t of gt) {
      const { bytes, expected } = c.make(t);
      const r = decode(bytes);
      if (r.encoding === c.encoding) detected++;
      const got = c.fold ? r.text.toLowerCase() : r.text;
      const want = (c.fold ? expected.toLowerCase() : expected).normalize('NFC');
      if (got === want) exact++;
      wrong += charErrors(got, want);
      total += [...want].length;
    }
    return `${detected}/${gt.length}`.padEnd(7) + `${exact}/${gt.length}`.padEnd(7) + `${wrong}/${total}`.padEnd(14);
  };
  console.log(`${c.name.padEnd(16)} ${row(decodeNow)} | ${base ? row(base) : '—'}`);
}
