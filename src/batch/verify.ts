/**
 * `baocao verify <out-dir>`: an archivist's check that a converted folder still holds exactly what
 * baocao wrote. Every output a document's manifest names (manifest.ts: its size and SHA-256) is
 * hashed again; what is gone is `missing`, what differs is `changed`, and a file in the folder that
 * no manifest names (nor a batch table) is `extra`. The batch tables are checked against the record
 * of their last writing (tables-record.ts), when the folder holds one. Files are hashed as streams,
 * a few at a time, so 10,000 documents of large PDFs need neither their size in memory nor one
 * file at a time.
 */
import { lstat, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { STATE_DIR } from './atomic.js';
import { DoneIndex } from './done-index.js';
import type { OutputFile } from './manifest.js';
import { fileSha256 } from './file-sha256.js';
import { batchOutputNames, recordedTables, TABLES_RECORD } from './tables-record.js';

export interface VerifyProblem {
  /** Relative to the output folder, '/'-separated. */
  path: string;
  /** What is wrong, said for people ("23,415 bytes, 23,416 expected"); for an extra file, empty. */
  detail: string;
}

export interface VerifyReport {
  documents: number;
  /** Outputs named by the manifests. */
  files: number;
  /** Of them, those checked by presence only (manifests of versions that kept no hashes). */
  unhashed: number;
  missing: VerifyProblem[];
  changed: VerifyProblem[];
  extra: VerifyProblem[];
  /** Batch outputs checked against .baocao/tables.json (tables-record.ts); null: the folder holds no record (an older version wrote it). */
  tables: number | null;
  ok: boolean;
}

/** Files hashed at once: enough to keep a disk (or a network share) busy, few enough for its handles. */
export const VERIFY_CONCURRENCY = 8;

/** The batch outputs at the top of the folder, made from every document's record, not named by any manifest. */
/** Every batch output a run may write (all formats that write one). */
const BATCH_OUTPUTS: ReadonlySet<string> = new Set(batchOutputNames(['csv', 'xlsx']));

interface Expected { file: OutputFile | null; document: string }

export async function verifyOutputs(outDir: string, concurrency = VERIFY_CONCURRENCY): Promise<VerifyReport> {
  const index = new DoneIndex(outDir);
  const expected = new Map<string, Expected>();
  const missing: VerifyProblem[] = [], changed: VerifyProblem[] = [];
  let documents = 0;
  try {
    for (const name of index.names()) {
      const record = index.get(name);
      if (!record) continue;
      documents++;
      const { manifest } = record;
      for (const file of manifest.files ?? []) expected.set(file.path, { file, document: name });
      // Older manifests name their outputs without sizes or hashes: checked by presence.
      for (const out of manifest.row.outputs) if (!expected.has(out)) expected.set(out, { file: null, document: name });
    }
  } finally {
    index.close();
  }
  // The batch tables, against the record of their last writing (tables-record.ts).
  let tables: number | null = null;
  let checks: [string, Expected][] = [];
  try {
    const recorded = recordedTables(outDir);
    if (recorded) {
      tables = recorded.length;
      checks = recorded.map((file) => [file.path, { file, document: '' }]);
    }
  } catch (e) {
    changed.push({ path: `${STATE_DIR}/${TABLES_RECORD}`, detail: (e as Error).message });
  }
  let unhashed = 0;
  const tableChecks = checks.length;
  checks = [...checks, ...expected];
  let next = 0;
  const lane = async () => {
    while (next < checks.length) {
      const [path, { file }] = checks[next++]!;
      if (!file) unhashed++;
      else if (next <= tableChecks && !BATCH_OUTPUTS.has(path)) {
        changed.push({ path, detail: 'the tables record names a file that is not a batch table' });
        continue;
      }
      const problem = await checkOutput(outDir, path, file);
      if (problem) (problem.kind === 'missing' ? missing : changed).push({ path, detail: problem.detail });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, checks.length)) }, lane));
  const extra = (await folderFiles(outDir)).filter((p) => !expected.has(p) && !BATCH_OUTPUTS.has(p)).map((path) => ({ path, detail: '' }));
  const byPath = (a: VerifyProblem, b: VerifyProblem) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  missing.sort(byPath);
  changed.sort(byPath);
  return { documents, files: expected.size, unhashed, missing, changed, extra, tables, ok: !missing.length && !changed.length && !extra.length };
}

async function checkOutput(outDir: string, path: string, file: OutputFile | null): Promise<{ kind: 'missing' | 'changed'; detail: string } | null> {
  // A manifest is data read from the folder: a path leading out of it is not followed.
  if (isAbsolute(path) || path.split('/').includes('..')) return { kind: 'changed', detail: 'its manifest names a path outside the folder' };
  const abs = join(outDir, ...path.split('/'));
  const info = await lstat(abs).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) return info.code === 'ENOENT' || info.code === 'ENOTDIR' ? { kind: 'missing', detail: '' } : { kind: 'changed', detail: `cannot be read: ${info.code ?? info.message}` };
  if (!info.isFile()) return { kind: 'changed', detail: info.isSymbolicLink() ? 'a symbolic link, not the file written' : 'not a regular file' };
  if (!file) return null;
  if (info.size !== file.bytes) return { kind: 'changed', detail: `${info.size.toLocaleString('en-US')} bytes, ${file.bytes.toLocaleString('en-US')} written` };
  const sha256 = await fileSha256(abs).catch((e: NodeJS.ErrnoException) => e);
  if (sha256 instanceof Error) return { kind: 'changed', detail: `cannot be read: ${sha256.code ?? sha256.message}` };
  return sha256 === file.sha256 ? null : { kind: 'changed', detail: 'its content differs (SHA-256)' };
}

/** Every file under the folder but baocao's own state (.baocao/), '/'-separated; links are listed, not followed. */
async function folderFiles(outDir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (dir === outDir && e.name === STATE_DIR) continue;
      if (e.isDirectory()) await walk(abs);
      else out.push(relative(outDir, abs).split(sep).join('/'));
    }
  };
  await walk(outDir);
  return out.sort();
}
