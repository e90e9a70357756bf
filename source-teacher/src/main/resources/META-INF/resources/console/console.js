// The console's shared module: the signed-in key, API calls, the page chrome (skip link, header, nav,
// sign-out), readiness (body[data-state]), and the small renderers every page uses (tables, ids with copy
// buttons, problem lists, numbers and dates). Every number shown comes from a REST answer; this module
// only formats it.

const KEY = 'crossdistill.key';
const API = '/api/v1';

/** The pages of the nav, in order: file name and label. */
const PAGES = [
  ['index.html', 'Overview'],
  ['teachers.html', 'Teachers'],
  ['schemas.html', 'Schemas'],
  ['mappings.html', 'Mappings'],
  ['alignments.html', 'Alignments'],
  ['editor.html', 'Editor'],
  ['label-sets.html', 'Label sets'],
  ['backfills.html', 'Backfills'],
  ['streams.html', 'Streams'],
  ['reports.html', 'Reports'],
];

/** A refused API call: the problem+json answer (status, detail, errors and warnings with pointers). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.warnings = Array.isArray(problem.warnings) ? problem.warnings : [];
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** The current page with its query, as the `next` parameter of the sign-in page names it. */
export function currentPage() {
  const file = location.pathname.split('/').pop() || 'index.html';
  return file + location.search;
}

/** A `next` value is followed only when it names a console page (no other origin, no path). */
export function safeNext(next) {
  return next && /^[a-z-]+\.html(\?[^#]*)?$/.test(next) && !next.startsWith('index.html') ? next : null;
}

function signInUrl() {
  return 'index.html?next=' + encodeURIComponent(currentPage());
}

/**
 * Calls the API with the team key. `body` is sent as is when it is a string (the editor posts its text
 * exactly), as JSON otherwise. Answers the parsed JSON (or text with `text: true`); throws ApiError.
 */
export async function api(path, { method = 'GET', body, key = storedKey(), text = false, blob = false } = {}) {
  const headers = { 'X-Api-Key': key || '', Accept: text || blob ? '*/*' : 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(API + path, init);
  if (!response.ok) {
    let problem = { detail: `${method} ${path} answered HTTP ${response.status}` };
    try {
      problem = await response.json();
    } catch (e) {
      // not a problem+json body: keep the status line as the detail
    }
    throw new ApiError(response.status, problem);
  }
  if (blob) return response.blob();
  if (text) return response.text();
  if (response.status === 204) return null;
  return response.json();
}

/** `api` that also answers the HTTP status (register calls tell 201 new from 200 identical). */
export async function apiWithStatus(path, options = {}) {
  const key = options.key ?? storedKey();
  const headers = { 'X-Api-Key': key || '', Accept: 'application/json', 'Content-Type': 'application/json' };
  const body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await fetch(API + path, { method: options.method || 'POST', headers, body });
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    json = { detail: `HTTP ${response.status}` };
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { status: response.status, json };
}

// ---------------------------------------------------------------------------------------------- DOM

/** Makes an element: el('td', {class: 'num', dataset: {value: 3}}, 'text', node, ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

/** Announces a short status to screen readers (and shows it in the header's status line). */
export function announce(message) {
  const status = $('#status');
  if (status) status.textContent = message;
}

// ---------------------------------------------------------------------------------------- formatting

/** A number as the API gave it, rounded for reading: integers grouped, others to `digits` significant. */
export function num(value, digits = 4) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 8 });
}

