// Alignments: the team's list, and one version's details: tasks and their sources, the fit report
// (AUC, ECE, R² before and after, calibration curves of binary tasks) and a form that fits the version.
import {
  $, api, apiWithStatus, badge, clear, date, el, empty, facts, idCode, link, num, params, problemBlock, readSample,
  section, seg, start, table, announce,
} from './console.js';
import { calibration } from './plots.js';

async function latestOf(kind, name) {
  const versions = await api(`/${kind}/${seg(name)}/versions`);
  const live = versions.filter((v) => !v.deprecated);
  const pool = live.length ? live : versions;
  return { versions, latest: pool[pool.length - 1] };
}

async function list() {
  const names = await api('/alignments');
  if (names.length === 0) {
    clear($('#content'), empty('no alignments yet', 'editor.html?kind=alignment', 'create one in the editor'));
    return;
  }
  const rows = await Promise.all(names.map(async (name) => ({ name, ...(await latestOf('alignments', name)) })));
  clear($('#content'), table({
    caption: 'Your alignments',
    rows,
    rowAttrs: (r) => ({ dataset: { name: r.name } }),
    columns: [
      { label: 'Alignment', cell: (r) => link(`alignments.html?name=${seg(r.name)}`, r.name) },
      { label: 'Latest', cell: (r) => idCode(r.latest.ref, `alignment ref ${r.latest.ref}`) },
      { label: 'Versions', num: true, cell: (r) => num(r.versions.length) },
      { label: 'Registered', cell: (r) => date(r.latest.createdAt) },
      { label: 'Fitted', cell: (r) => (r.latest.attributes?.fittedFrom ? `from v${r.latest.attributes.fittedFrom}` : 'not a fit') },
      { label: 'Edit', cell: (r) => link(`editor.html?kind=alignment&from=${seg(r.name)}`, 'new version', el('span', { class: 'sr-only' }, ` of ${r.name}`)) },
    ],
  }), el('p', {}, link('editor.html?kind=alignment', 'Write a new alignment in the editor')));
}

function sourceText(source) {
  if (!source) return '—';
  const parts = source.type === 'head' ? [] : [el('code', {}, source.type)];
  if (source.head) parts.push(parts.length ? ' · head ' : 'head ', el('code', {}, source.head));
  if (source.transform) {
    const { type, ...params } = source.transform;
    const args = Object.entries(params).map(([k, v]) => `${k} ${num(v)}`).join(', ');
    parts.push(' · ', el('code', {}, args ? `${type}(${args})` : type));
  }
  return parts;
}

function tasksTable(body) {
  return table({
    caption: 'Tasks and their sources',
    rows: body.tasks || [],
    rowAttrs: (t, i) => ({ dataset: { task: t.name } }),
    columns: [
      { label: 'Task', cell: (t) => el('code', {}, t.name) },
      { label: 'Kind', cell: (t) => t.kind },
      { label: 'Serving', cell: (t) => (t.serving === false ? 'auxiliary (not served)' : 'served') },
      { label: 'Source', cell: (t) => sourceText(t.source) },
      { label: 'Description', cell: (t) => t.description || '' },
    ],
  });
}

function beforeAfter(before, after) {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return '—';
  return [num(before, 3), ' → ', el('strong', {}, num(after, 3))];
}

function reportSection(report) {
  const tasks = report.tasks || [];
  const parts = [
    facts([['Fitted from', `v${report.fromVersion}`], ['Made', `v${report.toVersion}`], ['Sample size', num(report.sampleSize)]]),
    table({
      caption: 'Fit per task: before → after',
      rows: tasks,
      rowAttrs: (t) => ({ dataset: { task: t.task } }),
      columns: [
        { label: 'Task', cell: (t) => el('code', {}, t.task) },
        { label: 'Kind', cell: (t) => t.kind },
        { label: 'Source', cell: (t) => t.source },
        { label: 'Fitted', cell: (t) => (t.fitted ? badge('fitted', 'ok') : badge('not fitted', 'warning')) },
        { label: 'Rows', num: true, cell: (t) => num(t.sampleSize) },
        { label: 'Positives', num: true, cell: (t) => num(t.positives) },
        { label: 'AUC', num: true, cell: (t) => beforeAfter(t.aucBefore, t.aucAfter) },
        { label: 'ECE', num: true, cell: (t) => beforeAfter(t.eceBefore, t.eceAfter) },
        { label: 'R²', num: true, cell: (t) => beforeAfter(t.r2Before, t.r2After) },
      ],
    }),
  ];
  const binsOf = (list) => (Array.isArray(list) ? list : []);
  const curves = tasks.filter((t) => binsOf(t.calibrationBefore).length + binsOf(t.calibrationAfter).length > 0);
  if (curves.length) {
    parts.push(el('div', { class: 'cards wide' }, curves.map((t) => el('figure', { class: 'card', dataset: { task: t.task } },
      calibration({
        title: `Calibration of ${t.task} before and after the fit`,
        curves: [
          { label: 'before', bins: binsOf(t.calibrationBefore), className: 'before', shape: 'circle', dashed: true },
          { label: 'after', bins: binsOf(t.calibrationAfter), className: 'after', shape: 'square' },
        ].filter((c) => c.bins.length > 0),
      }),
      el('figcaption', {}, el('code', {}, t.task), ` ECE ${num(t.eceBefore, 3)} → ${num(t.eceAfter, 3)}, AUC ${num(t.aucBefore, 3)} → ${num(t.aucAfter, 3)}`,
        binsOf(t.calibrationBefore).length ? '' : ' (no curve before: the raw head is not a probability)')))));
  }
  return parts;
}

