/* Nora web chat widget. Embed with: <script src="/widget.js" defer data-lang="nb"></script> */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src$="widget.js"]');
  var base = new URL('.', script.src);
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || 'nb').slice(0, 2) === 'en' ? 'en' : 'nb';
  var T = {
    nb: { open: 'Chat med oss', title: 'Chat med Nora', close: 'Lukk chatten', label: 'Skriv en melding',
      placeholder: 'Skriv her …', send: 'Send', typing: 'Nora skriver …', agentTyping: 'Saksbehandler skriver …',
      you: 'Du', bot: 'Nora', agent: 'Saksbehandler', sending: 'Sender …', retrying: 'Prøver igjen …',
      offline: 'Forbindelsen ble brutt. Vi kobler til igjen …', failed: 'Meldingen kunne ikke sendes.',
      tooLong: 'Meldingen er for lang (maks 2000 tegn).', slow: 'Du sender for mange meldinger. Vent litt.',
      queued: 'Du står i kø for å snakke med en saksbehandler.', joined: 'En saksbehandler er med i samtalen.',
      left: 'Saksbehandleren har forlatt samtalen.', error: 'Chatten er ikke tilgjengelig akkurat nå.' },
    en: { open: 'Chat with us', title: 'Chat with Nora', close: 'Close the chat', label: 'Write a message',
      placeholder: 'Write here …', send: 'Send', typing: 'Nora is typing …', agentTyping: 'An adviser is typing …',
      you: 'You', bot: 'Nora', agent: 'Adviser', sending: 'Sending …', retrying: 'Trying again …',
      offline: 'The connection dropped. Reconnecting …', failed: 'The message could not be sent.',
      tooLong: 'The message is too long (at most 2000 characters).', slow: 'You are sending too many messages. Please wait.',
      queued: 'You are in the queue for an adviser.', joined: 'An adviser has joined the conversation.',
      left: 'The adviser has left the conversation.', error: 'The chat is not available right now.' }
  }[lang];
  var KEY = 'nora.chat';
  var api = new URL('api/chat/sessions', base).href;
  var session = load();
  var seen = {};
  var lastId = null;
  var socket = null;
  var retryDelay = 500;
  var typingTimer = null;
  var lastTypingSent = 0;
  var started = null;

  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('widget.css', base).href;
  document.head.appendChild(css);

  var root = el('div', 'nora-chat');
  root.innerHTML =
    '<button type="button" class="nora-launcher" aria-expanded="false" aria-controls="nora-panel"></button>' +
    '<section id="nora-panel" class="nora-panel" role="dialog" aria-labelledby="nora-title" hidden>' +
    '<header class="nora-head"><h2 id="nora-title"></h2><button type="button" class="nora-close">×</button></header>' +
    '<div class="nora-log" role="log" aria-live="polite" aria-relevant="additions" tabindex="0"></div>' +
    '<p class="nora-typing" aria-live="polite"></p><p class="nora-status" role="status"></p>' +
    '<form class="nora-form"><label for="nora-input" class="nora-sr"></label>' +
    '<textarea id="nora-input" rows="1" maxlength="2000" autocomplete="off"></textarea>' +
    '<button type="submit" class="nora-send"></button></form></section>';
  var launcher = q('.nora-launcher'), panel = q('.nora-panel'), log = q('.nora-log'), input = q('textarea'),
    form = q('form'), typing = q('.nora-typing'), status = q('.nora-status'), closer = q('.nora-close');
  launcher.textContent = T.open;
  q('h2').textContent = T.title;
  closer.setAttribute('aria-label', T.close);
  q('label').textContent = T.label;
  input.placeholder = T.placeholder;
  q('.nora-send').textContent = T.send;
  document.body.appendChild(root);

  launcher.addEventListener('click', function () { panel.hidden ? open() : close(); });
  closer.addEventListener('click', close);
  panel.addEventListener('keydown', function (e) { if (e.key === 'Escape') close(); });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : submit(e); }
  });
  input.addEventListener('input', sendTyping);
  form.addEventListener('submit', submit);
  if (session && sessionStorage.getItem('nora.open') === '1') open();

  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    sessionStorage.setItem('nora.open', '1');
    input.focus();
    ensureSession();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    sessionStorage.removeItem('nora.open');
    launcher.focus();
  }

  /** Starts a conversation, or reloads the stored one's transcript after a page reload. */
  function ensureSession() {
    if (started) return started;
    var me = myPage();
    if (session && session.myPage !== me) { forget(); }
    if (session) {
      started = request('GET', api + '/' + session.id + '/messages', null).then(function (b) {
        render(b.messages); connect();
      }, function (e) {
        if (e.status === 403 || e.status === 404) { forget(); started = null; return ensureSession(); }
        started = null; say(T.error);
      });
      return started;
    }
    started = request('POST', api, { language: lang }, me).then(function (b) {
      session = { id: b.conversationId, token: b.token, myPage: me };
      sessionStorage.setItem(KEY, JSON.stringify(session));
      render(b.messages); connect();
    }, function () { started = null; say(T.error); });
    return started;
  }

  function submit(e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (text.length > 2000) { say(T.tooLong); return; }
    input.value = '';
    send(text, cid());
  }

  /** Sends once per clientMessageId; a retry after a network failure reuses it, so nothing is doubled. */
  function send(text, clientMessageId, attempt) {
    attempt = attempt || 0;
    say(attempt ? T.retrying : T.sending);
    ensureSession().then(function () {
      return request('POST', api + '/' + session.id + '/messages', { text: text, clientMessageId: clientMessageId });
    }).then(function (b) {
      say('');
      render(b.messages);
    }, function (err) {
      if (err.status === 429) { say(T.slow); return; }
      if (err.status === 413) { say(T.tooLong); return; }
      if (err.status && err.status < 500) { say(T.failed); return; }
      if (attempt < 6) {
        setTimeout(function () { send(text, clientMessageId, attempt + 1); }, Math.min(8000, 500 * Math.pow(2, attempt)));
      } else { say(T.failed); }
    });
  }

  function choose(choice, group) {
    group.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
    send(choice.value, cid());
    input.focus();
  }

  /** Adds messages not seen before, in order; the id is the dedupe key across REST, WebSocket and resync. */
  function render(messages) {
    (messages || []).forEach(function (m) {
      if (!m || seen[m.id] || m.internal) return;
      seen[m.id] = true;
      lastId = m.id;
      var item = el('div', 'nora-msg nora-' + m.from);
      item.setAttribute('data-id', m.id);
      if (m.from !== 'system') {
        var who = el('span', 'nora-sr');
        who.textContent = (m.from === 'debtor' ? T.you : m.from === 'agent' ? T.agent : T.bot) + ': ';
        item.appendChild(who);
      }
      var text = el('span', 'nora-text');
      text.textContent = m.text;
      item.appendChild(text);
      log.appendChild(item);
      if (m.choices && m.choices.length) {
        var group = el('div', 'nora-choices');
        m.choices.forEach(function (c) {
          var b = el('button', 'nora-choice');
          b.type = 'button';
          b.textContent = c.label;
          b.addEventListener('click', function () { choose(c, group); });
          group.appendChild(b);
        });
        log.appendChild(group);
      }
      if (m.from !== 'debtor') showTyping('');
    });
    log.scrollTop = log.scrollHeight;
  }

  /** Live updates; after a dropped connection it reconnects and resyncs from the last message it has. */
  function connect() {
    if (socket || !session || !window.WebSocket) return;
    var url = new URL('api/chat/sessions/' + session.id + '/ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    var ws = socket = new WebSocket(url.href);
    ws.onopen = function () { ws.send(JSON.stringify({ type: 'auth', token: session.token })); };
    ws.onmessage = function (e) {
      var event; try { event = JSON.parse(e.data); } catch (x) { return; }
      if (event.type === 'ready') {
        retryDelay = 500; say('');
        request('GET', api + '/' + session.id + '/messages' + (lastId ? '?after=' + encodeURIComponent(lastId) : ''))
          .then(function (b) { render(b.messages); }, function () {});
      } else if (event.type === 'message') { render([event.message]); }
      else if (event.type === 'typing') { showTyping(event.from === 'agent' ? T.agentTyping : T.typing); }
      else if (event.type === 'status') { statusNotice(event.status); }
    };
    ws.onclose = function (e) {
      socket = null;
      if (e.code === 4403 || e.code === 4401 || !session) return;
      say(T.offline);
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

  function statusNotice(s) {
    var text = s === 'queued' ? T.queued : s === 'assigned' || s === 'agent_joined' ? T.joined
      : s === 'resolved' || s === 'agent_left' ? T.left : '';
    if (text) { var n = el('div', 'nora-msg nora-system'); n.textContent = text; log.appendChild(n); }
  }

  function sendTyping() {
    var now = Date.now();
    if (socket && socket.readyState === 1 && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.send(JSON.stringify({ type: 'typing' }));
    }
  }

  function showTyping(text) {
    typing.textContent = text;
    clearTimeout(typingTimer);
    if (text) typingTimer = setTimeout(function () { typing.textContent = ''; }, 6000);
  }

  function request(method, url, body, bearer) {
    var headers = { Accept: 'application/json' };
    var token = bearer !== undefined ? bearer : session && session.token;
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body) headers['Content-Type'] = 'application/json';
    return fetch(url, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (b) {
          if (!r.ok) { var e = new Error(b.message || r.status); e.status = r.status; throw e; }
          return b;
        });
      });
  }

  function myPage() {
    try { return (JSON.parse(sessionStorage.getItem('nora.myPage')) || {}).token || ''; } catch (e) { return ''; }
  }
  function load() { try { return JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { return null; } }
  function forget() {
    session = null; sessionStorage.removeItem(KEY);
    if (socket) { var s = socket; socket = null; s.onclose = null; s.close(); }
  }
  function say(text) { status.textContent = text; }
  function cid() { return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }
  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function q(sel) { return root.querySelector(sel); }

  window.NoraChat = { open: open, close: close, forget: forget };
})();
