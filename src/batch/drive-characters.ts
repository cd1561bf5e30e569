/**
 * Characters the output drive refuses in file names. exFAT and NTFS disks and SMB shares refuse
 * `< > : " | ? * \` and control characters, which Linux and macOS allow: an input named
 * 'bc: 2023?.txt' converted there failed at its write with a misleading "folder vanished" error.
 * The drive is asked once (a file per character, in a new hidden folder, removed after), and an
 * input whose outputs would carry such a character gets an error row saying so before anything
 * is converted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from './input-file.js';
import type { InputProblem } from './inputs.js';
import { outputName } from './output-names.js';

/** What Windows file systems refuse, one of each kind: asked of every drive, since some others refuse them too. */
const ASKED = ['<', '>', ':', '"', '|', '?', '*', '\\', '\u0001'];

/** The characters of ASKED the drive holding `outDir` refuses in a name ('' when none, or when it cannot be asked). */
export function refusedCharacters(outDir: string): string {
  let probe: string | null = null;
  try {
    probe = mkdtempSync(join(outDir, '.baocao-chars-'));
    let refused = '';
    for (const c of ASKED) {
      try {
        writeFileSync(join(probe, `a${c}b`), '');
      } catch {
        refused += c;
      }
    }
    return refused;
  } catch {
    return '';
  } finally {
    if (probe) rmSync(probe, { recursive: true, force: true });
  }
}

const shown = (c: string) => (c < ' ' ? 'control characters' : `'${c}'`);

const ASKED_PATTERN = /[<>:"|?*\\\u0000-\u001f]/;

/**
 * `files` less those whose output names hold a character the drive refuses, each with its error
 * row. The drive is asked (`refusedOnDrive`) only when some name holds one of the characters asked.
 */
export function refuseUnwritableNames(files: InputFile[], outDir: string, refusedOnDrive: () => string): { files: InputFile[]; refused: InputProblem[] } {
  if (!files.some((f) => ASKED_PATTERN.test(f.rel))) return { files, refused: [] };
  const refused = refusedOnDrive();
  if (!refused) return { files, refused: [] };
  // Control characters are asked with one; the drive's answer stands for them all.
  const isRefused = (c: string) => refused.includes(c) || (c < ' ' && refused.includes('\u0001'));
  const kept: InputFile[] = [];
  const problems: InputProblem[] = [];
  for (const file of files) {
    const name = outputName(file.rel, outDir);
    const bad = [...new Set([...name].filter(isRefused).map(shown))];
    if (!bad.length) kept.push(file);
    else problems.push({ arg: file.display, message: `not converted: the output drive does not accept ${bad.length > 1 ? `${bad.slice(0, -1).join(', ')} or ${bad.at(-1)}` : bad[0]} in file names (as exFAT and NTFS disks and SMB shares do not), so its outputs ('${name}.…') cannot be written there; rename the file, or convert to a folder on another drive` });
  }
  return { files: problems.length ? kept : files, refused: problems };
}
