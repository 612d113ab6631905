// Secret ballots. Print buttons; and, only when the voter asks, a copy of their own
// choices kept on their own device (localStorage), never sent to the portal: the results
// page shows it beside the receipt check. See docs/ballots.md (coercion).
document.addEventListener("click", (event) => {
  const target = event.target;
  if (target.matches("[data-print]")) {
    window.print();
  }
  if (target.matches("[data-keep-choices]")) {
    const box = document.getElementById("my-choices");
    localStorage.setItem(box.dataset.key, box.dataset.choices);
    target.disabled = true;
    target.textContent = target.dataset.done;
  }
});
document.addEventListener("DOMContentLoaded", () => {
  const check = document.getElementById("my-choices-check");
  if (check) {
    const kept = localStorage.getItem(check.dataset.key);
    if (kept) {
      check.textContent = `${check.dataset.prefix} ${kept}`;
      check.hidden = false;
    }
  }
});
