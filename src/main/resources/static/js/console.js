// The live agent console: listens to the SSE stream, keeps exactly one card per call up to date, and
// re-fetches the side panels (call in progress, open tasks, recent calls) and the agent's status
// selector when what they show changes.
(function () {
  'use strict';

  var popups = document.getElementById('popups');
  var status = document.getElementById('live-status');
  var base = document.body.dataset.consoleUrl || '/console';
  window.callbridgeConsole = { events: 0, lastChange: null, connected: false, cardLoads: 0 };
  // Calls whose card was closed here (by the agent, or because a colleague answered): later
  // events of the same call must not bring the card back.
  var closed = {};
  var closeAfter = parseInt((popups && popups.dataset.closeAnsweredElsewhereMs) || '3000', 10);
  // Card loads in flight, by call id. Messages about one call often arrive together (a transfer
  // sends two): while its card loads, further ones only ask for one more load afterwards, and the
  // card is placed by call id when it arrives, so a call never gets a second card.
  var loading = {};
  // How many cards are loading now: a page (or a test) can tell that every message heard so far is
  // shown.
  window.callbridgeConsole.cardsLoading = function () { return Object.keys(loading).length; };
  // Loads a call's card again, as a message about it would.
  window.callbridgeConsole.refresh = function (callId) { refresh(callId); };
  var panelTimers = {};
  // External sites ("URL externa") opened by themselves, by call and trigger: each opens once per
  // call, however often its card is re-rendered (OMniLeads' double trigger, oml-3212, avoided).
  var crmFired = {};
  window.callbridgeConsole.crmOpened = 0;

  function close(card) {
    closed[card.dataset.callId] = true;
    var holder = document.getElementById('crm-holder-' + card.dataset.callId);
    if (holder) { holder.remove(); }
    card.remove();
  }

  function setStatus(connected) {
    window.callbridgeConsole.connected = connected;
    if (status) {
      status.textContent = connected ? status.dataset.live : status.dataset.reconnecting;
      status.className = 'live-status ' + (connected ? 'live' : 'reconnecting');
    }
  }

  function fetchHtml(url) {
    return fetch(url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.text() : null; });
  }

  function parse(html) {
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function refresh(callId) {
    callId = String(callId);
    if (closed[callId]) { return; }
    if (loading[callId]) {
      loading[callId].again = true;
      return;
    }
    loading[callId] = { again: false };
    window.callbridgeConsole.cardLoads++;
    fetchHtml(base + '/calls/' + callId + '/card')
      .then(function (html) {
        if (html && !closed[callId]) { place(callId, parse(html)); }
      })
      .catch(function () { /* the next message or reconnect loads it again */ })
      .then(function () {
        var again = loading[callId].again;
        delete loading[callId];
        if (again) { refresh(callId); }
      });
  }

  // Replaces the call's card where it is, or puts a new one on top. A card on screen is not replaced
  // by one showing the same (the server's digest of what it shows): that would drop what the agent
  // did on it — a form's answer ("Saved.", its errors). Messages about one call often bring the same
  // card twice (a load begun for the answer may already read the end, which then loads again). Nor
  // while a form of it is being sent: its answer would land nowhere; the card is loaded again once
  // the answer is in.
  function place(callId, card) {
    if (!card) { return; }
    var existing = document.getElementById('call-' + callId);
    if (existing && existing.querySelector('.htmx-request')) {
      loadAfterAnswer(callId, existing);
      return;
    }
    if (existing && card.dataset.cardDigest && card.dataset.cardDigest === existing.dataset.cardDigest) { return; }
    if (existing) {
      keepTyped(existing, card);
      existing.replaceWith(card);
    } else {
      var empty = document.getElementById('no-calls');
      if (empty) { empty.hidden = true; }
      popups.prepend(card);
    }
    htmx.process(card);
    crm(card);
    closeLaterIfAnsweredElsewhere(card);
  }

  // htmx marks the form being sent (htmx-request) and tells the end of its request on it, the old card
  // being still its ancestor even once the answer has replaced it. One load per request; the card may
  // stay (a search's request does not replace it), so its next request is waited for again.
  function loadAfterAnswer(callId, card) {
    if (card.dataset.loadAfterAnswer) { return; }
    card.dataset.loadAfterAnswer = 'true';
    card.addEventListener('htmx:afterRequest', function () {
      delete card.dataset.loadAfterAnswer;
      refresh(callId);
    }, { once: true });
  }

  // The card's external site: opened by itself once per call when automatic; otherwise its
  // "CRM" button opens it.
  function crm(card) {
    var section = card.querySelector('.crm[data-crm-key]');
    if (!section || section.dataset.crmAutomatic !== 'true' || crmFired[section.dataset.crmKey]) { return; }
    openCrm(card, section);
  }

  function openCrm(card, section) {
    crmFired[section.dataset.crmKey] = true;
    window.callbridgeConsole.crmOpened++;
    var embedded = section.dataset.crmEmbedded === 'true';
    var frame = embedded ? crmFrame(card, section) : null;
    var form = section.querySelector('form.crm-form');
    if (form) {
      form.submit();
    } else if (frame) {
      frame.src = section.dataset.crmUrl;
    } else {
      window.open(section.dataset.crmUrl, '_blank', 'noopener');
    }
  }

  // The frame lives next to the card, not in it: re-rendering the card keeps the CRM page.
  function crmFrame(card, section) {
    var id = 'crm-holder-' + card.dataset.callId;
    var holder = document.getElementById(id);
    if (!holder) {
      holder = document.createElement('div');
      holder.id = id;
      holder.className = 'crm-holder';
      var frame = document.createElement('iframe');
      frame.name = section.dataset.crmFrame;
      frame.className = 'crm-frame';
      frame.title = section.dataset.crmTitle || 'CRM';
      holder.appendChild(frame);
      card.after(holder);
    }
    return holder.querySelector('iframe');
  }

  // What the agent is typing in the outcome form survives a refresh of the card (e.g. the call ends
  // while the agent writes notes).
  function keepTyped(oldCard, newCard) {
    var typed = oldCard.querySelector('form.disposition[data-typing]');
    var form = newCard.querySelector('form.disposition');
    if (!typed || !form) { return; }
    ['outcome', 'notes', 'chargeAmount'].forEach(function (name) {
      var from = typed.elements[name];
      var to = form.elements[name];
      if (from && to) { to.value = from.value; }
    });
    form.dataset.typing = 'true';
  }

  // A call a colleague answered is no longer this agent's: its card says who took it, then closes.
  function closeLaterIfAnsweredElsewhere(card) {
    if (card.dataset.relation !== 'ANSWERED_ELSEWHERE' || card.dataset.closing) { return; }
    card.dataset.closing = 'true';
    setTimeout(function () { if (card.isConnected) { close(card); } }, closeAfter);
  }

  // Panels are re-fetched a moment after the last message about them: a burst of messages
  // costs one request.
  function reloadPanel(id) {
    clearTimeout(panelTimers[id]);
    panelTimers[id] = setTimeout(function () {
      var panel = document.getElementById(id);
      if (!panel || !panel.dataset.url) { return; }
      fetchHtml(panel.dataset.url).then(function (html) {
        var fresh = html && parse(html);
        var current = document.getElementById(id);
        if (fresh && current) {
          current.replaceWith(fresh);
          htmx.process(fresh);
        }
      }).catch(function () { /* the next message or reconnect reloads it */ });
    }, 250);
  }

  function reloadCallPanels() {
    reloadPanel('active-call-panel');
    reloadPanel('recent-calls-panel');
  }

  function connect() {
    var source = new EventSource(base + '/events');
    var greeted = false;
    source.addEventListener('hello', function () {
      setStatus(true);
      // Bring what is on screen up to date: messages may have been missed while (re)connecting.
      document.querySelectorAll('.call-card[data-call-id]').forEach(function (card) { refresh(card.dataset.callId); });
      if (greeted) {
        reloadCallPanels();
        reloadPanel('my-tasks-panel');
        reloadPanel('agent-status');
      }
      greeted = true;
    });
    source.addEventListener('call', function (event) {
      var change = JSON.parse(event.data);
      window.callbridgeConsole.events++;
      window.callbridgeConsole.lastChange = change;
      refresh(change.callId);
      reloadCallPanels();
    });
    // The agent's status changed elsewhere (another tab, a supervisor): show the stored one. A change
    // made with this selector is already shown (with its "Saved."), so it is not fetched again.
    source.addEventListener('status', function (event) {
      var change = JSON.parse(event.data);
      window.callbridgeConsole.events++;
      var selector = document.getElementById('agent-status');
      if (!selector || selector.dataset.status !== change.status) { reloadPanel('agent-status'); }
    });
    source.addEventListener('tasks', function (event) {
      var change = JSON.parse(event.data);
      window.callbridgeConsole.events++;
      reloadPanel('my-tasks-panel');
      if (change.contactId) {
        document.querySelectorAll('.call-card[data-contact-id="' + change.contactId + '"]')
          .forEach(function (card) { refresh(card.dataset.callId); });
      }
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

  // Cards re-rendered by their own forms (link a contact, save the outcome…) are swapped by htmx.
  document.addEventListener('htmx:afterSwap', function () {
    document.querySelectorAll('.call-card[data-relation="ANSWERED_ELSEWHERE"]').forEach(closeLaterIfAnsweredElsewhere);
    // A saved disposition may open the campaign's site (trigger "on disposition").
    document.querySelectorAll('.call-card').forEach(crm);
  });

  document.addEventListener('input', function (event) {
    var form = event.target.closest && event.target.closest('.call-card form.disposition');
    if (form) { form.dataset.typing = 'true'; }
  });

  // Dismissing (ignoring) a card only hides it in this tab.
  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-crm-open]');
    if (opener) {
      var section = opener.closest('.crm[data-crm-key]');
      if (section) { openCrm(opener.closest('.call-card'), section); }
      return;
    }
    var dismiss = event.target.closest('[data-dismiss]');
    if (dismiss) {
      var card = dismiss.closest('.call-card');
      if (card) { close(card); }
    }
  });
})();
