// The statistics dashboard: draws its charts with Chart.js from the figures the page carries
// (#statistics data-dashboard, the same JSON as GET /api/v1/statistics/dashboard) and the words
// of the reader's language (data-labels), shows or hides each chart's numbers, and shows the
// date fields only for a custom period. A file, not an inline script: the page's
// Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  // Results in a fixed order, each with its colour from app.css (--result-…), so a result looks
  // the same in every chart and in the tables' legends.
  var RESULTS = ['ANSWERED', 'MISSED', 'CANCELLED', 'BUSY', 'FAILED', 'REJECTED', 'NOT_ALLOWED'];
  window.callbridgeStatistics = { charts: {}, drawn: false };

  function colour(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name);
    return value && value.trim() ? value.trim() : fallback;
  }

  function resultColour(result) {
    return colour('--result-' + result.toLowerCase().replace('_', '-'), '#8c959f');
  }

  // One dataset per result that happened at least once in the period; zero-only results would
  // only crowd the legend.
  function stackedByResult(rows, labels) {
    return RESULTS.filter(function (result) {
      return rows.some(function (row) { return (row.byResult[result] || 0) > 0; });
    }).map(function (result) {
      return {
        label: labels.results[result] || result,
        data: rows.map(function (row) { return row.byResult[result] || 0; }),
        backgroundColor: resultColour(result),
        maxBarThickness: 64,
        stack: 'results'
      };
    });
  }

  function options(stacked, extra) {
    var base = {
      responsive: true,
      maintainAspectRatio: false,
      locale: document.documentElement.lang || undefined,
      animation: false,
      plugins: { legend: { position: 'bottom' } },
      scales: {
        x: { stacked: stacked },
        y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }
      }
    };
    return Object.assign(base, extra || {});
  }

  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    window.callbridgeStatistics.charts[id] = new window.Chart(canvas, config);
  }

  function two(number) {
    return (number < 10 ? '0' : '') + number;
  }

  function drawAll(data, labels) {
    draw('canvas-by-day', {
      type: 'bar',
      data: { labels: data.byDay.map(function (d) { return d.day; }), datasets: stackedByResult(data.byDay, labels) },
      options: options(true)
    });
    draw('canvas-by-hour', {
      type: 'bar',
      data: { labels: data.byHour.map(function (h) { return two(h.hour) + ':00'; }),
        datasets: stackedByResult(data.byHour, labels) },
      options: options(true)
    });
    draw('canvas-outcomes', {
      type: 'bar',
      data: {
        labels: data.outcomes.map(function (o) { return o.label; }),
        datasets: [{ label: labels.calls, data: data.outcomes.map(function (o) { return o.calls; }),
          backgroundColor: colour('--accent', '#1f6feb'), maxBarThickness: 36 }]
      },
      options: options(false, { indexAxis: 'y', plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } })
    });
    draw('canvas-costs', {
      type: 'bar',
      data: {
        labels: data.costs.map(function (c) { return c.provider + ' (' + c.currency + ')'; }),
        datasets: [{ label: labels.amount, data: data.costs.map(function (c) { return Number(c.amount); }),
          backgroundColor: colour('--warn', '#9a6700'), maxBarThickness: 64 }]
      },
      options: options(false, { plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true } } })
    });
    window.callbridgeStatistics.drawn = true;
  }

  // "Show numbers": the chart's table below it, and back.
  function toggleNumbers(button, labels) {
    var table = document.getElementById(button.dataset.numbers);
    if (!table) { return; }
    table.hidden = !table.hidden;
    button.setAttribute('aria-expanded', String(!table.hidden));
    button.textContent = table.hidden ? labels.showNumbers : labels.hideNumbers;
  }

  function customDays() {
    var period = document.getElementById('statistics-period');
    if (!period) { return; }
    var show = function () {
      document.querySelectorAll('.statistics-filters .custom-day').forEach(function (label) {
        label.hidden = period.value !== 'custom';
      });
    };
    period.addEventListener('change', show);
    show();
  }

  function start() {
    customDays();
    var root = document.getElementById('statistics');
    if (!root) { return; }
    var labels = JSON.parse(root.dataset.labels);
    document.addEventListener('click', function (event) {
      var button = event.target.closest('[data-numbers]');
      if (button) { toggleNumbers(button, labels); }
    });
    if (window.Chart) {
      drawAll(JSON.parse(root.dataset.dashboard), labels);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
  else {
    start();
  }
}());
