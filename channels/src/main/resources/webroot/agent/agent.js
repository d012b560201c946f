// The agent console: sign in (demo), the inbox views, one conversation at a time with the debtor beside it, canned
// replies, notes, transfer, release and close, live over /api/agent/ws, and the supervisor's dashboard, review inbox
// and training. Everything the server sends is shown as text, never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = {
    token: sessionStorage.getItem('nora.agent.token'), agent: null, view: 'queue', items: [], openId: null,
    details: null, debtor: null, canned: null, ws: null, seen: new Set(), unreadMine: 0, queueCount: 0, noticeAt: 0,
    returnTo: null, intents: null, expanded: new Set(), reviewFocus: null, jobTimer: null
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
    view: { queue: 'Kø', mine: 'Mine', open: 'Alle åpne', ended: 'Nylig avsluttet' },
    reviewReason: { 'not-understood': 'Nora forstod ikke', 'low-confidence': 'Usikkert svar (under 50 %)',
      handoff: 'Endte hos en person' },
    phase: { 'cross-validation': 'Kryssvalidering', training: 'Trener modellen', 'development-set': 'Tester på utviklingssettet' }
  };
  const label = (kind, code) => (LABELS[kind] && LABELS[kind][code]) || code;

  // API errors are English for developers; agents read what happened in Norwegian.
  const PROBLEMS = {
    403: 'Denne samtalen er ikke din lenger.', 404: 'Fant ikke samtalen. Den kan være slettet.',
    409: 'Samtalen er allerede tatt, overført eller avsluttet.', 429: 'For mange forespørsler. Vent litt.',
    503: 'Systemet svarer ikke akkurat nå. Prøv igjen.'
  };
  // The same for the supervisor's review and training, where the thing asked for is not a conversation.
  const LEARNING_PROBLEMS = {
    403: 'Bare ledere kan se og endre dette.', 404: 'Fant det ikke lenger. Visningen er lastet på nytt.',
    409: 'Noen andre har endret dette samtidig. Visningen er lastet på nytt.', 429: PROBLEMS[429], 503: PROBLEMS[503]
  };
  class ApiProblem extends Error {
    constructor(status, problems) { super(problems[status] || 'Noe gikk galt. Prøv igjen.'); this.status = status; }
  }

  async function api(method, path, body, problems) {
    const response = await fetch(path, {
      method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + state.token }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const json = await response.json().catch(() => ({}));
    if (response.status === 401) { signOut(); }
    if (!response.ok) { throw new ApiProblem(response.status, problems || PROBLEMS); }
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
    // The next person signing in starts at the queue, and sees nothing of a supervisor's views.
    clearTimeout(state.jobTimer);
    state.view = 'queue';
    state.intents = null;
    Object.keys(PANELS).forEach((name) => { $(name).hidden = true; });
    $('filters').hidden = false;
    $('queue').hidden = false;
    document.querySelectorAll('#views button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === 'queue')));
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
    $('view-review').hidden = !supervisor;
    $('view-training').hidden = !supervisor;
    $('sign-in-view').hidden = true;
    $('session').hidden = false;
    $('console').hidden = false;
    $('console').classList.toggle('no-aside', !state.openId);
    $('sound').checked = localStorage.getItem('nora.agent.sound') === 'on';
    $('notify').hidden = !('Notification' in window) || Notification.permission !== 'default';
    showInbox(inbox);
    refreshAgents();
    if (supervisor) { refreshReviewCount().catch(() => {}); }
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

  // A live change reloads the list, but not a review or training view someone is working in.
  async function loadInbox(live) {
    if (PANELS[state.view]) { return live && state.view !== 'dashboard' ? undefined : PANELS[state.view](); }
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

  // The supervisor's views take the place of the conversation, beside the view buttons.
  const PANELS = { dashboard: () => loadDashboard(), review: () => loadReview(), training: () => loadTraining() };

  // returnTo: the view a conversation was opened from, one click away above it.
  function selectView(view, returnTo) {
    state.view = view;
    state.returnTo = returnTo || null;
    $('back-to-review').hidden = state.returnTo !== 'review';
    clearTimeout(state.jobTimer);
    document.querySelectorAll('#views button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.view === view)));
    const panel = !!PANELS[view];
    Object.keys(PANELS).forEach((name) => { $(name).hidden = name !== view; });
    $('filters').hidden = panel;
    $('queue').hidden = panel;
    if (panel) {
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
  document.querySelectorAll('#views button').forEach((b) => b.addEventListener('click', () => {
    const from = state.view;
    selectView(b.dataset.view);
    if (PANELS[from] && !PANELS[b.dataset.view] && state.openId) { open(state.openId, true); }
  }));
  $('back-to-review').addEventListener('click', () => selectView('review'));

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
    // A live refresh waits while a supervisor works in another view; going back to the list refreshes it.
    if (quiet && PANELS[state.view]) { return; }
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
    if (PANELS[state.view]) { selectView('queue', state.view); }
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
        loadInbox(true).catch(() => {});
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
            loadInbox(true).catch(() => {});
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
    const fallbacks = chart('Meldinger Nora ikke forstod (andel av kundens meldinger, %)', days, [{
      label: 'Andel %', values: f.days.map((d) => (d.fallbackRate === null || d.fallbackRate === undefined) ? null
        : Math.round(d.fallbackRate * 1000) / 10) }]);
    fallbacks.id = 'fallback-chart'; // where the learning loop's figures begin
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
      fallbacks,
      intentChart(f.days, days),
      unansweredTable(f.unanswered || []),
      agentTable(f.agents));
  }

  // The five intents debtors asked for most in the period, one line each; greetings and yes/no say nothing of what
  // they came for.
  const SMALL_TALK = ['greeting', 'goodbye', 'affirm', 'deny'];
  function intentChart(perDay, days) {
    const totals = {};
    perDay.forEach((d) => Object.entries(d.intents || {}).forEach(([intent, n]) => { totals[intent] = (totals[intent] || 0) + n; }));
    const top = Object.keys(totals).filter((intent) => !SMALL_TALK.includes(intent))
      .sort((a, b) => totals[b] - totals[a]).slice(0, COLOURS.length);
    const title = 'Hva kundene spør om per dag (de ' + top.length + ' vanligste, uten hilsener og ja/nei)';
    if (top.length === 0) {
      const figure = document.createElement('figure');
      figure.append(text('figcaption', 'Hva kundene spør om per dag'), text('p', 'Ingen meldinger i perioden.', 'meta'));
      return figure;
    }
    return chart(title, days, top.map((intent) => ({
      label: label('intent', intent), values: perDay.map((d) => (d.intents || {})[intent] || 0) })));
  }

  function unansweredTable(unanswered) {
    const figure = document.createElement('figure');
    figure.append(text('figcaption', 'Vanligste meldinger Nora ikke kunne svare på'));
    if (unanswered.length === 0) {
      figure.append(text('p', 'Ingen ubesvarte meldinger venter på gjennomgang.', 'meta'));
      return figure;
    }
    const table = dataTable(['Melding', 'Antall'], unanswered.map((u) => ['«' + u.text + '»', String(u.count)]), 'unanswered');
    const go = text('button', 'Gå til gjennomgangen');
    go.type = 'button';
    go.addEventListener('click', () => selectView('review'));
    figure.append(table, go);
    return figure;
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
    details.append(dataTable(['Dag', ...series.map((s) => s.label)], days.map((d, i) => [new Date(d).toLocaleDateString('nb-NO'),
      ...series.map((s) => s.values[i] === null ? '–' : String(s.values[i]))])));
    figure.append(details);
    return figure;
  }

  function agentTable(agents) {
    const figure = document.createElement('figure');
    figure.append(text('figcaption', 'Pålogget og deres samtaler'));
    if (agents.length === 0) { figure.append(text('p', 'Ingen pålogget.', 'meta')); return figure; }
    figure.append(dataTable(['Rådgiver', 'Samtaler'],
      agents.map((a) => [a.name + (a.role === 'supervisor' ? ' (leder)' : ''), String(a.conversations)])));
    return figure;
  }

  // A table with a header over each column and each row's first cell as its header. A cell is text, or an element
  // made by the caller (a cell with a button, a change with its class).
  function dataTable(columns, rows, className) {
    const table = document.createElement('table');
    if (className) { table.className = className; }
    const head = document.createElement('tr');
    head.append(...columns.map((c) => {
      const th = text('th', c);
      th.setAttribute('scope', 'col');
      return th;
    }));
    table.append(head);
    rows.forEach((cells) => {
      const tr = document.createElement('tr');
      tr.append(...cells.map((cell, i) => {
        const el = cell instanceof Element ? cell : text(i === 0 ? 'th' : 'td', cell);
        if (el.tagName === 'TH') { el.setAttribute('scope', 'row'); }
        return el;
      }));
      table.append(tr);
    });
    return table;
  }

  // ---- The supervisor's review inbox: what Nora did not understand, grouped, to label, note or dismiss. ----

  let uid = 0;
  const nextId = (prefix) => prefix + '-' + (++uid);
  const percent = (share) => Math.round(share * 100) + ' %';
  const when = (iso) => new Date(iso).toLocaleString('nb-NO', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const messages = (n) => n + (n === 1 ? ' melding' : ' meldinger');
  const guessed = (guess) => guess ? label('intent', guess.intent) + ' (' + percent(guess.confidence) + ')' : 'ingen';

  // A form control with its visible label around it.
  function field(name, control) {
    const wrap = document.createElement('label');
    wrap.append(name + ' ', control);
    return wrap;
  }

  function button(value, onClick, className) {
    const b = text('button', value, className);
    b.type = 'button';
    if (onClick) { b.addEventListener('click', onClick); }
    return b;
  }

  function languageSelect(chosen) {
    const select = document.createElement('select');
    ['nb', 'nn', 'en'].forEach((code) => {
      const o = text('option', label('language', code));
      o.value = code;
      o.selected = code === chosen;
      select.append(o);
    });
    return select;
  }

  function intentSelect() {
    const select = document.createElement('select');
    const none = text('option', 'Velg intensjon …');
    none.value = '';
    select.append(none, ...state.intents.slice().sort((a, b) => label('intent', a).localeCompare(label('intent', b), 'nb'))
      .map((code) => {
        const o = text('option', label('intent', code));
        o.value = code;
        return o;
      }));
    return select;
  }

  async function refreshReviewCount() {
    showReviewCount((await api('GET', '/api/agent/review?limit=1', null, LEARNING_PROBLEMS)).open);
  }
  function showReviewCount(open) { $('view-review').querySelector('.count').textContent = '(' + open + ')'; }

  async function loadReview() {
    const [review, intents] = await Promise.all([api('GET', '/api/agent/review?limit=50', null, LEARNING_PROBLEMS),
      state.intents ? null : api('GET', '/api/agent/intents', null, LEARNING_PROBLEMS)]);
    if (intents) { state.intents = intents.intents; }
    if (state.view !== 'review') { return; }
    showReviewCount(review.open);
    const shown = review.groups.reduce((sum, g) => sum + g.count, 0);
    $('review-open').textContent = review.open === 0 ? ''
      : messages(review.open) + ' venter' + (shown < review.open ? '; de ' + review.groups.length + ' vanligste gruppene vises her.' : '.');
    $('review-groups').replaceChildren(...review.groups.map(reviewGroup));
    $('review-empty').hidden = review.groups.length > 0;
    // Back from a conversation opened here: to the message it was opened from.
    const back = state.reviewFocus && document.querySelector('#review-groups [data-item="' + CSS.escape(state.reviewFocus) + '"]');
    state.reviewFocus = null;
    if (back) { back.focus(); }
  }

  function reviewGroup(group) {
    const li = document.createElement('li');
    li.className = 'group';
    li.dataset.key = group.key;
    const times = document.createElement('p');
    times.className = 'times';
    times.append(text('strong', String(group.count)), text('span', group.count === 1 ? 'gang' : 'ganger'));
    const heading = text('h3', '«' + group.text + '»');
    heading.id = nextId('group');
    heading.tabIndex = -1;
    const facts = document.createElement('dl');
    const reasons = Object.entries(group.reasons).filter(([, n]) => n > 0)
      .map(([code, n]) => label('reviewReason', code) + ': ' + n).join(' · ');
    [['Hvorfor', reasons], ['Noras gjetning', guessed(group.guess)], ['Språk', label('language', group.language)],
      ['Sist', when(group.lastAt)]].forEach(([k, v]) => facts.append(text('dt', k), text('dd', v)));
    const body = document.createElement('div');
    body.className = 'group-body';
    body.append(heading, facts,
      decisions(group.items.map((i) => i.id), group.language, heading.id, group.count === 1 ? 'meldingen' : 'alle ' + group.count),
      groupItems(group));
    li.append(times, body);
    return li;
  }

  function groupItems(group) {
    const details = document.createElement('details');
    details.open = state.expanded.has(group.key);
    details.addEventListener('toggle', () => {
      if (details.open) { state.expanded.add(group.key); } else { state.expanded.delete(group.key); }
    });
    details.append(text('summary', 'Vis ' + (group.items.length === 1 ? 'meldingen' : 'de ' + group.items.length + ' meldingene')
      + ' og samtalene'));
    const list = document.createElement('ol');
    list.className = 'items';
    group.items.forEach((item) => {
      const li = document.createElement('li');
      const said = text('p', '«' + item.text + '»', 'said');
      said.id = nextId('item');
      const meta = text('p', label('reviewReason', item.reason) + ' · gjetning: ' + guessed(item.guess) + ' · '
        + label('language', item.language) + ' · ' + label('channel', item.channel) + ' · ' + when(item.at), 'meta');
      const openIt = button('Åpne samtalen', () => {
        state.reviewFocus = item.id;
        open(item.conversationId);
      });
      openIt.dataset.item = item.id;
      openIt.setAttribute('aria-describedby', said.id);
      const row = decisions([item.id], item.language, said.id, 'meldingen');
      row.classList.add('compact');
      row.prepend(openIt);
      li.append(said, meta, row);
      list.append(li);
    });
    details.append(list);
    return details;
  }

  // The three decisions, for a whole group or one message: label with an intent, needs a new intent, dismiss.
  function decisions(ids, language, describedBy, which) {
    const box = document.createElement('div');
    box.className = 'decisions';
    const intent = intentSelect();
    const languages = languageSelect(language);
    const labelForm = document.createElement('form');
    labelForm.className = 'label-form';
    labelForm.noValidate = true;
    const mark = text('button', 'Merk ' + which);
    mark.type = 'submit';
    mark.setAttribute('aria-describedby', describedBy);
    labelForm.append(field('Intensjon', intent), field('Språk', languages), mark);
    labelForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!intent.value) {
        intent.setAttribute('aria-invalid', 'true');
        notice('Velg hvilken intensjon meldingen hører til først.');
        intent.focus();
        return;
      }
      const name = label('intent', intent.value);
      decide(ids, { decision: 'label', intent: intent.value, language: languages.value },
        (n) => 'Takk! ' + messages(n) + ' er merket som «' + name + '» (' + label('language', languages.value).toLowerCase()
          + ') og ligger nå under Trening.');
    });
    intent.addEventListener('change', () => intent.removeAttribute('aria-invalid'));

    const noteForm = document.createElement('form');
    noteForm.className = 'note-form';
    noteForm.id = nextId('note');
    noteForm.hidden = true;
    const note = document.createElement('input');
    note.maxLength = 500;
    const save = text('button', 'Lagre som ny intensjon');
    save.type = 'submit';
    const needsNew = button('Trenger ny intensjon …', () => {
      noteForm.hidden = !noteForm.hidden;
      needsNew.setAttribute('aria-expanded', String(!noteForm.hidden));
      if (!noteForm.hidden) { note.focus(); }
    });
    needsNew.setAttribute('aria-expanded', 'false');
    needsNew.setAttribute('aria-controls', noteForm.id);
    needsNew.setAttribute('aria-describedby', describedBy);
    const cancel = button('Avbryt', () => { noteForm.hidden = true; needsNew.setAttribute('aria-expanded', 'false'); needsNew.focus(); });
    noteForm.append(field('Notat til utviklerne (valgfritt)', note), save, cancel);
    noteForm.addEventListener('submit', (e) => {
      e.preventDefault();
      decide(ids, { decision: 'new-intent', note: note.value.trim() || undefined },
        (n) => 'Takk! ' + messages(n) + ' er notert som behov for en ny intensjon.');
    });
    const dismiss = button('Avvis', () => decide(ids, { decision: 'dismiss' },
      (n) => messages(n).replace(/^./, (c) => c.toUpperCase()) + ' er avvist og tatt ut av gjennomgangen.'));
    dismiss.setAttribute('aria-describedby', describedBy);
    const others = document.createElement('div');
    others.className = 'actions';
    others.append(needsNew, dismiss);
    box.append(labelForm, others, noteForm);
    return box;
  }

  // After a decision the decided messages leave the list; focus goes to the group that took the place of this one.
  async function decide(ids, body, done) {
    const at = [...document.querySelectorAll('#review-groups > li')].findIndex((li) => li.contains(document.activeElement));
    try {
      const result = await api('POST', '/api/agent/review/decisions', Object.assign({ items: ids }, body), LEARNING_PROBLEMS);
      notice(result.decided === 0 ? 'Disse meldingene var allerede behandlet, kanskje av en kollega.' : done(result.decided));
    } catch (e) {
      notice(e.message);
    }
    await loadReview().catch((e) => notice(e.message));
    const groups = document.querySelectorAll('#review-groups > li h3');
    const next = groups[Math.min(Math.max(at, 0), groups.length - 1)];
    (next || $('review')).focus();
  }

  // ---- Training: the labelled examples, a new model as a job, its report, and which model is in use. ----

  const modelName = (version) => version === 'shipped' ? 'modellen fra bygget' : 'modell ' + version;
  const capital = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  const decimal = (x, digits) => x.toLocaleString('nb-NO', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const accuracy = (x) => decimal(x * 100, 1) + ' %';

  async function loadTraining() {
    const [training, examples] = await Promise.all([api('GET', '/api/agent/training', null, LEARNING_PROBLEMS),
      api('GET', '/api/agent/training/examples', null, LEARNING_PROBLEMS)]);
    if (state.view !== 'training') { return; }
    renderActive(training);
    renderJob(training.job);
    renderModels(training.models);
    renderExamples(examples);
    watchJob(training.job);
  }

  function renderActive(training) {
    const active = training.active;
    $('active-model').textContent = capital(modelName(active.version))
      + (active.activatedAt ? ', tatt i bruk ' + when(active.activatedAt) + (active.by ? ' av ' + active.by : '') : '') + '.';
    // One click back: the model before this one, or else the shipped one.
    const target = training.previous ? training.previous.version : (active.version !== 'shipped' ? 'shipped' : null);
    const back = $('roll-back');
    back.disabled = !target;
    back.textContent = target ? 'Tilbake til ' + modelName(target) : 'Tilbake til forrige modell';
    back.onclick = target ? () => activate(target) : null;
    $('roll-back-why').textContent = target ? 'Tar den i bruk igjen på alle instanser, uten omstart.'
      : 'Modellen fra bygget er i bruk; det er ingen tidligere modell å gå tilbake til.';
  }

  function renderJob(job) {
    $('job').hidden = !job;
    $('train').disabled = !!job && job.state === 'running';
    if (!job) { return; }
    const progress = $('job-progress');
    progress.max = Math.max(1, job.total);
    progress.value = job.state === 'done' ? progress.max : job.done;
    const started = 'startet ' + when(job.startedAt) + (job.by ? ' av ' + job.by : '');
    if (job.state === 'running') {
      $('job-label').textContent = 'Trening pågår';
      $('job-status').textContent = label('phase', job.phase) + ': steg ' + job.done + ' av ' + job.total + ' · ' + started;
    } else if (job.state === 'done') {
      $('job-label').textContent = 'Siste trening er ferdig';
      $('job-status').textContent = 'Ferdig: ' + (job.candidate ? modelName(job.candidate) : 'ny modell') + ' · ' + started;
    } else {
      $('job-label').textContent = 'Siste trening feilet';
      // The gateway's reason is English, for the developers; marked so a screen reader reads it as English.
      const reason = text('span', job.error || '');
      reason.lang = 'en';
      $('job-status').replaceChildren('Feilet · ' + started + (job.error ? ' · ' : ''), reason);
    }
  }

  // While a job runs: its progress every second; at the end the new model's report.
  function watchJob(job) {
    clearTimeout(state.jobTimer);
    if (!job || job.state !== 'running' || state.view !== 'training') { return; }
    state.jobTimer = setTimeout(async () => {
      let training;
      try {
        training = await api('GET', '/api/agent/training', null, LEARNING_PROBLEMS);
      } catch (e) {
        watchJob(job);
        return;
      }
      if (state.view !== 'training') { return; }
      const now = training.job;
      if (now && now.state === 'running') {
        renderJob(now);
        watchJob(now);
        return;
      }
      await loadTraining().catch((e) => notice(e.message));
      notice(now && now.state === 'done'
        ? 'Treningen er ferdig. Rapporten for ' + modelName(now.candidate) + ' står øverst under Modeller.'
        : 'Treningen feilet. Prøv igjen; står det fortsatt fast, si fra til utviklerne.');
    }, 1000);
  }

  $('train').addEventListener('click', async () => {
    try {
      const started = await api('POST', '/api/agent/training/jobs', {},
        Object.assign({}, LEARNING_PROBLEMS, { 409: 'En trening pågår allerede. Fremdriften vises under.' }));
      notice('Treningen har startet. Fremdriften vises under; det kan ta et par minutter.');
      renderJob(started.job);
      watchJob(started.job);
    } catch (e) {
      notice(e.message);
      await loadTraining().catch(() => {});
    }
  });

  async function activate(version) {
    try {
      await api('POST', '/api/agent/training/models/' + encodeURIComponent(version) + '/activate', {},
        Object.assign({}, LEARNING_PROBLEMS, { 409: 'Rapporten viser at modellen gjør noe dårligere, så den kan ikke tas i bruk.' }));
      notice(capital(modelName(version)) + ' er i bruk nå, på alle instanser.');
    } catch (e) {
      notice(e.message);
    }
    await loadTraining().catch((e) => notice(e.message));
    $('active-title').focus();
  }

  // The verdict's rules in words: the same rules as ModelReport, said from its figures.
  function checkText(c, report) {
    const tolerance = report.tolerances || { recall: 0.1, crossValidation: 0.01 };
    const share = (x) => x.toLocaleString('nb-NO', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    switch (c.rule) {
      case 'no-dev-set': return 'Ikke noe utviklingssett: vurdert bare med kryssvalidering.';
      case 'dev-accuracy': return 'Riktige på utviklingssettet: ' + share(c.before) + ' → ' + share(c.after)
        + (c.holds ? ' (ikke lavere).' : ' (lavere).');
      case 'dev-recall': return 'Ingen intensjon mister mer enn ' + share(tolerance.recall)
        + ' av treffene sine på utviklingssettet.';
      case 'dev-recall-drop': return label('intent', c.intent) + ': treff på utviklingssettet ' + share(c.before)
        + ' → ' + share(c.after) + ' (faller mer enn ' + share(tolerance.recall) + ').';
      case 'cv-accuracy': return 'Riktige i kryssvalidering (' + report.crossValidation.folds + ' deler): '
        + share(c.before) + ' → ' + share(c.after) + (c.holds ? ' (ikke mer enn ' : ' (mer enn ')
        + share(tolerance.crossValidation) + ' lavere).';
      default: return c.rule;
    }
  }

  function renderModels(models) {
    $('models-empty').hidden = models.length > 0;
    $('models').replaceChildren(...models.map((model) => {
      const li = document.createElement('li');
      li.className = 'model';
      li.dataset.version = model.version;
      const report = model.report;
      const heading = text('h4', capital(modelName(model.version)) + (model.active ? ' · i bruk' : ''));
      heading.id = nextId('model');
      const meta = text('p', 'Trent ' + when(model.trainedAt) + (model.by ? ' av ' + model.by : '') + ' · '
        + model.examples + ' merkede eksempler', 'meta');
      const verdict = text('p', report.activatable ? '✓ Kan tas i bruk: gjør ingenting dårligere enn før.'
        : '✗ Kan ikke tas i bruk: gjør noe dårligere enn før.', 'verdict ' + (report.activatable ? 'good' : 'bad'));
      const figures = document.createElement('dl');
      const add = (k, v) => figures.append(text('dt', k), text('dd', v));
      add('Utviklingssettet', report.devSet ? accuracy(report.devSet.before.accuracy) + ' → '
        + accuracy(report.devSet.after.accuracy) + ' riktige (' + report.devSet.size + ' setninger)' : 'Ikke noe utviklingssett');
      add('Kryssvalidering', accuracy(report.crossValidation.before.accuracy) + ' → '
        + accuracy(report.crossValidation.after.accuracy) + ' riktige (' + report.crossValidation.folds + ' deler)');
      add('Nye eksempler forstått', report.added.understood + ' av ' + report.added.count);
      const why = document.createElement('ul');
      why.className = 'reasons';
      if (report.checks) {
        report.checks.forEach((c) => why.append(text('li', (c.holds ? '✓ ' : '✗ ') + checkText(c, report))));
      } else { // a report made before the rules came as data
        why.lang = 'en';
        report.reasons.forEach((r) => why.append(text('li', r)));
      }
      const actions = document.createElement('div');
      actions.className = 'actions';
      const use = button('Ta i bruk', () => activate(model.version));
      use.disabled = model.active || !report.activatable;
      use.setAttribute('aria-describedby', heading.id);
      actions.append(use);
      if (use.disabled) {
        const reason = text('span', model.active ? 'Denne modellen er i bruk nå.' : 'Rapporten viser at den gjør noe dårligere.', 'meta');
        reason.id = nextId('why');
        use.setAttribute('aria-describedby', heading.id + ' ' + reason.id);
        actions.append(reason);
      }
      li.append(heading, meta, verdict, figures, text('p', 'Begrunnelse:', 'meta'), why,
        intentTable(report), actions);
      return li;
    }));
  }

  // Per intent: F1 before → after on the development set and in cross-validation, with the change written out.
  function intentTable(report) {
    const details = document.createElement('details');
    details.append(text('summary', 'Per intensjon, før → etter'));
    const dev = report.devSet;
    const cv = report.crossValidation;
    const intents = new Set(Object.keys(cv.after.intents).concat(Object.keys(cv.before.intents),
      dev ? Object.keys(dev.after.intents).concat(Object.keys(dev.before.intents)) : []));
    const rows = [...intents].sort((a, b) => label('intent', a).localeCompare(label('intent', b), 'nb')).map((intent) => {
      const after = cv.after.intents[intent] || {};
      return [label('intent', intent), ...(dev ? [change(dev.before.intents[intent], dev.after.intents[intent])] : []),
        change(cv.before.intents[intent], after), after.support === undefined ? '–' : String(after.support)];
    });
    const table = dataTable(['Intensjon', ...(dev ? ['Utviklingssettet, F1'] : []), 'Kryssvalidering, F1', 'Eksempler'], rows);
    details.append(table);
    return details;
  }

  function change(before, after) {
    const cell = document.createElement('td');
    if (!after || after.f1 === undefined) { cell.textContent = '–'; return cell; }
    if (!before || before.f1 === undefined) { cell.textContent = 'ny: ' + decimal(after.f1, 2); return cell; }
    // The change between the figures as shown, so a difference on screen always has its sign.
    const delta = Math.round(after.f1 * 100) - Math.round(before.f1 * 100);
    cell.textContent = decimal(before.f1, 2) + ' → ' + decimal(after.f1, 2)
      + (delta === 0 ? '' : ' (' + (delta > 0 ? '+' : '−') + decimal(Math.abs(delta) / 100, 2) + ')');
    if (delta < 0) { cell.className = 'worse'; }
    if (delta > 0) { cell.className = 'better'; }
    return cell;
  }

  function renderExamples(json) {
    if (json.examples.length === 0) {
      $('examples').replaceChildren(text('p', 'Ingen merkede eksempler ennå. Merk meldinger under Gjennomgang.', 'meta'));
    } else {
      const rows = json.examples.map((example) => {
        const said = text('td', '«' + example.text + '»');
        said.id = nextId('example');
        const undo = button('Ta tilbake', () => takeBack(example));
        undo.setAttribute('aria-describedby', said.id);
        const cell = document.createElement('td');
        cell.append(undo);
        return [said, label('intent', example.intent), label('language', example.language), example.by, when(example.at), cell];
      });
      const table = dataTable(['Melding', 'Intensjon', 'Språk', 'Merket av', 'Når', 'Angre'], rows, 'examples');
      $('examples').replaceChildren(table);
    }
    $('export').disabled = json.examples.length === 0 && json.newIntents.length === 0;
    if (json.newIntents.length === 0) {
      $('new-intents').replaceChildren(text('li', 'Ingen meldinger er markert som behov for en ny intensjon.', 'meta'));
      return;
    }
    $('new-intents').replaceChildren(...json.newIntents.map((n) => {
      const li = document.createElement('li');
      li.append(text('span', '«' + n.text + '»', 'said'), text('span', (n.note ? ' Notat: ' + n.note + ' · ' : ' ')
        + label('language', n.language) + ' · ' + n.by + ' · ' + when(n.at), 'meta'));
      return li;
    }));
  }

  async function takeBack(example) {
    try {
      await api('DELETE', '/api/agent/training/examples/' + encodeURIComponent(example.id), null, LEARNING_PROBLEMS);
      notice('Merkingen av «' + example.text + '» er tatt tilbake. Den blir ikke med i neste trening.');
    } catch (e) {
      notice(e.message);
    }
    await loadTraining().catch((e) => notice(e.message));
    $('examples-title').focus();
  }

  // The export needs the bearer token, so it is fetched and handed to the browser as a file.
  $('export').addEventListener('click', async () => {
    const response = await fetch('/api/agent/training/examples.tsv', { headers: { Authorization: 'Bearer ' + state.token } });
    if (!response.ok) { notice(new ApiProblem(response.status, LEARNING_PROBLEMS).message); return; }
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = 'examples.tsv';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    notice('Eksemplene er lastet ned som examples.tsv.');
  });

  // ---- Keyboard. ----

  $('shortcuts-button').addEventListener('click', () => $('shortcuts').showModal());
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName) || document.querySelector('dialog[open]');
    if (typing || e.ctrlKey || e.metaKey || e.altKey || $('console').hidden) { return; }
    const lines = [...document.querySelectorAll('#queue li button')];
    const at = lines.indexOf(document.activeElement);
    if (e.key === '/' && !$('filters').hidden) { e.preventDefault(); $('search').focus(); }
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
