// Sign-in and overview: the key is checked with GET /api/v1/me and kept in sessionStorage; signed in,
// the page shows what the team has registered, each count taken from a list answer of the API.
import { $, api, clear, el, empty, link, num, params, safeNext, start, storeKey, forgetKey, ApiError, problemBlock, announce } from './console.js';

function signIn() {
  const form = $('#sign-in');
  form.hidden = false;
  const next = safeNext(params().get('next'));
  if (next) announce(`Sign in to open ${next.split('?')[0]}.`);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = $('#api-key').value.trim();
    const box = $('#error');
    box.hidden = true;
    clear(box);
    if (!key) {
      clear(box, problemBlock(new Error('enter your team key'), null, { alert: false }));
      box.hidden = false;
      return;
    }
    try {
      const me = await api('/me', { key });
      storeKey(key);
      announce(`Signed in as team ${me.team}.`);
      location.assign(next || 'index.html');
    } catch (e) {
      forgetKey();
      const message = e instanceof ApiError && e.status === 401 ? new ApiError(401, { detail: 'this key is not a team key the service knows: check it and try again' }) : e;
      clear(box, problemBlock(message, null, { alert: false }));
      box.hidden = false;
      $('#api-key').focus();
    }
  });
  $('#api-key').focus();
}

async function overview(me) {
  $('#page-title').textContent = `Overview: team ${me.team}`;
  document.querySelector('.lead').textContent = 'What your team has registered, and what is running. Each number is the length of an API list.';
  const [teachers, schemas, mappings, alignments, labelSets, backfills, reports] = await Promise.all([
    api('/teachers'), api('/schemas'), api('/mappings'), api('/alignments'), api('/label-sets'), api('/backfills'),
    api('/reports'),
  ]);
  const serving = teachers.find((t) => t.serving);
  const active = backfills.filter((j) => j.state === 'QUEUED' || j.state === 'RUNNING');
  const card = (title, count, href, note) => el('div', { class: 'card' },
    el('h2', {}, link(href, title)), el('p', { class: 'big' }, num(count)), el('p', {}, note));
  clear($('#content'),
    el('div', { class: 'cards' },
      card('Teachers', teachers.length, 'teachers.html',
        serving ? ['serving: ', el('code', {}, `${serving.id} v${serving.version}`)] : 'no teacher serves labels'),
      card('Schemas', schemas.length, 'schemas.html', schemas.length ? 'target schemas of your team' : 'register one with POST /api/v1/schemas'),
      card('Mappings', mappings.length, 'mappings.html', mappings.length ? 'target records → teacher inputs' : ['none yet — ', link('editor.html?kind=mapping', 'write one in the editor')]),
      card('Alignments', alignments.length, 'alignments.html', alignments.length ? 'teacher heads → your tasks' : ['none yet — ', link('editor.html?kind=alignment', 'write one in the editor')]),
      card('Label sets', labelSets.length, 'label-sets.html', 'complete sets from your mappings'),
      card('Backfills', backfills.length, 'backfills.html', active.length ? `${active.length} queued or running` : 'none queued or running'),
      card('Reports', reports.length, 'reports.html', 'student compare reports')),
    mappings.length === 0 ? empty('Getting started: register a target schema, then write a mapping in the editor', 'editor.html?kind=mapping', 'open the editor') : null);
}

start(async (me) => {
  if (!me) {
    signIn();
    return;
  }
  const next = safeNext(params().get('next'));
  if (next) {
    location.replace(next);
    return;
  }
  await overview(me);
}, { needsKey: false });
