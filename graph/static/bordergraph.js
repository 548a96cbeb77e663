// The query page: YASGUI configured to stay offline, saved queries as examples, and links from
// result IRIs to the resource pages.  Every request goes to this server.
(function () {
  "use strict";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const endpoint = new URL("/sparql", location.href).href; // absolute: GET mode calls new URL()
  const saved = JSON.parse(document.getElementById("saved-queries").textContent);
  const paramForm = document.getElementById("params");
  let current = null; // the saved query whose parameters are shown

  // no LOV look-ups on class/property autocompletion: only local prefixes and variables
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];

  // "$name" arguments bind ?name on the server (parsed as a term there, never pasted into text)
  function paramArgs() {
    if (!current || paramForm.hidden) return [];
    const args = [];
    for (const p of current.params) {
      const input = paramForm.elements.namedItem(p.name);
      if (!input || input.value === "") continue;
      args.push({ name: "$" + p.name, value: asTerm(p.type, input.value) });
    }
    return args;
  }

  function asTerm(type, value) {
    const v = value.trim();
    if (type === "iri") return "<" + v.replace(/[<>"{}|^`\\\s]/g, encodeURIComponent) + ">";
    if (type === "integer" && /^[+-]?\d+$/.test(v)) return '"' + v + '"^^<' + XSD + "integer>";
    if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return '"' + v + '"^^<' + XSD + "date>";
    // a literal: sent as a quoted N-Triples string so the server never mistakes it for a term
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r") + '"';
  }

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST", args: [] },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    persistenceId: null,
  });

  // the tab's request arguments follow the parameter form
  function syncArgs() {
    yasgui.getTab().setRequestConfig({ args: paramArgs() });
  }
  paramForm.addEventListener("input", syncArgs);

  function showParams(query) {
    paramForm.replaceChildren();
    current = query;
    paramForm.hidden = !query || query.params.length === 0;
    if (paramForm.hidden) { syncArgs(); return; }
    for (const p of query.params) {
      const label = document.createElement("label");
      label.textContent = p.name + " ";
      const input = document.createElement("input");
      input.name = p.name;
      input.value = p.default || "";
      input.placeholder = p.help;
      input.title = p.help;
      label.appendChild(input);
      paramForm.appendChild(label);
    }
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = "values are bound to the variables of the same name";
    paramForm.appendChild(note);
    syncArgs();
  }

  const list = document.getElementById("saved-list");
  for (const q of saved) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = q.title;
    button.title = q.question;
    button.dataset.name = q.name;
    button.addEventListener("click", () => {
      yasgui.getTab().setQuery(q.sparql);
      showParams(q);
    });
    const question = document.createElement("p");
    question.textContent = q.question;
    li.append(button, question);
    list.appendChild(li);
  }
  paramForm.addEventListener("submit", (e) => { e.preventDefault(); yasgui.getTab().query(); });

  // result IRIs open the resource page on this server instead of the (remote) IRI itself
  function relink(root) {
    for (const a of root.querySelectorAll(".yasr a[href]")) {
      const href = a.getAttribute("href");
      if (!/^https?:/i.test(href) || a.dataset.iri) continue;
      a.dataset.iri = href;
      a.setAttribute("href", "/resource?iri=" + encodeURIComponent(href));
      a.removeAttribute("target");
    }
  }
  new MutationObserver(() => relink(document)).observe(document.getElementById("yasgui"),
    { childList: true, subtree: true });
  window.bordergraph = { yasgui: yasgui, saved: saved };
})();
