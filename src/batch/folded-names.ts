/**
 * Inputs whose outputs would share one name on the output drive. Output names follow the inputs'
 * names byte for byte (output-names.ts), so 'Case.txt' and 'case.txt', or 'báo-cáo.txt' typed in
 * composed and in decomposed Unicode, get outputs whose names differ only by case or by how the
 * accents are encoded. A drive that ignores those differences (exFAT and NTFS disks, SMB shares,
 * macOS) stores both under one name: the second document's outputs would overwrite the first's
 * and both manifests would name one file. The drive is probed once; on such a drive every input
 * of a pair but one is refused with an error row, and the one kept is the one whose outputs are
 * already there from an earlier run (so a later run never overwrites them), else the first.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InputFile } from './input-file.js';
import type { InputProblem } from './inputs.js';
import { outputName } from './output-names.js';

/** Which differences between two names the output drive ignores. */
export interface NameFolding {
  case: boolean;
  unicode: boolean;
}

export const NO_FOLDING: NameFolding = { case: false, unicode: false };

/**
 * What the drive holding `outDir` does with names: a file 'Abé' (composed) is written in a new
 * hidden folder, then looked up as 'aBé' and as 'Abé' with the accent decomposed. A folder that
 * cannot be written to says nothing (the batch reports that itself).
 */
export function outputDriveFolding(outDir: string): NameFolding {
  let probe: string | null = null;
  try {
    probe = mkdtempSync(join(outDir, '.baocao-names-'));
    writeFileSync(join(probe, 'Ab\u00e9'), '');
    return { case: existsSync(join(probe, 'aB\u00e9')), unicode: existsSync(join(probe, 'Abe\u0301')) };
  } catch {
    return NO_FOLDING;
  } finally {
    if (probe) rmSync(probe, { recursive: true, force: true });
  }
}

/** A name as the drive compares it. */
export function foldedName(name: string, folding: NameFolding): string {
  const composed = folding.unicode ? name.normalize('NFC') : name;
  return folding.case ? composed.toUpperCase().toLowerCase() : composed;
}

/**
 * Whether outputs of the output name `name` are on the drive under that very name (a folder's
 * listing gives names as stored, whatever the drive folds). One listing a folder.
 */
export function outputsOnDrive(outDir: string): (name: string) => boolean {
  const listings = new Map<string, string[]>();
  return (name) => {
    const dir = join(outDir, dirname(name));
    let names = listings.get(dir);
    if (!names) {
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      listings.set(dir, names);
    }
    const base = `${name.slice(name.lastIndexOf('/') + 1)}.`;
    return names.some((n) => n.startsWith(base));
  };
}

/** `files` less those refused because another input's outputs take the same name on the drive. */
export function refuseFoldedTwins(files: InputFile[], outDir: string, folding: NameFolding, onDrive: (name: string) => boolean): { files: InputFile[]; refused: InputProblem[] } {
  if (!folding.case && !folding.unicode) return { files, refused: [] };
  const groups = new Map<string, { file: InputFile; name: string }[]>();
  for (const file of files) {
    const name = outputName(file.rel, outDir);
    const key = foldedName(name, folding);
    const group = groups.get(key);
    if (group) group.push({ file, name });
    else groups.set(key, [{ file, name }]);
  }
  const out = new Set<InputFile>();
  const refused: InputProblem[] = [];
  const ignores = [folding.case && 'case', folding.unicode && 'how accents are encoded'].filter(Boolean).join(' and ');
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const kept = group.find((g) => onDrive(g.name)) ?? group[0]!;
    for (const twin of group) {
      if (twin === kept) continue;
      out.add(twin.file);
      refused.push({
        arg: twin.file.display,
        message: `not converted: its outputs ('${twin.name}.…') would overwrite those of '${kept.file.display}' ('${kept.name}.…'): the output drive ignores ${ignores} in file names; rename one of the two, or convert to a folder on another drive`,
      });
    }
  }
  return { files: out.size ? files.filter((f) => !out.has(f)) : files, refused };
}
