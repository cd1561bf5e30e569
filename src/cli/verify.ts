/** `baocao verify <out-dir>`: the folder's outputs hashed again against their manifests (batch/verify.ts); exit 1 on any mismatch. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasDoneState } from '../batch/done-index.js';
import { verifyOutputs, type VerifyProblem, type VerifyReport } from '../batch/verify.js';

/** Problems named one per line on a terminal before "… and N more" (all of them with --json). */
const SHOWN = 50;

export async function verifyCommand(outDir: string, o: { json: boolean }): Promise<number> {
  const dir = resolve(outDir);
  const info = (() => { try { return statSync(dir); } catch { return null; } })();
  if (!info?.isDirectory() || !hasDoneState(dir)) {
    process.stderr.write(`baocao: ${outDir}: ${info?.isDirectory() ? 'not a folder written by baocao convert (no .baocao/ records)' : 'no such folder'}\n`);
    return 2;
  }
  const report = await verifyOutputs(dir);
  if (o.json) process.stdout.write(JSON.stringify(report) + '\n');
  else process.stdout.write(reportText(report));
  return report.ok ? 0 : 1;
}

export function reportText(r: VerifyReport): string {
  const lines: string[] = [];
  const list = (kind: string, problems: VerifyProblem[]) => {
    for (const p of problems.slice(0, SHOWN)) lines.push(`${kind}: ${p.path}${p.detail ? ` (${p.detail})` : ''}`);
    if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more ${kind} (--json lists them all)`);
  };
  list('missing', r.missing);
  list('changed', r.changed);
  list('extra', r.extra);
  const counts = `${r.missing.length} missing, ${r.changed.length} changed, ${r.extra.length} extra`;
  const unhashed = r.unhashed ? ` (${r.unhashed} written by an older version, checked by presence only)` : '';
  // A folder written before the tables' record (tables-record.ts): its tables cannot be certified.
  if (r.tables === null) lines.push('tables not recorded: the batch tables were written by an older version, so they are not checked (convert --resume records them)');
  const tables = r.tables === null ? '' : `, ${r.tables} batch table${r.tables === 1 ? '' : 's'}`;
  lines.push(`${r.ok ? 'verified' : 'NOT verified'}: ${r.documents} document${r.documents === 1 ? '' : 's'}, ${r.files} output${r.files === 1 ? '' : 's'}${unhashed}${tables}: ${counts}`);
  return lines.join('\n') + '\n';
}
