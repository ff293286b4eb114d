// The live wallboard: draws itself from the wallboard JSON, ticks every duration each second on its
// own, and reads the JSON again whenever the console's live stream says the wallboard changed
// (a burst of changes is read once), when the stream reconnects (changes may have been missed),
// and once a minute (today's figures follow the calls' ends with a small delay; the day changes).
(function () {
  'use strict';

  var DEBOUNCE_MILLIS = 300;
  var REFRESH_MILLIS = 60000;
  var STATE_COLOURS = {
    ON_CALL: '#388bfd', AVAILABLE: '#3fb950', BUSY: '#f85149', BREAK: '#d29922', OFFLINE: '#6e7681'
  };

  var root;
  var texts = {};
  var locale;
  var zone;
  // Server time minus this browser's time: durations are counted on the server's clock.
  var offset = 0;
  var chart = null;
  var pending = null;
  var loading = false;
  var loadAgain = false;

  // Read by the browser tests.
  var state = window.callbridgeWallboard = { connected: false, loads: 0, events: 0 };

  function text(key) {
    return Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
  }

  function serverNow() {
    return Date.now() + offset;
  }

  function two(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function duration(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(s % 60);
  }

  function since(iso) {
    return duration((serverNow() - Date.parse(iso)) / 1000);
  }

  function time(iso) {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit' })
      .format(new Date(iso));
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (content !== undefined && content !== null) { node.textContent = content; }
    return node;
  }

  // A duration that ticks: the element keeps the instant it counts from.
  function ticking(tag, className, iso) {
    var node = element(tag, className, since(iso));
    node.dataset.since = iso;
    return node;
  }

  function tick() {
    document.querySelectorAll('[data-since]').forEach(function (node) {
      node.textContent = since(node.dataset.since);
    });
    if (zone) {
      document.getElementById('wb-clock').textContent = new Intl.DateTimeFormat(locale,
        { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(serverNow()));
    }
  }

  function caller(call) {
    var cell = element('td', 'wb-caller');
    var number = call.number || text('private');
    if (call.contactName) {
      cell.appendChild(element('span', 'wb-name', call.contactName));
      cell.appendChild(element('span', 'wb-sub', number));
    }
    else {
      cell.appendChild(element('span', 'wb-name', number));
    }
    cell.appendChild(element('span', 'wb-sub wb-direction', text('direction.' + call.direction)));
    return cell;
  }

  function line(call) {
    var cell = element('td', 'wb-line', call.line);
    if (call.ourLine) { cell.appendChild(element('span', 'wb-sub', call.ourLine)); }
    return cell;
  }

  function who(names) {
    return names.length ? names.join(', ') : '—';
  }

  function ringingRow(call) {
    var row = element('tr');
    row.dataset.callId = call.callId;
    row.appendChild(caller(call));
    row.appendChild(line(call));
    row.appendChild(element('td', 'wb-who',
      who(call.agentName && !call.rungAgents.length ? [call.agentName] : call.rungAgents)));
    var waiting = element('td', 'wb-num');
    waiting.appendChild(ticking('span', 'wb-duration', call.startedAt));
    waiting.appendChild(element('span', 'wb-sub', text('startedAt') + ' ' + time(call.startedAt)));
    row.appendChild(waiting);
    return row;
  }

  function inProgressRow(call) {
    var row = element('tr');
    row.dataset.callId = call.callId;
    row.appendChild(caller(call));
    row.appendChild(line(call));
    row.appendChild(element('td', 'wb-who', who(call.agentName ? [call.agentName] : call.rungAgents)));
    var talking = element('td', 'wb-num');
    talking.appendChild(ticking('span', 'wb-duration', call.answeredAt));
    talking.appendChild(element('span', 'wb-sub', text('answeredAt') + ' ' + time(call.answeredAt)));
    row.appendChild(talking);
    return row;
  }

  function fillTable(id, calls, row) {
    var body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren.apply(body, calls.map(row));
    document.getElementById(id).hidden = calls.length === 0;
    document.getElementById(id + '-empty').hidden = calls.length > 0;
  }

  function setValue(id, value) {
    document.getElementById(id).textContent = value;
  }

  function counters(board) {
    var today = board.today;
    var number = new Intl.NumberFormat(locale);
    setValue('wb-ringing-count', number.format(board.ringing.length));
    setValue('wb-in-progress-count', number.format(board.inProgress.length) + (board.moreCalls ? '+' : ''));
    var available = board.agentsByState.filter(function (s) { return s.state === 'AVAILABLE'; })[0];
    setValue('wb-available-count', number.format(available ? available.agents : 0));
    setValue('wb-today-calls', number.format(today.calls));
    setValue('wb-today-answered', number.format(today.answered));
    setValue('wb-today-missed', number.format(today.missed));
    setValue('wb-today-rate', today.answerRate === null ? '–'
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(today.answerRate));
    setValue('wb-today-wait', today.averageWaitSeconds === null ? '–' : duration(today.averageWaitSeconds));
    setValue('wb-today-talk', today.averageTalkSeconds === null ? '–' : duration(today.averageTalkSeconds));
    var longest = document.getElementById('wb-longest');
    var longestWho = document.getElementById('wb-longest-who');
    if (board.waitingLongest) {
      longest.dataset.since = board.waitingLongest.startedAt;
      longest.textContent = since(board.waitingLongest.startedAt);
      longestWho.textContent = board.waitingLongest.contactName || board.waitingLongest.number || text('private');
    }
    else {
      delete longest.dataset.since;
      longest.textContent = '–';
      longestWho.textContent = '';
    }
  }

  function agents(board) {
    var list = document.getElementById('wb-agents');
    list.replaceChildren.apply(list, board.agents.map(function (agent) {
      var item = element('li', 'wb-agent state-' + agent.state);
      item.dataset.agentId = agent.agentId;
      item.dataset.state = agent.state;
      item.appendChild(element('span', 'wb-dot'));
      item.appendChild(element('span', 'wb-name', agent.name));
      item.appendChild(element('span', 'wb-sub', text('state.' + agent.state)));
      if (agent.since) { item.appendChild(ticking('span', 'wb-duration', agent.since)); }
      return item;
    }));
    document.getElementById('wb-agents-empty').hidden = board.agents.length > 0;
    // Without agents the doughnut would be an empty ring: the notice says it instead.
    document.querySelector('.wb-chart').hidden = board.agents.length === 0;
    drawChart(board.agentsByState);
  }

  function drawChart(byState) {
    if (!window.Chart) { return; }
    var labels = byState.map(function (s) { return text('state.' + s.state); });
    var counts = byState.map(function (s) { return s.agents; });
    var colours = byState.map(function (s) { return STATE_COLOURS[s.state]; });
    if (chart) {
      chart.data.labels = labels;
      chart.data.datasets[0].data = counts;
      chart.data.datasets[0].backgroundColor = colours;
      chart.update('none');
      return;
    }
    chart = new window.Chart(document.getElementById('wb-agents-chart'), {
      type: 'doughnut',
      data: { labels: labels, datasets: [{ data: counts, backgroundColor: colours, borderColor: '#0d1117' }] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'right', labels: { color: '#e6edf3', font: { size: 16 } } } }
      }
    });
  }

  function render(board) {
    offset = Date.parse(board.now) - Date.now();
    zone = board.zone;
    fillTable('wb-ringing', board.ringing, ringingRow);
    fillTable('wb-in-progress', board.inProgress, inProgressRow);
    document.getElementById('wb-more').hidden = !board.moreCalls;
    counters(board);
    agents(board);
    tick();
    root.dataset.loadedAt = board.now;
    state.loads++;
  }

  // One reading at a time; a change heard meanwhile is read right after.
  function load() {
    if (loading) {
      loadAgain = true;
      return;
    }
    loading = true;
    fetch(root.dataset.url, {
      headers: { 'Accept': 'application/json', 'HX-Request': 'true' }, credentials: 'same-origin'
    })
      .then(function (response) {
        if (window.callbridgeFollowLoginRedirect && window.callbridgeFollowLoginRedirect(response)) { return null; }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (board) { if (board) { render(board); } })
      .catch(function () { /* the next change, reconnect or minute reads it again */ })
      .finally(function () {
        loading = false;
        if (loadAgain) {
          loadAgain = false;
          scheduleLoad();
        }
      });
  }

  function scheduleLoad() {
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      load();
    }, DEBOUNCE_MILLIS);
  }

  function setLive(live) {
    var badge = document.getElementById('wb-live');
    badge.textContent = live ? badge.dataset.live : badge.dataset.reconnecting;
    badge.className = 'live-status ' + (live ? 'live' : 'reconnecting');
    state.connected = live;
  }

  function connect() {
    var source = new EventSource(root.dataset.events);
    source.addEventListener('hello', function () {
      setLive(true);
      scheduleLoad();
    });
    source.addEventListener('wallboard', function () {
      state.events++;
      scheduleLoad();
    });
    // EventSource reconnects by itself after a drop. It gives up when the server refuses the stream
    // (the session has ended): ask for the board, which leads to the login page, or connect again.
    source.onerror = function () {
      setLive(false);
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(function () {
          fetch(root.dataset.url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' })
            .then(function (response) {
              if (!window.callbridgeFollowLoginRedirect(response)) { connect(); }
            })
            .catch(connect);
        }, 2000);
      }
    };
  }

  document.addEventListener('DOMContentLoaded', function () {
    root = document.getElementById('wallboard');
    if (!root) { return; }
    locale = root.dataset.locale || undefined;
    document.querySelectorAll('#wb-texts [data-key]').forEach(function (item) {
      texts[item.dataset.key] = item.textContent;
    });
    load();
    connect();
    setInterval(tick, 1000);
    setInterval(load, REFRESH_MILLIS);
  });
})();
