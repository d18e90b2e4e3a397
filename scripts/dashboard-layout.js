// Evaluated by scripts/check-dashboard.py in the loaded dashboard (through the DevTools protocol; never part of the
// page): measures the laid-out page in every view of the period selector and both languages and returns what it
// found as JSON: { width, views, faults: [{ kind, where, what }] }.
//
// Faults:
//   overflow  the document is wider than the window (the page scrolls sideways), or a box reaches past its edge;
//   overlap   two boxes (sections, headings, tables, tiles, charts, cards, notes) that are not nested in one
//             another intersect, each clipped to the scroll containers it sits in;
//   clipped   an SVG text (an axis label, the target label) reaches outside its chart;
//   scrolls   a table's scroll container needs scrolling (reported; a fault only where the checker says so).
window.integraLayout = function () {
  "use strict";
  var SELECTOR = "header, main > section, section > h2, section h3, .tile, figure.chart, .kpi, table, .scroll, " +
    "p.note, p.suppression, ul.legend, .chart-key, .callout, footer";
  var TOLERANCE = 1;
  var width = document.documentElement.clientWidth;
  var faults = [];

  function describe(el) {
    var s = el.tagName.toLowerCase();
    if (el.id) { s += "#" + el.id; }
    if (el.className && typeof el.className === "string") { s += "." + el.className.trim().split(/\s+/).join("."); }
    var text = (el.getAttribute("data-indicator") || el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return s + (text ? " «" + text + "»" : "");
  }
  function shown(el) {
    if (el.closest("[hidden]")) { return false; }
    // A closed <details> keeps its content laid out but unpainted.
    var details = el.closest("details");
    if (details && !details.open && !el.closest("summary")) { return false; }
    for (var e = el; e && e.nodeType === 1; e = e.parentElement) {
      var cs = getComputedStyle(e);
      if (cs.display === "none" || cs.visibility === "hidden") { return false; }
      if (e.classList.contains("visually-hidden")) { return false; }
    }
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }
  // The part of an element's box that can be seen: its rect cut by every ancestor that clips (overflow not visible).
  function visibleRect(el) {
    var r = el.getBoundingClientRect();
    var box = { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
    for (var e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      var cs = getComputedStyle(e);
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible") {
        var c = e.getBoundingClientRect();
        box.left = Math.max(box.left, c.left + scrollX); box.right = Math.min(box.right, c.right + scrollX);
        box.top = Math.max(box.top, c.top + scrollY); box.bottom = Math.min(box.bottom, c.bottom + scrollY);
      }
    }
    return box;
  }
  function intersect(a, b) {
    var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return w > TOLERANCE && h > TOLERANCE ? [Math.round(w), Math.round(h)] : null;
  }

  function measure(where) {
    var doc = document.documentElement;
    if (doc.scrollWidth > width + TOLERANCE) {
      faults.push({ kind: "overflow", where: where,
        what: "the page is " + doc.scrollWidth + " px wide in a " + width + " px window (it scrolls sideways)" });
    }
    var boxes = [];
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      if (shown(el)) { boxes.push({ el: el, rect: visibleRect(el) }); }
    });
    boxes.forEach(function (b) {
      if (b.rect.right > width + TOLERANCE || b.rect.left < -TOLERANCE) {
        faults.push({ kind: "overflow", where: where,
          what: describe(b.el) + " spans " + Math.round(b.rect.left) + "–" + Math.round(b.rect.right) + " px" });
      }
    });
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i], b = boxes[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) { continue; }
        var o = intersect(a.rect, b.rect);
        if (o) {
          faults.push({ kind: "overlap", where: where,
            what: describe(a.el) + " and " + describe(b.el) + " overlap by " + o[0] + "×" + o[1] + " px" });
        }
      }
    }
    document.querySelectorAll("svg").forEach(function (svg) {
      if (!shown(svg)) { return; }
      var s = visibleRect(svg);
      svg.querySelectorAll("text").forEach(function (t) {
        if (!shown(t)) { return; }
        var r = t.getBoundingClientRect();
        var box = { left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
        if (box.left < s.left - TOLERANCE || box.right > s.right + TOLERANCE || box.top < s.top - TOLERANCE ||
            box.bottom > s.bottom + TOLERANCE) {
          var fig = svg.closest("figure");
          faults.push({ kind: "clipped", where: where,
            what: "«" + t.textContent.trim() + "» is cut off in " + (fig ? describe(fig) : "a chart") });
        }
      });
    });
    document.querySelectorAll(".scroll").forEach(function (el) {
      if (shown(el) && el.scrollWidth > el.clientWidth + TOLERANCE) {
        faults.push({ kind: "scrolls", where: where,
          what: describe(el.querySelector("table") || el) + " needs " + el.scrollWidth + " px in " + el.clientWidth + " px" });
      }
    });
  }

  var views = [];
  document.querySelectorAll("[data-period]").forEach(function (el) {
    var key = el.getAttribute("data-period");
    if (views.indexOf(key) < 0) { views.push(key); }
  });
  if (!views.length) { views = [""]; }
  var langs = ["pl", "en"];
  langs.forEach(function (lang) {
    document.body.setAttribute("data-lang", lang);
    views.forEach(function (key) {
      document.querySelectorAll("[data-period]").forEach(function (el) { el.hidden = el.getAttribute("data-period") !== key; });
      measure(lang + (key ? " " + key : ""));
    });
  });
  // Back to how the page opened.
  document.body.setAttribute("data-lang", langs[0]);
  document.querySelectorAll("[data-period]").forEach(function (el) { el.hidden = el.getAttribute("data-period") !== views[0]; });
  return JSON.stringify({ width: width, views: views, faults: faults });
};
