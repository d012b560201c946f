// The agent console: sign in (demo), the inbox views, one conversation at a time with the debtor beside it, canned
// replies, notes, transfer, release and close, live over /api/agent/ws, and the supervisor's dashboard. Everything
// the server sends is shown as text, never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = {
    token: sessionStorage.getItem('nora.agent.token'), agent: null, view: 'queue', items: [], openId: null,
    details: null, debtor: null, canned: null, ws: null, seen: new Set(), unreadMine: 0, queueCount: 0, noticeAt: 0
  };

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
      'offer.months': 'Tilbudt antall måneder', complaint: 'Klagen' },
    outcome: { released: 'Tilbake til Nora', resolved: 'Løst', plan_agreed: 'Nedbetalingsplan avtalt',
      deferral_agreed: 'Utsettelse avtalt', complaint_registered: 'Klage registrert',
      phone_follow_up: 'Følges opp på telefon', no_reply: 'Kunden svarte ikke' },
    intent: { invoice_copy: 'Kopi av faktura', payment_received: 'Sjekke innbetaling', instalment_request: 'Nedbetalingsplan',
      deferral_request: 'Utsettelse', balance_inquiry: 'Saldo', complaint: 'Klage', human_handoff: 'Vil snakke med et menneske',
      contact_info: 'Kontaktinfo', fraud_check: 'Er meldingen ekte?', hardship: 'Økonomiske problemer', greeting: 'Hilsen',
      goodbye: 'Avslutning', affirm: 'Ja', deny: 'Nei', out_of_scope: 'Utenfor det boten kan' },
    caseStatus: { open: 'Åpen', instalment_plan: 'Nedbetalingsplan', deferred: 'Utsatt', paid: 'Betalt', closed: 'Lukket' },
    view: { queue: 'Kø', mine: 'Mine', open: 'Alle åpne', ended: 'Nylig avsluttet' }
  };
  const label = (kind, code) => (LABELS[kind] && LABELS[kind][code]) || code;

  // API errors are English for developers; agents read what happened in Norwegian.
  const PROBLEMS = {
    403: 'Denne samtalen er ikke din lenger.', 404: 'Fant ikke samtalen. Den kan være slettet.',
    409: 'Samtalen er allerede tatt, overført eller avsluttet.', 429: 'For mange forespørsler. Vent litt.',
    503: 'Systemet svarer ikke akkurat nå. Prøv igjen.'
  };
  class ApiProblem extends Error {
    constructor(status) { super(PROBLEMS[status] || 'Noe gikk galt. Prøv igjen.'); this.status = status; }
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + state.token }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const json = await response.json().catch(() => ({}));
    if (response.status === 401) { signOut(); }
    if (!response.ok) { throw new ApiProblem(response.status); }
    return json;
  }

  function showError(text) {
    $('error').textContent = text;
    $('error').hidden = !text;
  }
  function notice(text) { $('notice').textContent = text; state.noticeAt = Date.now(); }

  // ---- Signing in and out. ----

  $('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/demo/agent-login', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: $('name').value, role: $('role').value })
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('sign-in-error').textContent = response.status === 404
        ? 'Demo-innlogging er slått av. Logg inn via selskapets innlogging.' : 'Innlogging feilet. Sjekk navnet.';
      $('sign-in-error').hidden = false;
      return;
    }
    state.token = json.token;
    sessionStorage.setItem('nora.agent.token', state.token);
    $('sign-in-error').hidden = true;
    start().catch(() => signOut());
  });

  function signOut() {
    sessionStorage.removeItem('nora.agent.token');
    state.token = null;
    state.agent = null;
    state.openId = null;
    if (state.ws) { state.ws.close(); state.ws = null; }
    $('console').hidden = true;
    $('session').hidden = true;
    $('sign-in-view').hidden = false;
    $('conversation').hidden = true;
    $('debtor').hidden = true;
    document.title = 'Nora – kundesenteret';
    $('name').focus();
  }
  $('sign-out').addEventListener('click', signOut);

  async function start() {
    // Nothing of the console shows before the API has said who this is and what waits.
    const [inbox, canned] = await Promise.all([api('GET', '/api/agent/inbox?view=queue'), api('GET', '/api/agent/canned-replies')]);
    state.agent = inbox.agent;
    state.canned = canned;
    const supervisor = state.agent.role === 'supervisor';
    $('who').textContent = state.agent.name + (supervisor ? ' (leder)' : '');
    $('view-open').hidden = !supervisor;
    $('view-dashboard').hidden = !supervisor;
    $('sign-in-view').hidden = true;
    $('session').hidden = false;
    $('console').hidden = false;
    $('console').classList.toggle('no-aside', !state.openId);
    $('sound').checked = localStorage.getItem('nora.agent.sound') === 'on';
    $('notify').hidden = !('Notification' in window) || Notification.permission !== 'default';
    showInbox(inbox);
    refreshAgents();
    connect();
    $('view-queue').focus();
  }

  // ---- The inbox. ----

  function minutes(seconds) {
    return seconds < 60 ? 'under 1 min' : Math.floor(seconds / 60) + ' min';
  }

  function seenKey() { return 'nora.agent.seen.' + (state.agent ? state.agent.id : ''); }
  function seenMessages() { return JSON.parse(localStorage.getItem(seenKey()) || '{}'); }
  function markSeen(id, messageId) {
    if (!messageId) { return; }
    const seen = seenMessages();
    seen[id] = messageId;
    localStorage.setItem(seenKey(), JSON.stringify(seen));
  }
  function unread(item) {
    return item.lastDebtorMessageId && item.status === 'assigned' && seenMessages()[item.conversationId] !== item.lastDebtorMessageId;
  }

  function inboxPath(view) {
    const params = new URLSearchParams({ view });
    [['channel', 'filter-channel'], ['language', 'filter-language'], ['reason', 'filter-reason']].forEach(([name, id]) => {
      if ($(id).value) { params.set(name, $(id).value); }
    });
    if ($('search').value.trim()) { params.set('q', $('search').value.trim()); }
    return '/api/agent/inbox?' + params;
  }

  async function loadInbox() {
    if (state.view === 'dashboard') { return loadDashboard(); }
    showInbox(await api('GET', inboxPath(state.view)));
  }

  function showInbox(json) {
    state.items = json.items;
    state.queueCount = json.counts.queue;
    Object.entries(json.counts).forEach(([view, count]) => {
      const button = $('view-' + view);
      if (button) { button.querySelector('.count').textContent = '(' + count + ')'; }
    });
    const list = $('queue');
    list.replaceChildren();
    json.items.forEach((entry) => list.append(inboxLine(entry)));
    $('queue-empty').hidden = json.items.length > 0;
    $('list-title').textContent = label('view', json.view);
    if (json.view === 'mine') { state.unreadMine = json.items.filter(unread).length; }
    updateTitle();
  }

  function inboxLine(entry) {
    const li = document.createElement('li');
    li.dataset.id = entry.conversationId;
    li.className = entry.conversationId === state.openId ? 'open' : '';
    const button = document.createElement('button');
    button.type = 'button';
    const title = document.createElement('div');
    if (entry.priority === 0) {
      const p = document.createElement('span');
      p.className = 'priority';
      p.textContent = 'Prioritet · ';
      title.append(p);
    }
    title.append(label('reason', entry.reason) + ' · ' + label('channel', entry.channel) + ' · ' + label('language', entry.language));
    if (unread(entry)) {
      const u = document.createElement('span');
      u.className = 'unread';
      u.textContent = 'ny melding';
      title.append(u);
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    const mine = entry.agent && entry.agent.id === state.agent.id;
    let who = entry.agent ? (mine ? 'din samtale' : 'hos ' + entry.agent.name) : 'venter';
    if (entry.outcome) { who = label('outcome', entry.outcome) + (entry.agent && !mine ? ' · ' + entry.agent.name : ''); }
    meta.textContent = (entry.outcome ? '' : minutes(entry.waitingSeconds) + ' · ') + who
      + (entry.caseId ? ' · sak ' + entry.caseId : '') + (entry.leftMessage ? ' · melding' : '');
    if (mine && !entry.outcome) { meta.classList.add('mine'); }
    button.append(title, meta);
    button.addEventListener('click', () => open(entry.conversationId));
    li.append(button);
    return li;
  }

  function selectView(view) {
    state.view = view;
    document.querySelectorAll('#views button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
    const dashboard = view === 'dashboard';
    $('dashboard').hidden = !dashboard;
    $('filters').hidden = dashboard;
    $('queue').hidden = dashboard;
    if (dashboard) {
      $('conversation').hidden = true;
      $('debtor').hidden = true;
      $('nothing-open').hidden = true;
      $('queue-empty').hidden = true;
      $('console').classList.add('no-aside');
    } else {
      $('conversation').hidden = !state.openId;
      $('nothing-open').hidden = !!state.openId;
      $('debtor').hidden = !state.openId;
      $('console').classList.toggle('no-aside', !state.openId);
    }
    loadInbox().catch((e) => notice(e.message));
  }
  document.querySelectorAll('#views button').forEach((b) => b.addEventListener('click', () => selectView(b.dataset.view)));

  let searchTimer = null;
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); loadInbox().catch((x) => notice(x.message)); });
  $('filters').addEventListener('change', () => loadInbox().catch((x) => notice(x.message)));
  $('search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => loadInbox().catch((x) => notice(x.message)), 300);
  });

  async function refreshMineUnread() {
    if (state.view === 'mine') { return; }
    const mine = await api('GET', '/api/agent/inbox?view=mine');
    state.unreadMine = mine.items.filter(unread).length;
    updateTitle();
  }

  function updateTitle() {
    const waiting = state.queueCount + state.unreadMine;
    document.title = (waiting > 0 ? '(' + waiting + ') ' : '') + 'Nora – kundesenteret';
  }

  async function refreshAgents() {
    const json = await api('GET', '/api/agent/agents');
    const list = $('agents');
    list.replaceChildren();
    json.agents.forEach((a) => {
      const li = document.createElement('li');
      li.textContent = a.name + (a.role === 'supervisor' ? ' (leder)' : '') + ' · ' + a.conversations
        + (a.conversations === 1 ? ' samtale' : ' samtaler');
      list.append(li);
    });
    state.agentsOnline = json.agents;
  }

  // ---- One conversation. ----

  async function open(id, quiet) {
    if (!quiet) { showError(''); }
    if (state.openId && state.openId !== id && state.ws && state.ws.readyState === 1) {
      state.ws.send(JSON.stringify({ type: 'unwatch', conversationId: state.openId }));
    }
    const switching = state.openId !== id;
    state.openId = id;
    let details;
    try {
      details = await api('GET', '/api/agent/conversations/' + id);
    } catch (e) {
      if (e.status === 403 || e.status === 404) { closePane(); }
      // A live refresh after this agent's own move (a transfer) keeps the notice that move left.
      if (!quiet || Date.now() - state.noticeAt > 3000) { notice(e.message); }
      return;
    }
    state.details = details;
    if (state.ws && state.ws.readyState === 1) {
      state.ws.send(JSON.stringify({ type: 'watch', conversationId: id }));
    }
    markSeen(id, details.lastDebtorMessageId);
    if (state.view === 'dashboard') { selectView('queue'); }
    renderDetails();
    document.querySelectorAll('#queue li').forEach((li) => li.classList.toggle('open', li.dataset.id === id));
    if (switching) {
      state.debtor = null;
      renderCanned();
      loadDebtor(id);
      $('conversation').focus();
    }
  }

  function closePane() {
    state.openId = null;
    state.details = null;
    $('conversation').hidden = true;
    $('debtor').hidden = true;
    $('nothing-open').hidden = false;
    $('console').classList.add('no-aside');
  }

  function renderDetails() {
    const d = state.details;
    $('nothing-open').hidden = true;
    $('conversation').hidden = false;
    $('debtor').hidden = false;
    $('console').classList.remove('no-aside');
    $('conversation-title').textContent = 'Samtale · ' + label('status', d.status);
    const dl = document.createElement('dl');
    const add = (name, value) => {
      if (value === null || value === undefined || value === '') { return; }
      const dt = document.createElement('dt'); dt.textContent = name;
      const dd = document.createElement('dd'); dd.textContent = value;
      dl.append(dt, dd);
    };
    add('Status', label('status', d.status));
    add('Kanal', label('channel', d.channel));
    add('Språk', label('language', d.language));
    add('Sak', d.caseId);
    add('Årsak', d.reason && label('reason', d.reason));
    if (d.summary) {
      add('Ønsket', d.summary.wanted && label('wanted', d.summary.wanted));
      // Only what the debtor gave; the dialogue's own bookkeeping (step, offered cases) says nothing to an agent.
      const collected = Object.entries(d.summary.collected || {}).filter(([k]) => LABELS.collected[k])
        .map(([k, v]) => LABELS.collected[k] + ': ' + v).join(', ');
      add('Innhentet', collected);
    }
    if (d.waitingSeconds !== undefined && d.status === 'queued') { add('Ventet', minutes(d.waitingSeconds)); }
    if (d.agent && d.status === 'assigned') { add('Rådgiver', d.agent.name); }
    if (d.outcome && d.status !== 'assigned' && d.status !== 'queued') { add('Utfall', label('outcome', d.outcome)); }
    $('summary').replaceChildren(dl);
    const mine = d.status === 'assigned' && d.agent && d.agent.id === state.agent.id;
    const mayAct = d.status === 'assigned' && (mine || state.agent.role === 'supervisor');
    $('claim').disabled = d.status !== 'queued';
    $('release').disabled = !mayAct;
    $('close').disabled = !mayAct;
    $('transfer').disabled = !mayAct;
    $('send').disabled = false;
    // Not theirs: only a private note is possible. Theirs again (claimed, or another one opened): a reply first.
    if (state.mineShown !== (d.conversationId + ':' + mine)) {
      state.mineShown = d.conversationId + ':' + mine;
      $('private').checked = !mine;
    }
    $('private').disabled = !mine;
    $('canned-pane').hidden = !mine;
    $('reply-text').placeholder = mine ? 'Skriv til kunden …' : 'Privat notat til kundesenteret …';
    $('sms-info').hidden = !(mine && d.channel === 'sms');
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
    if (m.understood) {
      // For the agent only: what the bot made of the debtor's message.
      const understood = document.createElement('span');
      understood.className = 'understood';
      understood.textContent = 'Nora forstod: ' + label('intent', m.understood.intent) + ' (' + m.understood.confidence + ' %)';
      li.append(understood);
    }
    $('transcript').append(li);
    $('transcript').scrollTop = $('transcript').scrollHeight;
    if (m.from === 'debtor' && state.openId) { markSeen(state.openId, m.id); }
  }

  // ---- The debtor beside the transcript. ----

  async function loadDebtor(id) {
    $('debtor-body').replaceChildren(text('p', 'Henter saker …', 'meta'));
    try {
      const debtor = await api('GET', '/api/agent/conversations/' + id + '/debtor');
      if (state.openId !== id) { return; }
      state.debtor = debtor;
      renderDebtor();
      renderCanned();
    } catch (e) {
      $('debtor-body').replaceChildren(text('p', e.message, 'error'));
    }
  }

  function text(tag, value, className) {
    const el = document.createElement(tag);
    el.textContent = value;
    if (className) { el.className = className; }
    return el;
  }

  function renderDebtor() {
    const d = state.debtor;
    const body = [];
    body.push(text('p', { 'my-page': 'Innlogget på Min side', phone: 'Kjent fra SMS-nummeret', anonymous: 'Anonym chat: ingen saker vises før kunden logger inn.' }[d.identified], 'meta'));
    if (d.caseApi === 'unavailable') { body.push(text('p', 'Saksystemet svarer ikke. Prøv igjen om litt.', 'warn')); }
    if (d.reminder) {
      body.push(text('p', d.reminder.sent ? 'Påminnelse sendt ' + new Date(d.reminder.lastSentAt).toLocaleDateString('nb-NO')
        : 'Ingen påminnelse sendt til dette nummeret.', 'meta'));
    }
    if (d.cases.length > 0) {
      body.push(text('h3', 'Saker (' + d.cases.length + ')', 'small'));
    }
    d.cases.forEach((c) => {
      const div = document.createElement('div');
      div.className = 'case';
      div.append(text('h4', c.creditor));
      const dl = document.createElement('dl');
      [['Referanse', c.reference], ['Status', label('caseStatus', c.status)], ['Saldo', c.balance],
        ['Opprinnelig', c.original + ' + gebyr ' + c.fees], ['Forfall', new Date(c.dueDate).toLocaleDateString('nb-NO')],
        ['Avdrag', c.instalmentsAllowed ? 'Tillatt' : 'Ikke tillatt'],
        ['Utsettelse til', c.latestDeferralDate && new Date(c.latestDeferralDate).toLocaleDateString('nb-NO')]]
        .forEach(([k, v]) => { if (v) { dl.append(text('dt', k), text('dd', v)); } });
      div.append(dl);
      div.append(text('span', c.payments.length ? 'Innbetalinger:' : 'Ingen innbetalinger registrert.', 'meta'));
      if (c.payments.length) {
        const ul = document.createElement('ul');
        c.payments.forEach((p) => ul.append(text('li', p.amount + ' · ' + new Date(p.registeredOn).toLocaleDateString('nb-NO'))));
        div.append(ul);
      }
      body.push(div);
    });
    body.push(text('h3', 'Tidligere samtaler', 'small'));
    if (d.earlier.length === 0) { body.push(text('p', 'Ingen tidligere samtaler med kundesenteret.', 'meta')); }
    const ul = document.createElement('ul');
    d.earlier.forEach((e) => {
      const li = document.createElement('li');
      const b = text('button', new Date(e.endedAt).toLocaleDateString('nb-NO') + ' · ' + label('reason', e.reason) + ' · '
        + label('outcome', e.outcome), 'link');
      b.type = 'button';
      b.addEventListener('click', () => open(e.conversationId));
      li.append(b);
      ul.append(li);
    });
    if (d.earlier.length) { body.push(ul); }
    $('debtor-body').replaceChildren(...body);
  }

  // ---- Answering: canned replies, the SMS-aware composer, notes. ----

  function renderCanned() {
    const d = state.details;
    if (!d || !state.canned) { return; }
    const replies = state.canned[d.language] || state.canned.nb;
    const cases = (state.debtor && state.debtor.cases) || [];
    const select = $('canned-case');
    select.replaceChildren(...cases.map((c) => {
      const o = text('option', c.creditor + ' · ' + c.reference);
      o.value = c.id;
      o.selected = c.id === d.caseId;
      return o;
    }));
    $('canned-case-label').hidden = cases.length < 2;
    $('canned').replaceChildren(...replies.map((r, i) => {
      const b = text('button', (i < 9 ? (i + 1) + '. ' : '') + r.title);
      b.type = 'button';
      b.dataset.text = r.text;
      b.addEventListener('click', () => insertCanned(r.text));
      return b;
    }));
  }

  function insertCanned(template) {
    const cases = (state.debtor && state.debtor.cases) || [];
    const chosen = cases.find((c) => c.id === $('canned-case').value) || cases[0];
    const values = chosen ? { creditor: chosen.creditor, balance: chosen.balanceForDebtor, reference: chosen.reference } : {};
    const filled = template.replace(/\{(creditor|balance|reference)\}/g, (all, key) => values[key] || all);
    $('reply-text').value = filled;
    $('reply-text').focus();
    if (/\{(creditor|balance|reference)\}/.test(filled)) {
      showError('Svaret har felt uten sak: fyll inn {creditor}, {balance} eller {reference} selv.');
    } else {
      showError('');
    }
    smsPreview();
  }

  let previewTimer = null;
  function smsPreview() {
    clearTimeout(previewTimer);
    if ($('sms-info').hidden) { return; }
    previewTimer = setTimeout(async () => {
      const value = $('reply-text').value;
      if (!value.trim()) { $('sms-info').textContent = ''; return; }
      try {
        const p = await api('POST', '/api/agent/sms-preview', { text: value });
        let info = p.segments + (p.segments === 1 ? ' SMS' : ' SMS-er') + ' · ' + p.units + ' tegn ('
          + (p.encoding === 'GSM7' ? 'GSM-7' : 'UCS-2, færre tegn per SMS') + ')';
        if (p.changed.length) { info += ' · Byttes ut eller fjernes på SMS: ' + p.changed.join(' '); }
        $('sms-info').textContent = info;
      } catch (e) {
        $('sms-info').textContent = '';
      }
    }, 250);
  }

  let lastTyping = 0;
  $('reply-text').addEventListener('input', () => {
    const now = Date.now();
    if (state.ws && state.ws.readyState === 1 && state.openId && !$('private').checked && now - lastTyping > 2000) {
      lastTyping = now;
      state.ws.send(JSON.stringify({ type: 'typing', conversationId: state.openId }));
    }
    smsPreview();
  });
  $('reply-text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('reply').requestSubmit(); }
  });

  $('reply').addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = $('reply-text').value.trim();
    if (!value || !state.openId) { return; }
    showError('');
    try {
      const json = await api('POST', '/api/agent/conversations/' + state.openId + '/messages',
        { text: value, private: $('private').checked });
      appendMessage(json.message);
      $('reply-text').value = '';
      $('sms-info').textContent = '';
      $('reply-text').focus();
    } catch (e) {
      showError(e.message);
    }
  });

  // ---- Claim, transfer, release, close. ----

  async function act(action, body, done) {
    showError('');
    const id = state.openId;
    try {
      await api('POST', '/api/agent/conversations/' + id + '/' + action, body || {});
    } catch (e) {
      showError(e.message);
      await open(id, true);
      return;
    }
    if (done) { notice(done); }
    if (action === 'transfer' && body.to) {
      closePane(); // someone else's now
      await loadInbox();
      focusInbox();
      return;
    }
    await Promise.all([open(id, true), loadInbox()]);
    if (action === 'claim') { $('reply-text').focus(); } else { focusInbox(); }
  }
  $('claim').addEventListener('click', () => act('claim', {}, ''));
  $('release').addEventListener('click', () => act('release', {}, 'Samtalen er tilbake hos Nora. Du kan fortsatt lese den under «Nylig avsluttet».'));
  $('close').addEventListener('click', () => $('close-dialog').showModal());
  $('close-dialog').addEventListener('close', () => {
    if ($('close-dialog').returnValue !== 'confirm') { $('close').focus(); return; }
    const outcome = new FormData($('close-form')).get('outcome');
    act('close', { outcome }, 'Samtalen er avsluttet: ' + label('outcome', outcome) + '.');
  });
  $('transfer').addEventListener('click', async () => {
    await refreshAgents().catch(() => {});
    const others = (state.agentsOnline || []).filter((a) => a.id !== (state.details.agent && state.details.agent.id));
    const queue = text('option', 'Tilbake i køen');
    queue.value = '';
    $('transfer-to').replaceChildren(queue, ...others.map((a) => {
      const o = text('option', a.name + ' (' + a.conversations + (a.conversations === 1 ? ' samtale)' : ' samtaler)'));
      o.value = a.id;
      return o;
    }));
    $('transfer-dialog').showModal();
  });
  $('transfer-dialog').addEventListener('close', () => {
    if ($('transfer-dialog').returnValue !== 'confirm') { $('transfer').focus(); return; }
    const to = $('transfer-to').value || null;
    const name = $('transfer-to').selectedOptions[0].textContent;
    act('transfer', { to }, to ? 'Samtalen er overført til ' + name.replace(/ \(.*$/, '') + '.' : 'Samtalen er tilbake i køen.');
  });

  function focusInbox() {
    const first = document.querySelector('#queue li button');
    (first || $('view-queue')).focus();
  }

  // ---- Live. ----

  function beep() {
    if (!$('sound').checked) { return; }
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    } catch (e) { /* no sound here */ }
  }
  $('sound').addEventListener('change', () => localStorage.setItem('nora.agent.sound', $('sound').checked ? 'on' : 'off'));
  $('notify').addEventListener('click', async () => {
    await Notification.requestPermission();
    $('notify').hidden = Notification.permission !== 'default';
  });

  function newInQueue() {
    beep();
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
      new Notification('Ny samtale i køen', { body: 'En kunde venter på kundesenteret.', tag: 'nora-queue' });
    }
  }

  let typingTimer = null;
  function debtorTyping() {
    $('typing').textContent = 'Kunden skriver …';
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { $('typing').textContent = ''; }, 4000);
  }

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
        if (e.change === 'queued') { newInQueue(); }
        loadInbox().catch(() => {});
        refreshMineUnread().catch(() => {});
        refreshAgents().catch(() => {});
        if (e.conversationId === state.openId) { open(state.openId, true); }
      } else if (e.type === 'agents') {
        refreshAgents().catch(() => {});
      } else if ((e.type === 'message' || e.type === 'note') && e.conversationId === state.openId) {
        if (e.message.from === 'debtor') {
          $('typing').textContent = '';
          open(state.openId, true); // from the API, with what the bot understood of it
        } else {
          appendMessage(e.message);
        }
      } else if (e.type === 'message' && e.message.from === 'debtor') {
        refreshMineUnread().catch(() => {});
        if (state.view === 'mine') { loadInbox().catch(() => {}); }
      } else if (e.type === 'message-updated' && e.conversationId === state.openId) {
        const li = document.querySelector('#transcript li[data-id="' + CSS.escape(e.message.id) + '"] .text');
        if (li) { li.textContent = e.message.text; }
      } else if (e.type === 'typing' && e.from === 'debtor' && e.conversationId === state.openId) {
        debtorTyping();
      } else if (e.type === 'status' && e.conversationId === state.openId) {
        open(state.openId, true);
      }
    };
    ws.onclose = () => {
      $('live').textContent = 'frakoblet';
      $('live').className = 'offline';
      // Reconnect, and resync from the API: events missed meanwhile are in the store.
      if (state.token && state.ws === ws) {
        setTimeout(() => {
          if (state.token && state.ws === ws) {
            loadInbox().catch(() => {});
            if (state.openId) { open(state.openId, true); }
            connect();
          }
        }, 2000);
      }
    };
  }

  // ---- The supervisor's dashboard. ----

  const charts = [];
  async function loadDashboard() {
    const f = await api('GET', '/api/agent/figures?days=14');
    $('tile-queue').textContent = f.queueLength;
    $('tile-oldest').textContent = f.queueLength ? minutes(f.oldestWaitSeconds) : '–';
    $('tile-agents').textContent = f.agentsOnline;
    charts.splice(0).forEach((c) => c.destroy());
    const days = f.days.map((d) => d.date);
    const reasons = Object.keys(LABELS.reason);
    const box = $('charts');
    box.replaceChildren(
      chart('Overføringer per årsak', days, reasons.map((r) => ({
        label: label('reason', r), values: f.days.map((d) => d.handoffs[r] || 0) }))),
      chart('Tid til første svar fra rådgiver (median, minutter)', days, [{
        label: 'Minutter', values: f.days.map((d) => d.medianFirstReplyMinutes) }]),
      chart('Løst uten rådgiver (andel av samtaler, %)', days, [{
        label: 'Andel %', values: f.days.map((d) => d.containment === null ? null : Math.round(d.containment * 100)) }], 100),
      chart('Samtaler og overføringer per dag', days, [
        { label: 'Samtaler', values: f.days.map((d) => d.started) },
        { label: 'Overføringer', values: f.days.map((d) => Object.values(d.handoffs).reduce((a, b) => a + b, 0)) }]),
      agentTable(f.agents));
  }

  const COLOURS = ['#1d3557', '#a4283a', '#2a7f62', '#b26b00', '#6a4c93'];

  // A uPlot chart for the eye, and the same figures as a table for screen readers and keyboard users.
  function chart(title, days, series, yMax) {
    const figure = document.createElement('figure');
    const caption = text('figcaption', title + ' (' + days.length + ' dager)');
    const plot = document.createElement('div');
    plot.setAttribute('role', 'img');
    plot.setAttribute('aria-label', title + ': tallene står i tabellen under.');
    figure.append(caption, plot);
    if (series.length > 1) {
      const legend = document.createElement('ul');
      legend.className = 'legend';
      series.forEach((s, i) => {
        const li = text('li', s.label);
        li.style.setProperty('--colour', COLOURS[i % COLOURS.length]);
        legend.append(li);
      });
      figure.append(legend);
    }
    const xs = days.map((d) => Date.parse(d + 'T12:00:00') / 1000);
    if (window.uPlot) {
      const opts = {
        width: Math.max(300, Math.floor(($('charts').clientWidth - 16) / 2) - 24), height: 180,
        series: [{}].concat(series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2,
          spanGaps: true }))),
        axes: [{ values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleDateString('nb-NO', { day: 'numeric', month: 'numeric' })) }, {}],
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, yMax || Math.max(1, max || 0)] } },
        legend: { show: false }
      };
      charts.push(new uPlot(opts, [xs].concat(series.map((s) => s.values)), plot));
    }
    const details = document.createElement('details');
    details.append(text('summary', 'Tallene'));
    const table = document.createElement('table');
    const head = document.createElement('tr');
    head.append(text('th', 'Dag'), ...series.map((s) => text('th', s.label)));
    table.append(head);
    days.forEach((d, i) => {
      const tr = document.createElement('tr');
      tr.append(text('th', new Date(d).toLocaleDateString('nb-NO')), ...series.map((s) => text('td', s.values[i] === null ? '–' : String(s.values[i]))));
      table.append(tr);
    });
    head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
    table.querySelectorAll('tr + tr th').forEach((th) => th.setAttribute('scope', 'row'));
    details.append(table);
    figure.append(details);
    return figure;
  }

  function agentTable(agents) {
    const figure = document.createElement('figure');
    figure.append(text('figcaption', 'Pålogget og deres samtaler'));
    if (agents.length === 0) { figure.append(text('p', 'Ingen pålogget.', 'meta')); return figure; }
    const table = document.createElement('table');
    const head = document.createElement('tr');
    head.append(text('th', 'Rådgiver'), text('th', 'Samtaler'));
    head.querySelectorAll('th').forEach((th) => th.setAttribute('scope', 'col'));
    table.append(head);
    agents.forEach((a) => {
      const tr = document.createElement('tr');
      const th = text('th', a.name + (a.role === 'supervisor' ? ' (leder)' : ''));
      th.setAttribute('scope', 'row');
      tr.append(th, text('td', String(a.conversations)));
      table.append(tr);
    });
    figure.append(table);
    return figure;
  }

  // ---- Keyboard. ----

  $('shortcuts-button').addEventListener('click', () => $('shortcuts').showModal());
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || document.querySelector('dialog[open]');
    if (typing || e.ctrlKey || e.metaKey || e.altKey || $('console').hidden) { return; }
    const lines = [...document.querySelectorAll('#queue li button')];
    const at = lines.indexOf(document.activeElement);
    if (e.key === '/') { e.preventDefault(); $('search').focus(); }
    else if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      const next = lines[Math.max(0, Math.min(lines.length - 1, at + (e.key === 'j' ? 1 : -1)))];
      if (next) { next.focus(); }
    } else if (e.key === 't' && !$('claim').disabled && !$('conversation').hidden) { $('claim').click(); }
    else if (e.key === 'r' && !$('conversation').hidden) { e.preventDefault(); $('reply-text').focus(); }
    else if (e.key === '?') { $('shortcuts').showModal(); }
    else if (/^[1-9]$/.test(e.key) && !$('canned-pane').hidden && !$('conversation').hidden) {
      const b = document.querySelectorAll('#canned button')[Number(e.key) - 1];
      if (b) { e.preventDefault(); b.click(); }
    }
  });

  if (state.token) { start().catch(() => signOut()); }
}());
