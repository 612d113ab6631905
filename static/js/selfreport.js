// Live countdown to the self-report deadline. The server's clock is the truth: the page
// passes the server's "now" and the deadline; we only measure how far the phone's clock
// is off and count down from there. No dependency, no CDN.
(function () {
  "use strict";
  var el = document.getElementById("countdown");
  if (!el || !el.dataset.deadline) return;
  var deadline = Date.parse(el.dataset.deadline);
  var starts = Date.parse(el.dataset.starts);
  var skew = Date.parse(el.dataset.serverNow) - Date.now();

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function render() {
    var now = Date.now() + skew;
    if (now < starts) return true;
    var left = Math.floor((deadline - now) / 1000);
    if (left <= 0) {
      el.textContent = "Đã hết hạn nộp.";
      el.classList.add("text-danger");
      return false;
    }
    var days = Math.floor(left / 86400);
    var h = Math.floor((left % 86400) / 3600);
    var m = Math.floor((left % 3600) / 60);
    var s = left % 60;
    el.textContent = "Còn " + (days ? days + " ngày " : "") + pad(h) + ":" + pad(m) + ":" + pad(s);
    el.classList.toggle("text-danger", left < 3600);
    return true;
  }

  if (render()) {
    var timer = setInterval(function () { if (!render()) clearInterval(timer); }, 1000);
  }
})();

// A copy of the form on this phone until the server has it: a dropped connection or a
// closed tab loses nothing. The copy is restored only when it is newer than the server's
// draft, then sent to the server by the autosave.
(function () {
  "use strict";
  var form = document.getElementById("selfreport-form");
  var status = document.getElementById("autosave-status");
  var countdown = document.getElementById("countdown");
  if (!form || !form.dataset.draftKey || !window.localStorage) return;
  var key = form.dataset.draftKey;
  var skew = countdown ? Date.parse(countdown.dataset.serverNow) - Date.now() : 0;
  var serverSaved = Date.parse(form.dataset.serverSaved || "") || 0;

  function collect() {
    var values = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") return;
      (values[name] = values[name] || []).push(String(value));
    });
    return values;
  }

  function store() {
    try {
      localStorage.setItem(key, JSON.stringify({ at: Date.now() + skew, values: collect() }));
    } catch (e) { /* storage full or disabled: the server autosave still runs */ }
  }

  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (!saved || saved.at <= serverSaved) { localStorage.removeItem(key); return; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") return;
      var values = saved.values[el.name] || [];
      if (el.type === "radio" || el.type === "checkbox") el.checked = values.indexOf(el.value) !== -1;
      else el.value = values.length ? values[0] : "";
    });
    if (status) status.textContent = "Đã khôi phục nội dung chưa kịp lưu trên máy này; đang lưu lên máy chủ…";
    if (window.htmx) window.htmx.trigger(form, "change");
  }

  form.addEventListener("input", store);
  form.addEventListener("change", store);
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form) return;
    if (event.detail.successful && event.detail.xhr.responseText.indexOf("text-danger") === -1) {
      localStorage.removeItem(key);
      if (status) status.className = "small text-muted mb-2";
    }
  });
  document.body.addEventListener("htmx:sendError", function (event) {
    if (event.detail.elt === form && status) {
      status.textContent = "Mất kết nối: nội dung vẫn được giữ trên máy này và sẽ được lưu khi có mạng.";
      status.className = "small text-danger mb-2";
    }
  });
  // After htmx has wired the form up (its own DOMContentLoaded handler runs first).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", restore);
  else restore();
})();

// The evidence upload form empties itself once htmx has stored the files (a static
// listener instead of hx-on, which needs eval and is refused by the page's CSP).
document.addEventListener("htmx:afterRequest", function (event) {
  var form = event.detail.elt;
  if (form instanceof HTMLFormElement && form.hasAttribute("data-reset-after-upload") &&
      event.detail.successful) {
    form.reset();
  }
});
