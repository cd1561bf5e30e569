/**
 * The real scanned pages (../shared/real-scans, or BAOCAO_SHARED/real-scans): where the set is,
 * its documents (fields.json, optionally only some ids) and each document's page file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RealFields } from './real-fields.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REAL_SCANS = join(resolve(process.env.BAOCAO_SHARED ?? join(root, '..', 'shared')), 'real-scans');

/** The set's documents as fields.json lists them; `ids` ("a,b") keeps only those. */
export function realScanFields(ids?: string): RealFields[] {
  const all = JSON.parse(readFileSync(join(REAL_SCANS, 'fields.json'), 'utf8')) as RealFields[];
  return ids ? all.filter((f) => ids.split(',').includes(f.id)) : all;
}

/** A document's scan: its PDF, else its photo. */
export function realScanFile(id: string): string {
  const pdf = join(REAL_SCANS, 'pages', `${id}.pdf`);
  return existsSync(pdf) ? pdf : join(REAL_SCANS, 'pages', `${id}.jpg`);
}
