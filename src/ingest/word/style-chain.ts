/**
 * Style inheritance as .docx (w:basedOn) and OpenDocument (style:parent-style-name) resolve it:
 * a value comes from the first style along the chain that sets it, and a run's look from the
 * first of its sources (own properties, character styles, paragraph style, defaults) that does.
 */

/** A run's font and capitals, each unset where a source says nothing. */
export interface RunLook {
  font?: string;
  caps?: boolean;
}

/** The first value each of `keys` takes along the chain from style `name` through `parentOf` (a cycle cut). */
export function inheritedAlong<S, K extends keyof S>(get: (name: string) => S | undefined, parentOf: (style: S) => string | undefined, name: string | undefined, keys: readonly K[]): Partial<Pick<S, K>> {
  const out: Partial<Pick<S, K>> = {};
  const seen = new Set<string>();
  for (let s = name; s && !seen.has(s); ) {
    seen.add(s);
    const style = get(s);
    if (!style) break;
    for (const k of keys) if (out[k] === undefined && style[k] !== undefined) out[k] = style[k];
    s = parentOf(style);
  }
  return out;
}

/** The font and capitals of a run whose look sources are `chain`, first first. */
export function firstLook(chain: readonly RunLook[]): { font: string | null; caps: boolean } {
  return { font: chain.find((l) => l.font !== undefined)?.font ?? null, caps: chain.find((l) => l.caps !== undefined)?.caps ?? false };
}
