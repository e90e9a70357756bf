// Backfills: the team's jobs with live progress (polled every second while a job is queued or running),
// rate and ETA as the API reports them, cancel for queued and running jobs, and a form that submits a job.
import { $, api, apiWithStatus, badge, clear, date, el, empty, idCode, num, problemBlock, section, seconds, seg, start, announce } from './console.js';

const ACTIVE = new Set(['QUEUED', 'RUNNING']);
const POLL_MS = 1000;
let timer = null;

function refLink(kind, ref) {
  if (!ref) return '—';
  const [name, version] = ref.split('@');
  return el('a', { class: 'ref', href: `${kind}.html?name=${seg(name)}${version ? `&version=${seg(version)}` : ''}` }, ref);
}

function inputText(input) {
  if (!input) return '—';
  if (input.type === 'kafka') return [el('code', {}, 'kafka'), ` ${input.topic} (${(input.ranges || []).length} range(s))`];
  return [el('code', {}, input.type), ' ', el('code', {}, input.path), input.split ? ` split ${input.split}` : ''];
}

const COLUMNS = ['Job', 'State', 'Progress', 'Done', 'Total', 'Rate', 'ETA', 'Labels', 'Dead letters', 'Mapping', 'Alignment',
  'Input', 'Label set', 'Submitted', 'Note', 'Action'];

function cells(job) {
  return {
    state: badge(job.state, job.state),
    progress: el('progress', { max: Math.max(1, job.total || 0), value: job.done || 0,
      'aria-label': `progress of job ${job.id}: ${num(job.done)} of ${num(job.total)} records` }),
    done: num(job.done),
    total: num(job.total),
    labels: num(job.labels),
    deadLetters: num(job.deadLetters),
    // the rate while it runs, and the run's average once it ended (the API keeps it)
    rate: job.ratePerSecond !== undefined && job.ratePerSecond !== null && job.ratePerSecond > 0 ? `${num(job.ratePerSecond, 3)} records/s` : '—',
    eta: job.etaSeconds !== undefined && job.etaSeconds !== null && job.state === 'RUNNING' ? seconds(job.etaSeconds) : '—',
    mapping: refLink('mappings', job.request?.mapping),
    alignment: refLink('alignments', job.request?.alignment),
    input: inputText(job.request?.input),
    labelSet: job.labelSet ? (job.state === 'SUCCEEDED'
      ? idCode(job.labelSet, `label set id ${job.labelSet}`, { short: true, href: `label-sets.html?id=${seg(job.labelSet)}` })
      : idCode(job.labelSet, `label set id ${job.labelSet}`, { short: true })) : '—',
    submitted: date(job.submittedAt),
    note: [job.error ? el('span', { class: 'error-text' }, job.error)
      : job.reused ? `reused a made set: ${seconds(job.teacherSecondsSaved)} of teacher time saved`
        : job.resumedFrom ? `resumed at record ${num(job.resumedFrom)}` : '',
    job.finishedAt ? [job.error || job.reused || job.resumedFrom ? '; ' : '', 'finished ', date(job.finishedAt)] : ''],
  };
}

const CLASSES = ['state', 'progress', 'done', 'total', 'rate', 'eta', 'labels', 'dead-letters', 'mapping', 'alignment', 'input',
  'label-set', 'submitted', 'note'];
const KEYS = ['state', 'progress', 'done', 'total', 'rate', 'eta', 'labels', 'deadLetters', 'mapping', 'alignment', 'input',
  'labelSet', 'submitted', 'note'];
const NUMERIC = new Set(['done', 'total', 'labels', 'dead-letters', 'rate', 'eta']);

function cancelButton(job, refresh) {
  const button = el('button', { type: 'button', class: 'cancel danger', 'aria-label': `Cancel job ${job.id}` }, 'Cancel');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const after = await api(`/backfills/${seg(job.id)}/cancel`, { method: 'POST' });
      announce(`Job ${job.id.slice(0, 8)} is ${after.state}.`);
    } catch (e) {
      $('#jobs-error').replaceChildren(problemBlock(e));
    }
    await refresh();
  });
  return button;
}

