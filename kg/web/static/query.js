// The query page: a CodeMirror editor with SPARQL highlighting, queries posted to the server's /sparql
// endpoint, and the results as a table (labels linked to their pages), a network (IRIs in two columns) or a
// bar chart (a label and a number), downloadable as JSON or CSV. Every value is put in the page as text.
import { EditorView, basicSetup, StreamLanguage, sparql } from "/static/vendor/editor.js";

const config = JSON.parse(document.getElementById("query-config").textContent);
const actors = new Set(config.actors);
const $ = (id) => document.getElementById(id);
const textarea = $("query-text");
const editor = new EditorView({
  doc: textarea.value,
  extensions: [basicSetup, StreamLanguage.define(sparql), EditorView.lineWrapping,
    EditorView.cspNonce.of(config.style_nonce)],
  parent: $("query-editor"),
});
textarea.hidden = true;
$("query-editor").hidden = false;
window.kgQuery = { editor, ready: false, result: null };

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function compact(iri) {
  for (const [prefix, namespace] of config.prefixes) {
    if (iri.startsWith(namespace) && !iri.slice(namespace.length).includes("/")) {
      return prefix + ":" + iri.slice(namespace.length);
    }
  }
  return iri;
}

// The page of an IRI, as kg.web.render.Linker links it: facts, sources, and resources that are actors.
function pagePath(iri) {
  for (const [namespace, page] of config.pages) {
    const local = iri.slice(namespace.length);
    if (iri.startsWith(namespace) && local && !local.includes("/")) {
      return page !== "/actor/" || actors.has(iri) ? page + encodeURIComponent(local) : null;
    }
  }
  return null;
}

// The columns shown: ?xLabel beside an IRI column ?x becomes the text of ?x's links.
function columns(vars) {
  return vars.filter((v) => !(v.endsWith("Label") && vars.includes(v.slice(0, -5))));
}

function cell(row, variable) {
  const term = row[variable];
  if (!term) return element("td", "");
  if (term.type !== "uri") return element("td", term.value);
  const label = row[variable + "Label"] ? row[variable + "Label"].value : compact(term.value);
  const td = element("td");
  td.append(element("a", label, { href: pagePath(term.value) || term.value, title: term.value }));
  return td;
}

function showTable(data) {
  const shown = columns(data.head.vars);
  const table = element("table", undefined, { class: "results" });
  const head = element("tr");
  shown.forEach((v) => head.append(element("th", v)));
  table.appendChild(element("thead")).append(head);
  const body = table.appendChild(element("tbody"));
  for (const row of data.results.bindings) {
    const tr = body.appendChild(element("tr"));
    shown.forEach((v) => tr.append(cell(row, v)));
  }
  $("view-table").replaceChildren(table);
}

const isNumber = (term) => term && term.type === "literal" && term.value !== "" && !isNaN(Number(term.value))
  && /#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/.test(term.datatype || "");

// Two columns whose values are all IRIs: their rows are edges of a network.
function networkColumns(data) {
  const rows = data.results.bindings;
  const iris = columns(data.head.vars).filter((v) => rows.length && rows.every((r) => r[v] && r[v].type === "uri"));
  return iris.length >= 2 ? iris.slice(0, 2) : null;
}

const distinct = (rows, v) => new Set(rows.map((r) => r[v].value)).size;
const isDecimal = (term) => !/#(integer|int|long|short|nonNegativeInteger|positiveInteger)$/.test(term.datatype);

// A column of text and a column of numbers: a bar chart. The text is the ?xLabel column with the most
// distinct values (else the first text column); the number a decimal column if any, else the first number.
function chartColumns(data) {
  const rows = data.results.bindings;
  if (!rows.length) return null;
  const vars = data.head.vars;
  const numbers = vars.filter((v) => rows.some((r) => r[v]) && rows.every((r) => !r[v] || isNumber(r[v])));
  const texts = vars.filter((v) => !numbers.includes(v) && rows.every((r) => r[v] && r[v].type === "literal"));
  if (!numbers.length || !texts.length) return null;
  const labels = texts.filter((v) => v.endsWith("Label"));
  const label = labels.length ? labels.reduce((a, b) => (distinct(rows, b) > distinct(rows, a) ? b : a)) : texts[0];
  return [label, numbers.find((v) => rows.some((r) => r[v] && isDecimal(r[v]))) || numbers[0]];
}

