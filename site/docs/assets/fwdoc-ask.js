/* fwdoc: the question box of the things page.

   The answers were worked out when the site was built (checker/answers/, the same engine as
   `fwdoc ask`) and written into the page as JSON (the data-facts attribute of #fw-ask-data);
   this script only looks a name up and shows the answer, with a link to each clause that
   gives it.  Names match by id, name or alias, in any case, with or without a leading "the";
   an unknown name gets the nearest names (those containing what was typed, or sharing most of
   its letter pairs).  Everything is written as text (textContent), never as HTML.  Without
   JavaScript the box stays hidden and the page lists every thing. */
(function () {
  "use strict";

  function key(text) {
    return text.replace(/_/g, " ").replace(/\s+/g, " ").trim().toLowerCase().replace(/^the /, "");
  }

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function find(table, typed) {
    var wanted = key(typed);
    var ids = Object.keys(table);
    for (var i = 0; i < ids.length; i++) {
      var entry = table[ids[i]];
      var names = [ids[i], entry.name].concat(entry.aliases || []);
      if (names.some(function (n) { return key(n) === wanted; })) { return ids[i]; }
    }
    return null;
  }

  function pairs(text) {
    var out = {};
    for (var i = 0; i < text.length - 1; i++) { out[text.substr(i, 2)] = (out[text.substr(i, 2)] || 0) + 1; }
    return out;
  }

  function likeness(a, b) {  /* the Dice coefficient of the letter pairs of two names */
    var pa = pairs(a), pb = pairs(b), shared = 0, total = 0;
    Object.keys(pa).forEach(function (p) { shared += Math.min(pa[p], pb[p] || 0); total += pa[p]; });
    Object.keys(pb).forEach(function (p) { total += pb[p]; });
    return total ? 2 * shared / total : 0;
  }

  function near(table, typed) {
    var wanted = key(typed);
    if (!wanted) { return []; }
    return Object.keys(table).map(function (id) {
      var names = [id, table[id].name].concat(table[id].aliases || []).map(key);
      var best = Math.max.apply(null, names.map(function (n) {
        return n.indexOf(wanted) !== -1 ? 1 : likeness(wanted, n);
      }));
      return [best, table[id].name];
    }).filter(function (s) { return s[0] >= 0.6; })
      .sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : 1); })
      .slice(0, 5).map(function (s) { return s[1]; });
  }

  function show(out, title, items) {
    out.textContent = "";
    out.appendChild(el("h3", title));
    if (!items.length) {
      out.appendChild(el("p", "No rule answers this."));
      return;
    }
    var heading = null;
    var list = null;
    items.forEach(function (item) {
      if (item.group !== heading) {
        heading = item.group;
        out.appendChild(el("h4", heading));
        list = el("ul", "", {"class": "fw-rule-list fw-answer"});
        out.appendChild(list);
      }
      var li = el("li", (item.name ? item.name + ": " : "") + item.says, {"class": "fw-rule"});
      item.details.forEach(function (d) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", d, {"class": "fw-tag"}));
      });
      item.cites.forEach(function (c) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("a", c[0], {"class": "fw-cite", "href": c[1]}));
      });
      list.appendChild(li);
    });
  }

  function setUp(box) {
    var source = document.getElementById("fw-ask-data");
    if (!source) { return; }
    var data = JSON.parse(source.getAttribute("data-facts"));
    var form = box.querySelector("form");
    var question = document.getElementById("fw-ask-question");
    var name = document.getElementById("fw-ask-name");
    var names = document.getElementById("fw-ask-names");
    var out = box.querySelector(".fw-ask__answer");

    function fillNames() {
      var table = data[question.value.split(":")[0]];
      names.textContent = "";
      Object.keys(table).forEach(function (id) { names.appendChild(el("option", "", {"value": table[id].name})); });
    }

    function answer() {
      var parts = question.value.split(":");
      var table = data[parts[0]];
      var id = find(table, name.value);
      if (id === null) {
        out.textContent = "";
        var kind = parts[0] === "things" ? "thing" : "actor";
        var hint = near(table, name.value);
        out.appendChild(el("p", "The document names no " + kind + " called \u201c" + name.value + "\u201d." +
                           (hint.length ? " Did you mean: " + hint.join("; ") + "?" : "")));
        return;
      }
      var entry = table[id];
      var items = entry.answers[parts[1]].filter(function (i) { return !parts[2] || i.group === parts[2]; });
      var title = question.options[question.selectedIndex].text.replace(/a thing|an actor/, entry.name);
      show(out, title, items);
      var link = el("p");
      link.appendChild(el("a", "The page of " + entry.name, {"href": entry.url}));
      out.appendChild(link);
    }

    question.addEventListener("change", fillNames);
    form.addEventListener("submit", function (event) { event.preventDefault(); answer(); });
    fillNames();
    box.hidden = false;
    var params = new URLSearchParams(window.location.search);
    if (params.get("ask")) {
      name.value = params.get("ask");
      answer();
    }
  }

  var box = document.querySelector("[data-fw-ask]");
  if (box) { setUp(box); }
})();
