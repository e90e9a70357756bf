// Teachers: every registered version and which one serves; the chosen version's signature (inputs with
// type, cardinality, default and training histogram; heads; provenance); operators register artifacts.
import { $, api, apiWithStatus, badge, clear, el, empty, facts, idCode, link, num, params, problemBlock, section, seg, start, table, announce } from './console.js';
import { sparkline } from './plots.js';

function versionsTable(teachers, chosen) {
  return table({
    caption: 'Registered teacher versions',
    rows: teachers,
    rowAttrs: (t) => ({ dataset: { name: t.id, version: t.version }, class: t.serving ? 'serving' : null }),
    columns: [
      { label: 'Teacher', cell: (t) => t.id },
      { label: 'Version', num: true, cell: (t) => String(t.version) },
      { label: 'State', cell: (t) => [t.serving ? badge('serving', 'serving') : badge('registered'),
        t.deprecated ? [' ', badge('deprecated', 'warning')] : null, t.unavailable ? [' ', badge('unavailable', 'error')] : null] },
      { label: 'Content hash', cell: (t) => idCode(t.contentHash, `content hash of ${t.id} v${t.version}`, { short: true }) },
      { label: 'Path', cell: (t) => el('code', {}, t.path) },
      { label: 'Inputs', num: true, cell: (t) => num(t.inputs) },
      { label: 'Heads', cell: (t) => t.unavailable ? el('span', { class: 'error-text' }, t.unavailable) : t.heads.join(', ') },
      { label: 'Signature', cell: (t) => t.unavailable ? '—'
        : (chosen && chosen.id === t.id && chosen.version === t.version ? el('strong', {}, 'shown below')
          : link(`teachers.html?id=${seg(t.id)}&version=${t.version}`, 'show', el('span', { class: 'sr-only' }, ` ${t.id} v${t.version}`))) },
    ],
  });
}

function defaultText(input) {
  if (input.defaultValue === undefined || input.defaultValue === null) return '—';
  return el('code', {}, JSON.stringify(input.defaultValue));
}

function histogramCell(input) {
  const s = input.statistics;
  if (!s || !Array.isArray(s.binFractions) || s.binFractions.length === 0) {
    return el('span', { class: 'muted' }, input.type === 'ID' ? 'an id: no histogram' : 'no training histogram');
  }
  // the statistics' inner edges between quantile bins; the outer bins run from the training min and max
  const edges = s.binEdges.length === s.binFractions.length + 1 ? s.binEdges : [s.min, ...s.binEdges, s.max];
  return sparkline({ edges, fractions: s.binFractions, name: input.name });
}

function signature(sig, version) {
  const inputs = table({
    caption: `Inputs of ${sig.teacherId} v${version}`,
    rows: sig.inputs,
    rowAttrs: (i) => ({ dataset: { input: i.name } }),
    columns: [
      { label: 'Input', cell: (i) => el('code', {}, i.name) },
      { label: 'Type', cell: (i) => i.type },
      { label: 'Training histogram', cell: histogramCell },
      { label: 'Cardinality', num: true, cell: (i) => (i.cardinality ? num(i.cardinality) : '—') },
      { label: 'Dimension', num: true, cell: (i) => num(i.dimension) },
      { label: 'Default', cell: defaultText },
      { label: 'Training rows', num: true, cell: (i) => (i.statistics ? num(i.statistics.count) : '—') },
      { label: 'Mean', num: true, cell: (i) => (i.statistics ? num(i.statistics.mean, 3) : '—') },
      { label: 'Std', num: true, cell: (i) => (i.statistics ? num(i.statistics.std, 3) : '—') },
      { label: 'Min', num: true, cell: (i) => (i.statistics ? num(i.statistics.min, 3) : '—') },
      { label: 'Max', num: true, cell: (i) => (i.statistics ? num(i.statistics.max, 3) : '—') },
    ],
  });
  const heads = table({
    caption: 'Heads',
    rows: sig.heads,
    rowAttrs: (h) => ({ dataset: { head: h.name } }),
    columns: [{ label: 'Head', cell: (h) => el('code', {}, h.name) }, { label: 'Kind', cell: (h) => h.kind }],
  });
  const p = sig.provenance;
  const provenance = p ? facts([
    ['Producer', p.producer],
    ['Seed', p.seed !== undefined ? num(p.seed) : null],
    ['Training data hash', p.inputDataHash ? idCode(p.inputDataHash, 'training data hash') : null],
    ['Hyper-parameters', p.hyperParameters ? el('ul', { class: 'plain' }, Object.entries(p.hyperParameters)
      .map(([k, v]) => el('li', {}, el('code', {}, k), ' = ', el('code', {}, v)))) : null],
  ]) : empty('no provenance recorded for this version');
  return section(`Signature of ${sig.teacherId} v${version}`,
    facts([['Teacher', idCode(sig.teacherId, 'teacher id')], ['Content hash', idCode(sig.contentHash, 'content hash')],
      ['Source domain', sig.sourceDomain]]),
    el('h3', {}, 'Inputs'), inputs, el('h3', {}, 'Heads'), heads, el('h3', {}, 'Provenance'), provenance);
}

