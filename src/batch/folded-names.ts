/**
 * Inputs whose outputs would share one name on the output drive. Output names follow the inputs'
 * names byte for byte (output-names.ts), so 'Case.txt' and 'case.txt', or 'báo-cáo.txt' typed in
 * composed and in decomposed Unicode, get outputs whose names differ only by case or by how the
 * accents are encoded. A drive that ignores those differences (exFAT and NTFS disks, SMB shares,
 * macOS) stores both under one name: the second document's outputs would overwrite the first's
 * and both manifests would name one file. The drive is probed once; on such a drive every input
 * of a pair but one is refused with an error row, and the one kept is the one whose outputs are
 * already there from an earlier run (so a later run never overwrites them), else the first. A twin
 * of a document recorded earlier (another run, another `queue add`) is refused too.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from './input-file.js';
import type { InputProblem } from './inputs.js';
import { outputName } from './output-names.js';
import { DoneIndex } from './done-index.js';
import { refusedCharacters, refuseUnwritableNames } from './drive-characters.js';

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
 * `files` less those refused because their outputs would take, on the drive, the name of another
 * input's outputs: another input of this call, or `earlier`, the output names already recorded in
 * the folder (done-index.ts: earlier runs, other `queue add` calls, queue workers). Of inputs that
 * fold together the one kept is the one whose name is recorded byte for byte, else the first; when
 * the recorded name is none of theirs (a twin converted earlier), all are refused.
 */
export function refuseFoldedTwins(files: InputFile[], outDir: string, folding: NameFolding, earlier: Iterable<string> = []): { files: InputFile[]; refused: InputProblem[] } {
  if (!folding.case && !folding.unicode) return { files, refused: [] };
  const groups = new Map<string, { file: InputFile; name: string }[]>();
  for (const file of files) {
    const name = outputName(file.rel, outDir);
    const key = foldedName(name, folding);
    const group = groups.get(key);
    if (group) group.push({ file, name });
    else groups.set(key, [{ file, name }]);
  }
  const recorded = new Map<string, string[]>();
  for (const name of earlier) {
    const key = foldedName(name, folding);
    if (groups.has(key)) recorded.set(key, [...(recorded.get(key) ?? []), name]);
  }
  const out = new Set<InputFile>();
  const refused: InputProblem[] = [];
  const ignores = ignoredBy(folding);
  for (const [key, group] of groups) {
    const before = recorded.get(key) ?? [];
    if (group.length < 2 && (before.length === 0 || before.includes(group[0]!.name))) continue;
    const kept = group.find((g) => before.includes(g.name)) ?? (before.length ? undefined : group[0]!);
    for (const twin of group) {
      if (twin === kept) continue;
      out.add(twin.file);
      refused.push({ arg: twin.file.display, message: kept ? twinMessage(twin.name, `those of '${kept.file.display}' ('${kept.name}.…')`, ignores) : recordedTwinMessage(twin.name, before[0]!, ignores) });
    }
  }
  return { files: out.size ? files.filter((f) => !out.has(f)) : files, refused };
}

/**
 * Whether `name`'s outputs would overwrite another document's recorded in the folder under a name
 * the drive takes for the same (null when not): checked again when a queued job runs, since a
 * `convert` or another worker may have written the twin after the job was added.
 */
export function recordedTwin(name: string, folding: NameFolding, recorded: ReadonlyMap<string, string>, how = 'converted into'): string | null {
  if (!folding.case && !folding.unicode) return null;
  const other = recorded.get(foldedName(name, folding));
  return other !== undefined && other !== name ? recordedTwinMessage(name, other, ignoredBy(folding), how) : null;
}

function ignoredBy(folding: NameFolding): string {
  return [folding.case && 'case', folding.unicode && 'how accents are encoded'].filter(Boolean).join(' and ');
}

function twinMessage(name: string, whose: string, ignores: string): string {
  return `not converted: its outputs ('${name}.…') would overwrite ${whose}: the output drive ignores ${ignores} in file names; rename one of the two, or convert to a folder on another drive`;
}

function recordedTwinMessage(name: string, other: string, ignores: string, how = 'converted into'): string {
  const prune = how === 'converted into' ? ` (if '${other}' is this file renamed, --prune removes the outputs of documents whose input is gone)` : '';
  return twinMessage(name, `those of '${other}', ${how} this folder earlier ('${other}.…')`, ignores) + prune;
}

/**
 * The inputs whose outputs the drive of `outDir` can hold: those with a character it refuses in a
 * name (drive-characters.ts), and folded twins (refuseFoldedTwins, against the names its records
 * hold), each get an error row.
 */
export function refuseNamesTheDriveCannotHold(files: InputFile[], outDir: string): { files: InputFile[]; refused: InputProblem[]; folding: NameFolding } {
  const unwritable = refuseUnwritableNames(files, outDir, () => refusedCharacters(outDir));
  const folding = outputDriveFolding(outDir);
  if (!folding.case && !folding.unicode) return { ...unwritable, folding };
  const index = new DoneIndex(outDir);
  try {
    const twins = refuseFoldedTwins(unwritable.files, outDir, folding, index.names());
    return { files: twins.files, refused: [...unwritable.refused, ...twins.refused], folding };
  } finally {
    index.close();
  }
}

/**
 * The names recorded in an output folder by how its drive compares them, kept up to date from the
 * records appended since the last look (a long-lived queue worker reads each record once).
 */
export class RecordedNames {
  private readonly index: DoneIndex;
  private readonly byFolded = new Map<string, string>();
  private seen = 0;

  constructor(outDir: string, readonly folding: NameFolding) {
    this.index = new DoneIndex(outDir);
    for (const name of this.index.names()) this.byFolded.set(foldedName(name, folding), name);
    this.seen = this.index.version;
  }

  /** recordedTwin against the records as they are now. */
  twinOf(name: string): string | null {
    this.index.refresh();
    for (const changed of this.index.changedSince(this.seen)) this.byFolded.set(foldedName(changed, this.folding), changed);
    this.seen = this.index.version;
    return recordedTwin(name, this.folding, this.byFolded);
  }
}
