// The review page: a list of documents by words left to check, and a document view driven by the
// keyboard (mouse works too). Plain DOM, no framework, nothing from the network but this server.
import { fieldsPanel, focusField } from './fields.js';

const token = document.querySelector('meta[name="baocao-token"]').content;
const main = document.getElementById('main');
const statusEl = document.getElementById('status');
const whereEl = document.getElementById('where');

let doc = null; // the document shown: { name, pages, targets, image }
let current = 0; // index into doc.targets
let editing = false;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
};

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json', 'x-baocao-token': token }, body: JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

function say(text, error = false) {
  statusEl.textContent = text;
  statusEl.className = error ? 'error' : '';
}

async function route() {
  const m = /^#\/doc\/(.+)$/.exec(location.hash);
  try {
    if (m) await showDocument(decodeURIComponent(m[1]));
    else await showList();
  } catch (e) {
    main.replaceChildren(el('p', { class: 'error' }, String(e.message || e)));
  }
}

async function showList() {
  doc = null;
  whereEl.textContent = '';
  const docs = await api('/api/documents');
  const rows = docs.map((d) => el('tr', {},
    el('td', {}, el('a', { href: `#/doc/${encodeURIComponent(d.name)}` }, d.path)),
    el('td', {}, d.title),
    el('td', { 'data-left': String(d.left) }, `${d.left} left`),
    el('td', {}, el('progress', { max: String(Math.max(d.review, 1)), value: String(d.review ? d.decided : 1) }), ` ${d.decided}/${d.review}`)));
  main.replaceChildren(docs.length
    ? el('table', { class: 'docs' }, el('tr', {}, el('th', {}, 'Document'), el('th', {}, 'Title'), el('th', {}, 'To check'), el('th', {}, 'Progress')), ...rows)
    : el('p', {}, 'No converted documents in this folder.'));
}

async function showDocument(name) {
  doc = await api(`/api/document?name=${encodeURIComponent(name)}`);
  const firstOpen = doc.targets.findIndex((t) => !t.decision && t.start !== null);
  current = firstOpen >= 0 ? firstOpen : 0;
  render();
  if (doc.stale) say(`${doc.stale} earlier decision(s) no longer match this text (converted again since) and are not applied`, true);
}

function render() {
  const decided = doc.targets.filter((t) => t.decision).length;
  whereEl.textContent = ` › ${doc.path} — ${decided}/${doc.targets.length} checked`;
  const byLine = new Map();
  for (const t of doc.targets) {
    if (t.start === null) continue;
    const key = `${t.page}:${t.line}`;
    byLine.set(key, [...(byLine.get(key) || []), t]);
  }
  const text = el('div', { class: 'text' });
  for (const page of doc.pages) {
    const pageEl = el('div', { class: 'page', 'data-page': String(page.number) });
    page.lines.forEach((line, i) => {
      const lineEl = el('div', { class: 'line' });
      let at = 0;
      for (const t of (byLine.get(`${page.number}:${i + 1}`) || []).sort((a, b) => a.start - b.start)) {
        if (t.start < at) continue;
        lineEl.append(line.slice(at, t.start));
        const cls = `unsure${t.decision ? ' decided' : ''}${t.index === current ? ' current' : ''}`;
        lineEl.append(el('span', { class: cls, 'data-index': String(t.index), title: `read “${t.original}”, confidence ${t.confidence}`, onclick: () => select(t.index) }, t.decision ? t.decision.after : t.restored));
        at = t.end;
      }
      lineEl.append(line.slice(at));
      pageEl.append(lineEl);
    });
    text.append(pageEl);
  }
  const parts = [text, panel()];
  if (doc.image) parts.unshift(scans());
  main.replaceChildren(...suggestion(), fieldsPanel(doc, { el, save: decideField }), el('div', { class: 'doc' }, ...parts));
  main.querySelector('.unsure.current')?.scrollIntoView({ block: 'center' });
}

// The e-signing day offered where the page's date was not read: a suggestion to check, not a reading.
function suggestion() {
  const s = doc.dateSuggestion;
  if (!s) return [];
  const [y, m, d] = s.date.split('-');
  return [el('p', { class: 'suggestion', 'data-date-suggestion': s.date },
    `Date not read on the page. Suggested from the e-signature (signed ${s.signedAt}): ${d}/${m}/${y} — check it against the page; it is not in the document's date until a person writes it there.`)];
}

