// Reports: the student compare reports of the team's label sets, each with the label sets it used;
// the report's HTML is fetched with the key and shown through a blob: URL (in a frame, or a new tab).
import { $, api, clear, date, el, empty, idCode, link, num, params, problemBlock, seg, start, table, announce } from './console.js';

let openUrl = null;

const SUMMARY = [
  ['data', 'data'], ['tasks', 'tasks'], ['variants', 'variants'], ['fractions', 'training fractions'], ['seeds', 'seeds'],
  ['runs', 'runs'], ['comparisons', 'comparisons'], ['significant', 'significant'],
];

/** What the run compared, as the API summarises its metrics.json (known fields first, any others after). */
function summaryText(summary) {
  if (!summary || typeof summary !== 'object') return '—';
  const value = (v) => (Array.isArray(v) ? (v.length ? v.map((x) => (typeof x === 'number' ? num(x) : String(x))).join(', ') : '—')
    : typeof v === 'number' ? num(v) : v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const known = new Set(SUMMARY.map(([k]) => k));
  const rows = [...SUMMARY.filter(([k]) => k in summary), ...Object.keys(summary).filter((k) => !known.has(k)).map((k) => [k, k])];
  return el('ul', { class: 'plain summary' }, rows.map(([k, label]) => el('li', {}, `${label}: `, value(summary[k]))));
}

/** The label sets of a run: each linked to its page when the caller can read it in the service's store. */
function labelSetCell(report) {
  const details = new Map((report.labelSetDetails || []).map((d) => [d.id, d]));
  const ids = report.labelSets || [];
  if (ids.length === 0) return '—';
  const readable = (id) => (details.has(id) ? details.get(id).inService : true);
  const list = el('ul', { class: 'plain label-sets' }, ids.map((id) => {
    const d = details.get(id);
    return el('li', {}, idCode(id, `label set id ${id}`, { short: true, href: readable(id) ? `label-sets.html?id=${seg(id)}` : null }),
      d && d.mapping ? el('span', { class: 'muted' }, ` ${d.mapping} · ${d.alignment}`) : null);
  }));
  const inService = ids.filter(readable).length;
  const note = inService === ids.length ? ''
    : inService === 0 ? ' (in the run\'s directory, not in this service\'s label store)'
      : ` (${inService} in this service's label store, the others only in the run's directory)`;
  if (ids.length <= 2 && !note) return list;
  return el('details', {}, el('summary', {}, `${ids.length} label set${ids.length === 1 ? '' : 's'}${note}`), list);
}

async function open(report, button) {
  const viewer = $('#viewer');
  button.disabled = true;
  try {
    const blob = await api(`/reports/${seg(report.id)}/html`, { blob: true });
    if (openUrl) URL.revokeObjectURL(openUrl);
    openUrl = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
    clear(viewer,
      el('h2', { id: 'viewer-title' }, report.title || report.id),
      el('p', {}, link(openUrl, 'Open this report in a new tab'), ' · ', el('button', { type: 'button', id: 'close-report' }, 'Close')),
      el('iframe', { class: 'report-frame', src: openUrl, title: `Report ${report.title || report.id}`, sandbox: 'allow-popups allow-popups-to-escape-sandbox' }));
    viewer.querySelector('a').target = '_blank';
    viewer.querySelector('a').rel = 'noopener';
    $('#close-report').addEventListener('click', () => {
      clear(viewer);
      button.focus();
    });
    viewer.hidden = false;
    $('#viewer-title').scrollIntoView();
    announce(`Opened report ${report.title || report.id}.`);
  } catch (e) {
    clear(viewer, problemBlock(e));
    viewer.hidden = false;
  } finally {
    button.disabled = false;
  }
}

start(async () => {
  const reports = await api('/reports');
  const content = $('#content');
  if (reports.length === 0) {
    clear(content, empty('no student reports yet: a `student compare` run whose label sets are yours shows up here'));
    return;
  }
  clear(content, table({
    caption: 'Student reports, with the label sets they used',
    rows: reports,
    rowAttrs: (r) => ({ dataset: { report: r.id } }),
    columns: [
      { label: 'Report', className: 'wrap', cell: (r) => r.title || r.id },
      // next to the title, so that opening a report never needs a sideways scroll
      { label: 'HTML', cell: (r) => {
        const button = el('button', { type: 'button', class: 'open-report', 'aria-label': `Open report ${r.title || r.id}` }, 'Open');
        button.addEventListener('click', () => open(r, button));
        return button;
      } },
      { label: 'Id', cell: (r) => idCode(r.id, `report id ${r.id}`, { short: true }) },
      { label: 'Created', cell: (r) => date(r.createdAt) },
      { label: 'Label sets', className: 'wrap', cell: labelSetCell },
      { label: 'Students', num: true, cell: (r) => num(r.students) },
      { label: 'Summary', className: 'wrap', cell: (r) => [summaryText(r.summary), r.problems && r.problems.length
        ? el('ul', { class: 'problems' }, r.problems.map((p) => el('li', { class: 'problem warning', dataset: { pointer: p.pointer ?? '' } },
          el('code', { class: 'pointer' }, p.pointer || '(whole run)'), ' ', p.message))) : null] },
    ],
  }), el('section', { id: 'viewer', 'aria-labelledby': 'viewer-title', hidden: true }));
  const wanted = params().get('id');
  const row = wanted && content.querySelector(`tr[data-report="${CSS.escape(wanted)}"]`);
  if (row) {
    row.classList.add('highlight');
    await open(reports.find((r) => r.id === wanted), row.querySelector('button.open-report'));
  }
});