function fillRow(tr, job, refresh) {
  const c = cells(job);
  KEYS.forEach((key, i) => {
    const td = tr.querySelector(`td.${CLASSES[i]}`);
    clear(td, c[key]);
  });
  tr.querySelector('td.done').dataset.value = String(job.done ?? 0);
  tr.querySelector('td.total').dataset.value = String(job.total ?? 0);
  tr.dataset.state = job.state;
  const action = tr.querySelector('td.action');
  const existing = action.querySelector('button.cancel');
  if (ACTIVE.has(job.state)) {
    if (!existing) action.replaceChildren(cancelButton(job, refresh));
  } else {
    action.replaceChildren();
  }
}

function newRow(job, refresh) {
  const tr = el('tr', { dataset: { jobId: job.id } },
    el('th', { scope: 'row' }, idCode(job.id, `job id ${job.id}`, { short: true })),
    CLASSES.map((cls) => el('td', { class: NUMERIC.has(cls) ? `${cls} num` : cls })),
    el('td', { class: 'action' }));
  fillRow(tr, job, refresh);
  return tr;
}

function jobsTable() {
  return el('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-label': 'Backfill jobs' },
    el('table', { id: 'jobs' }, el('caption', {}, 'Backfill jobs, oldest first'),
      el('thead', {}, el('tr', {}, COLUMNS.map((c) => el('th', { scope: 'col', class: ['Done', 'Total', 'Labels', 'Dead letters', 'Rate', 'ETA'].includes(c) ? 'num' : null }, c)))),
      el('tbody', {})));
}

async function refresh() {
  clearTimeout(timer);
  const jobs = await api('/backfills');
  const holder = $('#jobs-holder');
  if (jobs.length === 0) {
    clear(holder, empty('no backfills yet — submit one with the form below'));
  } else {
    if (!$('#jobs', holder)) clear(holder, jobsTable());
    const body = $('#jobs tbody');
    const rows = new Map([...body.querySelectorAll('tr[data-job-id]')].map((tr) => [tr.dataset.jobId, tr]));
    jobs.forEach((job, i) => {
      let tr = rows.get(job.id);
      if (tr) fillRow(tr, job, refresh);
      else tr = newRow(job, refresh);
      if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] || null);
      rows.delete(job.id);
    });
    rows.forEach((tr) => tr.remove());
  }
  const active = jobs.filter((j) => ACTIVE.has(j.state)).length;
  $('#polling').textContent = active ? `${active} job(s) queued or running: updating every second.` : 'No job is queued or running.';
  if (active) timer = setTimeout(() => refresh().catch(showPollFailure), POLL_MS);
  return jobs;
}

function showPollFailure(e) {
  $('#jobs-error').replaceChildren(problemBlock(e));
}

// ------------------------------------------------------------------------------------------- submit

function field(id, label, control, hint) {
  return el('div', { class: 'field', id: `${id}-field` }, el('label', { for: id }, label), control,
    hint ? el('span', { class: 'hint', id: `${id}-hint` }, hint) : null);
}

