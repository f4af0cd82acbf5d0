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

  // <form data-confirm="..."> asks before sending (deactivating a user, "no comments", ...).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
