// Draft page: filter the municipalities table by answer and county. Without JavaScript every row shows
// and the filters stay hidden, so nothing depends on this file.
(function () {
  "use strict";

  function apply(table, filters) {
    var wanted = {};
    filters.forEach(function (select) { wanted[select.id] = select.value; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var show = (!wanted["status-filter"] || row.getAttribute("data-status") === wanted["status-filter"]) &&
        (!wanted["county-filter"] || row.getAttribute("data-county") === wanted["county-filter"]);
      row.hidden = !show;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("statuses");
    var box = document.querySelector(".rf-status-filter");
    if (!table || !box) {
      return;
    }
    var filters = Array.prototype.slice.call(box.querySelectorAll("select"));
    filters.forEach(function (select) {
      select.addEventListener("change", function () { apply(table, filters); });
    });
    box.hidden = false;
  });
}());
