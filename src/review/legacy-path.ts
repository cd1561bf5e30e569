/**
 * The way back from a path as baocao names an input to the bytes that open it. A file or folder
 * whose name is not UTF-8 (an archive from an old Windows or DOS disk) is named in the outputs by
 * its windows-1258 reading, or with %XX escapes when that reading was taken (batch/inputs.ts); no
 * string path opens it. Here each such part of the path is matched against its folder's names read
 * as bytes, so the review page can show the scan of such an input.
 */
import { existsSync, readdirSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { parse, sep } from 'node:path';
import { escapedName, legacyReading } from '../batch/inputs.js';

/** Paths tried at most: a folder can hold several names that read the same. */
const MAX_CANDIDATES = 8;

/**
 * The byte paths whose non-UTF-8 names read as `path` (absolute) does; [] when every part of it
 * is plain ASCII (nothing to match) or nothing matches.
 */
export function legacyPaths(path: string): Buffer[] {
  const { root } = parse(path);
  const parts = path.slice(root.length).split(sep).filter(Boolean);
  if (parts.every(plainAscii)) return [];
  let found: { bytes: Buffer; legacy: boolean }[] = [{ bytes: Buffer.from(root), legacy: false }];
  for (const part of parts) {
    const next: typeof found = [];
    for (const { bytes, legacy } of found) {
      const within = (name: Buffer) => Buffer.concat([bytes, bytes.at(-1) === SEP[0] ? Buffer.alloc(0) : SEP, name]);
      const plain = within(Buffer.from(part));
      if (existsSync(plain)) next.push({ bytes: plain, legacy });
      if (plainAscii(part)) continue;
      for (const name of namesOf(bytes)) {
        if (!isUtf8(name) && (legacyReading(name) === part || escapedName(name) === part)) next.push({ bytes: within(name), legacy: true });
      }
    }
    found = next.slice(0, MAX_CANDIDATES);
    if (!found.length) return [];
  }
  return found.filter((p) => p.legacy).map((p) => p.bytes);
}

const SEP = Buffer.from(sep);

/** A name that the walk never reads as windows-1258: printable ASCII with no % escape. */
function plainAscii(part: string): boolean {
  return /^[\x20-\x7e]*$/.test(part) && !part.includes('%');
}

function namesOf(dir: Buffer): Buffer[] {
  try {
    return readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return [];
  }
}
