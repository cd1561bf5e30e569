/**
 * What the picture tests of every Word format share: the two scans pasted into the fixtures
 * (fixtures/word/make-pictures.sh) and the check that convert() reads them by OCR, a page each.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convert } from '../../../src/index.js';

const read = (path: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url)));
export const wordFixture = (name: string) => read(`word/${name}`);
/** "Kết quả tuyên truyền công tác cải cách hành chính năm 2023" (PNG), then "Trang hai …" (JPEG). */
export const LINE = read('scans/line.png');
export const PAGE2 = read('scans/page2.jpg');

export function assertSameBytes(found: Uint8Array | undefined, expected: Uint8Array, what: string): void {
  assert.ok(found, `${what}: not found`);
  assert.ok(found.length === expected.length && found.every((b, i) => b === expected[i]), `${what}: other bytes (${found.length} for ${expected.length})`);
}

/** The two pasted scans, found in body order, each once, byte for byte. */
export function assertBothScans(found: Uint8Array[]): void {
  assert.equal(found.length, 2);
  assertSameBytes(found[0], LINE, 'the first picture (PNG)');
  assertSameBytes(found[1], PAGE2, 'the second picture (JPEG)');
}

/** convert() of a Word file of the two scans: no text, so both pictures are read by OCR, a page each. */
export async function assertReadByOcr(path: string, data: Uint8Array): Promise<void> {
  const r = await convert({ path, data }, { restore: false, segment: false });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.ok(r.diagnostics.some((d) => d.ruleId === 'ingest/word-pictures' && /2 pictures/.test(d.message)));
  assert.deepEqual(r.pages.map((p) => p.method), ['ocr', 'ocr']);
  assert.match(r.text.original, /tuyên truyền công tác cải cách hành chính[\s\S]*\f[\s\S]*Trang hai của bản quét/);
}

/** Where `needle` first stands in `bytes` (-1 when nowhere). */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}
