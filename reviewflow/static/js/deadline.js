// Registration form: show the default reply deadline (working days) as the received date is typed.
(function () {
  "use strict";

  function update(input) {
    var output = document.getElementById(input.getAttribute("data-deadline-output"));
    if (!output) {
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.value)) {
      output.textContent = "";
      return;
    }
    var url = input.getAttribute("data-deadline-url") + "?received=" + encodeURIComponent(input.value);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        output.textContent = data && data.text ? data.text : "";
        var deadline = document.getElementById("reply_deadline");
        if (deadline && data && data.default_deadline) {
          deadline.setAttribute("placeholder", data.default_deadline);
        }
      })
      .catch(function () { output.textContent = ""; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-deadline-url]");
    Array.prototype.forEach.call(inputs, function (input) {
      input.addEventListener("input", function () { update(input); });
      input.addEventListener("change", function () { update(input); });
      if (input.value) {
        update(input);
      }
    });
  });
})();
