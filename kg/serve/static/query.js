// The query page of kg serve: YASGUI on /sparql with kg's prefixes, the named queries as
// examples (parameters bound as kg query --param binds them), and entities in the results
// linked to the viewer around them.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-query-data").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  const prologue = Object.entries(data.prefixes).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`).join("\n");

  // class and property completion ask lov.linkeddata.es: the page talks to this server only
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasr.defaults.prefixes = data.prefixes;
  Yasgui.Yasr.plugins.table.defaults.openIriInNewWindow = false;
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: "kg-query",
    yasqe: { value: `${prologue}\n\n${data.example}\n` },
  });

  // a value as kg.query.bind_literals writes it: a string literal typed xsd:string
  function literal(value) {
    return JSON.stringify(value) + "^^<http://www.w3.org/2001/XMLSchema#string>";
  }

  function bound(query, values) {
    let text = query.text;
    for (const [name, value] of Object.entries(values)) {
      if (value !== "") text = text.replace(new RegExp(`[?$]${name}(?![\\w])`, "g"), () => literal(value));
    }
    return text;
  }

  function openNamed(query, values) {
    const tab = yasgui.addTab(true, { name: query.name, yasqe: { value: bound(query, values) },
                                      requestConfig: { endpoint: endpoint, method: "POST" } });
    tab.show();
    tab.query();
  }

  const list = document.getElementById("named");
  for (const query of data.queries) {
    const item = document.createElement("li");
    const open = document.createElement("button");
    open.className = "open";
    open.type = "button";
    open.dataset.name = query.name;
    open.textContent = query.title || query.name;
    open.title = `run ${query.name} in a new tab`;
    const description = document.createElement("p");
    description.textContent = query.description;
    item.append(open, description);
    const inputs = {};
    for (const [name, doc] of Object.entries(query.params)) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.name = name;
      const example = /\(([^)]*)\)\s*$/.exec(doc);
      input.placeholder = example ? example[1] : "";
      label.append(`${name}: ${doc.replace(/\s*\([^)]*\)\s*$/, "")}`, input);
      inputs[name] = input;
      item.append(label);
    }
    open.addEventListener("click", () => {
      openNamed(query, Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()])));
    });
    list.append(item);
  }

  // an entity of the store opens the viewer around it, named by the end of its IRI ("person/tran-vi-dan-…":
  // the whole IRI took half the table); terms of vocabularies keep their own links
  const vocabularies = Object.values(data.prefixes);
  function isEntity(iri) {
    return /^https?:\/\//.test(iri) && !iri.includes("#") && !vocabularies.some((ns) => iri.startsWith(ns));
  }
  function linkEntities(root) {
    for (const link of root.querySelectorAll("a.iri:not([data-iri])")) {
      const iri = link.getAttribute("href");
      link.dataset.iri = iri;
      if (!isEntity(iri)) continue;
      link.href = `/view?around=${encodeURIComponent(iri)}`;
      link.title = `${iri}: open the viewer around it`;
      link.textContent = iri.split("/").slice(-2).join("/");
      link.removeAttribute("target");
    }
  }
  new MutationObserver(() => linkEntities(document.getElementById("yasgui")))
    .observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  window.kgQuery = { yasgui: yasgui };
})();