function submitForm(teachers, mappings, alignments) {
  const result = el('div', { id: 'submit-result' });
  const teacherSelect = el('select', { id: 'bf-teacher', name: 'teacher' },
    teachers.filter((t) => !t.unavailable).map((t) => el('option', { value: t.id, selected: t.serving ? true : null },
      `${t.id} v${t.version}${t.serving ? ' (serving)' : ''}`)));
  const form = el('form', { id: 'submit-backfill', class: 'grid' },
    field('bf-teacher', 'Teacher', teacherSelect, 'the version that serves labels the input'),
    field('bf-mapping', 'Mapping', el('input', { id: 'bf-mapping', required: true, list: 'bf-mappings', spellcheck: 'false', value: mappings[0] || '', 'aria-describedby': 'bf-mapping-hint' }), 'name (latest) or name@version'),
    field('bf-alignment', 'Alignment (fitted)', el('input', { id: 'bf-alignment', required: true, list: 'bf-alignments', spellcheck: 'false', value: alignments[0] || '', 'aria-describedby': 'bf-alignment-hint' }), 'name (latest) or name@version'),
    el('datalist', { id: 'bf-mappings' }, mappings.map((m) => el('option', { value: m }))),
    el('datalist', { id: 'bf-alignments' }, alignments.map((a) => el('option', { value: a }))),
    field('bf-type', 'Input type', el('select', { id: 'bf-type' },
      el('option', { value: 'avro' }, 'avro: container files'), el('option', { value: 'ratings' }, 'ratings: TSV layout'),
      el('option', { value: 'kafka' }, 'kafka: topic offset ranges'))),
    field('bf-path', 'Input path', el('input', { id: 'bf-path', spellcheck: 'false', 'aria-describedby': 'bf-path-hint' }), 'relative to the backfill data root, e.g. music'),
    field('bf-split', 'Split (ratings)', el('input', { id: 'bf-split', value: 'target_train', spellcheck: 'false' })),
    field('bf-topic', 'Topic (kafka)', el('input', { id: 'bf-topic', spellcheck: 'false' })),
    field('bf-ranges', 'Ranges (kafka, JSON)', el('input', { id: 'bf-ranges', spellcheck: 'false', placeholder: '[{"partition": 0, "from": 0, "to": 1000}]' })),
    field('bf-batch', 'Batch rows (optional)', el('input', { id: 'bf-batch', type: 'number', min: 1, max: 65536, inputmode: 'numeric', placeholder: '512' })),
    field('bf-shard', 'Records per shard (optional)', el('input', { id: 'bf-shard', type: 'number', min: 1, inputmode: 'numeric', placeholder: '100000' })),
    field('bf-seed', 'Seed (optional)', el('input', { id: 'bf-seed', type: 'number', inputmode: 'numeric', placeholder: '0' })),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Submit backfill')));
  const showFields = () => {
    const type = $('#bf-type', form).value;
    $('#bf-path-field', form).hidden = type === 'kafka';
    $('#bf-split-field', form).hidden = type !== 'ratings';
    $('#bf-topic-field', form).hidden = type !== 'kafka';
    $('#bf-ranges-field', form).hidden = type !== 'kafka';
  };
  $('#bf-type', form).addEventListener('change', showFields);
  showFields();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    const value = (id) => $(`#${id}`, form).value.trim();
    const type = value('bf-type');
    const input = { type };
    if (type === 'kafka') {
      input.topic = value('bf-topic');
      try {
        input.ranges = value('bf-ranges') ? JSON.parse(value('bf-ranges')) : [];
      } catch (e) {
        clear(result, problemBlock(new Error(`the ranges are not JSON: ${e.message}`)));
        return;
      }
    } else {
      input.path = value('bf-path');
      if (type === 'ratings') input.split = value('bf-split');
    }
    const body = { teacher: { id: value('bf-teacher') }, mapping: value('bf-mapping'), alignment: value('bf-alignment'), input };
    if (value('bf-batch')) body.batchRows = Number(value('bf-batch'));
    if (value('bf-shard')) body.shardRecords = Number(value('bf-shard'));
    if (value('bf-seed')) body.seed = Number(value('bf-seed'));
    try {
      const { status, json } = await apiWithStatus('/backfills', { body });
      const what = status === 202 ? `Queued job ` : json.reused ? 'The label set was already made; job ' : 'The same set is already being made by job ';
      clear(result, el('p', { role: 'status', id: 'submitted', dataset: { jobId: json.id } }, what, el('code', {}, json.id), ` (${json.state}).`));
      announce(`Submitted: job ${json.id.slice(0, 8)} is ${json.state}; its row in the table follows it.`);
      await refresh();
    } catch (e) {
      clear(result, problemBlock(e, 'submit-problems'));
    }
  });
  return [form, result];
}

start(async () => {
  const [teachers, mappings, alignments] = await Promise.all([api('/teachers'), api('/mappings'), api('/alignments')]);
  clear($('#content'),
    el('p', { id: 'polling', role: 'status', 'aria-live': 'off' }),
    el('div', { id: 'jobs-error' }),
    el('div', { id: 'jobs-holder' }),
    section('Submit a backfill', el('p', { class: 'lead' },
      'The same job again is idempotent: when the set exists the answer is a job that succeeded at once and reused it.'),
    ...submitForm(teachers, mappings, alignments)));
  await refresh();
});
