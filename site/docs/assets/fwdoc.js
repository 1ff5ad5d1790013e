/* fwdoc: the responsibility matrix's filter.  Without JavaScript the filter stays hidden and
   the whole table shows; with it, typing narrows the rows to those whose thing, actors or
   roles contain every word typed. */
(function () {
  "use strict";

  function rowText(row, headers) {
    var parts = [row.textContent];
    Array.prototype.forEach.call(row.querySelectorAll("td[data-fw-actor]"), function (cell) {
      parts.push(cell.getAttribute("data-fw-actor"));
    });
    return parts.join(" ").toLowerCase();
  }

  function setUp(box) {
    var table = document.getElementById(box.getAttribute("data-fw-filter"));
    var input = box.querySelector("input");
    var status = box.querySelector("[role=status]");
    if (!table || !input) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return rowText(row); });
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var match = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = words.length
        ? "Showing " + shown + " of " + rows.length + " rows."
        : "";
    }
    input.addEventListener("input", apply);
    box.hidden = false;
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
    Array.prototype.forEach.call(document.querySelectorAll("[data-fw-filter]"), setUp);
    Array.prototype.forEach.call(document.querySelectorAll("[data-fw-zoom]"), setUpZoom);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