function fitForm(name, version, mappings, onFitted) {
  const result = el('div', { id: 'fit-result' });
  const form = el('form', { id: 'fit', class: 'stack' },
    el('div', { class: 'field' },
      el('label', { for: 'fit-mapping' }, 'Mapping that reads the sample records'),
      el('input', { id: 'fit-mapping', required: true, list: 'mapping-refs', value: mappings[0] || '', spellcheck: 'false',
        'aria-describedby': 'fit-mapping-hint' }),
      el('datalist', { id: 'mapping-refs' }, mappings.map((m) => el('option', { value: m }))),
      el('span', { class: 'hint', id: 'fit-mapping-hint' }, 'name (latest) or name@version')),
    el('div', { class: 'field' },
      el('label', { for: 'fit-sample' }, 'Labelled sample (JSON array of {"record": {...}, "labels": {"task": 0 or 1}})'),
      el('textarea', { id: 'fit-sample', class: 'code', rows: 8, spellcheck: 'false', 'aria-describedby': 'fit-sample-hint',
        placeholder: '[{"record": {"id": "s0", "user": 0, "genre": "rock", "popularity": -1, "activity": -1}, "labels": {"listen": 0}}, …]' }),
      el('span', { class: 'hint', id: 'fit-sample-hint' }, 'At least 30 rows with both classes for each binary task. A {"sample": [...]} object or JSON lines work too.')),
    el('div', { class: 'field' },
      el('label', { for: 'fit-file' }, 'Or upload a .json / .jsonl file'),
      el('input', { id: 'fit-file', type: 'file', accept: '.json,.jsonl,application/json' })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, `Fit ${name}@${version}`)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result, el('p', { role: 'status' }, 'Fitting…'));
    try {
      const sample = await readSample($('#fit-sample'), $('#fit-file'));
      const { json } = await apiWithStatus(`/alignments/${seg(name)}/fit`, {
        body: { version, mapping: $('#fit-mapping').value.trim(), sample },
      });
      clear(result, el('p', { id: 'fitted', dataset: { ref: json.ref } }, json.created ? 'Fitted: registered ' : 'Fitted: identical to ',
        link(`alignments.html?name=${seg(name)}&version=${json.version}`, json.ref), '.'), json.report ? reportSection(json.report) : null);
      announce(`Fitted ${json.ref}.`);
      onFitted(json);
    } catch (e) {
      clear(result, problemBlock(e, 'fit-problems'));
    }
  });
  return [form, result];
}

async function details(name, wanted) {
  const { versions, latest } = await latestOf('alignments', name);
  const chosen = wanted ? versions.find((v) => v.version === wanted) : latest;
  if (!chosen) throw new Error(`alignment ${name} has no version ${wanted}`);
  const [alignment, mappingNames] = await Promise.all([api(`/alignments/${seg(name)}/versions/${chosen.version}`), api('/mappings')]);
  $('#page-title').textContent = `Alignment ${alignment.ref}`;
  document.title = `${alignment.ref} · Alignments · crossdistill console`;
  const fromVersion = alignment.attributes?.fittedFrom;
  clear($('#content'),
    el('p', {}, link('alignments.html', '← all alignments'), ' · ', link(`editor.html?kind=alignment&from=${seg(name)}`, 'write a new version in the editor')),
    facts([
      ['Ref', idCode(alignment.ref, 'alignment ref')],
      ['Registered', date(alignment.createdAt)],
      ['State', alignment.deprecated ? badge('deprecated', 'warning') : badge('live', 'ok')],
      ['Description', alignment.body.description || null],
      ['Fitted from', fromVersion ? link(`alignments.html?name=${seg(name)}&version=${fromVersion}`, `v${fromVersion}`) : 'not a fit'],
      ['Teacher hash', idCode(alignment.attributes?.teacherHash, 'teacher hash', { short: true })],
      ['Content hash', idCode(alignment.contentHash, 'content hash', { short: true })],
      ['Versions', el('span', {}, versions.map((v) => (v.version === chosen.version ? el('strong', {}, `v${v.version}`)
        : link(`alignments.html?name=${seg(name)}&version=${v.version}`, `v${v.version}`, v.deprecated ? ' (deprecated)' : '')))
        .flatMap((n, i) => (i ? [' ', n] : [n])))],
    ]),
    section('Tasks', tasksTable(alignment.body)),
    section('Fit report', alignment.report ? reportSection(alignment.report)
      : empty(fromVersion ? 'this version carries no fit report' : 'not fitted: this version is a spec as registered; fit it below to make a calibrated version')),
    section(`Fit ${alignment.ref} on a labelled sample`, fitForm(name, chosen.version, mappingNames, () => {})));
}

start(async () => {
  const q = params();
  if (q.get('name')) await details(q.get('name'), q.get('version') ? Number(q.get('version')) : null);
  else await list();
});
