// Mappings: the team's list, and one version's details: its rules joined with the teacher's inputs
// (defaulted inputs highlighted), the problems the service's validation lists for the stored spec at their
// JSON pointers, and coverage and drift over a pasted or uploaded sample, flagged inputs first.
import {
  $, api, badge, clear, count, date, el, empty, facts, idCode, link, num, params, pct, problemBlock, readSample,
  renderProblems, section, seg, start, table, announce,
} from './console.js';
import { histogram } from './plots.js';

// ------------------------------------------------------------------------------------------- list

async function list() {
  const names = await api('/mappings');
  if (names.length === 0) {
    clear($('#content'), empty('no mappings yet', 'editor.html?kind=mapping', 'create one in the editor'));
    return;
  }
  const rows = await Promise.all(names.map(async (name) => {
    const versions = await api(`/mappings/${seg(name)}/versions`);
    const live = versions.filter((v) => !v.deprecated);
    return { name, versions, latest: (live.length ? live : versions)[(live.length ? live : versions).length - 1] };
  }));
  clear($('#content'), table({
    caption: 'Your mappings',
    rows,
    rowAttrs: (r) => ({ dataset: { name: r.name } }),
    columns: [
      { label: 'Mapping', cell: (r) => link(`mappings.html?name=${seg(r.name)}`, r.name) },
      { label: 'Latest', cell: (r) => idCode(r.latest.ref, `mapping ref ${r.latest.ref}`) },
      { label: 'Versions', num: true, cell: (r) => num(r.versions.length) },
      { label: 'Registered', cell: (r) => date(r.latest.createdAt) },
      { label: 'Schema version', num: true, cell: (r) => r.latest.attributes?.schemaVersion ?? '—' },
      { label: 'Teacher', cell: (r) => idCode(r.latest.attributes?.teacherHash, `teacher hash of ${r.latest.ref}`, { short: true }) },
      { label: 'Pinned', cell: (r) => (r.latest.attributes?.pinnedTeacher === 'true' ? 'pinned' : 'follows the teacher') },
      { label: 'Edit', cell: (r) => link(`editor.html?kind=mapping&from=${seg(r.name)}`, 'new version', el('span', { class: 'sr-only' }, ` of ${r.name}`)) },
    ],
  }), el('p', {}, link('editor.html?kind=mapping', 'Write a new mapping in the editor')));
}

// ---------------------------------------------------------------------------------------- details

function transformText(t) {
  const { op, ...rest } = t;
  const args = Object.entries(rest).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(', ');
  return el('code', {}, args ? `${op}(${args})` : op);
}

function rulesTable(body, sig) {
  const rules = body.rules || [];
  const byInput = new Map(rules.map((r, i) => [r.input, { rule: r, index: i }]));
  const inputs = sig ? sig.inputs : [];
  const rows = inputs.map((input) => ({ input, ...(byInput.get(input.name) || {}) }));
  for (const [name, entry] of byInput) {
    if (!inputs.some((i) => i.name === name)) rows.push({ input: { name }, ...entry, unknown: true });
  }
  return table({
    caption: `Rules: one per teacher input (${rows.filter((r) => r.rule && r.rule.default).length} defaulted, highlighted)`,
    rows,
    rowAttrs: (r) => ({ dataset: { input: r.input.name, pointer: r.index !== undefined ? `/rules/${r.index}` : null },
      class: r.rule && r.rule.default ? 'defaulted' : null }),
    columns: [
      { label: 'Teacher input', cell: (r) => el('code', {}, r.input.name) },
      { label: 'Type', cell: (r) => r.input.type || (r.unknown ? 'not a teacher input' : '—') },
      { label: 'Cardinality', num: true, cell: (r) => (r.input.cardinality ? num(r.input.cardinality) : '—') },
      { label: 'Source', cell: (r) => (!r.rule ? badge('no rule', 'error') : r.rule.default ? badge('defaulted', 'defaulted')
        : el('code', {}, r.rule.from)) },
      { label: 'Transforms', className: 'wrap', cell: (r) => (r.rule && r.rule.transforms && r.rule.transforms.length
        ? r.rule.transforms.map(transformText).flatMap((c, i) => (i ? [' → ', c] : [c])) : '—') },
      { label: 'When missing', cell: (r) => (r.rule && r.rule.onMissing) || '—' },
      { label: 'Teacher default', cell: (r) => (r.input.defaultValue !== undefined ? el('code', {}, JSON.stringify(r.input.defaultValue)) : '—') },
      { label: 'Rule pointer', cell: (r) => (r.index !== undefined ? el('code', {}, `/rules/${r.index}`) : '—') },
    ],
  });
}

