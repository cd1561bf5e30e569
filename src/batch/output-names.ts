/**
 * Where a document's outputs go. By default `<rel>` (the input's path relative to the batch base),
 * with each writer adding its suffix (`.json`, `.paragraphs.csv`, …). File systems limit one name
 * to 255 bytes and a whole path to 4096 (Linux); Vietnamese takes 2–3 UTF-8 bytes a letter, so a
 * long input name plus a suffix may not fit. Such a name is cut and given a hash suffix computed
 * from the relative path alone, so every run, --resume and every writer agree on it without
 * looking at the disk, whatever --format says.
 */
import { hash } from 'node:crypto';

/** Bytes one name may have (ext4, XFS, Btrfs, APFS, NTFS in UTF-16 units). */
export const NAME_MAX = 255;
/** Bytes a whole path may have, terminating NUL included (Linux). */
export const PATH_MAX = 4096;
/** Room kept for the longest suffix a writer adds (`.paragraphs.csv` is 15; `.table-123.csv` 14). */
export const SUFFIX_ROOM = 40;
/** Where outputs go when even shortened names make a path over PATH_MAX. */
export const LONG_PATHS_DIR = '_long-paths';
/**
 * What the manifests of earlier versions added in front of an output name: `<out>/.baocao/done/`.
 * Manifests now live in the batch log, but names keep this measure so every folder's names stay the same.
 */
const MANIFEST_PREFIX_BYTES = '/.baocao/done/'.length;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The output name of an input: a '/'-separated path relative to the output folder, to which the
 * writers add their suffixes. Equal to `rel` unless a part of it (or, given `outDir`, the whole
 * path) would be too long.
 */
export function outputName(rel: string, outDir = ''): string {
  const parts = rel.split('/');
  // Hashed only when a part is cut (rarely): a digest per file was ~1 % of a text batch's worker.
  const nameHash = () => hashOf(rel);
  // A folder's hash is that of its own path, so the files of one folder stay together.
  const fitted = parts.map((part, i) => (i === parts.length - 1 ? fitName(part, NAME_MAX - SUFFIX_ROOM, nameHash) : fitName(part, NAME_MAX, () => hashOf(parts.slice(0, i + 1).join('/')))));
  const name = fitted.join('/');
  // Outputs and the manifest both need to fit; the manifest path is the longer one.
  if (bytes(outDir) + MANIFEST_PREFIX_BYTES + bytes(name) + SUFFIX_ROOM < PATH_MAX) return name;
  const last = parts[parts.length - 1]!;
  const lastFitted = fitted[fitted.length - 1]!;
  return `${LONG_PATHS_DIR}/${lastFitted !== last ? lastFitted : fitName(last, NAME_MAX - SUFFIX_ROOM, nameHash, true)}`;
}

/** A name cut to `max` bytes at a letter boundary, ending `~<hash><ext>` (ext kept when short). */
function fitName(name: string, max: number, nameHash: () => string, always = false): string {
  if (!always && bytes(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 8 && !/\s/.test(name.slice(dot)) ? name.slice(dot) : '';
  const stem = ext ? name.slice(0, dot) : name;
  const tail = `~${nameHash()}${ext}`;
  return cutToBytes(stem, max - bytes(tail)) + tail;
}

/**
 * The longest prefix of `s` within `max` UTF-8 bytes that does not split a letter: whole code
 * points, no combining mark left without its base (decomposed Vietnamese), no trailing space/dot.
 */
export function cutToBytes(s: string, max: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (used + n > max) break;
    out += ch;
    used += n;
  }
  // A cut before a combining mark would part a letter from its tone: drop that letter whole.
  if (/^\p{M}/u.test(s.slice(out.length))) out = out.replace(/\P{M}\p{M}*$/u, '');
  return out.replace(/[\s.]+$/u, '');
}

/** Ten hex digits of SHA-256 of the relative path: stable, and distinct for distinct inputs. */
function hashOf(rel: string): string {
  return hash('sha256', rel, 'hex').slice(0, 10);
}

export function nameBytes(name: string): number {
  return bytes(name);
}
