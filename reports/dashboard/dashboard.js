// Integra dashboard: language switch, period selector, sortable tables. No network, no library; works from file://.
(function () {
  "use strict";
  var body = document.body;

  function setLanguage(lang) {
    body.setAttribute("data-lang", lang);
    document.documentElement.setAttribute("lang", lang);
    document.querySelectorAll("[data-set-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-set-lang") === lang ? "true" : "false");
    });
    // Attributes have one language: each element keeps both and shows the chosen one.
    document.querySelectorAll("[data-aria-" + lang + "]").forEach(function (el) {
      el.setAttribute("aria-label", el.getAttribute("data-aria-" + lang));
    });
    document.querySelectorAll("[data-text-" + lang + "]").forEach(function (el) {
      el.textContent = el.getAttribute("data-text-" + lang);
    });
    var title = document.querySelector("title");
    if (title && title.getAttribute("data-" + lang)) { document.title = title.getAttribute("data-" + lang); }
  }

  function setPeriod(key) {
    var found = false;
    document.querySelectorAll("[data-period]").forEach(function (el) {
      var show = el.getAttribute("data-period") === key;
      el.hidden = !show;
      found = found || show;
    });
    var select = document.getElementById("period");
    if (select && found) { select.value = key; }
    return found;
  }

  document.querySelectorAll("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () { setLanguage(b.getAttribute("data-set-lang")); });
  });
  var select = document.getElementById("period");
  if (select) {
    select.addEventListener("change", function () { setPeriod(select.value); });
  }

  // Sorting: by each cell's data-v (numbers; every hidden count has the same key) or its visible text.
  function cellKey(cell, numeric) {
    if (numeric) { return parseFloat(cell.getAttribute("data-v") || "0"); }
    var lang = body.getAttribute("data-lang");
    var shown = cell.querySelector('[lang="' + lang + '"]');
    return (shown || cell).textContent.trim();
  }
  function sortTable(table, column, numeric, th) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var descending = th.getAttribute("aria-sort") !== "descending" && (numeric || th.getAttribute("aria-sort") === "ascending");
    var indexed = rows.map(function (row, i) { return { row: row, i: i, key: cellKey(row.cells[column], numeric) }; });
    indexed.sort(function (a, b) {
      var c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key), "pl");
      if (descending) { c = -c; }
      return c !== 0 ? c : a.i - b.i;
    });
    indexed.forEach(function (x) { tbody.appendChild(x.row); });
    table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
  }
  document.querySelectorAll("table.sortable thead th").forEach(function (th) {
    var button = th.querySelector("button.sort");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var table = th.closest("table");
      sortTable(table, th.cellIndex, th.getAttribute("data-type") === "number", th);
    });
  });

  // #lang=en&period=2023Q2 opens the page in that language and view (links, the browser test).
  var params = {};
  (location.hash || "").replace(/^#/, "").split("&").forEach(function (pair) {
    var kv = pair.split("=");
    if (kv[0]) { params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1] || ""); }
  });
  setLanguage(params.lang === "en" || params.lang === "pl" ? params.lang : body.getAttribute("data-lang") || "pl");
  if (params.period) { setPeriod(params.period); }
  body.setAttribute("data-ready", "true");
  // How long the page took to load, for scripts/check-dashboard.py (a run-time attribute, never in the file).
  window.addEventListener("load", function () {
    body.setAttribute("data-load-ms", String(Math.round(performance.now())));
  });
})();
