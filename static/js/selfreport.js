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
