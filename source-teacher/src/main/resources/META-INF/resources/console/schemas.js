// Schemas: each of the team's target schemas with every version and the compatibility of each new
// version with the one before (as the API reports it), and the fields of the latest version.
import { $, api, apiWithStatus, badge, clear, date, el, empty, idCode, problemBlock, section, seg, start, table, announce } from './console.js';

function names(list) {
  return list.length ? list.map((n) => el('code', {}, n)).flatMap((c, i) => (i ? [', ', c] : [c])) : '—';
}

function compatibility(c) {
  if (!c) return el('span', { class: 'muted' }, 'first version');
  return el('div', {},
    c.compatible ? badge(`compatible with v${c.with}`, 'ok') : badge(`not compatible with v${c.with}`, 'error'),
    el('ul', { class: 'plain changes' },
      el('li', {}, 'added: ', names(c.added || [])),
      el('li', {}, 'removed: ', names(c.removed || [])),
      el('li', {}, 'changed: ', names(c.changed || []))));
}

function typeText(type) {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.map(typeText).join(' | ');
  if (type && type.type === 'array') return `array<${typeText(type.items)}>`;
  if (type && type.type === 'map') return `map<${typeText(type.values)}>`;
  if (type && type.name) return `${type.type} ${type.name}`;
  return type && type.type ? type.type : JSON.stringify(type);
}

async function schema(name) {
  const [versions, latest] = await Promise.all([api(`/schemas/${seg(name)}/versions`), api(`/schemas/${seg(name)}`)]);
  const fields = (latest.body && latest.body.fields) || [];
  return { name, versions, latest, section: el('section', { class: 'schema', dataset: { schema: name }, 'aria-labelledby': `schema-${name}` },
    el('h2', { id: `schema-${name}` }, idCode(name, `schema name ${name}`)),
    table({
      caption: `Versions of ${name}`,
      rows: versions,
      rowAttrs: (v) => ({ dataset: { version: v.version } }),
      columns: [
        { label: 'Version', num: true, cell: (v) => String(v.version) },
        { label: 'Registered', cell: (v) => date(v.createdAt) },
        { label: 'Content hash', cell: (v) => idCode(v.contentHash, `content hash of ${v.ref}`, { short: true }) },
        { label: 'Compatibility with the previous version', cell: (v) => compatibility(v.compatibility) },
      ],
    }),
    table({
      caption: `Fields of ${latest.ref} (latest)`,
      rows: fields,
      columns: [
        { label: 'Field', cell: (f) => el('code', {}, f.name) },
        { label: 'Type', cell: (f) => el('code', {}, typeText(f.type)) },
        { label: 'Default', cell: (f) => ('default' in f ? el('code', {}, JSON.stringify(f.default)) : '—') },
        { label: 'Doc', cell: (f) => f.doc || '' },
      ],
    })) };
}

function overview(schemas) {
  return table({
    caption: 'Your target schemas',
    rows: schemas,
    rowAttrs: (s) => ({ dataset: { name: s.name } }),
    columns: [
      { label: 'Schema', cell: (s) => el('a', { href: `#schema-${s.name}` }, s.name) },
      { label: 'Latest', num: true, cell: (s) => `v${s.latest.version}` },
      { label: 'Versions', num: true, cell: (s) => String(s.versions.length) },
      { label: 'Fields', num: true, cell: (s) => String(((s.latest.body && s.latest.body.fields) || []).length) },
      { label: 'Registered', cell: (s) => date(s.latest.createdAt) },
      { label: 'Latest change', cell: (s) => { const c = s.versions[s.versions.length - 1].compatibility;
        return c ? (c.compatible ? badge(`compatible with v${c.with}`, 'ok') : badge(`not compatible with v${c.with}`, 'error')) : 'first version'; } },
    ],
  });
}

function registerForm(redraw) {
  const result = el('div', { id: 'schema-result' });
  const form = el('form', { id: 'register-schema', class: 'stack' },
    el('div', { class: 'field' },
      el('label', { for: 'schema-text' }, 'Avro record schema (JSON)'),
      el('textarea', { id: 'schema-text', class: 'code', rows: 10, spellcheck: 'false', required: true, 'aria-describedby': 'schema-hint',
        placeholder: '{"type": "record", "name": "Listen", "namespace": "com.music", "fields": [{"name": "id", "type": "string"}, …]}' }),
      el('span', { class: 'hint', id: 'schema-hint' },
        'Its full name (namespace.name) is its name. A new version must be backward compatible with the latest one; the same schema again returns the existing version.')),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Register schema')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    try {
      const { status, json } = await apiWithStatus('/schemas', { body: $('#schema-text').value });
      clear(result, el('p', { id: 'schema-saved', dataset: { ref: json.ref } }, status === 201 ? 'Registered ' : 'Identical to the existing ',
        el('code', {}, json.ref), '.'));
      announce(status === 201 ? `Registered ${json.ref}.` : `Identical to ${json.ref}.`);
      await redraw();
    } catch (e) {
      clear(result, problemBlock(e, 'schema-problems'));
    }
  });
  return section('Register a schema version', form, result);
}

async function draw() {
  const list = await api('/schemas');
  clear($('#content'), list.length === 0
    ? empty('no schemas yet — register your target schema (an Avro record schema) with the form below')
    : await Promise.all(list.map(schema)).then((schemas) => [overview(schemas), schemas.map((x) => x.section)]));
}

start(async () => {
  await draw();
  $('#content').after(registerForm(draw));
});
