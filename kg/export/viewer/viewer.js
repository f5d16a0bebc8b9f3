/* kg viewer: draws the graph embedded in this page with Cytoscape.js and lets a reader
   search names (with or without Vietnamese diacritics), filter by type, and click a node
   to see its attributes, its relations and the sentences it was read from. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);

  // "Trần Vi Dân", "TRAN VI DAN" and "tran vi dan" meet: đ -> d, combining marks dropped.
  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function el(tag, properties, children) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) {
      if (key === "className" || key === "textContent" || key === "checked" || key === "type") {
        node[key] = properties[key];
      } else {
        node.setAttribute(key, properties[key]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var types = {};
  data.types.forEach(function (t) { types[t.type] = t; });
  var byId = {};
  data.nodes.forEach(function (n) {
    n.keys = [n.label].concat(n.aliases).map(fold);
    byId[n.id] = n;
  });

  function swatch(type) {
    var t = types[type];
    return el("span", {className: "swatch " + t.shape, style: "background:" + t.colour});
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({group: "nodes", data: {id: n.id, label: n.label, type: n.type, size: n.size},
                   position: {x: n.x, y: n.y}});
  });
  data.edges.forEach(function (e, i) {
    elements.push({group: "edges", data: {id: "e" + i, source: e.source, target: e.target, label: e.label}});
  });

  var style = [
    {selector: "node", style: {
      "width": "data(size)", "height": "data(size)", "label": "data(label)",
      "font-size": "mapData(size, 16, 56, 11, 16)", "text-valign": "bottom", "text-margin-y": 3, "color": "#1a1a1a",
      "text-wrap": "ellipsis", "text-max-width": "180px", "min-zoomed-font-size": 7,
      "text-outline-color": "#ffffff", "text-outline-width": 2, "border-width": 1, "border-color": "#ffffff"}},
    {selector: "edge", style: {
      "width": 1, "line-color": "#c4c4c4", "curve-style": data.edges.length > 4000 ? "haystack" : "bezier",
      "target-arrow-shape": "triangle", "target-arrow-color": "#c4c4c4", "arrow-scale": 0.7}},
    {selector: ".faded", style: {"opacity": 0.12, "text-opacity": 0}},
    {selector: "edge.near", style: {
      "line-color": "#555555", "target-arrow-color": "#555555", "width": 2, "label": "data(label)",
      "font-size": 10, "color": "#333333", "text-rotation": "autorotate", "text-background-color": "#ffffff",
      "text-background-opacity": 0.85, "text-background-padding": 2, "z-index": 9}},
    {selector: "node.near", style: {"z-index": 10, "min-zoomed-font-size": 0}},
    {selector: "node.match", style: {"border-width": 4, "border-color": "#f2b705"}},
    {selector: "node.chosen", style: {"border-width": 4, "border-color": "#111111"}},
    {selector: ".hidden", style: {"display": "none"}}
  ];
  data.types.forEach(function (t) {
    style.splice(1, 0, {selector: 'node[type = "' + t.type + '"]',
                        style: {"background-color": t.colour, "shape": t.shape}});
  });

  var cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    style: style,
    layout: {name: "preset", fit: true, padding: 30},
    minZoom: 0.02,
    maxZoom: 5,
    textureOnViewport: elements.length > 3000,
    hideEdgesOnViewport: elements.length > 6000
  });

  // legend and type filter
  var typeList = document.getElementById("types");
  data.types.forEach(function (t) {
    var box = el("input", {type: "checkbox", checked: true, "data-type": t.type});
    box.addEventListener("change", function () {
      cy.nodes('[type = "' + t.type + '"]').toggleClass("hidden", !box.checked);
      showStats();
    });
    typeList.appendChild(el("li", {}, [el("label", {}, [
      box, swatch(t.type), t.vi + " ", el("span", {className: "en", textContent: t.en}),
      el("span", {className: "count", textContent: String(t.count)})])]));
  });

  var stats = document.getElementById("stats");
  function showStats() {
    var shown = cy.nodes().not(".hidden").length;
    stats.dataset.nodes = String(cy.nodes().length);
    stats.dataset.edges = String(cy.edges().length);
    stats.dataset.shown = String(shown);
    stats.textContent = cy.nodes().length + " nút, " + cy.edges().length + " cạnh" +
      (shown < cy.nodes().length ? " (đang hiện " + shown + ")" : "");
  }
  showStats();

  // search
  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var active = -1;

  function find(query) {
    var q = fold(query);
    if (q.length < 2) { return []; }
    var words = q.split(" ");
    var scored = [];
    data.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).hasClass("hidden")) { return; }
      var best = -1;
      n.keys.forEach(function (key) {
        var at = key.indexOf(q);
        var score = key === q ? 3 : at === 0 ? 2 : at > 0 ? 1 :
          words.every(function (w) { return key.indexOf(w) >= 0; }) ? 0 : -1;
        best = Math.max(best, score);
      });
      if (best >= 0) { scored.push([best, cy.getElementById(n.id).degree(), n]); }
    });
    scored.sort(function (a, b) {
      return b[0] - a[0] || b[1] - a[1] || a[2].label.localeCompare(b[2].label, "vi");
    });
    return scored.slice(0, 30).map(function (s) { return s[2]; });
  }

  function showResults(found) {
    results.textContent = "";
    active = -1;
    cy.nodes().removeClass("match");
    if (!fold(input.value)) { results.hidden = true; return; }
    found.forEach(function (n, index) {
      cy.getElementById(n.id).addClass("match");
      var item = el("li", {role: "option", "data-id": n.id}, [swatch(n.type), n.label]);
      item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(index); });
      results.appendChild(item);
    });
    if (!found.length) {
      results.appendChild(el("li", {className: "empty", textContent: "Không tìm thấy · nothing found"}));
    }
    results.hidden = false;
  }

  function pick(index) {
    var item = results.querySelectorAll("li[data-id]")[index];
    if (!item) { return; }
    results.hidden = true;
    cy.nodes().removeClass("match");
    choose(item.getAttribute("data-id"), true);
  }

  input.addEventListener("input", function () { showResults(find(input.value)); });
  input.addEventListener("keydown", function (event) {
    var items = results.querySelectorAll("li[data-id]");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!items.length) { return; }
      active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (item, i) { item.classList.toggle("active", i === active); });
    } else if (event.key === "Enter") {
      pick(Math.max(active, 0));
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("focus", function () { if (results.childElementCount) { results.hidden = false; } });

  // neighbourhood highlight and details
  var details = document.getElementById("details");
  var hint = details.innerHTML;

  function clear() {
    cy.elements().removeClass("faded near chosen");
  }

  function choose(id, zoom) {
    var node = cy.getElementById(id);
    if (node.empty()) { return; }
    clear();
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    near.addClass("near");
    node.addClass("chosen");
    if (zoom) { frame(near); }
    showDetails(byId[id], node);
  }

  // show the neighbourhood, but no closer than 1.2: a lone pair would otherwise fill the screen
  function frame(eles) {
    var box = eles.boundingBox();
    var padding = 80;
    var level = Math.min(1.2, (cy.width() - 2 * padding) / Math.max(box.w, 1),
                         (cy.height() - 2 * padding) / Math.max(box.h, 1));
    // a jump, not an animation: Cytoscape.js keeps an animated zoom's blurred textures until the view moves again
    cy.viewport({zoom: level, pan: {x: cy.width() / 2 - level * (box.x1 + box.w / 2),
                                    y: cy.height() / 2 - level * (box.y1 + box.h / 2)}});
  }

  cy.on("tap", "node", function (event) { choose(event.target.id(), false); });
  cy.on("tap", function (event) {
    if (event.target === cy) { clear(); details.innerHTML = hint; }
  });
  document.getElementById("fit").addEventListener("click", function () {
    cy.fit(cy.elements().not(".hidden"), 30);
  });

  function nodeLink(id) {
    var link = el("a", {className: "node-link", tabindex: "0", textContent: byId[id].label});
    link.addEventListener("click", function () { choose(id, true); });
    return link;
  }

  function lines(values) {
    return values.map(function (value) { return el("div", {textContent: value}); });
  }

  function showDetails(n, node) {
    var t = types[n.type];
    var parts = [el("h2", {textContent: n.label}),
                 el("div", {className: "kind"}, [swatch(n.type), t.vi + " ", el("span", {className: "en", textContent: t.en})])];
    var rows = n.attributes.map(function (a) {
      return el("tr", {}, [el("th", {}, [a[0] + " ", el("span", {className: "en", textContent: a[1]})]),
                           el("td", {}, lines(a[2].split(" | ")))]);
    });
    if (n.aliases.length) {
      rows.unshift(el("tr", {}, [el("th", {}, ["tên khác ", el("span", {className: "en", textContent: "also written"})]),
                                 el("td", {}, lines(n.aliases))]));
    }
    if (rows.length) { parts.push(el("table", {className: "attributes"}, rows)); }
    parts.push(el("div", {className: "iri", textContent: n.id}));

    var relations = [];
    node.outgoers("edge").forEach(function (e) {
      relations.push(el("li", {}, [e.data("label") + " → ", nodeLink(e.target().id())]));
    });
    node.incomers("edge").forEach(function (e) {
      relations.push(el("li", {}, [nodeLink(e.source().id()), " → " + e.data("label") + " → " + n.label]));
    });
    if (relations.length) {
      parts.push(el("h3", {}, ["Quan hệ ", el("span", {className: "en", textContent: "relations"}), " (" + relations.length + ")"]));
      parts.push(el("ul", {className: "relations"}, relations));
    }
    parts = parts.concat(sourceParts(n));
    details.textContent = "";
    parts.forEach(function (part) { details.appendChild(part); });
  }

  // the sentences a node was read from, grouped by article; those naming it first, names marked
  function sourceParts(n) {
    if (!n.sources.length) { return []; }
    var names = [n.label].concat(n.aliases).map(fold).filter(function (k) { return k.length > 1; });
    var groups = {};
    var order = [];
    n.sources.forEach(function (index) {
      var s = data.sentences[index];
      if (!(s[0] in groups)) { groups[s[0]] = []; order.push(s[0]); }
      groups[s[0]].push(s[1]);
    });
    var parts = [el("h3", {}, ["Câu nguồn ", el("span", {className: "en", textContent: "source sentences"}),
                               " (" + n.sources.length + ")"])];
    order.forEach(function (index, position) {
      var article = data.articles[index];
      var title = article.headline || article.source || article.iri;
      var heading = /^(https?|file):/i.test(article.url || "")
        ? el("a", {href: article.url, target: "_blank", rel: "noopener", textContent: title, title: article.source})
        : el("span", {textContent: title});
      var date = article.published ? el("span", {className: "date", textContent: " " + article.published.slice(0, 10)}) : "";
      var quotes = groups[index].map(function (text) { return marked(text, names); });
      quotes.sort(function (a, b) { return (b.className === "mentions") - (a.className === "mentions"); });
      // the first articles open, the rest one click away: a minister may have hundreds of sentences
      var group = el("details", {className: "article"}, [
        el("summary", {}, [heading, date, el("span", {className: "count", textContent: " (" + quotes.length + ")"})])
      ].concat(quotes));
      group.open = position < 3;
      parts.push(group);
    });
    return parts;
  }

  // <blockquote> of a sentence with the entity's names marked, matched without diacritics
  function marked(text, names) {
    var chars = Array.from(text);
    var folded = chars.map(function (c) { var f = fold(c); return f.length === 1 ? f : (f.charAt(0) || " "); }).join("");
    var ranges = [];
    names.forEach(function (name) {
      for (var at = folded.indexOf(name); at >= 0; at = folded.indexOf(name, at + name.length)) {
        ranges.push([at, at + name.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var quote = el("blockquote", {className: ranges.length ? "mentions" : "context"});
    var position = 0;
    ranges.forEach(function (r) {
      if (r[0] < position) { return; }
      quote.appendChild(document.createTextNode(chars.slice(position, r[0]).join("")));
      quote.appendChild(el("mark", {textContent: chars.slice(r[0], r[1]).join("")}));
      position = r[1];
    });
    quote.appendChild(document.createTextNode(chars.slice(position).join("")));
    return quote;
  }

  window.kgViewer = {cy: cy, data: data, fold: fold, find: find, choose: choose};
  cy.one("render", function () { document.body.setAttribute("data-ready", "true"); });
}());
