/* Nora chat widget: one script tag, data attributes in the README ("The chat widget on a website"). */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = script.dataset;
  var base = new URL('.', script.src);
  var api = new URL('api/chat/sessions', base).href;
  var KEY = 'nora.chat', PENDING = 'nora.pending', OPEN = 'nora.open';
  var ALL, T, lang = code(data.lang || document.documentElement.lang);
  var session = stored(KEY), pending = stored(PENDING) || [];
  var seen = {}, socket = null, started = null, sending = false, waitTimer = null, typingTimer = null;
  var retryDelay = 500, sendDelay = 500, lastTypingSent = 0, signedIn = null;
  var host, shadow, root, launcher, panel, log, input, form, typing, status, news;

  function code(l) {
    l = (l || '').toLowerCase();
    return /^(nn|en)/.test(l) ? l.slice(0, 2) : 'nb';
  }

  fetch(new URL('widget-texts.json', base).href).then(function (r) { return r.json(); }).then(function (texts) {
    ALL = texts;
    T = ALL[lang];
    build();
  });

  function build() {
    host = document.createElement('div');
    host.id = 'nora-chat';
    shadow = host.attachShadow({ mode: 'open' });
    // Built element by element, never from markup: works where the page requires Trusted Types.
    var css = h('link', { rel: 'stylesheet', href: new URL('widget.css', base).href });
    root = h('aside', { class: 'nora', hidden: '' }, [
      launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'panel' }),
      panel = h('div', { id: 'panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'title',
        hidden: '' }, [
        h('div', { class: 'head' }, [h('h2', { id: 'title' }), h('button', { type: 'button', class: 'close' })]),
        log = h('div', { class: 'log', role: 'log', 'aria-live': 'off', tabindex: '0' }),
        typing = h('p', { class: 'typing' }),
        status = h('p', { class: 'status', role: 'status' }),
        news = h('div', { class: 'sr', 'aria-live': 'polite' }),
        form = h('form', { class: 'form' }, [h('label', { for: 'input', class: 'sr' }),
          input = h('textarea', { id: 'input', rows: '1', maxlength: '2000', autocomplete: 'off' }),
          h('button', { type: 'submit', class: 'send' })])])]);
    shadow.append(css, root);
    if (data.position === 'left') root.classList.add('left');
    css.addEventListener('load', function () { root.hidden = false; });
    setLanguage(lang);
    document.body.appendChild(host);

    launcher.addEventListener('click', function () { panel.hidden ? open() : close(); });
    q('.close').addEventListener('click', close);
    panel.addEventListener('keydown', keepFocus);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    input.addEventListener('input', sendTyping);
    form.addEventListener('submit', submit);
    window.addEventListener('online', function () { flush(true); connect(); });
    pending.forEach(showPending);
    if (sessionStorage.getItem(OPEN) === '1') open();
    else if (pending.length) ensureSession();
  }

  function setLanguage(l) {
    if (!ALL || !ALL[l]) return;
    lang = l; T = ALL[l];
    root.lang = l;
    root.setAttribute('aria-label', T.title);
    launcher.textContent = T.open;
    q('h2').textContent = T.title;
    q('.close').textContent = T.close;
    log.setAttribute('aria-label', T.log);
    q('label').textContent = T.label;
    input.placeholder = T.placeholder;
    q('.send').textContent = T.send;
    pending.forEach(function (p) { if (p.el) state(p.el, p.retrying ? T.retrying : T.sending); });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    sessionStorage.setItem(OPEN, '1');
    input.focus();
    ensureSession();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    sessionStorage.removeItem(OPEN);
    launcher.focus();
  }

  /** Escape closes; Tab and Shift+Tab go round inside the open dialog. */
  function keepFocus(e) {
    if (e.key === 'Escape') { close(); return; }
    if (e.key !== 'Tab') return;
    var all = [].filter.call(panel.querySelectorAll('button,textarea,a[href],[tabindex="0"]'), function (x) {
      return !x.disabled && x.offsetParent;
    });
    var first = all[0], last = all[all.length - 1], at = shadow.activeElement;
    if (e.shiftKey ? at === first : at === last) { e.preventDefault(); (e.shiftKey ? last : first).focus(); }
  }

  /** Starts a conversation, or reloads the stored one's transcript after a page reload. */
  function ensureSession() {
    if (started) return started;
    var me = myPage();
    if (session && session.who !== who(me)) forget();
    started = session
      ? request('GET', api + '/' + session.id + '/messages').then(function (b) {
        render(b.messages, false); setLanguage(b.language); ready();
      })
      : request('POST', api, { language: lang }, me).then(function (b) {
        session = { id: b.conversationId, token: b.token, who: who(me) };
        sessionStorage.setItem(KEY, JSON.stringify(session));
        render(b.messages, true); setLanguage(b.language); ready();
      });
    started = started.catch(function (e) {
      started = null;
      if (gone(e)) return restart();
      if (e.status === 401 && me) {
        say(T.signIn);
        window.dispatchEvent(new CustomEvent('nora:signin-needed'));
      } else {
        say(T.error);
        setTimeout(ensureSession, later());
      }
    });
    return started;
  }

  function ready() { say(''); retryDelay = 500; connect(); flush(); }

  /** The conversation is gone (gateway restarted with memory only, erased, expired): start anew, keep what was typed. */
  function restart() {
    var kept = pending.map(function (p) { p.el.remove(); return p.text; });
    pending = [];
    save(PENDING, pending);
    forget();
    if (input.value) kept.push(input.value);
    input.value = kept.join('\n');
    notice(kept.length ? T.restarted + ' ' + T.kept : T.restarted);
    return ensureSession();
  }

  function submit(e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    if (text.length > 2000) { say(T.tooLong); return; }
    input.value = '';
    queue(text);
  }

  function queue(text) {
    var p = { cid: 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10), text: text };
    pending.push(p);
    save(PENDING, pending);
    showPending(p);
    ensureSession();
    flush();
  }

  /**
   * Sends the oldest waiting message, one at a time so they stay in order. A retry after a failure reuses its
   * clientMessageId: the gateway answers a repeat with the first answer, so nothing is doubled.
   */
  function flush(now) {
    if (now) { clearTimeout(waitTimer); waitTimer = null; }
    if (sending || waitTimer || !pending.length || !session) return;
    var p = pending[0];
    sending = true;
    request('POST', api + '/' + session.id + '/messages', { text: p.text, clientMessageId: p.cid }).then(function (b) {
      sending = false;
      if (pending[0] !== p) return; // the conversation was replaced meanwhile
      sendDelay = 500;
      pending.shift();
      save(PENDING, pending);
      var mine = b.messages[0];
      if (mine && !seen[mine.id]) { seen[mine.id] = p.el; p.el.setAttribute('data-id', mine.id); }
      else if (seen[mine.id] !== p.el) p.el.remove();
      p.el.classList.remove('pending');
      render(b.messages, true);
      setLanguage(b.language);
      say('');
      flush();
    }, function (e) {
      sending = false;
      if (pending[0] !== p) return;
      if (gone(e)) { restart(); return; }
      if (e.status === 400 || e.status === 413) {
        pending.shift(); save(PENDING, pending); p.el.remove();
        input.value = p.text; say(e.status === 413 ? T.tooLong : T.failed);
        return flush();
      }
      p.retrying = true;
      state(p.el, T.retrying);
      if (e.status === 429) say(T.slow);
      waitTimer = setTimeout(function () { waitTimer = null; flush(); }, e.retryAfter || later(true));
    });
  }

  function later(forSend) {
    var d = forSend ? sendDelay : retryDelay;
    if (forSend) sendDelay = Math.min(d * 2, 15000); else retryDelay = Math.min(d * 2, 15000);
    return d;
  }

  function showPending(p) {
    p.el = row('debtor', p.text);
    p.el.classList.add('pending');
    state(p.el, p.retrying ? T.retrying : T.sending);
    log.appendChild(p.el);
    refresh();
  }

  function state(item, text) {
    var s = item.querySelector('.state') || item.firstChild.appendChild(el('span', 'state'));
    s.textContent = text;
  }

  /** Adds messages not seen before, ahead of those still being sent, and applies changes to ones already shown. */
  function render(messages, fresh, onlyUpdate) {
    (messages || []).forEach(function (m) {
      if (!m || m.internal) return;
      var item = seen[m.id];
      if (item) {
        var t = item.querySelector('.text');
        if (t.textContent !== m.text) t.textContent = m.text;
        var s = item.querySelector('.state');
        if (s) s.remove();
        return;
      }
      if (onlyUpdate) return;
      if (m.from === 'debtor' && fresh) {
        // Our own message, told by the WebSocket before the POST's answer: it takes the place of the oldest pending.
        var p = pending.filter(function (x) { return !x.el.hasAttribute('data-id'); })[0];
        if (p) {
          seen[m.id] = p.el; p.el.setAttribute('data-id', m.id); p.el.classList.remove('pending');
          render([m], false, true);
          return;
        }
      }
      item = seen[m.id] = row(m.from, m.text, m.choices, m.links);
      item.setAttribute('data-id', m.id);
      log.insertBefore(item, log.querySelector('.pending'));
      if (fresh && m.from !== 'debtor') { announce(item); showTyping(''); }
    });
    refresh();
    log.scrollTop = log.scrollHeight;
  }

  function row(from, text, choices, links) {
    var item = el('div', 'row ' + from), bubble = item.appendChild(el('p', 'msg'));
    bubble.appendChild(el('span', 'sr')).textContent = (T[from === 'debtor' ? 'you' : from] || T.bot) + ': ';
    bubble.appendChild(el('span', 'text')).textContent = text;
    (links || []).forEach(function (l) {
      var a = link(l);
      if (a) item.appendChild(a);
    });
    if (choices && choices.length) {
      var group = item.appendChild(el('div', 'choices'));
      choices.forEach(function (c) {
        var b = group.appendChild(el('button', 'choice'));
        b.type = 'button';
        b.textContent = c.label;
        b.addEventListener('click', function () { queue(c.value); input.focus(); });
      });
    }
    return item;
  }

  /** A link of a bot message: a web address opens in a new tab; "nora:sign-in" is the page's sign-in. */
  function link(l) {
    var a = el('a', 'link'), url = l.url === 'nora:sign-in' ? data.signInUrl || '#' : l.url;
    if (!/^(https?:|\/|#)/.test(url)) return null;
    a.href = url;
    a.textContent = l.label;
    if (l.url === 'nora:sign-in') {
      a.addEventListener('click', function (e) {
        if (!data.signInUrl) e.preventDefault();
        window.dispatchEvent(new CustomEvent('nora:sign-in'));
      });
    } else if (/^https?:/.test(url)) {
      a.target = '_blank';
      a.rel = 'noopener';
      a.appendChild(el('span', 'sr')).textContent = ' ' + T.newTab;
    }
    return a;
  }

  /** Only the newest bot message's choices can be chosen, and only until the debtor has answered. */
  function refresh() {
    var rows = log.querySelectorAll('.row'), active = null;
    for (var i = rows.length - 1; i >= 0 && !active; i--) {
      if (rows[i].classList.contains('debtor')) break;
      if (rows[i].classList.contains('bot')) active = rows[i];
    }
    log.querySelectorAll('.choice').forEach(function (b) { b.disabled = !active || !active.contains(b); });
  }

  function notice(text) {
    var item = row('system', text);
    log.insertBefore(item, log.querySelector('.pending'));
    announce(item);
    log.scrollTop = log.scrollHeight;
  }

  /** New messages only are read out, one by one; the transcript shown after a reload is not. */
  function announce(item) {
    news.appendChild(el('p')).textContent = item.firstChild.textContent;
    while (news.childNodes.length > 3) news.firstChild.remove();
  }

  /** Live updates; after a dropped connection it reconnects and catches up from the whole stored transcript. */
  function connect() {
    if (socket || !session || !window.WebSocket) return;
    var url = new URL('api/chat/sessions/' + session.id + '/ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    var ws = socket = new WebSocket(url.href), id = session.id;
    ws.onopen = function () { ws.send(JSON.stringify({ type: 'auth', token: session.token })); };
    ws.onmessage = function (e) {
      var event = JSON.parse(e.data);
      if (event.type === 'ready') {
        retryDelay = 500; say('');
        setLanguage(event.language);
        request('GET', api + '/' + id + '/messages').then(function (b) { render(b.messages, true); }, function () { });
        flush(true);
      } else if (event.type === 'message') render([event.message], true);
      else if (event.type === 'message-updated') render([event.message], false, true);
      else if (event.type === 'typing') showTyping(event.from === 'agent' ? T.agentTyping : T.typing);
    };
    ws.onclose = function (e) {
      if (socket !== ws) return;
      socket = null;
      if (e.code === 4403) { if (session && session.id === id) restart(); return; }
      say(T.offline);
      setTimeout(connect, later());
    };
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
          if (r.ok) return b;
          var e = new Error(b.message || r.status);
          e.status = r.status;
          e.retryAfter = r.headers.get('Retry-After') * 1000;
          throw e;
        });
      });
  }

  /** 403/404 on the conversation's own token: it no longer exists. */
  function gone(e) { return !!session && (e.status === 403 || e.status === 404); }

  /** My Page's token, handed over by NoraChat.signIn, data-mypage-token or a sessionStorage key (data-mypage-storage). */
  function myPage() {
    if (signedIn !== null) return signedIn;
    if (data.mypageToken) return data.mypageToken;
    var raw = data.mypageStorage && sessionStorage.getItem(data.mypageStorage);
    try { return (JSON.parse(raw) || {}).token || ''; } catch (e) { return raw || ''; }
  }

  /** The debtor a token names (its "sub"), so a renewed token for the same debtor keeps the conversation. */
  function who(token) {
    try { return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).sub; } catch (e) { return ''; }
  }

  function forget() {
    session = null; started = null;
    sessionStorage.removeItem(KEY);
    if (socket) { var s = socket; socket = null; s.close(); }
  }

  function say(text) { status.textContent = text; }
  function stored(key) { try { return JSON.parse(sessionStorage.getItem(key)); } catch (e) { return null; } }
  function save(key, list) {
    sessionStorage.setItem(key, JSON.stringify(list.map(function (p) { return { cid: p.cid, text: p.text }; })));
  }
  function h(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function q(sel) { return shadow.querySelector(sel); }

  window.NoraChat = {
    open: function () { open(); },
    close: function () { close(); },
    /** My Page hands over a (new) token, e.g. after "nora:signin-needed". */
    signIn: function (token) { signedIn = token; if (!session && panel && !panel.hidden) ensureSession(); },
    signOut: function () {
      signedIn = ''; forget();
      sessionStorage.removeItem(PENDING); sessionStorage.removeItem(OPEN);
    }
  };
})();
