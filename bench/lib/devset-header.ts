/**
 * The devset's expected header fields and the naive header baseline, shared by bench:segment and
 * bench:archive. Expected type/number/issuer come from devset/index.json; index.json has no dates,
 * so the expected date is read from the GT's "…, ngày D tháng M năm Y" line with a strict regex
 * (empty when the GT has no such line, as 006 which has no header).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripMarks } from '../../src/core/vi-text/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEV = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'devset');

export interface DevEntry { id: string; type: string; issuer: string; number: string }

/** index.json, restricted to BENCH_DOCS=001,002 when set. */
export function devIndex(): DevEntry[] {
  const only = process.env.BENCH_DOCS?.split(',');
  return (JSON.parse(readFileSync(join(DEV, 'index.json'), 'utf8')) as DevEntry[]).filter((e) => !only || only.includes(e.id));
}

/** NFC, upper case, ỦY/UỶ and HÓA/HOÁ made equal, spaces collapsed: "Thông báo" ≡ "THÔNG BÁO". */
export const norm = (s: string) => s.normalize('NFC').toUpperCase().replace(/UỶ/g, 'ỦY').replace(/HOÁ/g, 'HÓA').replace(/\s+/g, ' ').trim();
export const loose = (s: string) => stripMarks(norm(s));

/** ISO date of the GT header's "…, ngày D tháng M năm Y", or ''. */
export function strictDate(text: string): string {
  // The GT's own spacing may glue a number to its word (devset 029: "tháng 11năm 2025").
  const m = /,\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})/u.exec(text.split('\n').slice(0, 12).join('\n'));
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : '';
}

export interface HeaderFields { type: string; number: string; issuer: string; date: string }

/** Baseline: regexes over the first 12 lines, first match wins. */
export function naiveHeader(text: string): HeaderFields {
  const head = text.split('\n').slice(0, 12);
  const number = head.map((l) => /S[ốo6]\s*:\s*(\S+)/iu.exec(l)?.[1]).find(Boolean) ?? '';
  const type = head.find((l) => /^\s*(THÔNG BÁO|KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|BÁO CÁO|TỜ TRÌNH|THONG BAO|KE HOACH|QUYET DINH|CHI THI)\s*$/iu.test(l))?.trim() ?? '';
  const issuer = head[0]?.split(/\s{2,}/)[0]?.trim() ?? '';
  const d = /ng[aà]y\s+(\d{1,2})\s+th[aá]ng\s+(\d{1,2})\s+n[aă]m\s+(\d{4})/iu.exec(head.join('\n'));
  return { type, number, issuer, date: d ? `${d[3]}-${d[2]!.padStart(2, '0')}-${d[1]!.padStart(2, '0')}` : '' };
}
