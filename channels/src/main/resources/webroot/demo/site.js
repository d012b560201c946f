/* The demo company's page: shows who is signed in to "My Page" (demo), and hands the chat a fresh token when the
   one it has is refused (a demo gateway signs with a new secret at every start). */
(function () {
  'use strict';
  var KEY = 'nora.myPage';
  var me = null;
  try { me = JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { }
  if (me && me.debtorId) {
    document.getElementById('sign-in').hidden = true;
    document.getElementById('signed-in').hidden = false;
    document.getElementById('debtor').textContent = me.name ? me.name + ' (' + me.debtorId + ')' : me.debtorId;
  }
  document.getElementById('sign-out').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    if (window.NoraChat) window.NoraChat.signOut();
    location.reload();
  });
  window.addEventListener('nora:signin-needed', function () {
    if (!me || !me.debtorId) return;
    fetch('/demo/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                           body: JSON.stringify({ debtorId: me.debtorId }) })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (b) {
        me.token = b.token;
        sessionStorage.setItem(KEY, JSON.stringify(me));
        window.NoraChat.signIn(b.token);
      })
      .catch(function () { location.href = '/demo/login'; });
  });
})();