function registerForm(reload) {
  const result = el('div', { id: 'register-result', 'aria-live': 'polite' });
  const form = el('form', { id: 'register-teacher', class: 'stack' },
    el('div', { class: 'field' },
      el('label', { for: 'teacher-path' }, 'Artifact directory'),
      el('input', { id: 'teacher-path', name: 'path', required: true, spellcheck: 'false', 'aria-describedby': 'teacher-path-hint' }),
      el('span', { class: 'hint', id: 'teacher-path-hint' }, 'relative to the service\'s teachers root, e.g. demo-video-teacher-v2')),
    el('div', { class: 'check' },
      el('input', { id: 'teacher-serve', name: 'serve', type: 'checkbox' }),
      el('label', { for: 'teacher-serve' }, 'Serve it (hot swap: requests that started on the old version finish on it)')),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Register teacher')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    try {
      const { status, json } = await apiWithStatus('/teachers', {
        body: { path: $('#teacher-path').value.trim(), serve: $('#teacher-serve').checked },
      });
      clear(result, el('p', { role: 'status' }, status === 201 ? 'Registered ' : 'Already registered: ',
        el('code', {}, `${json.id} v${json.version}`), json.serving ? ' (serving)' : ''));
      announce(status === 201 ? 'Teacher registered.' : 'That artifact was already registered.');
      await reload();
    } catch (e) {
      clear(result, problemBlock(e));
    }
  });
  return section('Register a teacher (operators)', form);
}

start(async (me) => {
  const content = $('#content');
  const q = params();
  const draw = async () => {
    const teachers = await api('/teachers');
    if (teachers.length === 0) {
      clear(content, empty('no teacher is registered yet; an operator registers one (below, or POST /api/v1/teachers)'));
      return { teachers, chosen: null };
    }
    const wanted = q.get('id');
    const wantedVersion = q.get('version') ? Number(q.get('version')) : null;
    const chosen = (wanted && teachers.find((t) => t.id === wanted && (wantedVersion === null || t.version === wantedVersion)))
      || teachers.find((t) => t.serving) || teachers[teachers.length - 1];
    const parts = [section('Versions', versionsTable(teachers, chosen))];
    if (chosen && !chosen.unavailable) {
      const sig = await api(`/teachers/${seg(chosen.id)}?version=${chosen.version}`);
      parts.push(signature(sig, chosen.version));
    } else if (chosen) {
      parts.push(section(`Signature of ${chosen.id} v${chosen.version}`, problemBlock(new Error(chosen.unavailable))));
    }
    clear(content, parts);
    return { teachers, chosen };
  };
  await draw();
  if (me.operator) content.after(registerForm(draw));
});