function showNetwork(data, [from, to]) {
  const nodes = new Map();
  const edges = [];
  const label = (row, v) => (row[v + "Label"] ? row[v + "Label"].value : compact(row[v].value));
  data.results.bindings.forEach((row, index) => {
    nodes.set(row[from].value, { id: row[from].value, label: label(row, from) });
    nodes.set(row[to].value, { id: row[to].value, label: label(row, to) });
    edges.push({ id: index, from: row[from].value, to: row[to].value, arrows: "to" });
  });
  const network = new vis.Network($("view-network"), { nodes: [...nodes.values()], edges },
    { physics: { stabilization: { iterations: 200 } }, nodes: { shape: "dot", size: 10 } });
  network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
  network.on("doubleClick", (event) => {
    const path = event.nodes.length ? pagePath(event.nodes[0]) : null;
    if (path) window.location.assign(path);
  });
}

function showChart(data, [labelColumn, numberColumn]) {
  const bars = new Map();  // rows repeat per source: one bar per label and number
  for (const row of data.results.bindings.filter((r) => r[numberColumn])) {
    bars.set(row[labelColumn].value + "\u0000" + row[numberColumn].value, [row[labelColumn].value, row[numberColumn].value]);
  }
  const largest = Math.max(...[...bars.values()].map(([, n]) => Math.abs(Number(n)))) || 1;
  const list = element("ol", undefined, { class: "chart" });
  for (const [label, number] of bars.values()) {
    const item = list.appendChild(element("li"));
    item.append(element("span", label, { class: "bar-label" }));
    const bar = item.appendChild(element("span", number, { class: "bar" }));
    bar.style.width = (100 * Math.abs(Number(number)) / largest).toFixed(1) + "%";
  }
  $("view-chart").replaceChildren(element("p", `${numberColumn} by ${labelColumn}`), list);
}

function csv(data) {
  const quote = (text) => (/[",\r\n]/.test(text) ? '"' + text.replaceAll('"', '""') + '"' : text);
  const lines = [data.head.vars.map(quote).join(",")];
  for (const row of data.results.bindings) {
    lines.push(data.head.vars.map((v) => quote(row[v] ? row[v].value : "")).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

function offerDownloads(data) {
  const url = (text, type) => URL.createObjectURL(new Blob([text], { type }));
  $("download-json").href = url(JSON.stringify(data, null, 2), "application/sparql-results+json");
  $("download-csv").href = url(csv(data), "text/csv");
}

// The network is drawn when first shown: vis-network cannot lay out a hidden element.
function choose(view) {
  for (const name of ["table", "network", "chart"]) $("view-" + name).hidden = name !== view;
  const pending = window.kgQuery.pendingNetwork;
  if (view === "network" && pending) {
    window.kgQuery.pendingNetwork = null;
    showNetwork(window.kgQuery.result, pending);
  }
}

function show(data) {
  const views = $("query-views");
  if (data.boolean !== undefined) {
    $("query-status").textContent = "Answer: " + (data.boolean ? "yes" : "no");
    views.hidden = true;
    $("view-table").replaceChildren();
    return;
  }
  const count = data.results.bindings.length;
  $("query-status").textContent = `${count} row${count === 1 ? "" : "s"}`;
  showTable(data);
  const network = networkColumns(data);
  const chart = chartColumns(data);
  views.querySelector('[data-view="network"]').hidden = !network;
  views.querySelector('[data-view="chart"]').hidden = !chart;
  views.hidden = false;
  offerDownloads(data);
  window.kgQuery.pendingNetwork = network;
  if (chart) showChart(data, chart);
  choose("table");
}

async function run() {
  const text = editor.state.doc.toString();
  const shared = "/query?q=" + encodeURIComponent(text);
  history.replaceState(null, "", shared);
  $("query-share").href = shared;
  $("query-results").hidden = false;
  const served = document.getElementById("server-results");  // the results the server made without JavaScript
  if (served) served.hidden = true;
  $("query-status").textContent = "Running…";
  window.kgQuery.ready = false;
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { Accept: "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: text }),
    });
    const body = await response.text();
    if (!response.ok) {
      $("query-status").textContent = `Error ${response.status}: ${body.trim().slice(0, 500)}`;
      $("query-views").hidden = true;
      $("view-table").replaceChildren();
      return;
    }
    window.kgQuery.result = JSON.parse(body);
    show(window.kgQuery.result);
  } catch (error) {
    $("query-status").textContent = "The server did not answer: " + error.message;
  } finally {
    window.kgQuery.ready = true;
  }
}

$("query-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
$("query-views").addEventListener("click", (event) => {
  const view = event.target.dataset && event.target.dataset.view;
  if (view) choose(view);
});
const params = new URLSearchParams(window.location.search);
if (params.has("q") || params.has("name")) run();
else window.kgQuery.ready = true;
