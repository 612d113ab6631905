// The offline page's two buttons (no inline script: the CSP allows files only).
(function () {
  "use strict";
  var retry = document.getElementById("offline-retry");
  var back = document.getElementById("offline-back");
  if (retry) retry.addEventListener("click", function () { window.location.reload(); });
  if (back) back.addEventListener("click", function () { window.history.back(); });
})();