function coverageSummary(report) {
  const rows = report.inputs.slice().sort((a, b) => Number(b.flagged) - Number(a.flagged));
  const t = report.thresholds || {};
  const parts = [
    facts([
      ['Records in the sample', num(report.records)],
      ['Mapped', num(report.mapped)],
      ['Rejected', num(report.rejected)],
      ['Flag thresholds', t.psi !== undefined ? `PSI over ${num(t.psi)}, KS over ${num(t.ks)}, defaulted over ${pct(t.defaultedFraction)}` : null],
    ]),
  ];
  if (report.sampleRejects && report.sampleRejects.length) {
    parts.push(el('h3', {}, 'Rejected records (the first few)'), table({
      caption: `Records the mapper refused: ${num(report.rejected)} of ${num(report.records)}`,
      rows: report.sampleRejects,
      rowAttrs: (r) => ({ dataset: { record: r.recordId } }),
      columns: [
        { label: 'Record', cell: (r) => el('code', {}, r.recordId) },
        { label: 'Teacher input', cell: (r) => el('code', {}, r.input) },
        { label: 'Field', cell: (r) => el('code', {}, r.path) },
        { label: 'Kind', cell: (r) => r.kind },
        { label: 'Why', cell: (r) => r.message },
      ],
    }));
  }
  parts.push(table({
    caption: 'Coverage and drift per teacher input, flagged first',
    rows,
    rowAttrs: (i) => ({ dataset: { input: i.input, flagged: String(i.flagged) }, class: i.flagged ? 'flagged' : null }),
    columns: [
      { label: 'Teacher input', cell: (i) => el('code', {}, i.input) },
      { label: 'Type', cell: (i) => i.type || '—' },
      { label: 'Rule', cell: (i) => i.rule },
      { label: 'Defaulted', num: true, cell: (i) => pct(i.defaultedFraction) },
      { label: 'PSI', num: true, cell: (i) => (i.drift ? num(i.drift.psi, 3) : '—') },
      { label: 'KS', num: true, cell: (i) => (i.drift ? num(i.drift.ks, 3) : '—') },
      { label: 'Mapped mean', num: true, cell: (i) => (i.drift ? num(i.drift.mappedMean, 3) : '—') },
      { label: 'Teacher mean', num: true, cell: (i) => (i.drift ? num(i.drift.teacherMean, 3) : '—') },
      { label: 'Flag', cell: (i) => (i.flagged ? badge('flagged', 'flagged') : badge('ok', 'ok')) },
    ],
  }));
  const plotted = rows.filter((i) => i.drift && Array.isArray(i.drift.edges) && Array.isArray(i.drift.mappedFractions));
  if (plotted.length) {
    parts.push(el('h3', {}, 'Mapped histogram over the teacher\'s training histogram'),
      el('div', { class: 'cards wide' }, plotted.map((i) => el('figure', { class: `card${i.flagged ? ' flagged' : ''}`, dataset: { input: i.input } },
        histogram({
          edges: i.drift.edges,
          title: `${i.input}: mapped sample over the teacher's training histogram`,
          xLabel: `${i.input} value`,
          series: [
            { label: 'teacher (training)', fractions: i.drift.teacherFractions, kind: 'bars', className: 'teacher' },
            { label: 'mapped sample', fractions: i.drift.mappedFractions, kind: 'steps', className: 'mapped' },
          ],
        }),
        el('figcaption', {}, el('code', {}, i.input), ' ', i.flagged ? badge('flagged', 'flagged') : badge('ok', 'ok'),
          ` PSI ${num(i.drift.psi, 3)} · KS ${num(i.drift.ks, 3)} · defaulted ${pct(i.defaultedFraction)}`)))));
  }
  return parts;
}

/** A placeholder record shaped like the mapping's target schema (one example value per field type). */
function exampleRecord(schema) {
  const value = (type) => {
    if (Array.isArray(type)) return type.includes('null') ? null : value(type[0]);
    const name = typeof type === 'string' ? type : type?.type;
    if (name === 'record') return exampleRecord(type);
    if (name === 'enum') return type.symbols?.[0] ?? '';
    if (name === 'array') return [];
    if (name === 'map') return {};
    if (name === 'boolean') return false;
    if (['int', 'long'].includes(name)) return 0;
    if (['float', 'double'].includes(name)) return 0.5;
    return 'a';
  };
  return Object.fromEntries((schema?.fields || []).map((f) => [f.name, value(f.type)]));
}

function coverageForm(name, version, schema) {
  const result = el('div', { id: 'coverage-result' });
  const form = el('form', { id: 'coverage', class: 'stack' },
    el('div', { class: 'field' },
      el('label', { for: 'sample' }, 'Sample records (JSON array, or one JSON record per line)'),
      el('textarea', { id: 'sample', class: 'code', rows: 8, spellcheck: 'false', 'aria-describedby': 'sample-hint',
        placeholder: schema ? JSON.stringify([exampleRecord(schema)]) : '[{"field": "value"}]' }),
      el('span', { class: 'hint', id: 'sample-hint' }, 'Records shaped like your target schema. A chosen file is used instead of the text.')),
    el('div', { class: 'field' },
      el('label', { for: 'sample-file' }, 'Or upload a .json / .jsonl file'),
      el('input', { id: 'sample-file', type: 'file', accept: '.json,.jsonl,application/json' })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Check coverage and drift')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result, el('p', { role: 'status' }, 'Checking…'));
    try {
      const records = await readSample($('#sample'), $('#sample-file'));
      const report = await api(`/mappings/${seg(name)}/coverage?version=${version}`, { method: 'POST', body: { records } });
      clear(result, coverageSummary(report));
      announce(`Coverage of ${report.records} records: ${report.inputs.filter((i) => i.flagged).length} inputs flagged.`);
    } catch (e) {
      clear(result, problemBlock(e, 'coverage-problems'));
    }
  });
  return [form, result];
}

