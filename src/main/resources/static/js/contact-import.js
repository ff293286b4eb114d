// The contact import page: while the import runs, asks its progress URL (#import-job data-progress-url,
// the same figures as GET /api/v1/contacts/imports/{id}) every second, moves the progress bar and the
// row count, and reloads the page when the import has ended so the server renders its outcome. A file,
// not an inline script: the page's Content-Security-Policy allows no inline script.
(function () {
  'use strict';

  function follow(section) {
    var bar = document.getElementById('import-progress');
    var rows = document.getElementById('import-rows');
    var state = document.getElementById('import-state');
    var lastState = section.dataset.state;

    function poll() {
      fetch(section.dataset.progressUrl, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) {
            setTimeout(poll, 5000);
            return;
          }
          bar.value = job.percent;
          bar.textContent = job.percent + ' %';
          if (rows) {
            rows.textContent = rows.textContent.replace(/[\d.,\s]+/, ' ' + job.rowsRead.toLocaleString() + ' ').trim();
          }
          if (job.finished || job.state !== lastState) {
            window.location.reload();
            return;
          }
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 5000); });
    }

    if (state && section.dataset.finished !== 'true') {
      setTimeout(poll, 1000);
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var section = document.getElementById('import-job');
    if (section) {
      follow(section);
    }
  });
}());
