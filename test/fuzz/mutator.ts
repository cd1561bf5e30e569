/**
 * A seeded mutator for fuzzing the library: the same seed gives the same inputs on every
 * machine, so a failure names its seed and mutations and can be run again.
 */
import { readFileSync } from 'node:fs';
import { textToCp1252Bytes } from '../../src/core/encoding/cp1252.js';
import { stripMarks } from '../../src/core/vi-text/index.js';
import { mulberry32 } from '../../scripts/lib/seeded-random.js';

export type Rng = () => number;

/** mulberry32: small, fast, good enough for choosing mutations. */
export function rng(seed: number): Rng {
  return mulberry32(seed);
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

export interface Seed {
  name: string;
  data: Uint8Array;
  /** Text seeds may also be re-encoded; binary ones only take byte mutations. */
  text?: string;
}

const fixture = (p: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${p}`, import.meta.url)));

/** The OCR'd sample, a devset-like text (the sample's letters without marks, as old exports lose them), and the scan fixtures. */
export function seeds(): { text: Seed[]; binary: Seed[] } {
  const sample = new TextDecoder().decode(fixture('bao-cao-ngoc-ky.ocr.txt'));
  const stripped = stripMarks(sample.normalize('NFC')).replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'));
  return {
    text: [
      { name: 'sample.txt', data: new TextEncoder().encode(sample), text: sample },
      { name: 'devset-like.txt', data: new TextEncoder().encode(stripped), text: stripped },
    ],
    binary: ['text.pdf', 'mixed.pdf', 'corrupt.pdf', 'line.png', 'page2.jpg', 'pages-2p.tif'].map((name) => ({ name, data: fixture(`scans/${name}`) })),
  };
}

/** One mutation: a name for the report and the bytes it makes. */
type Mutation = (r: Rng, data: Uint8Array, seed: Seed, donors: readonly Seed[]) => { op: string; data: Uint8Array };

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

const BYTE_MUTATIONS: Mutation[] = [
  (r, d) => {
    const out = d.slice();
    const n = 1 + int(r, 8);
    for (let i = 0; i < n && out.length; i++) out[int(r, out.length)] = int(r, 256);
    return { op: `flip ${n} bytes`, data: out };
  },
  (r, d) => { const at = int(r, d.length + 1); return { op: `truncate at ${at}`, data: d.slice(0, at) }; },
  (r, d, _s, donors) => {
    const donor = pick(r, donors).data;
    const from = int(r, donor.length), len = int(r, 4096);
    const at = int(r, d.length + 1);
    return { op: `splice ${len} donor bytes at ${at}`, data: concat(d.subarray(0, at), donor.subarray(from, from + len), d.subarray(at)) };
  },
  (r, d) => {
    const from = int(r, d.length), len = int(r, 2048), times = 1 + int(r, 20);
    const piece = d.subarray(from, from + len);
    const at = int(r, d.length + 1);
    return { op: `repeat ${piece.length} bytes ×${times} at ${at}`, data: concat(d.subarray(0, at), ...Array(times).fill(piece), d.subarray(at)) };
  },
  (r, d) => {
    const len = 10_000 + int(r, 200_000);
    const letters = new TextEncoder().encode(pick(r, ['a', 'ư', 'x ', '—', '\u0301', 'Ngọc']));
    const run = new Uint8Array(len);
    for (let i = 0; i < len; i++) run[i] = letters[i % letters.length]!;
    const at = int(r, d.length + 1);
    return { op: `huge line of ${len} bytes at ${at}`, data: concat(d.subarray(0, at), run, d.subarray(at)) };
  },
  (r, d) => {
    const out: number[] = [...d];
    const n = 1 + int(r, 8);
    for (let i = 0; i < n; i++) out.splice(int(r, out.length + 1), 0, pick(r, [0, 1, 7, 8, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x85, 0xa0, 0xad, 0xfe, 0xff]));
    return { op: `${n} control bytes`, data: Uint8Array.from(out) };
  },
];

/** Rare: nothing left to read. */
const EMPTY: Mutation = (r) => ({ op: 'empty or whitespace', data: new TextEncoder().encode(pick(r, ['', ' ', '\n\n\n', '\f\f', '\ufeff'])) });

/** Re-encodings of a text seed: other Unicode forms, a Windows code page, bytes as a legacy font encoding would scatter them. */
const TEXT_MUTATIONS: Mutation[] = [
  (r, _d, s) => {
    const le = r() < 0.5;
    const bom = r() < 0.5;
    const body = Buffer.from(s.text!, 'utf16le');
    if (!le) body.swap16();
    return { op: `utf-16${le ? 'le' : 'be'}${bom ? ' with BOM' : ''}`, data: concat(bom ? Uint8Array.from(le ? [0xff, 0xfe] : [0xfe, 0xff]) : new Uint8Array(), body) };
  },
  (_r, _d, s) => ({ op: 'cp1252 (marks stripped where it has none)', data: textToCp1252Bytes(stripMarks(s.text!)) ?? new Uint8Array(Buffer.from(s.text!, 'latin1')) }),
  (_r, _d, s) => ({ op: 'latin1 (lossy)', data: new Uint8Array(Buffer.from(s.text!, 'latin1')) }),
  (r, _d, s) => {
    // Each non-ASCII letter to a fixed random high byte: what a TCVN3 or VNI file looks like to a reader that does not know it.
    const table = new Map<string, number>();
    const out: number[] = [];
    for (const ch of s.text!) {
      if (ch.charCodeAt(0) < 0x80) { out.push(ch.charCodeAt(0)); continue; }
      if (!table.has(ch)) table.set(ch, 0x80 + int(r, 128));
      out.push(table.get(ch)!);
    }
    return { op: 'legacy-like high bytes', data: Uint8Array.from(out) };
  },
  (_r, _d, s) => ({ op: 'NFD', data: new TextEncoder().encode(s.text!.normalize('NFD')) }),
  (_r, _d, s) => ({ op: 'CR line ends', data: new TextEncoder().encode(s.text!.replace(/\n/g, '\r')) }),
];

/** 1–3 mutations of `seed`; a text seed is re-encoded first one time in four. */
export function mutate(r: Rng, seed: Seed, donors: readonly Seed[]): { data: Uint8Array; ops: string[] } {
  const ops: string[] = [];
  let data = seed.data;
  if (seed.text !== undefined && r() < 0.25) {
    const m = pick(r, TEXT_MUTATIONS)(r, data, seed, donors);
    data = m.data;
    ops.push(m.op);
  }
  const n = 1 + int(r, 3);
  for (let i = 0; i < n; i++) {
    const m = (r() < 0.03 ? EMPTY : pick(r, BYTE_MUTATIONS))(r, data, seed, donors);
    data = m.data;
    ops.push(m.op);
  }
  return { data, ops };
}

/** What an ingest of a damaged file must give: pages, or an error, never both (a thrown error is a bug). */
export interface IngestOutcome { diagnostics: readonly { severity: string }[]; pages: readonly unknown[] }

/**
 * Past this a case is a hang (a quadratic or endless loop takes minutes), not a slow run: set far above
 * the ~1 s a case takes, so a loaded 2-core CI machine never trips it.
 */
export const HANG_MS = 30_000;

/**
 * Reads `data` with `ingest`: 'read' or 'refused' (an error diagnostic); a throw, an error with
 * pages, or seconds spent (a hang, not a speed check) go to `problems` under `label`.
 */
export function ingestOutcome(label: string, data: Uint8Array, problems: string[], ingest: (data: Uint8Array) => IngestOutcome): 'read' | 'refused' {
  const t = performance.now();
  let outcome: 'read' | 'refused' = 'refused';
  try {
    const r = ingest(data);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length && r.pages.length) problems.push(`${label}: an error and pages`);
    outcome = errors.length ? 'refused' : 'read';
  } catch (e) {
    problems.push(`${label}: threw ${(e as Error).message}`);
  }
  if (performance.now() - t > HANG_MS) problems.push(`${label}: took ${Math.round(performance.now() - t)} ms`);
  return outcome;
}

/** `cases` damaged copies of the seeds (fixed seed `seed`) through `ingest`: counts and problems. */
export function fuzzIngest(seed: number, cases: number, seeds: readonly Seed[], ingest: (data: Uint8Array) => IngestOutcome): { read: number; refused: number; problems: string[] } {
  const r = rng(seed);
  const problems: string[] = [];
  let read = 0, refused = 0;
  for (let i = 0; i < cases; i++) {
    const from = seeds[i % seeds.length]!;
    const { data, ops } = mutate(r, from, seeds);
    if (ingestOutcome(`#${i} ${from.name} [${ops.join(', ')}]`, data, problems, ingest) === 'read') read++; else refused++;
  }
  return { read, refused, problems };
}
