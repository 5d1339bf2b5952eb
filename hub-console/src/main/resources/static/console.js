// The operator's page over the console's REST API (/dead-letters). The API key is kept in sessionStorage only and
// sent as X-API-Key with every call; errors (problem bodies, RFC 9457) are shown, never swallowed.
'use strict';

const KEY_ITEM = 'hub-console-api-key';
const REFRESH_MS = 5000;
let refreshTimer = null;
let shownId = null;

const $ = (id) => document.getElementById(id);

class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  const title = problem && problem.title ? problem.title : 'Request failed';
  const detail = problem && problem.detail ? ': ' + problem.detail : '';
  return status + ' ' + title + detail;
}

async function api(method, path, body) {
  const headers = { 'X-API-Key': sessionStorage.getItem(KEY_ITEM) || '', 'Accept': 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'The console did not answer', detail: String(e) });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = { detail: text.slice(0, 300) };
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

function show(text, kind) {
  const message = $('message');
  message.textContent = text;
  message.className = kind;
  message.hidden = false;
}

function showError(error) {
  show(error instanceof ApiError ? error.message : 'Error: ' + error, 'error');
  if (error instanceof ApiError && error.status === 401) {
    forgetKey(false);
  }
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function button(label, handler) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', handler);
  return b;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

function query(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value) {
      q.set(name, value);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function refreshGroups() {
  const groups = await api('GET', '/dead-letters/groups');
  const totals = { pending: 0, replayed: 0, discarded: 0, count: 0 };
  const body = $('groups').querySelector('tbody');
  body.replaceChildren();
  for (const g of groups) {
    totals.pending += g.pending;
    totals.replayed += g.replayed;
    totals.discarded += g.discarded;
    totals.count += g.count;
    const row = document.createElement('tr');
    row.dataset.group = g.group;
    cell(row, g.failure_kind);
    cell(row, g.exception_class);
    cell(row, g.reason_template, 'reason');
    cell(row, g.count, 'count');
    cell(row, g.pending, 'pending');
    cell(row, g.replayed, 'replayed');
    cell(row, g.discarded, 'discarded');
    cell(row, when(g.last_seen));
    const actions = cell(row, '');
    actions.appendChild(button('Show', () => filterGroup(g.group)));
    actions.appendChild(button('Replay', () => replayGroup(g)));
    actions.appendChild(button('Discard', () => discardGroup(g)));
    body.appendChild(row);
  }
  $('count-pending').textContent = totals.pending;
  $('count-replayed').textContent = totals.replayed;
  $('count-discarded').textContent = totals.discarded;
  $('count-total').textContent = totals.count;
}

async function refreshLetters() {
  const page = await api('GET', '/dead-letters' + query({
    queue: $('filter-queue').value.trim(),
    request_id: $('filter-request-id').value.trim(),
    text: $('filter-text').value.trim(),
    group: $('filter-group').value,
    limit: '100'
  }));
  const body = $('letters').querySelector('tbody');
  body.replaceChildren();
  for (const d of page.items) {
    const row = document.createElement('tr');
    row.dataset.id = d.id;
    cell(row, d.id);
    cell(row, when(d.failed_at));
    cell(row, d.queue);
    cell(row, d.message_type);
    cell(row, d.request_id, 'request-id');
    cell(row, d.failure_kind);
    cell(row, d.exception_message);
    cell(row, d.state, 'state state-' + d.state);
    row.addEventListener('click', () => showLetter(d.id).catch(showError));
    body.appendChild(row);
  }
  $('letters-total').textContent = page.items.length + ' shown of ' + page.total
    + ($('filter-group').value ? ' (group ' + $('filter-group').value + ')' : '');
}

async function refresh() {
  await refreshGroups();
  await refreshLetters();
  if (shownId !== null) {
    await showLetter(shownId);
  }
  $('refreshed-at').textContent = new Date().toLocaleTimeString();
}

function refreshSoon() {
  refresh().catch(showError);
}

async function showLetter(id) {
  const d = await api('GET', '/dead-letters/' + id);
  shownId = id;
  $('detail-id').textContent = d.id;
  const fields = $('detail-fields');
  fields.replaceChildren();
  const names = ['state', 'queue', 'exchange', 'routing_key', 'message_id', 'message_type', 'request_id',
    'failure_kind', 'exception_class', 'exception_message', 'attempts', 'failed_service', 'failed_at',
    'received_at', 'replay_count', 'last_replayed_at', 'discarded_at', 'discard_note', 'group'];
  for (const name of names) {
    if (d[name] !== undefined && d[name] !== null) {
      const dt = document.createElement('dt');
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = String(d[name]);
      dd.id = 'detail-' + name.replace(/_/g, '-');
      fields.append(dt, dd);
    }
  }
  $('detail-headers').textContent = JSON.stringify(d.headers || {}, null, 2);
  $('detail-body').textContent = d.body !== undefined ? pretty(d.body) : '(not UTF-8, base64) ' + d.body_base64;
  $('detail').hidden = false;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

function note(input) {
  const value = $(input).value.trim();
  return value ? { note: value } : undefined;
}

async function replayOne() {
  const id = shownId;
  const state = $('detail-state') ? $('detail-state').textContent : 'pending';
  let confirmed = false;
  if (state !== 'pending') {
    if (!window.confirm('Dead letter ' + id + ' is ' + state + ' already. Replay it again?')) {
      return;
    }
    confirmed = true;
  }
  await api('POST', '/dead-letters/' + id + '/replay' + (confirmed ? '?confirm=true' : ''), note('detail-note'));
  show('Dead letter ' + id + ' replayed', 'info');
  await refresh();
}

async function discardOne() {
  const id = shownId;
  const body = note('detail-note');
  if (!body) {
    show('A discard needs a note: write why in the note field', 'error');
    return;
  }
  await api('POST', '/dead-letters/' + id + '/discard', body);
  show('Dead letter ' + id + ' discarded', 'info');
  await refresh();
}

async function replayGroup(g) {
  let confirmed = false;
  if (g.pending === 0) {
    if (g.replayed === 0) {
      show('Group ' + g.group + ' has nothing to replay: all of it is discarded', 'error');
      return;
    }
    if (!window.confirm('All ' + g.replayed + ' dead letters of this group were replayed already. Replay them again?')) {
      return;
    }
    confirmed = true;
  }
  try {
    const outcome = await api('POST', '/dead-letters/groups/' + encodeURIComponent(g.group) + '/replay'
      + (confirmed ? '?confirm=true' : ''), note('group-note'));
    const failed = outcome.failed.map((f) => f.id + ': ' + f.reason);
    show('Replayed ' + outcome.replayed.length + ' of group ' + g.group
      + (failed.length ? '; not replayed: ' + failed.join('; ') : ''), failed.length ? 'error' : 'info');
  } catch (e) {
    showError(e);
  }
  refreshSoon();
}

async function discardGroup(g) {
  const body = note('group-note');
  if (!body) {
    show('A discard needs a note: write why in the note field above the groups', 'error');
    return;
  }
  try {
    const outcome = await api('POST', '/dead-letters/groups/' + encodeURIComponent(g.group) + '/discard', body);
    show('Discarded ' + outcome.discarded.length + ' of group ' + g.group, 'info');
  } catch (e) {
    showError(e);
  }
  refreshSoon();
}

function filterGroup(group) {
  $('filter-group').value = group;
  refreshLetters().catch(showError);
}

function start() {
  $('key-form').hidden = true;
  $('console').hidden = false;
  $('forget-key').hidden = false;
  refreshSoon();
  if (refreshTimer === null) {
    refreshTimer = window.setInterval(refreshSoon, REFRESH_MS);
  }
}

function forgetKey(clearMessage) {
  sessionStorage.removeItem(KEY_ITEM);
  if (refreshTimer !== null) {
    window.clearInterval(refreshTimer);
    refreshTimer = null;
  }
  shownId = null;
  $('console').hidden = true;
  $('detail').hidden = true;
  $('forget-key').hidden = true;
  $('key-form').hidden = false;
  $('key').value = '';
  if (clearMessage) {
    $('message').hidden = true;
  }
}

async function openWithKey(event) {
  event.preventDefault();
  sessionStorage.setItem(KEY_ITEM, $('key').value.trim());
  try {
    // a call that needs READ: a wrong key is told here, before the page opens
    await api('GET', '/dead-letters/groups');
    $('message').hidden = true;
    start();
  } catch (e) {
    showError(e);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('key-form').addEventListener('submit', openWithKey);
  $('forget-key').addEventListener('click', () => forgetKey(true));
  $('filter').addEventListener('submit', (event) => {
    event.preventDefault();
    refreshLetters().catch(showError);
  });
  $('filter-clear').addEventListener('click', () => {
    $('filter').reset();
    $('filter-group').value = '';
    refreshLetters().catch(showError);
  });
  $('detail-replay').addEventListener('click', () => replayOne().catch(showError));
  $('detail-discard').addEventListener('click', () => discardOne().catch(showError));
  $('detail-close').addEventListener('click', () => {
    shownId = null;
    $('detail').hidden = true;
  });
  if (sessionStorage.getItem(KEY_ITEM)) {
    start();
  }
});
