// Label sets: the team's complete sets, and one set's manifest: key, counts, dead letters, columns,
// coverage, cost, teacher time saved by reuse, and who shares it (the backfills that made or reused it,
// the student reports that used it).
import { $, api, badge, clear, date, el, empty, facts, idCode, link, num, params, pct, section, seconds, seg, start, table } from './console.js';

async function list() {
  const sets = await api('/label-sets');
  if (sets.length === 0) {
    clear($('#content'), empty('no label sets yet: a backfill makes one', 'backfills.html', 'submit a backfill'));
    return;
  }
  clear($('#content'), table({
    caption: 'Your label sets',
    rows: sets,
    rowAttrs: (s) => ({ dataset: { labelSet: s.id } }),
    columns: [
      { label: 'Label set', cell: (s) => idCode(s.id, `label set id ${s.id}`, { short: true, href: `label-sets.html?id=${seg(s.id)}` }) },
      { label: 'Mapping', cell: (s) => refLink('mappings', s.mapping) },
      { label: 'Alignment', cell: (s) => refLink('alignments', s.alignment) },
      { label: 'Input', cell: (s) => s.input },
      { label: 'Records', num: true, cell: (s) => num(s.counts.input) },
      { label: 'Labels', num: true, cell: (s) => num(s.counts.labels) },
      { label: 'Dead letters', num: true, cell: (s) => num(s.counts.deadLetters) },
      { label: 'Teacher time', num: true, cell: (s) => seconds(s.cost.teacherSeconds) },
      { label: 'Jobs that reused it', num: true, cell: (s) => num(s.reuse.requests) },
      { label: 'Teacher time saved', num: true, cell: (s) => seconds(s.reuse.teacherSecondsSaved) },
    ],
  }));
}

function refLink(kind, ref) {
  const [name, version] = ref.split('@');
  return el('a', { class: 'ref', href: `${kind}.html?name=${seg(name)}${version ? `&version=${seg(version)}` : ''}` }, ref);
}

