// Page-wide behaviour: CSRF header on htmx and fetch requests, readable errors, click-to-call buttons.
(function () {
  'use strict';

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }

  var toastTimer = null;
  function toast(html, kind) {
    var box = document.getElementById('toast');
    if (!box) { return; }
    box.innerHTML = html;
    box.className = 'toast ' + (kind || '');
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, kind === 'error' ? 9000 : 5000);
  }
  window.callbridgeToast = toast;

  // Forms that ask first (data-confirm) and "go back" links: handled here, because the
  // Content-Security-Policy allows no inline event handler or javascript: link.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  document.addEventListener('click', function (event) {
    if (event.target.closest('[data-history-back]')) {
      event.preventDefault();
      history.back();
    }
  });

  // When the session has ended (logged out elsewhere, account changed), the server answers
  // 401 with HX-Redirect to the login page: go there.
  function followLoginRedirect(response) {
    var target = response.headers.get('HX-Redirect');
    if (response.status === 401 && target) {
      window.location.href = target;
      return true;
    }
    return false;
  }
  window.callbridgeFollowLoginRedirect = followLoginRedirect;

  document.addEventListener('htmx:configRequest', function (event) {
    var c = csrf();
    if (c) { event.detail.headers[c.header] = c.token; }
  });

  // Errors come back as a small HTML message: show it instead of leaving the click without an answer.
  // A form refused for its input comes back whole, with the errors by its fields: it replaces the form.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 422 && xhr.getResponseHeader('X-Callbridge-Form-Errors')) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
      return;
    }
    if (xhr.status >= 400) {
      event.detail.shouldSwap = false;
      toast(xhr.responseText && xhr.responseText.indexOf('<') === 0 ? xhr.responseText
        : '<div class="alert error">' + (xhr.statusText || 'Error') + '</div>', 'error');
    }
  });
  // Answers swapped into the toast (e.g. the dial form's) are shown like any other message.
  document.addEventListener('htmx:afterSwap', function (event) {
    if (event.detail.target && event.detail.target.id === 'toast') {
      toast(event.detail.target.innerHTML, 'ok');
    }
  });
  document.addEventListener('htmx:sendError', function () {
    toast('<div class="alert error">' + (document.body.dataset.offline || 'The server cannot be reached.') + '</div>', 'error');
  });

  // The caller identity chosen on the console is remembered for the dial buttons of every page.
  document.addEventListener('change', function (event) {
    if (event.target.id === 'caller-identity') { localStorage.setItem('callbridge.callerId', event.target.value); }
  });
  document.addEventListener('DOMContentLoaded', function () {
    var select = document.getElementById('caller-identity');
    var saved = localStorage.getItem('callbridge.callerId');
    if (!select) {
      // On the console without a choice of identity, an identity remembered earlier no longer applies.
      if (document.getElementById('dial-form')) { localStorage.removeItem('callbridge.callerId'); }
      return;
    }
    if (saved && Array.prototype.some.call(select.options, function (o) { return o.value === saved; })) {
      select.value = saved;
    } else {
      localStorage.setItem('callbridge.callerId', select.value);
    }
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button.dial');
    if (!button) { return; }
    event.preventDefault();
    // A button without a number (never rendered for a withheld one) has nothing to call.
    if (!button.dataset.number) { return; }
    var body = new URLSearchParams();
    body.set('number', button.dataset.number);
    if (button.dataset.contactId) { body.set('contactId', button.dataset.contactId); }
    var identity = localStorage.getItem('callbridge.callerId');
    if (identity) { body.set('callerId', identity); }
    var headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' };
    var c = csrf();
    if (c) { headers[c.header] = c.token; }
    button.disabled = true;
    fetch(document.body.dataset.dialUrl || '/console/dial', { method: 'POST', headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (followLoginRedirect(response)) { return null; }
        return response.text().then(function (text) { toast(text, response.ok ? 'ok' : 'error'); });
      })
      .catch(function () { toast('<div class="alert error">The server cannot be reached.</div>', 'error'); })
      .finally(function () { button.disabled = false; });
  });
})();
