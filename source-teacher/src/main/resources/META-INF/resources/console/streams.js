// Streams: this instance's Kafka label stream when one is configured for the team (operators see it
// always): state, topics, throughput, counters and lag as the API reports them, refreshed every five seconds.
import { $, api, badge, clear, el, empty, facts, idCode, num, start } from './console.js';

const REFRESH_MS = 5000;

function stream(s) {
  return el('section', { class: 'stream', dataset: { stream: s.instanceId || s.groupId || 'stream' }, 'aria-label': `stream ${s.inputTopic || ''}` },
    el('h2', {}, 'Stream ', el('code', {}, s.inputTopic || '—'), ' → ', el('code', {}, s.outputTopic || '—'), ' ',
      badge(s.state, s.state === 'RUNNING' ? 'ok' : s.state === 'FAILED' ? 'error' : 'warning')),
    s.reason ? el('p', { class: 'refused' }, s.reason) : null,
    el('div', { class: 'cards' },
      ['recordsPerSecond', 'records', 'labels', 'deadLetters', 'transactions', 'aborts', 'lag'].map((k) => el('div', { class: 'card', dataset: { counter: k } },
        el('h3', {}, { recordsPerSecond: 'Throughput (records/s, last minute)', records: 'Records read', labels: 'Labels written', deadLetters: 'Dead letters', transactions: 'Transactions committed',
          aborts: 'Batches aborted', lag: 'Lag (records behind)' }[k]),
        el('p', { class: 'big' }, num(s[k] ?? null))))),
    facts([
      ['Team', s.team], ['Mapping', s.mapping ? el('code', {}, s.mapping) : null], ['Alignment', s.alignment ? el('code', {}, s.alignment) : null],
      ['Dead-letter topic', s.deadLetterTopic ? el('code', {}, s.deadLetterTopic) : null],
      ['Group id', s.groupId ? idCode(s.groupId, 'group id') : null], ['Instance id', s.instanceId ? idCode(s.instanceId, 'instance id') : null],
      ['Transactional id', s.transactionalId ? idCode(s.transactionalId, 'transactional id') : null],
      ['Partitions', s.partitions && s.partitions.length ? s.partitions.join(', ') : 'none assigned'],
      ['Teacher of the last batch', s.teacherHash ? idCode(s.teacherHash, 'teacher hash', { short: true }) : null],
    ]));
}

async function draw(me) {
  const streams = await api('/streams');
  clear($('#content'), streams.length === 0
    ? empty(me.operator
      ? 'no label stream is configured on this instance: crossdistill.stream.* configures one (docs/operations.md, "Label streams")'
      : 'no label stream for your team on this instance: an operator configures one with crossdistill.stream.* (docs/operations.md, "Label streams")')
    : [el('p', { class: 'muted' }, `Counters since this instance started; refreshed every ${REFRESH_MS / 1000} s.`), streams.map(stream)]);
  return streams;
}

start(async (me) => {
  const streams = await draw(me);
  if (streams.length) setInterval(() => draw(me).catch(() => {}), REFRESH_MS);
});
