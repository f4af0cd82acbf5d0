// The consolidation table: saved reasons inserted into a reasons field, fields that grow with their
// text where the browser lacks CSS field-sizing, and the count of ticked proposals. A file, not inline
// script, because the CSP forbids inline script; the page works without it (the pickers stay hidden).
(function () {
  "use strict";

  var data = document.getElementById("rf-saved-reasons");
  var reasons = data ? JSON.parse(data.textContent) : {};

  document.querySelectorAll("[data-reason-picker]").forEach(function (picker) {
    picker.hidden = false;
  });

  var grows = typeof CSS !== "undefined" && CSS.supports && CSS.supports("field-sizing", "content");

  function fit(area) {
    if (grows) {
      return;
    }
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  document.querySelectorAll(".rf-consolidation textarea").forEach(fit);
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".rf-consolidation textarea")) {
      fit(event.target);
    }
  });

  // The reason goes where the cursor is; after text already there it starts on a line of its own.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-insert-reason]");
    if (!button) {
      return;
    }
    var select = document.getElementById(button.getAttribute("data-insert-reason"));
    var area = document.getElementById(button.getAttribute("data-target"));
    var text = select && reasons[select.value];
    if (!area || !text) {
      return;
    }
    var start = area.selectionStart, end = area.selectionEnd;
    if (document.activeElement !== area && start === 0 && end === 0) {
      start = end = area.value.length;
    }
    var before = area.value.slice(0, start);
    var insert = before && !/\s$/.test(before) ? "\n" + text : text;
    area.setRangeText(insert, start, end, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
    area.focus();
  });

  var count = document.getElementById("bulk-count");
  function countTicked() {
    if (!count) {
      return;
    }
    var ticked = document.querySelectorAll('input[form="bulk-form"]:checked').length;
    count.textContent = ticked ? "(" + count.getAttribute("data-template").replace("{n}", ticked) + ")" : "";
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('input[form="bulk-form"]')) {
      countTicked();
    }
  });
  countTicked();
})();
