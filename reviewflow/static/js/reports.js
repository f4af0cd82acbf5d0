/* Reports page: draws each chart from the JSON block beside it (no inline script: the CSP stays),
   and lets a person sort the participation tables by any column. The tables hold every figure the
   charts show, so nothing is lost without JavaScript or when a chart cannot be seen. */
(function () {
  "use strict";

  // Okabe–Ito colours: told apart by people with the common colour-vision deficiencies, and in greyscale print.
  var PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"];
  // A dataset may name what it means ("bad": late, silent, overdue) so the same colour says the same thing.
  var TONES = { main: "#0072B2", light: "#56B4E9", good: "#009E73", warn: "#E69F00", bad: "#D55E00",
                pink: "#CC79A7", grey: "#8C8C8C" };
  var charts = [];

  function draw(canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || !window.Chart) { return; }
    var spec = JSON.parse(source.textContent);
    var horizontal = spec.kind === "horizontal-bar";
    var box = canvas.parentElement;
    if (horizontal) {
      // Room for every label: a bar row per label (per dataset when the bars stand side by side).
      var stacks = {};
      spec.datasets.forEach(function (d) { stacks[d.stack || d.label] = true; });
      var rows = spec.labels.length * (spec.stacked ? Object.keys(stacks).length : spec.datasets.length);
      box.style.height = Math.max(220, 26 * rows + 110) + "px";
    }
    var datasets = spec.datasets.map(function (d, i) {
      return { label: d.label, data: d.data, stack: d.stack || undefined,
               backgroundColor: TONES[d.tone] || PALETTE[i % PALETTE.length], borderColor: "#ffffff",
               borderWidth: 1 };
    });
    var value = { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 },
                  title: { display: Boolean(spec.axis_label), text: spec.axis_label } };
    var category = { stacked: spec.stacked, ticks: { autoSkip: false } };
    charts.push(new window.Chart(canvas, {
      type: "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),  // sharp on paper too
        scales: horizontal ? { x: value, y: category } : { x: category, y: value },
        plugins: { legend: { position: "bottom" } }
      }
    }));
  }

  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (!numeric) { return raw; }
    return raw === "" ? -Infinity : Number(raw);
  }

  function makeSortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link p-0 text-reset fw-bold text-decoration-none rf-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-kind") !== "text";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = numeric ? x - y : String(x).localeCompare(String(y), "lt");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  function start() {
    if (window.Chart) { window.Chart.defaults.font.size = 13; }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    // Charts follow the printed page's width instead of the screen's.
    window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener("afterprint", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
