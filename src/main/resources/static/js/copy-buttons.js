// Copy buttons: a button with data-copy-target copies the text of that element. Where the
// clipboard is not available (plain http), the text is selected for the reader to copy.
(function () {
  'use strict';

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy-target]');
    if (!button) { return; }
    var source = document.getElementById(button.dataset.copyTarget);
    if (!source) { return; }
    if (!navigator.clipboard || !window.isSecureContext) {
      select(source);
      return;
    }
    navigator.clipboard.writeText(source.textContent).then(function () {
      var label = button.textContent;
      button.textContent = button.dataset.copied || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    }, function () { select(source); });
  });
})();
