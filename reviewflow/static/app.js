// Reviewflow's own script: loaded as a file, because the CSP forbids inline script.
(function () {
  "use strict";

  // HTMX requests carry the CSRF token in the header Flask-WTF reads.
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
    }
  });

  // <select data-unfolds="id" data-unfolds-on="value">: choosing that value opens the folded fields it needs
  // (a partial acceptance on the consolidation table needs LSA's own wording). Without the script the form
  // comes back with the fold open and the error in it.
  document.addEventListener("change", function (event) {
    var select = event.target;
    var fold = select.getAttribute && document.getElementById(select.getAttribute("data-unfolds") || "");
    if (fold && select.value === select.getAttribute("data-unfolds-on")) {
      fold.open = true;
    }
  });
})();
