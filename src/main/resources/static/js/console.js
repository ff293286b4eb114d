// The live agent console: listens to the SSE stream and keeps one card per call up to date.
(function () {
  'use strict';

  var popups = document.getElementById('popups');
  var status = document.getElementById('live-status');
  var base = document.body.dataset.consoleUrl || '/console';
  window.callbridgeConsole = { events: 0, lastChange: null, connected: false };
  // Calls whose card was closed here (by the agent, or because a colleague answered): later
  // events of the same call must not bring the card back.
  var closed = {};
  var closeAfter = parseInt((popups && popups.dataset.closeAnsweredElsewhereMs) || '3000', 10);

  function close(card) {
    closed[card.dataset.callId] = true;
    card.remove();
  }

  function setStatus(connected) {
    window.callbridgeConsole.connected = connected;
    if (status) {
      status.textContent = connected ? status.dataset.live : status.dataset.reconnecting;
      status.className = 'live-status ' + (connected ? 'live' : 'reconnecting');
    }
  }

  function refresh(callId) {
    if (closed[callId]) { return null; }
    var existing = document.getElementById('call-' + callId);
    var url = base + '/calls/' + callId + '/card';
    if (existing) {
      return htmx.ajax('GET', url, { target: existing, swap: 'outerHTML' });
    }
    var empty = document.getElementById('no-calls');
    if (empty) { empty.hidden = true; }
    return htmx.ajax('GET', url, { target: popups, swap: 'afterbegin' });
  }

  function connect() {
    var source = new EventSource(base + '/events');
    source.addEventListener('hello', function () {
      setStatus(true);
      // After a reconnect, bring the cards on screen up to date: events may have been missed meanwhile.
      document.querySelectorAll('[data-call-id]').forEach(function (card) { refresh(card.dataset.callId); });
    });
    source.addEventListener('call', function (event) {
      var change = JSON.parse(event.data);
      window.callbridgeConsole.events++;
      window.callbridgeConsole.lastChange = change;
      refresh(change.callId);
    });
    // EventSource reconnects by itself after a drop; only the indicator needs to change.
    // It gives up when the server refuses the stream (e.g. 401: the session has ended): then
    // ask the console page whether the login is still valid, and go to the login page or
    // connect again.
    source.onerror = function () {
      setStatus(false);
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(function () {
          fetch(base, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
            .then(function (response) {
              if (!window.callbridgeFollowLoginRedirect(response)) { connect(); }
            })
            .catch(connect);
        }, 2000);
      }
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    var active = popups && popups.dataset.activeCall;
    if (active) { refresh(active); }
    connect();
  });

  // A call a colleague answered is no longer this agent's: its card says who took it, then
  // closes by itself.
  document.addEventListener('htmx:afterSwap', function () {
    document.querySelectorAll('.call-card[data-relation="ANSWERED_ELSEWHERE"]:not([data-closing])')
      .forEach(function (card) {
        card.dataset.closing = 'true';
        setTimeout(function () { if (card.isConnected) { close(card); } }, closeAfter);
      });
  });

  // Dismissing (ignoring) a card only hides it in this tab.
  document.addEventListener('click', function (event) {
    var dismiss = event.target.closest('[data-dismiss]');
    if (dismiss) {
      var card = dismiss.closest('.call-card');
      if (card) { close(card); }
    }
  });
})();
