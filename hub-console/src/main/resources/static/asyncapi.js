'use strict';

// The hub's AsyncAPI document as tables: /asyncapi.json is the console's JSON rendering of /asyncapi.yaml.

function cell(row, content) {
  const td = document.createElement('td');
  if (content instanceof Node) {
    td.append(content);
  } else {
    td.textContent = content == null ? '' : String(content);
  }
  row.append(td);
}

function code(text) {
  const element = document.createElement('code');
  element.textContent = text;
  return element;
}

function list(items) {
  const ul = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    li.textContent = item;
    ul.append(li);
  }
  return ul;
}

// '#/channels/hubRequests/messages/create_user' -> 'create_user'
function refName(value) {
  const ref = value && value.$ref;
  return ref ? ref.substring(ref.lastIndexOf('/') + 1) : '';
}

function bindings(channel) {
  const amqp = (channel.bindings || {}).amqp;
  if (!amqp) {
    return '';
  }
  const lines = [];
  if (amqp.exchange) {
    lines.push('exchange ' + amqp.exchange.name + ' (' + amqp.exchange.type + ')');
  }
  if (amqp.queue) {
    lines.push('queue ' + amqp.queue.name);
  }
  if (channel['x-bound-to']) {
    lines.push('bound to ' + channel['x-bound-to']);
  }
  return list(lines.length ? lines : ['amqp: ' + amqp.is]);
}

function fillChannels(channels) {
  const body = document.querySelector('#channels tbody');
  for (const [id, channel] of Object.entries(channels || {})) {
    const row = document.createElement('tr');
    cell(row, code(id));
    cell(row, channel.address == null ? '' : code(channel.address));
    cell(row, channel.description || channel.title || '');
    cell(row, bindings(channel));
    body.append(row);
  }
}

function fillOperations(operations) {
  const body = document.querySelector('#operations tbody');
  for (const [id, operation] of Object.entries(operations || {})) {
    const row = document.createElement('tr');
    cell(row, code(id));
    cell(row, (operation.tags || []).map((tag) => tag.name).join(', '));
    cell(row, operation.action);
    cell(row, code(refName(operation.channel)));
    cell(row, list((operation.messages || []).map(refName)));
    body.append(row);
  }
}

function fillMessages(messages) {
  const body = document.querySelector('#messages tbody');
  for (const [id, message] of Object.entries(messages || {})) {
    const row = document.createElement('tr');
    cell(row, code(message.name || id));
    cell(row, [message.title, message.summary].filter(Boolean).join(': '));
    const example = (message.examples || [])[0];
    if (example) {
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(example.payload, null, 2);
      cell(row, pre);
    } else {
      cell(row, '');
    }
    body.append(row);
  }
}

async function load() {
  try {
    const response = await fetch('asyncapi.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error('/asyncapi.json answered ' + response.status);
    }
    const document_ = await response.json();
    const info = document_.info || {};
    document.getElementById('title').textContent = (info.title || 'AsyncAPI document') + ': messages';
    document.getElementById('version').textContent = 'AsyncAPI ' + document_.asyncapi + ', version ' + info.version;
    document.getElementById('description').textContent = info.description || '';
    fillChannels(document_.channels);
    fillOperations(document_.operations);
    fillMessages((document_.components || {}).messages);
  } catch (error) {
    const message = document.getElementById('message');
    message.textContent = error.message;
    message.hidden = false;
  }
}

load();
