/* The kg network page: draws the graph in #kg-data with vis-network.
 * Every value from the graph reaches the page as DOM text (textContent, element properties), never as HTML:
 * tooltips are DOM elements, which vis-network appends as they are. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const typeStyle = new Map(data.types.map((t) => [t.type, t]));
  const relationStyle = new Map(data.relations.map((r) => [r.relation, r]));
  const linksOf = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e) => {
    linksOf.get(e.source).push(e);
    if (e.target !== e.source) linksOf.get(e.target).push(e);
  });
  const SYMBOLS = { dot: "●", diamond: "◆", square: "■", hexagon: "⬢", triangle: "▲", triangleDown: "▼",
    star: "★" };
  const FADED = { background: "#ececec", border: "#d6d6d6" };
  const FADED_NODE = { ...FADED, highlight: FADED, hover: FADED };
  const FADED_EDGE = { color: "#e4e4e4", highlight: "#e4e4e4", hover: "#e4e4e4" };
  const EDGE_TEXT = { color: "#444444", strokeWidth: 3 };
  const HIDDEN_TEXT = { color: "rgba(0,0,0,0)", strokeWidth: 0 };
  const QUALIFIERS = [["date", "date"], ["dateText", "when"], ["start", "from"], ["end", "until"], ["role", "role"],
    ["context", "context"]];

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  function darken(hex, factor) {
    const channels = [1, 3, 5].map((i) => Math.round(parseInt(hex.slice(i, i + 2), 16) * factor));
    return "#" + channels.map((c) => c.toString(16).padStart(2, "0")).join("");
  }

  function label(id) {
    const node = byId.get(id);
    return node ? node.label : id;
  }

  function period(item) {
    const parts = [];
    if (item.date) parts.push(item.date);
    if (item.start || item.end) parts.push((item.start || "…") + " – " + (item.end || "…"));
    return parts.length ? " (" + parts.join(", ") + ")" : "";
  }

  // --- tooltips: DOM elements built from text -------------------------------------------------------------

  // A tooltip shows the first few facts and relationships; the side panel (`all`) shows every one.
  function nodeTip(node, all) {
    const limit = all ? Infinity : 8;
    const tip = el("div", "kg-tip");
    tip.append(el("div", "kg-tip-title", node.label));
    if (node.label_es && node.label_es !== node.label) tip.append(el("div", "kg-tip-sub", "Spanish: " + node.label_es));
    if (node.aliases.length) tip.append(el("div", "kg-tip-sub", "Also: " + node.aliases.join(", ")));
    tip.append(el("div", "kg-tip-sub", node.type_label));
    if (node.facts.length) {
      tip.append(el("div", "kg-tip-head", "Facts"));
      const list = el("ul", "kg-tip-list");
      node.facts.slice(0, limit).forEach((f) => list.append(el("li", "", f.relation + ": " + f.value + period(f))));
      more(list, node.facts.length - limit);
      tip.append(list);
    }
    const links = linksOf.get(node.id);
    tip.append(el("div", "kg-tip-head", links.length === 1 ? "1 relationship" : links.length + " relationships"));
    if (links.length) {
      const list = el("ul", "kg-tip-list");
      links.slice(0, limit).forEach((e) => list.append(el("li", "", e.source === node.id
        ? e.relation_label + " → " + label(e.target) : "← " + label(e.source) + " " + e.relation_label)));
      more(list, links.length - limit);
      tip.append(list);
    }
    tip.append(el("div", "kg-tip-iri", node.id));
    return tip;
  }

  function more(list, count) {
    if (count > 0) list.append(el("li", "kg-tip-sub", "and " + count + " more (click the actor for all)"));
  }

  function edgeTip(edge) {
    const tip = el("div", "kg-tip");
    tip.append(el("div", "kg-tip-title", label(edge.source) + " " + edge.relation_label + " " + label(edge.target)));
    tip.append(el("div", "kg-tip-sub", edge.kind));
    QUALIFIERS.forEach(([key, name]) => {
      if (edge.qualifiers[key]) tip.append(el("div", "", name + ": " + edge.qualifiers[key]));
    });
    if (edge.qualifiers.inferred) tip.append(el("div", "kg-tip-note", "inferred: " + edge.qualifiers.inferred));
    tip.append(el("div", "kg-tip-head", ["No source given", "Source"][edge.evidence.length] || "Sources"));
    edge.evidence.forEach((ev) => {
      tip.append(el("div", "", ev.source_label + (ev.file_name ? " (" + ev.file_name + ")" : "")));
      tip.append(el("blockquote", "kg-tip-quote", "“" + ev.quote + "”"));
    });
    tip.append(el("div", "kg-tip-iri", edge.statement));
    return tip;
  }

  function nodeFont(id, bright) {
    return bright ? { size: fontSize.get(id), color: "#222222", strokeWidth: 3 }
      : { size: fontSize.get(id), color: "#c8c8c8", strokeWidth: 0 };
  }

  // --- the network ----------------------------------------------------------------------------------------

  const nodeColour = new Map();
  const fontSize = new Map();
  const nodes = new vis.DataSet(data.nodes.map((n) => {
    const style = typeStyle.get(n.type);
    const strong = { background: style.colour, border: "#000000" };
    const colour = { background: style.colour, border: darken(style.colour, 0.7), highlight: strong, hover: strong };
    nodeColour.set(n.id, colour);
    fontSize.set(n.id, 13 + Math.min(9, Math.round(2 * Math.sqrt(n.degree))));
    return { id: n.id, label: n.label, shape: style.shape, size: n.size, color: colour, font: nodeFont(n.id, true),
      title: nodeTip(n) };
  }));
  const edgeColour = new Map();
  const edges = new vis.DataSet(data.edges.map((e) => {
    const style = relationStyle.get(e.relation);
    const colour = { color: style.colour, highlight: style.colour, hover: style.colour };
    edgeColour.set(e.id, colour);
    const curve = e.parallel === 0 ? false
      : { enabled: true, type: e.parallel % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(e.parallel / 2) };
    return { id: e.id, from: e.source, to: e.target, label: e.relation_label, relation: e.relation,
      color: colour, dashes: style.dashed, smooth: curve, title: edgeTip(e) };
  }));

  const big = data.nodes.length > 300;
  const options = {
    nodes: { borderWidth: 1.5, widthConstraint: { maximum: 170 },
      font: { face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.6 } }, width: 1.6, selectionWidth: 1.5, hoverWidth: 1,
      smooth: false, font: { size: 11, align: "middle", color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 8 } } },  // edge labels appear once zoomed in enough to read them
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false },
    layout: { randomSeed: 20231119, improvedLayout: data.nodes.length <= 200 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -100, centralGravity: 0.012, springLength: 170, springConstant: 0.06,
        damping: 0.5, avoidOverlap: 0.6, theta: 1 },  // a coarser Barnes-Hut: twice as fast, as good a picture
      minVelocity: 1.5, timestep: 0.5,
      // fewer layout steps as the graph grows, so that 2,000 actors still settle in a few seconds
      stabilization: { enabled: true, iterations: Math.max(200, Math.min(700, Math.round(200000 / data.nodes.length))),
        updateInterval: 50, fit: true },
    },
  };
  const network = new vis.Network(document.getElementById("kg-network"), { nodes, edges }, options);

  // window.kg: what the browser tests and bench/bench_viz.py read (the DataSets, the network, layout timing)
  const kg = { data, nodes, edges, network, ready: false, stabilisedMs: null, highlighted: null, layoutSteps: 0 };
  window.kg = kg;
  const status = document.getElementById("kg-status");

  network.on("stabilizationProgress", (p) => {
    kg.layoutSteps = p.iterations;
    status.textContent = "Laying out the graph… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({ physics: { enabled: false } });
    kg.stabilisedMs = performance.now();
    kg.ready = true;
    showCounts();
    if (data.focus) select(data.focus, false);
  });

  // --- neighbourhood highlight and the selected-actor panel -------------------------------------------------

  function highlight(id) {
    const keepNodes = new Set([id]);
    const keepEdges = new Set();
    edges.forEach((e) => {
      if (!e.hidden && (e.from === id || e.to === id)) {
        keepEdges.add(e.id);
        keepNodes.add(e.from);
        keepNodes.add(e.to);
      }
    });
    nodes.update(nodes.getIds().map((n) => ({ id: n, color: keepNodes.has(n) ? nodeColour.get(n) : FADED_NODE,
      font: nodeFont(n, keepNodes.has(n)) })));
    edges.update(edges.getIds().map((e) => ({ id: e, color: keepEdges.has(e) ? edgeColour.get(e) : FADED_EDGE,
      font: keepEdges.has(e) ? EDGE_TEXT : HIDDEN_TEXT })));
  }

  function clearHighlight() {
    kg.highlighted = null;
    nodes.update(nodes.getIds().map((n) => ({ id: n, color: nodeColour.get(n), font: nodeFont(n, true) })));
    edges.update(edges.getIds().map((e) => ({ id: e, color: edgeColour.get(e), font: EDGE_TEXT })));
    network.unselectAll();
    document.getElementById("kg-selected").hidden = true;
  }

  function showSelected(details) {
    document.getElementById("kg-selected-body").replaceChildren(details);
    document.getElementById("kg-selected").hidden = false;
  }

  function select(id, focus) {
    if (!byId.has(id)) return;
    kg.highlighted = id;
    highlight(id);
    network.selectNodes([id], false);
    showSelected(nodeTip(byId.get(id), true));
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400 } });
  }
  kg.select = select;

  network.on("click", (params) => {
    if (params.nodes.length) {
      select(params.nodes[0], false);
      return;
    }
    if (kg.highlighted) clearHighlight();
    if (params.edges.length) showSelected(edgeTip(edgeById.get(params.edges[0])));  // touch screens cannot hover
  });

  // --- filters: relationship types and sources ------------------------------------------------------------

  const relationsOn = new Set(data.relations.map((r) => r.relation));
  const sourcesOn = new Set(data.sources.map((s) => s.id));

  function applyFilters() {
    const all = relationsOn.size === data.relations.length && sourcesOn.size === data.sources.length;
    const linked = new Set();
    const edgeUpdates = data.edges.map((e) => {
      const shown = relationsOn.has(e.relation) && (e.sources.length ? e.sources.some((s) => sourcesOn.has(s)) : all);
      if (shown) {
        linked.add(e.source);
        linked.add(e.target);
      }
      return { id: e.id, hidden: !shown };
    });
    edges.update(edgeUpdates);
    nodes.update(data.nodes.map((n) => ({ id: n.id, hidden: !(linked.has(n.id) || (n.degree === 0 && all)) })));
    if (kg.highlighted) {
      if (nodes.get(kg.highlighted).hidden) clearHighlight();
      else select(kg.highlighted, false);
    }
    showCounts();
  }
  kg.applyFilters = applyFilters;

  function showCounts() {
    const shownNodes = nodes.get({ filter: (n) => !n.hidden }).length;
    const shownEdges = edges.get({ filter: (e) => !e.hidden }).length;
    status.textContent = shownNodes + " of " + data.nodes.length + " actors, " + shownEdges + " of " +
      data.edges.length + " relationships shown";
  }

  function checkbox(container, key, value, on, parts) {
    const row = el("label");
    const input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.dataset[key] = value;
    input.addEventListener("change", () => {
      if (input.checked) on.add(value);
      else on.delete(value);
      applyFilters();
    });
    row.append(input, ...parts);
    container.append(row);
    return input;
  }

  const relationBoxes = data.relations.map((r) => {
    const line = el("span", "kg-line" + (r.dashed ? " kg-dashed" : ""));
    line.style.borderTopColor = r.colour;
    return checkbox(document.getElementById("kg-relations"), "relation", r.relation, relationsOn,
      [line, el("span", "", r.label), el("span", "kg-count", String(r.count))]);
  });
  function setAllRelations(on) {
    relationBoxes.forEach((box) => {
      box.checked = on;
      if (on) relationsOn.add(box.dataset.relation);
      else relationsOn.delete(box.dataset.relation);
    });
    applyFilters();
  }
  document.getElementById("kg-relations-all").addEventListener("click", () => setAllRelations(true));
  document.getElementById("kg-relations-none").addEventListener("click", () => setAllRelations(false));

  const sourceBoxes = data.sources.map((s) => {
    const text = el("span", "", s.label);
    text.title = s.file_name;
    const only = el("button", "kg-only", "only");
    only.type = "button";
    only.title = "Show only what this source says";
    only.addEventListener("click", (event) => {
      event.preventDefault();
      sourceBoxes.forEach((box) => {
        box.checked = box.dataset.source === s.id;
        if (box.checked) sourcesOn.add(box.dataset.source);
        else sourcesOn.delete(box.dataset.source);
      });
      applyFilters();
    });
    return checkbox(document.getElementById("kg-sources"), "source", s.id, sourcesOn,
      [text, el("span", "kg-count", String(s.count)), only]);
  });

  data.types.forEach((t) => {
    const row = el("div", "kg-legend-row");
    const symbol = el("span", "kg-symbol", SYMBOLS[t.shape] || "●");
    symbol.style.color = t.colour;
    row.append(symbol, el("span", "kg-type", t.label), el("span", "kg-count", String(t.count)));
    document.getElementById("kg-types").append(row);
  });

  document.getElementById("kg-caption").textContent = data.caption;

  // --- search: any label or alias, without regard to accents or case --------------------------------------

  const names = data.nodes.map((n) => ({ id: n.id, label: n.label,
    names: [...new Set([n.label, n.label_es, ...n.aliases].filter(Boolean))].map((name) => [name, fold(name)]) }));

  function find(query) {
    const wanted = fold(query);
    if (!wanted) return [];
    const found = [];
    names.forEach((entry) => {
      let best = null;
      entry.names.forEach(([name, folded]) => {
        const at = folded.indexOf(wanted);
        if (at < 0) return;
        const score = folded === wanted ? 0 : at === 0 ? 1 : folded[at - 1] === " " ? 2 : 3;
        if (!best || score < best.score) best = { score, name };
      });
      if (best) found.push({ id: entry.id, label: entry.label, name: best.name, score: best.score });
    });
    found.sort((a, b) => a.score - b.score || fold(a.label).localeCompare(fold(b.label)) || a.id.localeCompare(b.id));
    return found.slice(0, 12);
  }

  const searchBox = document.getElementById("kg-search");
  const results = document.getElementById("kg-results");
  let matches = [];
  let active = 0;

  function showResults() {
    results.replaceChildren(...matches.map((m, i) => {
      const item = el("li", "", m.label);
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(i === active));
      if (m.name !== m.label) item.append(el("span", "kg-match", " — " + m.name));
      item.append(el("span", "kg-match", " · " + byId.get(m.id).type_label));
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(m.id);
      });
      return item;
    }));
  }

  function choose(id) {
    matches = [];
    showResults();
    searchBox.value = label(id);
    select(id, true);
  }

  searchBox.addEventListener("input", () => {
    matches = find(searchBox.value);
    active = 0;
    showResults();
  });
  searchBox.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (matches.length) active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      showResults();
      event.preventDefault();
    } else if (event.key === "Enter") {
      const found = matches.length ? matches : find(searchBox.value);
      if (found.length) choose(found[Math.min(active, found.length - 1)].id);
      event.preventDefault();
    } else if (event.key === "Escape") {
      matches = [];
      showResults();
    }
  });
  searchBox.addEventListener("blur", () => {
    matches = [];
    showResults();
  });
})();
