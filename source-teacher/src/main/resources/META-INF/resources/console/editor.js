// The spec editor: a mapping or alignment spec as JSON text, validated by the service on each change
// (POST /api/v1/{mappings|alignments}/validation with the text exactly), every problem listed and marked
// on the line of its pointer; Save posts exactly the text and shows the version it created or found.
import { $, api, apiWithStatus, clear, count, el, link, params, problemBlock, renderProblems, seg, start, announce } from './console.js';
import { lineOf, pointerLines } from './specs.js';

const DEBOUNCE_MS = 300;
const state = { kind: 'mapping', validated: null, valid: false, sequence: 0, timer: null };

function plural(kind) {
  return kind === 'alignment' ? 'alignments' : 'mappings';
}

// ------------------------------------------------------------------------------------- templates

async function servingSignature() {
  const teachers = await api('/teachers');
  const serving = teachers.find((t) => t.serving && !t.unavailable);
  return serving ? api(`/teachers/${seg(serving.id)}?version=${serving.version}`) : null;
}

async function template(kind) {
  const sig = await servingSignature();
  if (kind === 'mapping') {
    const schemas = await api('/schemas');
    return {
      name: 'my-mapping',
      targetSchema: schemas[0] || 'com.example.MyRecord',
      teacher: { id: sig ? sig.teacherId : 'teacher-id' },
      rules: (sig ? sig.inputs : [{ name: 'input_name' }]).map((i) => ({ input: i.name, default: true })),
    };
  }
  return {
    name: 'my-alignment',
    description: 'what these tasks are for',
    tasks: (sig ? sig.heads : [{ name: 'head_name', kind: 'BINARY_LOGIT' }]).map((h) => ({
      name: h.name,
      kind: h.kind.startsWith('BINARY') ? 'binary' : 'regression',
      source: { type: 'head', head: h.name },
    })),
  };
}

async function latestBody(kind, name) {
  const versions = await api(`/${plural(kind)}/${seg(name)}/versions`);
  const live = versions.filter((v) => !v.deprecated);
  const pool = live.length ? live : versions;
  const latest = pool[pool.length - 1];
  const view = await api(`/${plural(kind)}/${seg(name)}/versions/${latest.version}`);
  return view.body;
}

// ------------------------------------------------------------------------------------ the gutter

function lineCount(text) {
  return text.split('\n').length;
}

function drawGutter(marks = new Map()) {
  const spec = $('#spec');
  const gutter = $('#gutter');
  const n = lineCount(spec.value);
  const spans = [];
  for (let line = 1; line <= n; line += 1) {
    const mark = marks.get(line);
    spans.push(el('span', { class: mark ? mark.level : null, title: mark ? mark.messages.join('\n') : null, dataset: { line } },
      mark ? `${mark.level === 'error' ? '✖' : '▲'} ${line}` : String(line)));
  }
  clear(gutter, spans);
  gutter.scrollTop = spec.scrollTop;
}

function goToLine(line) {
  const spec = $('#spec');
  const lines = spec.value.split('\n');
  let start = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) start += lines[i].length + 1;
  const end = start + (lines[line - 1] || '').length;
  spec.focus();
  spec.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(spec).lineHeight) || 20;
  spec.scrollTop = Math.max(0, (line - 3) * lineHeight);
  $('#gutter').scrollTop = spec.scrollTop;
}

function showProblems(text, errors, warnings) {
  const lines = pointerLines(text);
  const count = lineCount(text);
  const marks = new Map();
  const mark = (p, level) => {
    const line = lineOf(p, lines, count);
    const m = marks.get(line) || { level, messages: [] };
    if (level === 'error') m.level = 'error';
    m.messages.push(`${p.pointer || '(whole spec)'}: ${p.message}`);
    marks.set(line, m);
    return line;
  };
  renderProblems($('#problems'), errors, warnings, (p, li) => {
    const line = mark(p, li.classList.contains('error') ? 'error' : 'warning');
    li.dataset.line = String(line);
    const button = el('button', { type: 'button', class: 'goto', 'aria-label': `Go to line ${line} of the spec` }, `line ${line}`);
    button.addEventListener('click', () => goToLine(line));
    li.append(' ', button);
  });
  drawGutter(marks);
}

// ------------------------------------------------------------------------------------ validation

function setStatus(text, kind) {
  const status = $('#validation-status');
  status.textContent = text;
  status.className = kind || '';
}

function updateSave() {
  $('#save').disabled = !(state.valid && state.validated === $('#spec').value);
}

