// The header fields of the document page: type, number, date, issuer, signer, position. Each shows
// the machine's value, whether it was flagged, where it came from, and an editable value; Enter
// saves it (unchanged: accepted as is), Esc puts it back, ↑/↓ go between fields, F4 comes here
// from the words. A decision is logged and the outputs written again before "saved" is shown.
const LABELS = { type: 'Type', number: 'Number', date: 'Date', issuer: 'Issuer', signer: 'Signer', position: 'Position' };

const shown = (f, value) => {
  if (value === null || value === undefined) return '';
  if (f.field !== 'date') return value;
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
};

function sourceText(f) {
  if (f.machine === null) return 'not read';
  const at = f.line ? `page ${f.line.page}, line ${f.line.line}` : '';
  switch (f.source) {
    case 'text': return at ? `text, ${at}` : 'text';
    case 'pen': return `pen reading${f.line ? ` (${at})` : ''}`;
    case 'pen+e-signature': return 'pen reading weighed with the e-signing day';
    case 'e-signature': return 'e-signature';
    case 'annex': return 'annex reference';
    case 'inferred': return 'inferred (deputy of the organ signed for)';
    default: return '';
  }
}

/** The panel; `ctx` gives the page's helpers: el, save(field, after, action, next). */
export function fieldsPanel(doc, ctx) {
  const { el } = ctx;
  if (!doc.fields || !doc.fields.length) return '';
  const rows = doc.fields.map((f, i) => {
    const initial = shown(f, f.value);
    const input = el('input', { 'data-field-input': f.field, value: initial, 'aria-label': `${LABELS[f.field]}: value`, spellcheck: 'false' });
    const save = (action) => {
      const typed = input.value.trim();
      // Unchanged: the value shown is confirmed, as it stands (its canonical form, not the display form).
      if (action === 'accepted' || typed === initial) ctx.save(f.field, f.value ?? '', 'accepted', i + 1);
      else ctx.save(f.field, typed, 'typed', i + 1);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') save('typed');
      else if (e.key === 'Escape') { input.value = initial; input.blur(); }
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') focusField(i + (e.key === 'ArrowDown' ? 1 : -1));
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    const state = f.decision
      ? el('span', { class: 'state decided' }, f.decision.action === 'accepted' ? 'accepted' : 'set by you')
      : f.uncertain ? el('span', { class: 'state flagged' }, 'flagged: check') : el('span', { class: 'state' }, '');
    const machine = el('td', { class: 'machine' }, shown(f, f.machine) || '—', el('small', {}, ` ${sourceText(f)}`));
    if (f.asRead) machine.append(el('small', {}, ` (read as “${f.asRead}”)`));
    const cls = `${f.uncertain && !f.decision ? 'flagged' : ''}${f.decision ? ' decided' : ''}`.trim();
    return el('tr', { 'data-field': f.field, ...(cls ? { class: cls } : {}) },
      el('th', {}, LABELS[f.field]),
      machine,
      el('td', {}, input),
      el('td', {}, state, f.uncertain && !f.decision ? el('button', { 'data-accept': f.field, onclick: () => save('accepted') }, 'accept as is') : ''));
  });
  const stale = doc.staleFields ? el('p', { class: 'error' }, `${doc.staleFields} earlier field decision(s) were made on another reading of this document and are not applied`) : '';
  return el('section', { class: 'fields', 'aria-label': 'Header fields' },
    el('table', {}, el('tr', {}, el('th', {}, 'Field'), el('th', {}, 'Machine read'), el('th', {}, 'Value (Enter saves)'), el('th', {}, '')), ...rows),
    stale);
}

/** Focus field i (wrapping); with no i, the first flagged field not decided yet, else the first. */
export function focusField(i) {
  const inputs = [...document.querySelectorAll('[data-field-input]')];
  if (!inputs.length) return;
  if (i === undefined) {
    const open = inputs.findIndex((x) => x.closest('tr')?.classList.contains('flagged'));
    i = open >= 0 ? open : 0;
  }
  const input = inputs[(i + inputs.length) % inputs.length];
  input.focus();
  input.select();
}
