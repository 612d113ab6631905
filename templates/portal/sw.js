{% autoescape off %}// The portal's service worker (issue 19), served at /sw.js so that its scope is the whole
// portal. It keeps only what holds nothing personal: the offline page and the static
// files. Pages always come from the network; when the network is gone, a navigation gets
// the offline page instead of the browser's error. The self-report's local copy stays in
// the page's localStorage (static/js/selfreport.js), which this worker never touches.
"use strict";
var CONFIG = {{ config }};
var CACHE = "thidua-" + CONFIG.version;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // Without cookies: the cached offline page is the anonymous one, whoever installs.
      var offline = new Request(CONFIG.offline, { credentials: "omit" });
      return cache.addAll([offline].concat(CONFIG.precache));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("thidua-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      // Pages start loading while the worker wakes up (GET navigations only).
      if (self.registration.navigationPreload) return self.registration.navigationPreload.enable();
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // A page (or a form sent as a page): always the network, never stored.
    event.respondWith(
      Promise.resolve(event.preloadResponse).then(function (preloaded) {
        return preloaded || fetch(request);
      }).catch(function () {
        return caches.open(CACHE).then(function (cache) { return cache.match(CONFIG.offline); });
      })
    );
    return;
  }
  if (request.method === "GET" && url.pathname.indexOf(CONFIG.staticPrefix) === 0) {
    // Static files: the cached copy, else the network (not stored: the list is fixed).
    event.respondWith(
      caches.open(CACHE).then(function (cache) {
        return cache.match(request).then(function (hit) { return hit || fetch(request); });
      })
    );
  }
  // Everything else (htmx requests, uploads, downloads) goes to the network untouched.
});
{% endautoescape %}