async function teacherFor(mapping) {
  const teachers = await api('/teachers');
  const hash = mapping.attributes?.teacherHash;
  const id = mapping.body?.teacher?.id;
  const version = teachers.find((t) => t.contentHash === hash) || teachers.find((t) => t.id === id && t.serving);
  if (!version || version.unavailable) return null;
  return api(`/teachers/${seg(version.id)}?version=${version.version}`);
}

async function details(name, wanted) {
  const versions = await api(`/mappings/${seg(name)}/versions`);
  const live = versions.filter((v) => !v.deprecated);
  const chosen = wanted ? versions.find((v) => v.version === wanted) : (live.length ? live : versions)[(live.length ? live : versions).length - 1];
  if (!chosen) throw new Error(`mapping ${name} has no version ${wanted}`);
  const mapping = await api(`/mappings/${seg(name)}/versions/${chosen.version}`);
  const stored = JSON.stringify(mapping.body, null, 2);
  const schemaVersion = mapping.attributes?.schemaVersion;
  const [sig, validation, schema] = await Promise.all([
    teacherFor(mapping),
    api('/mappings/validation', { method: 'POST', body: stored }),
    schemaVersion ? api(`/schemas/${seg(mapping.body.targetSchema)}/versions/${schemaVersion}`) : null,
  ]);
  $('#page-title').textContent = `Mapping ${mapping.ref}`;
  document.title = `${mapping.ref} · Mappings · crossdistill console`;
  const problems = renderProblems(el('ul', { id: 'problems' }), validation.errors, validation.warnings);
  const tally = ` for the serving teacher: ${count(validation.errors.length, 'error')}, ${count(validation.warnings.length, 'warning')}`;
  const verdict = [validation.valid ? badge('valid', 'ok') : badge('not valid', 'error'), tally];
  clear($('#content'),
    el('p', {}, link('mappings.html', '← all mappings'), ' · ', link(`editor.html?kind=mapping&from=${seg(name)}`, 'write a new version in the editor')),
    facts([
      ['Ref', idCode(mapping.ref, 'mapping ref')],
      ['Registered', date(mapping.createdAt)],
      ['State', mapping.deprecated ? badge('deprecated', 'warning') : badge('live', 'ok')],
      ['Target schema', [el('code', {}, mapping.body.targetSchema), mapping.attributes?.schemaVersion ? ` v${mapping.attributes.schemaVersion}` : '']],
      ['Teacher', [el('code', {}, mapping.body.teacher?.id), ' ', idCode(mapping.attributes?.teacherHash, 'teacher hash', { short: true }),
        mapping.attributes?.pinnedTeacher === 'true' ? ' (pinned)' : ' (follows later versions)']],
      ['Record id field', mapping.body.recordIdField ? el('code', {}, mapping.body.recordIdField) : null],
      ['Content hash', idCode(mapping.contentHash, 'content hash', { short: true })],
      ['Versions', el('span', {}, versions.map((v) => (v.version === chosen.version ? el('strong', {}, `v${v.version}`)
        : link(`mappings.html?name=${seg(name)}&version=${v.version}`, `v${v.version}`, v.deprecated ? ' (deprecated)' : '')))
        .flatMap((n, i) => (i ? [' ', n] : [n])))],
    ]),
    section('Rules', sig ? rulesTable(mapping.body, sig)
      : [el('p', {}, 'The teacher version of this mapping is not available, so its inputs cannot be shown beside the rules.'), rulesTable(mapping.body, null)]),
    section('Problems', el('p', { id: 'validation-verdict' }, verdict,
      validation.identicalTo ? ` (the stored spec is identical to v${validation.identicalTo})` : ''), problems,
    validation.errors.length + validation.warnings.length === 0 ? empty('no problems: every rule is valid for the serving teacher') : null),
    section('Coverage and drift on a sample', el('p', { class: 'lead' },
      'Paste or upload target records: for each teacher input you see how often it was defaulted and, for numeric inputs, how the mapped values sit over the teacher\'s training histogram (PSI, KS). Flagged inputs come first.'),
    coverageForm(name, chosen.version, schema?.body)));
}

start(async () => {
  const q = params();
  if (q.get('name')) await details(q.get('name'), q.get('version') ? Number(q.get('version')) : null);
  else await list();
});
