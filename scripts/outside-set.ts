/**
 * Builds a real-scans folder for `bench:real` from an outside set's description (bench/outside/*.json:
 * the source repository, each document's path and git blob hash, and the header facts a person
 * read off its pages) and a local git mirror of that repository (the project's fetch tool gives
 * one). The pages are public documents of other repositories: they are never committed, only
 * their facts; this puts them where `BAOCAO_SHARED=<out> npm run bench:real` reads them.
 *
 *   npx tsx scripts/outside-set.ts --set bench/outside/vbhc.json --mirror <git dir> --out <dir>
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';

/** `gt_blob`, when a document has one, is the blob of its page's ground-truth text (bench:real's gt/<id>.gt.txt). */
interface OutsideDocument { id: string; path: string; blob: string; gt_blob?: string; [fact: string]: unknown }
interface OutsideSet { source: { repo: string; commit: string }; documents: OutsideDocument[] }

const { values: args } = parseArgs({ options: { set: { type: 'string' }, mirror: { type: 'string' }, out: { type: 'string' } } });
if (!args.set || !args.mirror || !args.out) {
  console.error('usage: npx tsx scripts/outside-set.ts --set bench/outside/<name>.json --mirror <git dir of the repository> --out <folder>');
  process.exit(2);
}
const set = JSON.parse(readFileSync(args.set, 'utf8')) as OutsideSet;
const pages = join(args.out, 'real-scans', 'pages');
mkdirSync(pages, { recursive: true });
const groundTruth = join(args.out, 'real-scans', 'gt');
let missing = 0;
/** A blob's bytes from the mirror, checked against its hash (the bytes the facts were read from). */
function blobBytes(id: string, blob: string, path: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = execFileSync('git', ['--git-dir', args.mirror!, 'cat-file', 'blob', blob], { maxBuffer: 1 << 30 });
  } catch {
    console.error(`${id}: blob ${blob} (${path}) is not in ${args.mirror}`);
    missing++;
    return undefined;
  }
  const hash = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
  if (hash !== blob) throw new Error(`${id}: the bytes do not hash to ${blob}`);
  return bytes;
}
for (const doc of set.documents) {
  const bytes = blobBytes(doc.id, doc.blob, doc.path);
  if (bytes) writeFileSync(join(pages, `${doc.id}${extname(doc.path).toLowerCase()}`), bytes);
  if (!doc.gt_blob) continue;
  const text = blobBytes(doc.id, doc.gt_blob, 'ground truth');
  if (!text) continue;
  mkdirSync(groundTruth, { recursive: true });
  writeFileSync(join(groundTruth, `${doc.id}.gt.txt`), text);
}
const fields = set.documents.map(({ path: _p, blob: _b, gt_blob: _g, ...facts }) => facts);
writeFileSync(join(args.out, 'real-scans', 'fields.json'), `${JSON.stringify(fields, null, 1)}\n`);
console.log(`${set.documents.length - missing} of ${set.documents.length} documents of ${set.source.repo}@${set.source.commit} in ${pages}`);
if (missing) process.exit(1);