function scans() {
  const box = el('div', { class: 'scan' });
  for (const page of doc.pages) {
    const img = el('img', { src: `/api/image?name=${encodeURIComponent(doc.name)}&page=${page.number}`, alt: `page ${page.number}` });
    const wrap = el('div', { class: 'pageimg' }, img);
    img.addEventListener('load', () => {
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
      svg.setAttribute('preserveAspectRatio', 'none');
      for (const t of doc.targets.filter((x) => x.page === page.number && x.box)) {
        const [x0, y0, x1, y1] = t.box;
        const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        for (const [k, v] of Object.entries({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 })) r.setAttribute(k, String(v));
        if (t.index === current) r.setAttribute('class', 'current');
        r.addEventListener('click', () => select(t.index));
        svg.append(r);
      }
      wrap.append(svg);
    });
    box.append(wrap);
  }
  return box;
}

function panel() {
  const t = doc.targets[current];
  if (!t) return el('div', { class: 'panel' }, 'Nothing to check in this document.');
  const input = el('input', { id: 'typed', value: t.decision ? t.decision.after : t.restored, 'aria-label': 'replacement word' });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); editing = false; decide(input.value.trim() || t.restored, input.value.trim() && input.value.trim() !== t.restored ? 'typed' : 'accepted'); }
    else if (e.key === 'Escape') { editing = false; input.blur(); render(); }
  });
  input.addEventListener('focus', () => { editing = true; });
  input.addEventListener('blur', () => { editing = false; });
  return el('div', { class: 'panel' },
    el('p', {}, `Word ${current + 1} of ${doc.targets.length} — page ${t.page}, line ${t.line}`),
    el('p', {}, `Read: “${t.original}” → restored: “${t.restored}” (${Math.round(t.confidence * 100)}%)`),
    t.decision ? el('p', {}, `Decided: “${t.decision.after}”`) : '',
    ...t.alternatives.slice(0, 3).map((a, i) => el('button', { onclick: () => decide(a, 'alternative'), 'data-alternative': String(i + 1) }, `${i + 1}  ${a}`)),
    input,
    el('button', { onclick: () => decide(t.restored, 'accepted') }, '⏎  accept as is'),
    el('button', { onclick: () => move(-1) }, 'k  previous'),
    el('button', { onclick: () => move(1) }, 'j  next'));
}

function select(index) {
  current = index;
  render();
}

function move(step) {
  if (!doc.targets.length) return;
  current = (current + step + doc.targets.length) % doc.targets.length;
  render();
}

async function decide(after, action) {
  const t = doc.targets[current];
  if (!t || t.start === null) return say('this word cannot be placed in the text', true);
  say('saving…');
  try {
    const r = await api('/api/decide', { name: doc.name, index: t.index, after, action });
    t.decision = { after, action, time: r.time };
    say(r.outputs === 'rewritten' ? 'saved' : `saved (outputs: ${r.outputs})`, r.outputs !== 'rewritten');
    const next = doc.targets.findIndex((x, i) => i > current && !x.decision && x.start !== null);
    if (next >= 0) current = next;
    render();
  } catch (e) {
    say(`not saved: ${e.message}`, true);
  }
}

// A header field set or confirmed: logged and the outputs rewritten, then the page shows the field anew and goes on to the next.
async function decideField(field, after, action, next) {
  say('saving…');
  try {
    const r = await api('/api/decide-field', { name: doc.name, field, after, action });
    doc = await api(`/api/document?name=${encodeURIComponent(doc.name)}`);
    render();
    say(r.outputs === 'rewritten' ? 'saved' : `saved (outputs: ${r.outputs})`, r.outputs !== 'rewritten');
    focusField(next);
  } catch (e) {
    say(`not saved: ${e.message}`, true);
  }
}

function startTyping(initial) {
  const input = document.getElementById('typed');
  if (!input) return;
  input.value = initial;
  input.focus();
}

document.addEventListener('keydown', (e) => {
  if (!doc || editing || e.ctrlKey || e.metaKey || e.altKey) return;
  // The header fields' inputs keep their keys (fields.js).
  if (e.target instanceof Element && e.target.closest('.fields')) return;
  const key = e.key;
  if (key === 'F4') focusField();
  else if (key === 'j' || key === 'ArrowDown' || key === 'ArrowRight') move(1);
  else if (key === 'k' || key === 'ArrowUp' || key === 'ArrowLeft') move(-1);
  else if (/^[1-3]$/.test(key)) {
    const alt = doc.targets[current]?.alternatives[Number(key) - 1];
    if (alt !== undefined) decide(alt, 'alternative');
  } else if (key === 'Enter') decide(doc.targets[current]?.restored, 'accepted');
  else if (key === 'F2' || key === '/') startTyping('');
  else if (key.length === 1 && key !== ' ') startTyping(key);
  else return;
  e.preventDefault();
});

window.addEventListener('hashchange', route);
route();
