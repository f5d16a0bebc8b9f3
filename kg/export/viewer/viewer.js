/* kg viewer: draws the graph embedded in this page with Cytoscape.js and lets a reader
   search names (with or without Vietnamese diacritics), filter by type, and click a node
   to see its attributes, its relations and the sentences it was read from.

   A corpus graph has thousands of nodes: drawn at once it is a hairball that takes seconds
   to draw and shows no name. So the page draws the centre of a neighbourhood, or the best
   connected nodes, up to DRAWN_AT_FIRST, folds components of at most TINY nodes into a
   list beside the graph, and draws more on demand: a search result, a node's neighbours
   (double-click, or the button in its details), a small group from the list, or all.
   Labels are placed by degree where they and their node overlap no label nor labelled node, again after
   every zoom or pan.
   Two nodes chosen in turn ("path from here", "path to here") light the shortest path
   between them over the whole view, drawing what it passes through; a time slider over the
   articles' dates fades (or hides) what was read only from articles outside the range. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var DRAWN_AT_FIRST = 250;
  var TINY = 3;
  var EDGE_LABELS = 16;  // a chosen node's relations are named when it has no more than these
  var LABEL_WIDTH = 170;  // px on screen; a longer name ends in an ellipsis

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
  var incident = {};  // node id -> indexes of its edges in data.edges, drawn or not
  data.nodes.forEach(function (n) {
    n.keys = [n.label].concat(n.aliases).map(fold);
    byId[n.id] = n;
    incident[n.id] = [];
  });
  data.edges.forEach(function (e, i) {
    incident[e.source].push(i);
    if (e.target !== e.source) { incident[e.target].push(i); }
  });
  function degree(id) { return incident[id].length; }
  function other(edge, id) { return edge.source === id ? edge.target : edge.source; }
  function neighbours(id) {
    return incident[id].map(function (i) { return other(data.edges[i], id); });
  }

  // connected components, by union-find; the tiny ones go to the side list
  var parent = {};
  function root(id) {
    while (parent[id] !== id) { parent[id] = parent[parent[id]]; id = parent[id]; }
    return id;
  }
  data.nodes.forEach(function (n) { parent[n.id] = n.id; });
  data.edges.forEach(function (e) { parent[root(e.source)] = root(e.target); });
  var components = {};
  data.nodes.forEach(function (n) { (components[root(n.id)] = components[root(n.id)] || []).push(n.id); });
  var folding = data.nodes.length > 60;
  var tinyGroups = [];
  var folded = {};
  Object.keys(components).forEach(function (key) {
    var members = components[key];
    if (folding && members.length <= TINY && !members.some(function (id) { return data.centres.indexOf(id) >= 0; })) {
      members.sort(function (a, b) { return degree(b) - degree(a) || byId[a].label.localeCompare(byId[b].label, "vi"); });
      tinyGroups.push(members);
      members.forEach(function (id) { folded[id] = true; });
    }
  });
  tinyGroups.sort(function (a, b) { return b.length - a.length || byId[a[0]].label.localeCompare(byId[b[0]].label, "vi"); });

  // what is drawn first: the centres and what is nearest them, else the best connected
  function firstDrawn() {
    var open = data.nodes.filter(function (n) { return !folded[n.id]; });
    if (open.length <= DRAWN_AT_FIRST) { return open.map(function (n) { return n.id; }); }
    var distance = {};
    var queue = data.centres.slice();
    queue.forEach(function (id) { distance[id] = 0; });
    for (var head = 0; head < queue.length; head++) {
      neighbours(queue[head]).forEach(function (next) {
        if (!(next in distance)) { distance[next] = distance[queue[head]] + 1; queue.push(next); }
      });
    }
    var far = data.nodes.length;
    // articles last: they mention dozens of entities each and would fill the drawing alone
    function rank(id) { return byId[id].type === "article" ? -1 : degree(id); }
    return open.map(function (n) { return n.id; }).sort(function (a, b) {
      return ((a in distance ? distance[a] : far) - (b in distance ? distance[b] : far)) ||
        rank(b) - rank(a) || (a < b ? -1 : 1);
    }).slice(0, DRAWN_AT_FIRST);
  }

  function swatch(type) {
    var t = types[type];
    return el("span", {className: "swatch " + t.shape, style: "background:" + t.colour});
  }

  function nodeElement(n) {
    return {group: "nodes", data: {id: n.id, label: n.label, type: n.type, size: n.size, drawn: n.size},
            position: {x: n.x, y: n.y}};
  }

  function edgeElement(i) {
    var e = data.edges[i];
    return {group: "edges", data: {id: "e" + i, source: e.source, target: e.target, label: e.label, font: 10}};
  }

  // the elements that draw ``ids`` (those not drawn yet) and every edge between drawn nodes
  function elementsFor(ids, drawn) {
    var elements = [];
    ids.forEach(function (id) {
      if (!drawn[id]) { drawn[id] = true; elements.push(nodeElement(byId[id])); }
    });
    var edges = {};
    ids.forEach(function (id) {
      incident[id].forEach(function (i) {
        var e = data.edges[i];
        if (drawn[e.source] && drawn[e.target] && !edges[i] && (!cy || cy.getElementById("e" + i).empty())) {
          edges[i] = true;
          elements.push(edgeElement(i));
        }
      });
    });
    return elements;
  }
  var cy = null;
  var drawn = {};
  var elements = elementsFor(firstDrawn(), drawn);

  var style = [
    {selector: "node", style: {
      "width": "data(drawn)", "height": "data(drawn)", "label": "",
      "font-size": "mapData(size, 16, 56, 11, 16)", "text-valign": "bottom", "text-margin-y": 3, "color": "#1a1a1a",
      "text-wrap": "ellipsis", "text-max-width": "180px", "min-zoomed-font-size": 7,
      "text-outline-color": "#ffffff", "text-outline-width": 2, "border-width": 1, "border-color": "#ffffff"}},
    {selector: "edge", style: {
      "width": 1, "line-color": "#a8a8a8", "curve-style": data.edges.length > 4000 ? "haystack" : "bezier",
      "target-arrow-shape": "triangle", "target-arrow-color": "#a8a8a8", "arrow-scale": 0.7}},
    {selector: "node.labelled", style: {"label": "data(label)", "font-size": "data(font)",
                                                   "text-max-width": "data(textWidth)", "text-margin-y": "data(margin)",
                                                   "text-outline-width": 0, "text-background-color": "#ffffff",
                                                   "text-background-opacity": 0.8, "text-background-padding": 1,
                                                   "z-index": 5}},
    {selector: ".faded", style: {"opacity": 0.12, "text-opacity": 0}},
    {selector: "edge.near", style: {
      "line-color": "#555555", "target-arrow-color": "#555555", "width": 2,
      "font-size": "data(font)", "color": "#333333", "text-rotation": "autorotate", "text-background-color": "#ffffff",
      "text-background-opacity": 0.85, "text-background-padding": 2, "z-index": 9}},
    {selector: "edge.near.named", style: {"label": "data(label)"}},
    {selector: "node.near", style: {"z-index": 10, "min-zoomed-font-size": 0}},
    {selector: "node.match", style: {"border-width": 4, "border-color": "#f2b705"}},
    {selector: "node.chosen", style: {"border-width": 4, "border-color": "#111111"}},
    {selector: "node.more", style: {"border-width": 2, "border-color": "#555555", "border-style": "dashed"}},
    {selector: ".untimely", style: {"opacity": 0.08, "text-opacity": 0}},
    {selector: ".untimely.gone", style: {"display": "none"}},
    {selector: "edge.path", style: {"line-color": "#111111", "target-arrow-color": "#111111", "width": 4,
                                    "opacity": 1, "z-index": 12, "label": "data(label)", "font-size": "data(font)",
                                    "text-rotation": "autorotate", "text-background-color": "#ffffff",
                                    "text-background-opacity": 0.85}},
    {selector: "node.path", style: {"border-width": 4, "border-color": "#111111", "opacity": 1, "z-index": 12}},
    {selector: ".hidden", style: {"display": "none"}}
  ];
  data.types.forEach(function (t) {
    style.splice(1, 0, {selector: 'node[type = "' + t.type + '"]',
                        style: {"background-color": t.colour, "shape": t.shape}});
  });

  cy = cytoscape({
    container: document.getElementById("graph"),
    elements: elements,
    style: style,
    layout: {name: "preset", fit: true, padding: 30},
    minZoom: 0.02,
    maxZoom: 5,
    textureOnViewport: elements.length > 3000,
    hideEdgesOnViewport: elements.length > 6000
  });

  var hiddenTypes = {};

  // draw ``ids`` (and the edges between drawn nodes) where the layout put them
  function draw(ids) {
    var added = cy.add(elementsFor(ids, drawn));
    added.nodes().forEach(function (node) {
      if (hiddenTypes[node.data("type")]) { node.addClass("hidden"); }
    });
    applyTime(added);
    markMore();
    showStats();
    placeLabels();
    return added;
  }

  function undrawnNeighbours(id) {
    return neighbours(id).filter(function (next) { return !drawn[next]; });
  }

  // a dashed border: this node has neighbours not drawn yet
  function markMore() {
    cy.nodes().forEach(function (node) { node.toggleClass("more", undrawnNeighbours(node.id()).length > 0); });
  }

  function expand(id) {
    var added = draw(undrawnNeighbours(id).concat([id]));
    choose(id, true);
    return added;
  }

  // labels by degree, each where it and its node overlap no label nor labelled node, at the zoom of the moment
  var labelTimer = null;
  function placeLabels() {
    var zoom = cy.zoom();
    var taken = {};
    var cell = 60;
    function free(box) {
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          var boxes = taken[gx + "," + gy] || [];
          for (var k = 0; k < boxes.length; k++) {
            var b = boxes[k];
            if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) { return false; }
          }
        }
      }
      return true;
    }
    function take(box) {
      for (var gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (var gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          (taken[gx + "," + gy] = taken[gx + "," + gy] || []).push(box);
        }
      }
    }
    var width = cy.width();
    var height = cy.height();
    var nodes = cy.nodes().not(".hidden").not(".faded").not(".untimely").toArray();
    nodes.sort(function (a, b) {
      return b.hasClass("path") - a.hasClass("path") || b.hasClass("near") - a.hasClass("near") ||
        degree(b.id()) - degree(a.id());
    });
    cy.batch(function () {
      cy.edges(".path").data("font", 11 / zoom);
      var near = cy.edges(".near");
      near.data("font", 10 / zoom);
      near.toggleClass("named", near.length <= EDGE_LABELS);
      cy.nodes(".faded").forEach(function (node) {
        node.data("drawn", Math.max(node.data("size"), (3 + node.data("size") / 5) / zoom));
      });
      nodes.forEach(function (node) {
        // labels keep their size on screen (11 to 16 px by degree) at every zoom
        var p = node.renderedPosition();
        var size = node.data("size");
        var font = 11 + 5 * (size - 16) / 40;
        var w = Math.min(LABEL_WIDTH, node.data("label").length * 0.58 * font);
        var top = p.y + Math.max(size * zoom, 3 + size / 5) / 2 + 3;
        var box = [p.x - w / 2 - 2, top, p.x + w / 2 + 2, top + font * 1.35];
        // a labelled node is drawn above the others (z-index): its body must cover no label either
        var r = Math.max(size * zoom, 3 + size / 5) / 2;
        var body = [p.x - r, p.y - r, p.x + r, p.y + r];
        var visible = box[2] > 0 && box[0] < width && box[3] > 0 && box[1] < height;
        var fits = visible && (node.hasClass("chosen") || node.hasClass("path") || (free(box) && free(body)));
        if (fits) { take(box); take(body); }
        node.data({font: font / zoom, textWidth: LABEL_WIDTH / zoom, margin: 3 / zoom,
                   drawn: Math.max(size, (3 + size / 5) / zoom)});  // at least 6 to 14 px on screen
        node.toggleClass("labelled", fits);
      });
    });
    stats.dataset.labelled = String(cy.nodes(".labelled").length);
  }
  cy.on("viewport", function () {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(placeLabels, 120);
  });

  // legend and type filter
  var typeList = document.getElementById("types");
  data.types.forEach(function (t) {
    var box = el("input", {type: "checkbox", checked: true, "data-type": t.type});
    box.addEventListener("change", function () {
      hiddenTypes[t.type] = !box.checked;
      cy.nodes('[type = "' + t.type + '"]').toggleClass("hidden", !box.checked);
      showStats();
      placeLabels();
    });
    typeList.appendChild(el("li", {}, [el("label", {}, [
      box, swatch(t.type), t.vi + " ", el("span", {className: "en", textContent: t.en}),
      el("span", {className: "count", textContent: String(t.count)})])]));
  });

  var stats = document.getElementById("stats");
  function showStats() {
    var shown = cy.nodes().not(".hidden").length;
    stats.dataset.nodes = String(data.nodes.length);
    stats.dataset.edges = String(data.edges.length);
    stats.dataset.drawn = String(cy.nodes().length);
    stats.dataset.shown = String(shown);
    stats.textContent = data.nodes.length + " nút, " + data.edges.length + " cạnh" +
      (shown < data.nodes.length ? " (đang vẽ " + shown + " · drawn)" : "");
    drawAll.hidden = cy.nodes().length >= data.nodes.length;
  }
  var drawAll = document.getElementById("draw-all");
  drawAll.addEventListener("click", function () {
    draw(data.nodes.map(function (n) { return n.id; }));
    fitDrawn();
  });

  // the whole drawing on the screen, its box from the layout's positions: Cytoscape's fit asks
  // every element's rendered style for its box, 1.9 s of 4.8 for all 4,216 nodes of a corpus
  function fitDrawn() {
    var box = {x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity};
    cy.nodes().not(".hidden").forEach(function (node) {
      var n = byId[node.id()];
      var r = n.size / 2;
      box = {x1: Math.min(box.x1, n.x - r), y1: Math.min(box.y1, n.y - r),
             x2: Math.max(box.x2, n.x + r), y2: Math.max(box.y2, n.y + r)};
    });
    if (box.x1 > box.x2) { return; }
    var level = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), (cy.width() - 60) / Math.max(box.x2 - box.x1, 1),
                                                 (cy.height() - 60) / Math.max(box.y2 - box.y1, 1)));
    cy.viewport({zoom: level, pan: {x: cy.width() / 2 - level * (box.x1 + box.x2) / 2,
                                    y: cy.height() / 2 - level * (box.y1 + box.y2) / 2}});
  }

  // the tiny components, listed beside the graph instead of drawn in a grid
  var groupList = document.getElementById("groups");
  if (tinyGroups.length) {
    document.getElementById("group-count").textContent = String(tinyGroups.length);
    tinyGroups.forEach(function (members) {
      var item = el("li", {"data-id": members[0]}, [swatch(byId[members[0]].type),
        members.map(function (id) { return byId[id].label; }).join(" — ")]);
      item.addEventListener("click", function () {
        draw(members);
        choose(members[0], true);
      });
      groupList.appendChild(item);
    });
  } else {
    document.getElementById("small-groups").hidden = true;
  }

  // export of what is drawn: the nodes and edges as JSON, or the picture as PNG
  function download(name, blob) {
    var link = el("a", {href: URL.createObjectURL(blob), download: name});
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  document.getElementById("export-json").addEventListener("click", function () {
    var nodes = cy.nodes().not(".hidden");
    var ids = {};
    nodes.forEach(function (node) { ids[node.id()] = true; });
    var selection = {
      title: data.title,
      nodes: nodes.map(function (node) {
        var n = byId[node.id()];
        return {id: n.id, label: n.label, type: n.type, aliases: n.aliases,
                attributes: n.attributes.map(function (a) { return {name: a[1], value: a[2]}; })};
      }),
      edges: cy.edges().filter(function (e) { return ids[e.data("source")] && ids[e.data("target")]; })
        .map(function (e) {
          var d = data.edges[Number(e.id().slice(1))];
          return {source: d.source, target: d.target, label: d.label, label_en: d.label_en};
        })
    };
    download("kg-selection.json", new Blob([JSON.stringify(selection, null, 1)], {type: "application/json"}));
  });
  document.getElementById("export-png").addEventListener("click", function () {
    download("kg-selection.png", cy.png({output: "blob", full: false, bg: "#ffffff", scale: 2}));
  });

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
      if (hiddenTypes[n.type]) { return; }
      var best = -1;
      n.keys.forEach(function (key) {
        var at = key.indexOf(q);
        var score = key === q ? 3 : at === 0 ? 2 : at > 0 ? 1 :
          words.every(function (w) { return key.indexOf(w) >= 0; }) ? 0 : -1;
        best = Math.max(best, score);
      });
      if (best >= 0) { scored.push([best, degree(n.id), n]); }
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
    cy.elements().removeClass("faded near chosen path");
  }

  // a node chosen (a click, a search, a link): drawn with its neighbours if it was not, lit, its details shown
  function choose(id, zoom) {
    if (!byId[id]) { return; }
    if (!drawn[id]) { draw(neighbours(id).concat([id])); }
    var node = cy.getElementById(id);
    clear();
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    near.addClass("near");
    node.addClass("chosen");
    if (zoom) { frame(near); }
    showDetails(byId[id], node);
    placeLabels();
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
  cy.on("dbltap", "node", function (event) { expand(event.target.id()); });
  cy.on("tap", function (event) {
    if (event.target === cy) { clear(); details.innerHTML = hint; placeLabels(); }
  });
  document.getElementById("fit").addEventListener("click", fitDrawn);

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
    incident[n.id].forEach(function (i) {
      var e = data.edges[i];
      relations.push(e.source === n.id
        ? el("li", {}, [e.label + " → ", nodeLink(e.target)])
        : el("li", {}, [nodeLink(e.source), " → " + e.label + " → " + n.label]));
    });
    var missing = undrawnNeighbours(n.id).length;
    if (missing) {
      var more = el("button", {type: "button", id: "expand", textContent: "Vẽ thêm " + missing + " nút kề · draw " +
        missing + " more neighbours"});
      more.addEventListener("click", function () { expand(n.id); });
      parts.push(more);
    }
    parts.push(pathButtons(n.id));
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
      // the first articles open, the rest one click away and filled when opened: a minister may
      // have hundreds of sentences
      var group = el("details", {className: "article"}, [el("summary", {}, [
        heading, date, el("span", {className: "count", textContent: " (" + groups[index].length + ")"})])]);
      var fill = function () {
        var quotes = groups[index].map(function (text) { return marked(text, names); });
        quotes.sort(function (a, b) { return (b.className === "mentions") - (a.className === "mentions"); });
        quotes.forEach(function (quote) { group.appendChild(quote); });
        fill = null;
      };
      group.addEventListener("toggle", function () { if (group.open && fill) { fill(); } });
      if (position < 3) { fill(); group.open = true; }
      parts.push(group);
    });
    return parts;
  }

  // one character folded to one (the marks keep their places), remembered: a hub's hundreds of
  // sentences folded by a call per character took most of a second
  var foldedChars = {};
  function foldChar(c) {
    if (!(c in foldedChars)) { var f = fold(c); foldedChars[c] = f.length === 1 ? f : (f.charAt(0) || " "); }
    return foldedChars[c];
  }

  // <blockquote> of a sentence with the entity's names marked, matched without diacritics
  function marked(text, names) {
    var chars = Array.from(text);
    var folded = chars.map(foldChar).join("");
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

  // the shortest path between two nodes, over every relation of the view (drawn or not)
  function shortestPath(from, to) {
    var via = {};
    via[from] = null;
    var queue = [from];
    for (var head = 0; head < queue.length && !(to in via); head++) {
      var id = queue[head];
      incident[id].forEach(function (i) {
        var next = other(data.edges[i], id);
        if (!(next in via)) { via[next] = i; queue.push(next); }
      });
    }
    if (!(to in via)) { return null; }
    var nodes = [to];
    var edges = [];
    for (var at = to; at !== from; at = other(data.edges[via[at]], at)) {
      edges.unshift(via[at]);
      nodes.unshift(other(data.edges[via[at]], at));
    }
    return {nodes: nodes, edges: edges};
  }

  var pathStart = null;
  function pathButtons(id) {
    var start = el("button", {type: "button", id: "path-from", textContent: "Đường đi từ đây · path from here"});
    start.addEventListener("click", function () {
      pathStart = id;
      start.textContent = "Chọn nút thứ hai · now choose the other end";
      start.disabled = true;
    });
    var box = el("div", {className: "path-buttons"}, [start]);
    if (pathStart && pathStart !== id) {
      var end = el("button", {type: "button", id: "path-to",
                              textContent: "Đường đi từ " + byId[pathStart].label + " đến đây · path to here"});
      end.addEventListener("click", function () { showPath(pathStart, id); });
      box.appendChild(end);
    }
    return box;
  }

  // draw the path, light it, fade the rest, and spell it out in the side panel
  function showPath(from, to) {
    var found = shortestPath(from, to);
    clear();
    details.textContent = "";
    details.appendChild(el("h2", {textContent: byId[from].label + " ↔ " + byId[to].label}));
    if (!found) {
      details.appendChild(el("p", {id: "path-none", textContent: "Không có đường nối · no path joins them in this view"}));
      return null;
    }
    draw(found.nodes);
    var lit = cy.collection();
    found.nodes.forEach(function (id) { lit = lit.union(cy.getElementById(id)); });
    found.edges.forEach(function (i) { lit = lit.union(cy.getElementById("e" + i)); });
    cy.elements().not(lit).addClass("faded");
    lit.addClass("path");
    frame(lit);
    var steps = [nodeLink(found.nodes[0])];
    found.edges.forEach(function (i, k) {
      var e = data.edges[i];
      var forward = e.source === found.nodes[k];
      steps.push(el("div", {className: "step", textContent: (forward ? "→ " : "← ") + e.label + (forward ? " →" : " ←")}));
      steps.push(nodeLink(found.nodes[k + 1]));
    });
    details.appendChild(el("h3", {}, ["Đường đi ", el("span", {className: "en", textContent: "path"}),
                                      " (" + found.edges.length + ")"]));
    details.appendChild(el("div", {id: "path", className: "path"}, steps));
    pathStart = null;
    stats.dataset.path = found.nodes.join(" ");
    placeLabels();
    return found.nodes;
  }

  // the time slider: the days of the articles in the view, a range of them kept
  var days = {};
  data.nodes.forEach(function (n) { n.dates.forEach(function (d) { days[d] = true; }); });
  days = Object.keys(days).sort();
  var range = {from: "", to: "\uffff"};
  var hideOutside = document.getElementById("time-hide");
  function timely(dates) {
    return !dates.length || dates.some(function (d) { return d >= range.from && d <= range.to; });
  }
  function applyTime(eles) {
    cy.batch(function () {
      eles.forEach(function (ele) {
        var item = ele.isNode() ? byId[ele.id()] : data.edges[Number(ele.id().slice(1))];
        var outside = !timely(item.dates);
        ele.toggleClass("untimely", outside);
        ele.toggleClass("gone", outside && hideOutside.checked);
      });
    });
  }
  var timeBox = document.getElementById("time");
  if (days.length > 1) {
    var fromInput = document.getElementById("time-from");
    var toInput = document.getElementById("time-to");
    [fromInput, toInput].forEach(function (input) { input.max = String(days.length - 1); });
    toInput.value = String(days.length - 1);
    fromInput.value = "0";
    var onTime = function () {
      var a = Number(fromInput.value);
      var b = Number(toInput.value);
      range = {from: days[Math.min(a, b)], to: days[Math.max(a, b)]};
      document.getElementById("time-label").textContent = range.from + " – " + range.to;
      applyTime(cy.elements());
      stats.dataset.timely = String(cy.nodes().not(".untimely").length);
      placeLabels();
    };
    fromInput.addEventListener("input", onTime);
    toInput.addEventListener("input", onTime);
    hideOutside.addEventListener("change", function () { applyTime(cy.elements()); });
    document.getElementById("time-label").textContent = days[0] + " – " + days[days.length - 1];
  } else {
    timeBox.hidden = true;
  }

  markMore();
  showStats();
  if (cy.zoom() > 1.5) {  // a few nodes fitted to the screen would each fill a quarter of it
    cy.zoom(1.5);
    cy.center();
  }
  if (data.centres.length === 1) {
    choose(data.centres[0], false);
  }
  placeLabels();
  // what bench/view_chromium.py times: an action, until the frame that shows it is drawn
  function timed(action) {
    return new Promise(function (resolve) {
      cy.one("render", function () { requestAnimationFrame(function () { resolve(); }); });
      if (action === "draw-all") {
        drawAll.click();
      } else {
        var hub = data.nodes.reduce(function (a, b) { return degree(b.id) > degree(a.id) ? b : a; });
        expand(hub.id);
      }
      cy.forceRender();
    });
  }
  window.kgViewer = {cy: cy, data: data, fold: fold, find: find, choose: choose, expand: expand, draw: draw,
                    shortestPath: shortestPath, showPath: showPath, timed: timed, renderer: "cytoscape",
                    drawnCount: function () { return cy.nodes().length; }};
  cy.one("render", function () {
    window.kgViewer.readyAt = performance.now();  // ms from the start of the page's navigation
    document.body.setAttribute("data-ready", "true");
  });
}());