async function validate() {
  const text = $('#spec').value;
  const sequence = ++state.sequence;
  state.valid = false;
  updateSave();
  if (text.trim() === '') {
    showProblems(text, [], []);
    setStatus('Empty: choose a template or a spec to start from, or write one.', 'invalid');
    return;
  }
  setStatus('Checking with the service…', '');
  const answer = await api(`/${plural(state.kind)}/validation`, { method: 'POST', body: text });
  if (sequence !== state.sequence) return; // a later change is being validated
  state.validated = text;
  state.valid = answer.valid;
  showProblems(text, answer.errors || [], answer.warnings || []);
  const counts = `${count(answer.errors.length, 'error')}, ${count(answer.warnings.length, 'warning')}`;
  if (!answer.valid) {
    setStatus(`Not valid: ${counts}. Fix the errors to save.`, 'invalid');
  } else if (answer.identicalTo) {
    setStatus(`Valid (${counts}): identical to ${answer.name}@${answer.identicalTo}; saving returns that version.`, 'valid');
  } else {
    setStatus(`Valid (${counts}): saving creates ${answer.name}@${answer.nextVersion}.`, 'valid');
  }
  updateSave();
}

function validateSoon() {
  clearTimeout(state.timer);
  state.valid = false;
  updateSave();
  setStatus('Changed; checking once you pause typing…', '');
  state.timer = setTimeout(() => validate().catch(showFailure), DEBOUNCE_MS);
}

function showFailure(error) {
  setStatus(`Validation failed: ${error.message}`, 'invalid');
  const saved = $('#saved');
  clear(saved, problemBlock(error));
  saved.hidden = false;
}

// ------------------------------------------------------------------------------------------- save

async function save(event) {
  event.preventDefault();
  if ($('#save').disabled) return;
  const text = $('#spec').value;
  const saved = $('#saved');
  saved.hidden = true;
  try {
    const { status, json } = await apiWithStatus(`/${plural(state.kind)}`, { body: text });
    const page = `${plural(state.kind)}.html?name=${seg(json.name)}&version=${json.version}`;
    clear(saved, el('p', {}, status === 201 ? `Created ${state.kind} ` : `Identical to an existing version, nothing new was made: `,
      el('code', {}, json.ref), ' — ', link(page, `open ${json.ref}`), '.'));
    saved.dataset.ref = json.ref;
    saved.hidden = false;
    announce(status === 201 ? `Created ${json.ref}.` : `Identical to ${json.ref}.`);
    await validate();
  } catch (e) {
    clear(saved, problemBlock(e));
    saved.hidden = false;
    delete saved.dataset.ref;
    if (e.errors) showProblems(text, e.errors, e.warnings);
  }
}

// ------------------------------------------------------------------------------------------- load

function fillFrom(names, from) {
  clear($('#from'), el('option', { value: '' }, 'a template from the serving teacher'),
    names.map((n) => el('option', { value: n, selected: n === from ? true : null }, `latest ${n}`)));
}

/** The kind select only lists what a spec of that kind can start from; Load replaces the text. */
async function kindChanged() {
  const kind = $('#kind').value;
  fillFrom(await api(`/${plural(kind)}`), null);
  announce(`Choose what the ${kind} starts from, then press Load.`);
}

async function load(kind, from) {
  const names = await api(`/${plural(kind)}`);
  const known = from && names.includes(from) ? from : null;
  fillFrom(names, known);
  state.kind = kind;
  $('#kind').value = kind;
  $('#spec-label').textContent = `${kind === 'mapping' ? 'Mapping' : 'Alignment'} spec (JSON)`;
  const body = known ? await latestBody(kind, known) : await template(kind);
  $('#spec').value = JSON.stringify(body, null, 2) + '\n';
  const query = new URLSearchParams({ kind });
  if (known) query.set('from', known);
  history.replaceState(null, '', `editor.html?${query}`);
  $('#saved').hidden = true;
  $('#page-title').textContent = known ? `New version of ${kind} ${known}` : `New ${kind}`;
  if (from && !known) announce(`No ${kind} named ${from}: starting from a template.`);
  drawGutter();
  await validate();
}

start(async () => {
  const q = params();
  const kind = q.get('kind') === 'alignment' ? 'alignment' : 'mapping';
  const spec = $('#spec');
  spec.addEventListener('input', () => {
    drawGutter();
    validateSoon();
  });
  spec.addEventListener('scroll', () => {
    $('#gutter').scrollTop = spec.scrollTop;
  });
  $('#kind').addEventListener('change', () => kindChanged().catch(showFailure));
  $('#load').addEventListener('click', () => load($('#kind').value, $('#from').value || null).catch(showFailure));
  $('#editor-form').addEventListener('submit', save);
  await load(kind, q.get('from'));
});
