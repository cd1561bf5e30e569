/**
 * Instructions by function in a callgrind file of a node process, JavaScript included. Callgrind
 * names code V8 compiled at run time only by its address ("???:0x000000000d1565c0"); node started
 * with --perf-basic-prof writes /tmp/perf-<pid>.map (start, size and name of every code object it
 * made: "JS:*decodeSegment file:///…/decoder.js:95:30", builtins, regexps), so each address is
 * named by the object that holds it. Self counts only: callgrind's inclusive counts through JIT
 * frames double-count inlined and recursive calls.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface CodeObject { start: number; end: number; name: string }

function codeObjects(mapFile: string): CodeObject[] {
  if (!existsSync(mapFile)) return [];
  const out: CodeObject[] = [];
  for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m) out.push({ start: parseInt(m[1]!, 16), end: parseInt(m[1]!, 16) + parseInt(m[2]!, 16), name: m[3]! });
  }
  // A later object at the same place (code moved or recompiled) comes later in the file: keep the order stable.
  return out.sort((a, b) => a.start - b.start);
}

/** The code object holding `addr` (binary search over starts; the last one starting at or below it). */
function nameAt(objects: readonly CodeObject[], addr: number): string | undefined {
  let lo = 0, hi = objects.length - 1, found = -1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (objects[m]!.start <= addr) { found = m; lo = m + 1; } else hi = m - 1;
  }
  return found >= 0 && addr < objects[found]!.end ? objects[found]!.name : undefined;
}

/**
 * A short name that two builds share: "decodeSegment decoder.js" for JavaScript (tier marks and
 * line dropped, since an edit above a function moves its line; anonymous functions keep theirs),
 * C++ without its arguments.
 */
function shortName(raw: string): string {
  const js = /^JS:[*~^+]?(\S*) (?:file:\/\/)?(\S+?):(\d+):\d+$/.exec(raw);
  if (js) return js[1] ? `${js[1]} ${basename(js[2]!)}` : `(anonymous) ${basename(js[2]!)}:${js[3]}`;
  return raw.replace(/^JS:/, '').replace(/\(anonymous namespace\)::/g, '').replace(/\(.*$/, '').slice(0, 90);
}

/** Self instructions by function in `cgFile`, JIT code named from `mapFile` (unnamed addresses as "JIT code elsewhere"). */
export function functionCosts(cgFile: string, mapFile: string): Map<string, number> {
  const objects = codeObjects(mapFile);
  const text = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=99.9', cgFile], { encoding: 'utf8', maxBuffer: 256 << 20 });
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(?:\S*?:)?(.*?)(?: \[[^\]]*\])?$/.exec(line);
    if (!m || line.includes('PROGRAM TOTALS')) continue;
    const count = Number(m[1]!.replaceAll(',', ''));
    const addr = /^0x([0-9a-f]+)$/.exec(m[2]!);
    const name = addr ? shortName(nameAt(objects, parseInt(addr[1]!, 16)) ?? 'JIT code elsewhere') : shortName(m[2]!);
    out.set(name, (out.get(name) ?? 0) + count);
  }
  return out;
}

/** The `top` costliest functions of any side, a column of millions per side and the last side's difference to the first. */
export function functionTable(labels: readonly string[], costs: readonly Map<string, number>[], top: number): string {
  const names = new Set<string>();
  for (const c of costs) for (const k of c.keys()) names.add(k);
  const rows = [...names].map((n) => ({ n, v: costs.map((c) => c.get(n) ?? 0) }))
    .sort((a, b) => Math.max(...b.v) - Math.max(...a.v)).slice(0, top);
  const M = (x: number) => (x / 1e6).toFixed(1).padStart(9);
  const head = labels.map((l) => l.slice(0, 9).padStart(9)).join(' ') + (costs.length > 1 ? '      diff' : '');
  const lines = rows.map(({ n, v }) => v.map(M).join(' ') + (v.length > 1 ? ` ${((v.at(-1)! - v[0]!) / 1e6).toFixed(1).padStart(9)}` : '') + `  ${n}`);
  return `${head}  self instructions (M) by function\n${lines.join('\n')}\n`;
}
