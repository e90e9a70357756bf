// Reports: the student compare reports of the team's label sets, each with the label sets it used;
// the report's HTML is fetched with the key and shown through a blob: URL (in a frame, or a new tab).
import { $, api, clear, date, el, empty, idCode, link, num, params, problemBlock, seg, start, table, announce } from './console.js';

let openUrl = null;

function summaryText(summary) {
  if (!summary || typeof summary !== 'object') return '—';
  return el('ul', { class: 'plain' }, Object.entries(summary).map(([k, v]) => el('li', {}, `${k}: `,
    typeof v === 'number' ? num(v, 4) : typeof v === 'object' && v !== null ? el('code', {}, JSON.stringify(v)) : String(v))));
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
      { label: 'Report', cell: (r) => r.title || r.id },
      { label: 'Id', cell: (r) => idCode(r.id, `report id ${r.id}`, { short: true }) },
      { label: 'Created', cell: (r) => date(r.createdAt) },
      { label: 'Label sets', cell: (r) => (r.labelSets || []).map((id) => idCode(id, `label set id ${id}`, { short: true, href: `label-sets.html?id=${seg(id)}` })) },
      { label: 'Students', num: true, cell: (r) => num(r.students) },
      { label: 'Summary', cell: (r) => summaryText(r.summary) },
      { label: 'HTML', cell: (r) => {
        const button = el('button', { type: 'button', class: 'open-report', 'aria-label': `Open report ${r.title || r.id}` }, 'Open');
        button.addEventListener('click', () => open(r, button));
        return button;
      } },
    ],
  }), el('section', { id: 'viewer', 'aria-labelledby': 'viewer-title', hidden: true }));
  const wanted = params().get('id');
  const row = wanted && content.querySelector(`tr[data-report="${CSS.escape(wanted)}"]`);
  if (row) {
    row.classList.add('highlight');
    await open(reports.find((r) => r.id === wanted), row.querySelector('button.open-report'));
  }
});
