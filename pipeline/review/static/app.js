// Keyboard shortcuts for the review pages. The pages work without this file:
// every action is a link or a form button; this only maps keys onto them.
(function () {
  "use strict";

  var submitting = false;
  var help = document.getElementById("help");

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select") return true;
    if (tag !== "input") return el.isContentEditable === true;
    var type = (el.getAttribute("type") || "text").toLowerCase();
    return ["checkbox", "radio", "button", "submit", "hidden"].indexOf(type) < 0;
  }

  function keyTarget(key) {
    // Only visible elements count, so a key never fires a control hidden in a closed dialog.
    var all = document.querySelectorAll('[data-key="' + (key === '"' ? '\\"' : key) + '"]');
    for (var i = 0; i < all.length; i++) {
      if (all[i].offsetParent !== null || all[i].getClientRects().length) return all[i];
    }
    return null;
  }

  function activate(el) {
    var tag = el.tagName.toLowerCase();
    if (typing(el)) {
      el.focus();
      if (el.select) el.select();
      return;
    }
    if (tag === "button" && el.type === "submit") {
      if (submitting) return;
      submitting = true; // one decision per key press, even if the key is held down
    }
    el.click();
  }

  // Queue page: j/k move a highlight over the rows, Enter opens the highlighted case.
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr[data-href]"));
  var current = -1;
  function select(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle("sel", j === current); });
    rows[current].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (row, i) {
    row.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) return;
      window.location.href = row.getAttribute("data-href");
    });
    row.addEventListener("mouseenter", function () { select(i); });
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing) return;
    var key = ev.key;
    if (help && help.open) {
      if (key === "?" || key === "Escape") { help.close(); ev.preventDefault(); }
      return;
    }
    if (typing(ev.target)) {
      if (key === "Escape") { ev.target.blur(); ev.preventDefault(); }
      else if (key === "Enter" && ev.target.form && ev.target.form.id === "decide") {
        ev.preventDefault();
        if (!ev.repeat) { var save = document.getElementById("btn-save"); if (save) activate(save); }
      }
      return;
    }
    if (key === "Enter" && ev.target.closest && ev.target.closest("a, button")) return; // native activation
    if (ev.repeat && key !== "j" && key !== "k") return;
    if (key === "?") {
      if (help && help.showModal) help.showModal();
      ev.preventDefault();
      return;
    }
    if (rows.length && (key === "j" || key === "k" || key === "ArrowDown" || key === "ArrowUp")) {
      select(current + (key === "j" || key === "ArrowDown" ? 1 : -1));
      ev.preventDefault();
      return;
    }
    if (rows.length && key === "Enter") {
      window.location.href = rows[current < 0 ? 0 : current].getAttribute("data-href");
      ev.preventDefault();
      return;
    }
    var el = keyTarget(key);
    if (el) {
      ev.preventDefault();
      activate(el);
    }
  });

  // One submission per page: a double click or a held key must not post the decision twice.
  document.querySelectorAll("form[method=post]").forEach(function (f) {
    f.addEventListener("submit", function (ev) {
      if (f.dataset.sent) { ev.preventDefault(); return; }
      f.dataset.sent = "1";
      submitting = true;
    });
  });
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return; // back from the history cache: this page may post again
    submitting = false;
    document.querySelectorAll("form[data-sent]").forEach(function (f) { delete f.dataset.sent; });
  });
  document.documentElement.setAttribute("data-keys", "ready");
})();
