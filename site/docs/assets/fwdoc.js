/* fwdoc: the responsibility matrix's views and filters, and the graphs' full-size view.

   The matrix: three views of the same cells (a table, a list by thing, a list by actor) and
   two filters, all kept in the page's address (?view=things&things=plan&actors=treasury; not "q", which
   Material takes for a search), so a
   filtered view can be bookmarked and shared.  "Filter the things" keeps the things whose
   name, roles or actors contain every word typed; "Filter the actors" keeps the actors whose
   full or short name contains every word typed.  The table hides the columns left empty by
   the filters.  On a narrow screen the list by thing is the default view.  Without
   JavaScript the controls stay hidden and every view shows whole. */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function words(text) { return text.toLowerCase().split(/\s+/).filter(Boolean); }
  function matches(text, terms) {
    text = text.toLowerCase();
    return terms.every(function (w) { return text.indexOf(w) !== -1; });
  }
  function actorText(el) { return el.getAttribute("data-fw-actor") || ""; }

  function setUpMatrix(box) {
    var table = document.getElementById("fw-matrix-table");
    var things = document.getElementById("fw-matrix-filter");
    var actors = document.getElementById("fw-matrix-actors");
    var status = box.querySelector("[role=status]");
    var views = document.querySelectorAll("[data-fw-view-of]");
    var buttons = box.querySelectorAll("[data-fw-view]");
    if (!table || !things || !actors) { return; }
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var rowTexts = rows.map(function (row) {
      var parts = [row.textContent];
      each(row.querySelectorAll("td[data-fw-actor]"), function (cell) { parts.push(actorText(cell)); });
      return parts.join(" ");
    });
    var params = new URLSearchParams(window.location.search);
    var view = params.get("view");
    if (["table", "things", "actors"].indexOf(view) === -1) {
      view = window.matchMedia("(max-width: 45em)").matches ? "things" : "table";
    }
    things.value = params.get("things") || "";
    actors.value = params.get("actors") || "";

    function remember() {
      var next = new URLSearchParams(window.location.search);
      [["view", view], ["things", things.value.trim()], ["actors", actors.value.trim()]].forEach(function (pair) {
        if (pair[1]) { next.set(pair[0], pair[1]); } else { next.delete(pair[0]); }
      });
      var query = next.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function applyTable(terms, who) {
      var keepCol = heads.map(function (th) { return matches(actorText(th), who); });
      var shown = 0;
      var used = heads.map(function () { return false; });
      rows.forEach(function (row, i) {
        var cells = Array.prototype.slice.call(row.cells, 1);
        var any = cells.some(function (cell, c) { return keepCol[c] && cell.hasAttribute("data-fw-actor"); });
        var show = matches(rowTexts[i], terms) && any;
        row.hidden = !show;
        if (show) {
          shown += 1;
          cells.forEach(function (cell, c) { if (cell.hasAttribute("data-fw-actor")) { used[c] = true; } });
        }
      });
      var filtered = terms.length || who.length;
      var columns = 0;
      heads.forEach(function (th, c) {
        var show = keepCol[c] && (used[c] || !filtered);
        th.hidden = !show;
        if (show) { columns += 1; }
        rows.forEach(function (row) { row.cells[c + 1].hidden = !show; });
      });
      return [shown, columns];
    }

    function applyLists(terms, who) {
      each(document.querySelectorAll("[data-fw-view-of=things] .fw-mlist__group"), function (group) {
        var items = group.querySelectorAll("li[data-fw-actor]");
        var thingMatch = matches(group.textContent + " " + Array.prototype.map.call(items, actorText).join(" "), terms);
        var any = false;
        each(items, function (li) {
          var show = thingMatch && matches(actorText(li), who);
          li.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
      each(document.querySelectorAll("[data-fw-view-of=actors] .fw-mlist__group"), function (group) {
        var actorMatch = matches(actorText(group), who);
        var any = false;
        each(group.querySelectorAll("li[data-fw-thing]"), function (li) {
          var show = actorMatch && matches(li.textContent + " " + actorText(group), terms);
          li.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
    }

    function apply() {
      var terms = words(things.value);
      var who = words(actors.value);
      var counts = applyTable(terms, who);
      applyLists(terms, who);
      each(views, function (section) { section.hidden = section.getAttribute("data-fw-view-of") !== view; });
      each(buttons, function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-fw-view") === view ? "true" : "false");
      });
      status.textContent = (terms.length || who.length)
        ? "Showing " + counts[0] + " of " + rows.length + " rows and " + counts[1] + " of " + heads.length + " actors."
        : "";
      remember();
    }

    things.addEventListener("input", apply);
    actors.addEventListener("input", apply);
    each(buttons, function (button) {
      button.addEventListener("click", function () { view = button.getAttribute("data-fw-view"); apply(); });
    });
    box.hidden = false;
    document.body.classList.add("fw-js");
    apply();
  }

  /* a graph: fitted to its frame, or at its own size (panned inside the frame) */
  function setUpZoom(button) {
    var frame = document.getElementById(button.getAttribute("data-fw-zoom"));
    if (!frame) { return; }
    button.addEventListener("click", function () {
      var full = frame.classList.toggle("fw-graph__frame--full");
      button.setAttribute("aria-pressed", full ? "true" : "false");
      button.textContent = full ? "Fit to the frame" : "Show at full size";
    });
    button.hidden = false;
  }

  function start() {
    each(document.querySelectorAll("[data-fw-matrix]"), setUpMatrix);
    each(document.querySelectorAll("[data-fw-zoom]"), setUpZoom);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
