// Irreversible steps ask first: a form with data-confirm="question" submits only after
// the person answers yes. A static file (no inline script: the Content-Security-Policy
// forbids it); without JavaScript the form submits as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