async function manifest(id) {
  const [m, jobs, reports] = await Promise.all([
    api(`/label-sets/${seg(id)}`), api('/backfills'), api(`/reports?labelSet=${seg(id)}`),
  ]);
  $('#page-title').textContent = `Label set ${m.id}`;
  document.title = `Label set ${m.id.slice(0, 8)} · crossdistill console`;
  const made = jobs.filter((j) => j.labelSet === m.id);
  const cov = m.coverage;
  clear($('#content'),
    el('p', {}, link('label-sets.html', '← all label sets')),
    facts([
      ['Id', idCode(m.id, 'label set id')],
      ['Format', el('code', {}, m.format)],
      ['Input', m.input],
      ['Teacher', [el('code', {}, m.key.teacherId), ' ', idCode(m.key.teacherHash, 'teacher hash', { short: true })]],
      ['Mapping', refLink('mappings', m.key.mapping)],
      ['Alignment', refLink('alignments', m.key.alignment)],
      ['Input hash', idCode(m.key.inputHash, 'input hash', { short: true })],
      ['Run hash', m.key.runHash ? idCode(m.key.runHash, 'run hash', { short: true }) : null],
      ['Label set hash', idCode(m.labelSetHash, 'label set hash', { short: true })],
    ]),
    section('Counts', el('div', { class: 'cards' },
      el('div', { class: 'card' }, el('h3', {}, 'Input records'), el('p', { class: 'big', id: 'count-input' }, num(m.counts.input))),
      el('div', { class: 'card' }, el('h3', {}, 'Labels'), el('p', { class: 'big', id: 'count-labels' }, num(m.counts.labels))),
      el('div', { class: `card${m.counts.deadLetters ? ' flagged' : ''}` }, el('h3', {}, 'Dead letters'),
        el('p', { class: 'big', id: 'count-dead-letters' }, num(m.counts.deadLetters)),
        el('p', {}, 'refused records, kept with their reasons in the dead-letter shards')))),
    section('Cost and reuse', facts([
      ['Teacher time to make it', seconds(m.cost.teacherSeconds)],
      ['Wall time to make it', seconds(m.cost.wallSeconds)],
      ['Runs that worked on it', num(m.cost.runs)],
      ['Jobs that reused it', num(m.reuse.requests)],
      ['Teacher time saved by reuse', el('strong', { id: 'teacher-seconds-saved' }, seconds(m.reuse.teacherSecondsSaved))],
    ])),
    section('Who shares it',
      el('h3', {}, 'Backfill jobs that made or reused it'),
      made.length ? table({
        caption: 'Backfill jobs of this set',
        rows: made,
        rowAttrs: (j) => ({ dataset: { jobId: j.id } }),
        columns: [
          { label: 'Job', cell: (j) => idCode(j.id, `job id ${j.id}`) },
          { label: 'State', cell: (j) => badge(j.state, j.state) },
          { label: 'Made or reused', cell: (j) => (j.reused ? 'reused' : 'made') },
          { label: 'Submitted', cell: (j) => date(j.submittedAt) },
          { label: 'Teacher time saved', num: true, cell: (j) => seconds(j.teacherSecondsSaved) },
        ],
      }) : empty('no backfill job of your team names this set (it may have been made by the CLI or another instance)'),
      el('h3', {}, 'Student reports that used it'),
      reports.length ? table({
        caption: 'Student reports of this set',
        rows: reports,
        rowAttrs: (r) => ({ dataset: { report: r.id } }),
        columns: [
          { label: 'Report', cell: (r) => link(`reports.html?id=${seg(r.id)}`, r.title || r.id) },
          { label: 'Id', cell: (r) => idCode(r.id, `report id ${r.id}`) },
          { label: 'Created', cell: (r) => date(r.createdAt) },
          { label: 'Students', num: true, cell: (r) => num(r.students) },
        ],
      }) : empty('no student report used this set yet')),
    section('Columns', table({
      caption: 'Label columns, in the alignment\'s order',
      rows: m.columns,
      columns: [
        { label: 'Column', cell: (c) => el('code', {}, c.name) },
        { label: 'Kind', cell: (c) => c.kind },
        { label: 'Serving', cell: (c) => (c.serving ? 'served' : 'auxiliary') },
        { label: 'Space', cell: (c) => c.space },
        { label: 'Loss', cell: (c) => c.loss },
        { label: 'Weight', num: true, cell: (c) => num(c.weight) },
        { label: 'Temperature', num: true, cell: (c) => num(c.temperature) },
        { label: 'Source', cell: (c) => c.source },
      ],
    })),
    cov ? section('Coverage of the input', facts([
      ['Sample records', num(cov.sampleRecords)], ['Mapped', num(cov.mapped)], ['Rejected', num(cov.rejected)]]),
    table({
      caption: 'Coverage and drift per teacher input, over the input\'s first records',
      rows: cov.inputs.slice().sort((a, b) => Number(b.flagged) - Number(a.flagged)),
      rowAttrs: (i) => ({ dataset: { input: i.input }, class: i.flagged ? 'flagged' : null }),
      columns: [
        { label: 'Teacher input', cell: (i) => el('code', {}, i.input) },
        { label: 'Rule', cell: (i) => i.rule },
        { label: 'Defaulted', num: true, cell: (i) => pct(i.defaultedFraction) },
        { label: 'PSI', num: true, cell: (i) => num(i.psi, 3) },
        { label: 'KS', num: true, cell: (i) => num(i.ks, 3) },
        { label: 'Flag', cell: (i) => (i.flagged ? badge('flagged', 'flagged') : badge('ok', 'ok')) },
      ],
    })) : null,
    m.shards ? section('Shards', table({
      caption: 'Shards (Avro files of labels and dead letters)',
      rows: m.shards,
      columns: [
        { label: 'Labels file', cell: (s) => el('code', {}, s.labels) },
        { label: 'Dead letters file', cell: (s) => el('code', {}, s.deadLetters) },
        { label: 'First record', num: true, cell: (s) => num(s.firstInput) },
        { label: 'Records', num: true, cell: (s) => num(s.input) },
        { label: 'Labels', num: true, cell: (s) => num(s.labelCount) },
        { label: 'Dead letters', num: true, cell: (s) => num(s.deadLetterCount) },
        { label: 'Labels SHA-256', cell: (s) => idCode(s.labelsSha256, `SHA-256 of ${s.labels}`, { short: true }) },
      ],
    })) : null);
}

start(async () => {
  const id = params().get('id');
  if (id) await manifest(id);
  else await list();
});