/** A fraction in [0, 1] as a percentage (the API's value times 100, for reading only). */
/** "1 error", "2 errors": a count with its noun. */
export function count(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function pct(value, digits = 1) {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(digits)}\u00a0%`;
}

/** Seconds for reading: "0.106 s", "12.3 s", "4 min 05 s". */
export function seconds(value) {
  if (value === null || value === undefined) return '—';
  if (value < 60) return `${num(value, 3)} s`;
  const m = Math.floor(value / 60);
  const s = Math.round(value - m * 60);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** A date as the API gives it (ISO 8601, UTC) in a <time> element. */
export function date(iso) {
  if (!iso) return '—';
  return el('time', { datetime: iso }, iso);
}

/** An id in <code> (a link with `href`) with a copy button labelled "Copy <what>". Long hashes show their start. */
export function idCode(id, what, { short = false, href = null } = {}) {
  if (id === null || id === undefined || id === '') return '—';
  const text = String(id);
  const shown = short && text.length > 16 ? text.slice(0, 12) + '…' : text;
  const code = el('code', { title: short ? text : null }, shown);
  const shownId = href ? el('a', { href }, code) : code;
  const button = el('button', { type: 'button', class: 'copy', 'aria-label': `Copy ${what}`, title: `Copy ${what}` }, copyIcon());
  button.addEventListener('click', () => copy(text, what));
  return el('span', { class: 'id' }, shownId, button);
}

function copyIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const icon = document.createElementNS(ns, 'svg');
  icon.setAttribute('viewBox', '0 0 16 16');
  icon.setAttribute('width', '14');
  icon.setAttribute('height', '14');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  for (const [x, y] of [[5, 5], [2, 2]]) {
    const r = document.createElementNS(ns, 'rect');
    Object.entries({ x, y, width: 9, height: 9, rx: 1.5, fill: x === 5 ? 'currentColor' : 'none', 'fill-opacity': x === 5 ? 0.15 : null,
      stroke: 'currentColor', 'stroke-width': 1.4 }).forEach(([k, v]) => v !== null && r.setAttribute(k, String(v)));
    icon.append(r);
  }
  return icon;
}

async function copy(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    const area = el('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  announce(`Copied ${what}`);
}

/** A link to a console page. */
export function link(href, ...children) {
  return el('a', { href }, ...children);
}

export function badge(text, kind = '') {
  return el('span', { class: `badge ${kind}`.trim() }, text);
}

// -------------------------------------------------------------------------------------------- tables

/**
 * A table in a horizontally scrolling wrapper. columns: [{label, cell(row) → node|text, num: bool}];
 * rowAttrs(row) → attributes of the <tr> (data-name and the like). The first column heads its row.
 */
export function table({ caption, columns, rows, rowAttrs = () => ({}), className = '' }) {
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)));
  const body = rows.map((row) => el('tr', rowAttrs(row), columns.map((c, i) => {
    const content = c.cell(row);
    const attrs = { class: [c.num ? 'num' : '', c.className || ''].join(' ').trim() || null };
    if (c.value) attrs['data-value'] = c.value(row);
    return i === 0 && c.rowHeader !== false ? el('th', { scope: 'row', ...attrs }, content) : el('td', attrs, content);
  })));
  const t = el('table', { class: className || null }, caption ? el('caption', {}, caption) : null,
    el('thead', {}, head), el('tbody', {}, body));
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': caption || 'table' }, t);
}

/** A definition list of [term, value] pairs; null values are left out. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter((p) => p && p[1] !== undefined && p[1] !== null)
    .map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}

/** An empty state: what is missing and where to make it. */
export function empty(message, href, action) {
  return el('p', { class: 'empty' }, message, href ? [' — ', link(href, action)] : null);
}

/** A section with a heading. */
export function section(title, ...children) {
  const id = 's-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...children);
}

// ------------------------------------------------------------------------------------------ problems

/**
 * Fills a <ul> with problems: li.problem.error / li.problem.warning, each with data-pointer, the pointer
 * and the message. `extra(problem, li)` may add to each item (the editor's "go to line").
 */
export function renderProblems(list, errors = [], warnings = [], extra = null) {
  clear(list);
  const item = (p, level) => {
    const pointer = p.pointer ?? '';
    const li = el('li', { class: `problem ${level}`, dataset: { pointer } },
      el('span', { class: 'level' }, level === 'error' ? 'error' : 'warning'), ' ',
      el('code', { class: 'pointer' }, pointer === '' ? '(whole spec)' : pointer), ' ',
      el('span', { class: 'message' }, p.message ?? ''));
    if (extra) extra(p, li);
    list.append(li);
  };
  errors.forEach((p) => item(p, 'error'));
  warnings.forEach((p) => item(p, 'warning'));
  list.hidden = errors.length + warnings.length === 0;
  return list;
}

/** A refused request as a block: its detail and every listed problem with its pointer. */
export function problemBlock(error, listId = null, { alert = true } = {}) {
  const detail = error instanceof ApiError ? error.message : String(error.message || error);
  const list = el('ul', { class: 'problems', id: listId });
  if (error instanceof ApiError) renderProblems(list, error.errors, error.warnings);
  else list.hidden = true;
  return el('div', { class: 'refused', role: alert ? 'alert' : null },
    el('p', {}, el('strong', {}, error.status ? `Refused (HTTP ${error.status}): ` : 'Failed: '), detail), list);
}

// --------------------------------------------------------------------------------------------- pages

function chrome(me) {
  const header = $('header.site');
  const page = location.pathname.split('/').pop() || 'index.html';
  const nav = $('nav.site');
  if (nav) {
    clear(nav, el('ul', {}, PAGES.map(([href, label]) => el('li', {},
      el('a', { href, 'aria-current': href === page ? 'page' : null }, label)))));
    nav.hidden = !me;
  }
  const who = $('#who', header);
  if (who) {
    clear(who, me ? ['Team ', el('strong', { id: 'team' }, me.team), me.operator ? [' ', badge('operator', 'operator')] : null]
      : 'Not signed in');
  }
  const out = $('#sign-out');
  if (out) {
    out.hidden = !me;
    out.addEventListener('click', () => {
      forgetKey();
      location.assign('index.html');
    });
  }
}

/** Shows the page as failed: the problem's detail in #error (role=alert) and data-state="error". */
export function fail(error) {
  const box = $('#error');
  if (box) {
    clear(box, problemBlock(error, null, { alert: false }));
    box.hidden = false;
  }
  document.body.dataset.state = 'error';
}

/**
 * Starts a page: without a key it goes to the sign-in page; with one it asks /me, draws the chrome and
 * runs `render(me)`. The body is "ready" once every request made at load has been answered and drawn.
 */
export async function start(render, { needsKey = true } = {}) {
  document.body.dataset.state = 'loading';
  const key = storedKey();
  if (!key) {
    if (needsKey) {
      location.replace(signInUrl());
      return;
    }
    chrome(null);
    try {
      await render(null);
      document.body.dataset.state = 'ready';
    } catch (e) {
      fail(e);
    }
    return;
  }
  let me;
  try {
    me = await api('/me');
  } catch (e) {
    if (e.status === 401) {
      forgetKey();
      location.replace(signInUrl());
      return;
    }
    chrome(null);
    fail(e);
    return;
  }
  chrome(me);
  try {
    await render(me);
    document.body.dataset.state = 'ready';
  } catch (e) {
    fail(e);
  }
}

/** The page's query parameters. */
export function params() {
  return new URLSearchParams(location.search);
}

/** Encodes a path segment. */
export function seg(text) {
  return encodeURIComponent(text);
}

/** Reads a JSON sample from a textarea or a chosen .json/.jsonl file: an array of records. */
export async function readSample(textarea, fileInput) {
  let text = textarea.value.trim();
  let source = 'the pasted sample';
  if (fileInput.files && fileInput.files[0]) {
    text = (await fileInput.files[0].text()).trim();
    source = fileInput.files[0].name;
  }
  if (!text) throw new Error('paste a JSON array of records or choose a .json / .jsonl file');
  let whole;
  try {
    whole = JSON.parse(text);
  } catch (e) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim());
    if (lines.length < 2) throw new Error(`${source} is not JSON: ${e.message}`);
    return lines.map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (lineError) {
        throw new Error(`${source} is neither JSON nor JSON lines: line ${i + 1}: ${lineError.message}`);
      }
    });
  }
  if (Array.isArray(whole)) return whole;
  if (whole && Array.isArray(whole.records)) return whole.records;
  if (whole && Array.isArray(whole.sample)) return whole.sample;
  return [whole];
}
