/**
 * A streaming tokenizer for the XML of Office parts: start tags with their attributes, end tags
 * and text, entities decoded. Office parts have no DTDs; comments, processing instructions and
 * CDATA are skipped or passed as text. Enough for WordprocessingML, not a general XML parser.
 */

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** name="value" pairs of a tag, read in one pass (a regex backtracks quadratically on a huge damaged tag). */
function attributes(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && /\s/.test(s[i]!)) i++;
    const nameStart = i;
    while (i < n && s[i] !== '=' && !/\s/.test(s[i]!)) i++;
    const name = s.slice(nameStart, i);
    while (i < n && /\s/.test(s[i]!)) i++;
    if (s[i] !== '=') { i++; continue; }
    i++;
    while (i < n && /\s/.test(s[i]!)) i++;
    const quote = s[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = s.indexOf(quote, i + 1);
    if (end < 0) break;
    if (name) attrs[name] = decodeEntities(s.slice(i + 1, end));
    i = end + 1;
  }
  return attrs;
}

export function* xmlTokens(xml: string): Generator<XmlToken> {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) { yield { kind: 'text', text: decodeEntities(xml.slice(i)) }; return; }
    if (lt > i) yield { kind: 'text', text: decodeEntities(xml.slice(i, lt)) };
    if (xml.startsWith('<!--', lt)) { i = end(xml, '-->', lt); continue; }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt);
      yield { kind: 'text', text: xml.slice(lt + 9, close < 0 ? n : close) };
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') { i = end(xml, '>', lt); continue; }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return; // a truncated tag ends the part
    const body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body[0] === '/') { yield { kind: 'close', name: body.slice(1).trim() }; continue; }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const space = inner.search(/\s/);
    const name = space < 0 ? inner : inner.slice(0, space);
    const attrs = space >= 0 ? attributes(inner.slice(space)) : {};
    yield { kind: 'open', name, attrs, selfClosing };
  }
}

function end(xml: string, closer: string, from: number): number {
  const at = xml.indexOf(closer, from);
  return at < 0 ? xml.length : at + closer.length;
}

/** Passes over the whole content of an element a reader leaves out (inner ones of the same name counted). */
export class SkippedElement {
  private depth = 0;
  private name = '';

  /** Whether `t` lies inside the element being skipped, its end tag included: the reader passes it over. */
  passes(t: XmlToken): boolean {
    if (this.depth === 0) return false;
    if (t.kind === 'open' && t.name === this.name && !t.selfClosing) this.depth++;
    else if (t.kind === 'close' && t.name === this.name) this.depth--;
    return true;
  }

  /** Skips the element that opens with `t` (a self-closing one holds nothing). */
  start(t: XmlToken & { kind: 'open' }): void {
    if (!t.selfClosing) { this.depth = 1; this.name = t.name; }
  }
}
