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

const ATTR = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

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
    const attrs: Record<string, string> = {};
    if (space >= 0) {
      for (const m of inner.slice(space).matchAll(ATTR)) attrs[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
    }
    yield { kind: 'open', name, attrs, selfClosing };
  }
}

function end(xml: string, closer: string, from: number): number {
  const at = xml.indexOf(closer, from);
  return at < 0 ? xml.length : at + closer.length;
}
