// The agent console: sign in (demo), the queue, one conversation at a time, replies and notes, live over
// /api/agent/ws. Everything the server sends is shown as text, never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem('nora.agent.token'), agent: null, openId: null, details: null, ws: null, seen: new Set() };

  // What agents read: plain Norwegian for the codes the API sends.
  const LABELS = {
    reason: { hardship: 'Økonomiske problemer', complaint: 'Klage', requested: 'Ba om en person',
      not_understood: 'Boten forstod ikke', case_api_down: 'Saksystemet svarte ikke' },
    wanted: { invoice_copy: 'Kopi av faktura', payment_received: 'Sjekke innbetaling', instalment_request: 'Nedbetalingsplan',
      deferral_request: 'Utsettelse', balance_inquiry: 'Saldo', complaint: 'Klage', fraud_check: 'Er meldingen ekte?',
      hardship: 'Økonomiske problemer', contact_info: 'Kontaktinfo' },
    status: { queued: 'I kø', assigned: 'Tatt', bot: 'Hos Nora', closed: 'Avsluttet', expired: 'Utløpt' },
    channel: { web: 'Chat', sms: 'SMS' },
    language: { nb: 'Bokmål', nn: 'Nynorsk', en: 'Engelsk' },
    collected: { monthly: 'Beløp per måned', months: 'Antall måneder', date: 'Dato', 'offer.amount': 'Tilbudt beløp',
      'offer.months': 'Tilbudt antall måneder', complaint: 'Klagen' }
  };
  const label = (kind, code) => (LABELS[kind] && LABELS[kind][code]) || code;

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + state.token }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const json = await response.json().catch(() => ({}));
    if (response.status === 401) { signOut(); }
    if (!response.ok) { throw new Error(json.message || ('HTTP ' + response.status)); }
    return json;
  }

  function showError(text) {
    $('error').textContent = text;
    $('error').hidden = !text;
  }

  $('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/demo/agent-login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: $('name').value, role: $('role').value })
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('sign-in-error').textContent = json.message || 'Innlogging feilet.';
      $('sign-in-error').hidden = false;
      return;
    }
    state.token = json.token;
    sessionStorage.setItem('nora.agent.token', state.token);
    start();
  });

  function signOut() {
    sessionStorage.removeItem('nora.agent.token');
    state.token = null;
    if (state.ws) { state.ws.close(); }
    $('console').hidden = true;
    $('sign-in').hidden = false;
  }

  async function start() {
    $('sign-in').hidden = true;
    $('console').hidden = false;
    await loadQueue();
    connect();
  }

  function minutes(seconds) {
    return seconds < 60 ? 'under 1 min' : Math.floor(seconds / 60) + ' min';
  }

  async function loadQueue() {
    const json = await api('GET', '/api/agent/queue');
    state.agent = json.agent;
    $('who').textContent = json.agent.name + (json.agent.role === 'supervisor' ? ' (leder)' : '');
    const list = $('queue');
    list.replaceChildren();
    json.queue.forEach((entry) => {
      const li = document.createElement('li');
      li.dataset.id = entry.conversationId;
      li.className = entry.conversationId === state.openId ? 'open' : '';
      const title = document.createElement('div');
      if (entry.priority === 0) {
        const p = document.createElement('span');
        p.className = 'priority';
        p.textContent = 'Prioritet · ';
        title.append(p);
      }
      title.append(label('reason', entry.reason) + ' · ' + label('channel', entry.channel) + ' · ' + label('language', entry.language));
      const meta = document.createElement('div');
      meta.className = 'meta';
      const who = entry.agent ? (entry.agent.id === state.agent.id ? 'din samtale' : 'hos ' + entry.agent.name) : 'venter';
      meta.textContent = minutes(entry.waitingSeconds) + ' · ' + who + (entry.caseId ? ' · sak ' + entry.caseId : '')
        + (entry.leftMessage ? ' · melding' : '');
      if (entry.agent && entry.agent.id === state.agent.id) { meta.classList.add('mine'); }
      li.append(title, meta);
      li.addEventListener('click', () => open(entry.conversationId));
      list.append(li);
    });
    $('queue-empty').hidden = json.queue.length > 0;
  }

  async function open(id) {
    showError('');
    if (state.openId && state.openId !== id && state.ws && state.ws.readyState === 1) {
      state.ws.send(JSON.stringify({ type: 'unwatch', conversationId: state.openId }));
    }
    state.openId = id;
    try {
      state.details = await api('GET', '/api/agent/conversations/' + id);
    } catch (e) {
      showError(e.message);
      return;
    }
    if (state.ws && state.ws.readyState === 1) {
      state.ws.send(JSON.stringify({ type: 'watch', conversationId: id }));
    }
    renderDetails();
    document.querySelectorAll('#queue li').forEach((li) => li.classList.toggle('open', li.dataset.id === id));
  }

  function renderDetails() {
    const d = state.details;
    $('conversation').hidden = false;
    const dl = document.createElement('dl');
    const add = (label, value) => {
      if (value === null || value === undefined || value === '') { return; }
      const dt = document.createElement('dt'); dt.textContent = label;
      const dd = document.createElement('dd'); dd.textContent = value;
      dl.append(dt, dd);
    };
    add('Status', label('status', d.status));
    add('Kanal', label('channel', d.channel));
    add('Språk', label('language', d.language));
    add('Sak', d.caseId);
    add('Årsak', label('reason', d.reason));
    if (d.summary) {
      add('Ønsket', label('wanted', d.summary.wanted));
      // Only what the debtor gave; the dialogue's own bookkeeping (step, offered cases) says nothing to an agent.
      const collected = Object.entries(d.summary.collected || {}).filter(([k]) => LABELS.collected[k])
        .map(([k, v]) => LABELS.collected[k] + ': ' + v).join(', ');
      add('Innhentet', collected);
    }
    if (d.waitingSeconds !== undefined) { add('Ventet', minutes(d.waitingSeconds)); }
    $('summary').replaceChildren(dl);
    const mine = d.agent && d.agent.id === state.agent.id;
    $('claim').disabled = d.status !== 'queued';
    $('release').disabled = d.status !== 'assigned' || !(mine || state.agent.role === 'supervisor');
    $('close').disabled = $('release').disabled;
    $('send').disabled = false;
    const list = $('transcript');
    list.replaceChildren();
    state.seen = new Set();
    d.transcript.forEach(appendMessage);
  }

  function appendMessage(m) {
    if (state.seen.has(m.id)) { return; }
    state.seen.add(m.id);
    const li = document.createElement('li');
    li.className = m.from + (m.internal ? ' internal' : '');
    li.dataset.id = m.id;
    const from = document.createElement('span');
    from.className = 'from';
    const names = { debtor: 'Kunde', bot: 'Nora', agent: 'Rådgiver', system: 'System' };
    from.textContent = (names[m.from] || m.from) + (m.internal ? ' · privat notat' : '') + ' · '
      + new Date(m.at).toLocaleTimeString('nb-NO', { hour: '2-digit', minute: '2-digit' });
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    li.append(from, text);
    $('transcript').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  async function act(action) {
    showError('');
    try {
      await api('POST', '/api/agent/conversations/' + state.openId + '/' + action, {});
      await Promise.all([open(state.openId), loadQueue()]);
    } catch (e) {
      showError(e.message);
    }
  }
  $('claim').addEventListener('click', () => act('claim'));
  $('release').addEventListener('click', () => act('release'));
  $('close').addEventListener('click', () => act('close'));

  document.querySelectorAll('#canned button').forEach((b) => b.addEventListener('click', () => {
    $('reply-text').value = b.dataset.text;
    $('reply-text').focus();
  }));

  let lastTyping = 0;
  $('reply-text').addEventListener('input', () => {
    const now = Date.now();
    if (state.ws && state.ws.readyState === 1 && state.openId && now - lastTyping > 2000) {
      lastTyping = now;
      state.ws.send(JSON.stringify({ type: 'typing', conversationId: state.openId }));
    }
  });

  $('reply').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('reply-text').value.trim();
    if (!text || !state.openId) { return; }
    showError('');
    try {
      const json = await api('POST', '/api/agent/conversations/' + state.openId + '/messages',
        { text, private: $('private').checked });
      appendMessage(json.message);
      $('reply-text').value = '';
    } catch (e) {
      showError(e.message);
    }
  });

  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/agent/ws');
    state.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: state.token }));
    ws.onmessage = (event) => {
      const e = JSON.parse(event.data);
      if (e.type === 'ready') {
        $('live').textContent = 'tilkoblet';
        $('live').className = 'online';
        if (state.openId) { ws.send(JSON.stringify({ type: 'watch', conversationId: state.openId })); }
      } else if (e.type === 'queue') {
        loadQueue();
        if (e.conversationId === state.openId) { open(state.openId); }
      } else if ((e.type === 'message' || e.type === 'note') && e.conversationId === state.openId) {
        appendMessage(e.message);
      } else if (e.type === 'message-updated' && e.conversationId === state.openId) {
        const li = document.querySelector('#transcript li[data-id="' + CSS.escape(e.message.id) + '"] .text');
        if (li) { li.textContent = e.message.text; }
      } else if (e.type === 'status' && e.conversationId === state.openId) {
        open(state.openId);
      }
    };
    ws.onclose = () => {
      $('live').textContent = 'frakoblet';
      $('live').className = 'offline';
      // Reconnect, and resync from the API: events missed meanwhile are in the store.
      if (state.token) {
        setTimeout(() => { if (state.token) { loadQueue().catch(() => {}); if (state.openId) { open(state.openId); } connect(); } }, 2000);
      }
    };
  }

  if (state.token) { start().catch(signOut); }
}());
