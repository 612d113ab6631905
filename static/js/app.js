// The portal as an app (issue 19): register the service worker at the root, so that a
// dropped network shows the portal's offline page instead of the browser's error.
// The worker's address comes from the page (data-worker on this script's tag).
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(script.dataset.worker, { scope: "/" }).catch(function () {
      /* no worker (private mode, old browser): the portal works the same online */
    });
  });
})();
