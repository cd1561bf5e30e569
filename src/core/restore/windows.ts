/**
 * Restoration of a long text in windows, so memory stays bounded: restore() keeps every word's
 * candidates, decoded slots and token for the whole text (the document cache needs them), about
 * 300 bytes a word, 1 GB for a 16 MB text. A text up to WINDOW characters is one window and
 * restored exactly as before; a longer one is cut at blank lines (else line ends, else spaces),
 * where restoration starts a new segment anyway, and each window gets the whole text's mode and
 * tone style. Only the document cache and name evidence become per window.
 */
import { detectToneStyle } from '../vi-text/index.js';
import { detectInput } from './detect-input.js';
import { restore, type RestoredToken, type RestoreOptions } from './index.js';
import type { DecodeMode } from './candidates.js';

/** Characters per window: far above any real report, so only huge inputs are cut. */
export const WINDOW = 1 << 20;

export interface WindowedResult {
  text: string;
  mode: DecodeMode;
}

/**
 * restore() over windows of `text`; `onToken` sees each token with its offset in the whole text
 * (the tokens themselves are not kept).
 */
export function restoreInWindows(text: string, options: RestoreOptions, onToken: (t: RestoredToken) => void = () => {}, window = WINDOW): WindowedResult {
  if (text.length <= window) {
    const whole = restore(text, options);
    whole.tokens.forEach(onToken);
    return { text: whole.text, mode: whole.mode };
  }
  const asked = options.input ?? 'auto';
  const input = asked === 'auto' ? detectInput(text) : asked;
  const toneStyle = options.toneStyle ?? detectToneStyle(text) ?? 'old';
  const parts: string[] = [];
  let mode: DecodeMode | undefined;
  for (let from = 0; from < text.length;) {
    const to = cutAt(text, from, window);
    const confidences = options.confidences && shifted(options.confidences, from, to);
    const r = restore(text.slice(from, to), { ...options, input, toneStyle, confidences });
    for (const t of r.tokens) onToken({ ...t, start: t.start + from, end: t.end + from });
    parts.push(r.text);
    mode ??= r.mode;
    from = to;
  }
  return { text: parts.join(''), mode: mode! };
}

/** End of the window that starts at `from`: after a blank line, else a line end, else a space, in its second half. */
export function cutAt(text: string, from: number, window: number): number {
  const limit = from + window;
  if (limit >= text.length) return text.length;
  const floor = from + (window >> 1);
  for (const sep of [/\n[ \t\r]*\n|\f/g, /\n/g, /\s/g]) {
    const at = lastMatchEnd(text, sep, floor, limit);
    if (at > floor) return at;
  }
  // No space at all: a hard cut, never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** End of the last match of `re` (global) inside text[from, to), or -1. */
function lastMatchEnd(text: string, re: RegExp, from: number, to: number): number {
  const part = text.slice(from, to);
  let end = -1;
  for (const m of part.matchAll(re)) end = from + m.index! + m[0].length;
  return end;
}

function shifted<T extends { start: number; end: number }>(spans: readonly T[], from: number, to: number): T[] {
  return spans.filter((s) => s.start >= from && s.start < to).map((s) => ({ ...s, start: s.start - from, end: s.end - from }));
}
