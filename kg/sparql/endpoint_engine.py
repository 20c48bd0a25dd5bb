"""The endpoint engine: SPARQL over any SPARQL 1.1 Protocol endpoint (Oxigraph server, Virtuoso, Fuseki, ...).

Same interface and answers as the store engine (kg.sparql.oxigraph_engine):

* kg's own safety check runs before anything is sent (no SERVICE, updates or FROM);
* the default graph is the union of kg's graphs on the server, sent as `default-graph-uri` (and the same
  graphs as `named-graph-uri`, so GRAPH ?g sees only them) rather than relying on the server's notion;
* bindings travel as a VALUES block whose terms pyoxigraph has validated and serialises (N-Triples
  syntax), never as user text pasted into the query; kg's prefixes are declared in front of the query;
* queries go as form-encoded POST, which every server takes (Virtuoso hangs on a direct POST);
* answers are normalised: typed literals in their canonical form (Virtuoso writes "typed-literal" JSON
  and its own lexical forms), so that rows compare equal across engines;
* a server that cuts an answer (Virtuoso's X-SPARQL-MaxRows, a partial result on timeout, a body that ends
  early) raises an error rather than returning part of an answer as if it were whole.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from kg.errors import InputError, LimitError
from kg.rdf.namespaces import GRAPH_NS, PREFIXES
from kg.sparql.endpoint_spec import EndpointSpec
from kg.sparql.http import new_client, read_body, refusal, send, server_name
from kg.sparql.ordering import order_clause, sorted_like_store
from kg.sparql.oxigraph_engine import with_iri_filter, with_values
from kg.sparql.portability import check_portable
from kg.sparql.canonical import like_store
from kg.sparql.results import QueryResult, Row, Solutions, Term
from kg.sparql.safety import check_query, tokenize

MANIFEST_GRAPH = GRAPH_NS + "manifest"  # what `kg publish` wrote: the graphs and a version
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
# Virtuoso answers a CONSTRUCT in the results format when that is acceptable, so graphs ask for RDF only
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_RESULT_FORMATS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML}
_GRAPH_FORMATS = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/plain": ox.RdfFormat.N_TRIPLES,
                  "text/turtle": ox.RdfFormat.TURTLE, "application/rdf+xml": ox.RdfFormat.RDF_XML,
                  "application/ld+json": ox.RdfFormat.JSON_LD}
_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_PREFIX_DECLARED = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")
MANIFEST_QUERY = (f"SELECT ?graph ?version WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ <{MANIFEST_GRAPH}> "
                  f"<http://purl.org/dc/terms/hasPart> ?graph ; <http://www.w3.org/2002/07/owl#versionInfo> ?version }} }}")


class EndpointEngine:
    """SPARQL over the endpoint that `spec` describes; answers as kg.sparql.oxigraph_engine.StoreEngine does."""

    name = "endpoint"

    def __init__(self, spec: EndpointSpec, client=None):
        self.spec = spec
        self.where = server_name(spec.url)
        self.client = client or new_client()
        self._graphs: tuple[str, ...] | None = spec.graphs or None
        self._version: str | None = None
        self.server = ""  # the Server header of the last answer
        # Virtuoso 7.2 evaluates property paths wrongly over a list of default graphs (docs/servers.md), so
        # there the default graph stays the whole store unless the user named the graphs.
        self.whole_store = False
        # Virtuoso 7.2.5 answers some VALUES blocks wrongly, joined to a class path (docs/servers.md)
        self.virtuoso = False

    @property
    def graphs(self) -> tuple[str, ...]:
        """The named graphs that make up kg's dataset on the server."""
        if self._graphs is None:
            self._read_manifest()
        return self._graphs

    def version(self) -> str:
        """What changes whenever the data on the server do: the manifest's version when there is one, else a
        count of the graphs' triples."""
        if self._version is None:
            self._read_manifest()
        if self._version is None:
            count = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            self._version = f"count:{count[0]['n'].value if count and 'n' in count[0] else 0}"
        return self._version

    def _read_manifest(self) -> None:
        rows = self._run(MANIFEST_QUERY, dataset=False).collect().rows
        self.virtuoso = self.server.startswith("Virtuoso/")
        self.whole_store = not self.spec.graphs and self.virtuoso
        graphs = sorted({row["graph"].value for row in rows if isinstance(row.get("graph"), ox.NamedNode)})
        versions = sorted({row["version"].value for row in rows if "version" in row})
        if self._graphs is None:
            if not graphs:
                raise InputError(f"{self.where} holds no kg manifest graph: publish the graph there with "
                                 "`kg publish --store URL`, or name its graphs with --graph / KG_GRAPHS")
            self._graphs = tuple(graphs)
        if versions and self._graphs == tuple(graphs):
            self._version = versions[0]

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run `sparql` with `bindings` bound; refuses SERVICE, updates and FROM (kg.sparql.safety)."""
        return self.execute(sparql, bindings).collect()

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of a SELECT query."""
        return self.query(sparql, bindings).rows

    def execute(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Solutions:
        """Send `sparql` with `bindings` bound and parse the whole answer."""
        check_query(sparql)
        check_portable(sparql)
        solutions = self._run(bound_query(sparql, bindings or {}))
        clause = order_clause(sparql, solutions.variables) if solutions.kind == "select" else None
        if clause is not None:
            solutions = solutions._replace(rows=iter(sorted_like_store(list(solutions.rows), solutions.variables, clause,
                                                                       PREFIXES)))
        return solutions

    def with_iris(self, sparql: str, iris: Mapping[str, Sequence[ox.NamedNode]]) -> str:
        """The query with each variable bound to a list of IRIs (kg.sparql.catalogue.select_for):
        FILTER(?v IN (...)) on Virtuoso, which loses rows of some VALUES blocks of several IRIs (the types
        of three actors, joined to a class path: one actor's); VALUES elsewhere. A single binding stays a
        VALUES block (bound_query): a FILTER loses resource_description's zero-length path there."""
        self.graphs  # reads the manifest, whose answer says which server this is
        return (with_iri_filter if self.virtuoso else with_values)(sparql, iris)

    def dataset_quads(self) -> list[ox.Quad]:
        """Every quad of kg's graphs on the server, graph by graph (paged where the server caps its answers)."""
        quads = []
        for graph in self.graphs:
            node = ox.NamedNode(graph)
            for row in self.query_all(f"SELECT ?s ?p ?o WHERE {{ GRAPH {node} {{ ?s ?p ?o }} }}").rows:
                quads.append(ox.Quad(row["s"], row["p"], row["o"], node))
        return quads

    def query_all(self, sparql: str) -> QueryResult:
        """The whole answer of a SELECT without ORDER BY or LIMIT, in pages of the server's row limit if it
        has one (Virtuoso's ResultSetMaxRows, 10,000 by default: the name index of a million quads reads
        100,000 names). kg's own queries only: no safety check."""
        try:
            return self._run(sparql).collect()
        except TruncatedError as cut:
            if cut.max_rows < 2:
                raise
            # one row fewer than the limit: Virtuoso flags a page of exactly its limit as cut
            size, rows, offset = cut.max_rows - 1, [], 0
            while True:  # Virtuoso pages past its limit only without ORDER BY, as here
                page = self._run(f"{sparql} LIMIT {size} OFFSET {offset}").collect()
                rows += page.rows
                if len(page.rows) < size:
                    return QueryResult("select", page.variables, rows)
                offset += size

    def _run(self, sparql: str, dataset: bool = True) -> Solutions:
        form = {"query": declared_prefixes(sparql) + sparql}
        if dataset and self.graphs and not self.whole_store:
            form["default-graph-uri"] = form["named-graph-uri"] = list(self.graphs)
        deadline = time.monotonic() + self.spec.timeout
        for response in send(self.client, "POST", self.spec.url, deadline, data=form,
                             headers={"Accept": GRAPH_ACCEPT if is_graph_query(sparql) else RESULTS_ACCEPT}):
            body = read_body(response, deadline, f"the answer of {self.where}")
            self.server = response.headers.get("server", "")
            if response.status_code != 200:
                raise refusal(response, body, self.where)
            check_whole(response.headers, self.where)
            return parse_answer(response.headers.get("content-type", ""), body, self.where)
        raise AssertionError("send() yields once or raises")


def bound_query(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with each binding as a one-row VALUES block at the start of its WHERE clause."""
    for name, term in bindings.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise InputError(f"?{name}: only IRIs and literals can be sent to an endpoint, not {term}")
    if not bindings:
        return sparql
    placed = with_values(sparql, {name: [term] for name, term in bindings.items()})
    if placed == sparql:
        raise InputError("cannot bind parameters into this query for an endpoint: it has no WHERE clause kg can "
                         "find (write the query without \\u escapes outside strings)")
    return placed


def is_graph_query(sparql: str) -> bool:
    """Whether the query is a CONSTRUCT or DESCRIBE (its first query-form keyword)."""
    for token in tokenize(sparql):
        if token.kind == "word" and token.text.upper() in _QUERY_FORMS:
            return token.text.upper() in ("CONSTRUCT", "DESCRIBE")
    return False


def declared_prefixes(sparql: str) -> str:
    """PREFIX lines for kg's prefixes that the query uses without declaring (kg's engines know them)."""
    declared = {match.group(1) or "" for match in _PREFIX_DECLARED.finditer(sparql)}
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items()
                   if name not in declared and f"{name}:" in sparql)


class TruncatedError(LimitError):
    """The server cut the answer at its own row limit, `max_rows`."""

    def __init__(self, message: str, max_rows: int):
        super().__init__(message)
        self.max_rows = max_rows


def check_whole(headers, where: str) -> None:
    """LimitError when the server says it cut the answer (Virtuoso: X-SPARQL-MaxRows; S1TAT, its timeout)."""
    if "x-sparql-maxrows" in headers:
        text = headers["x-sparql-maxrows"].strip()
        raise TruncatedError(f"{where} cut the answer at its row limit (X-SPARQL-MaxRows: {text[:20]}); nothing "
                             "shown rather than a truncated answer: add LIMIT, or raise the server's limit",
                             int(text) if text.isdigit() else 0)
    if headers.get("x-sql-state", "").upper() == "S1TAT" or "x-sparql-partial" in headers:
        raise LimitError(f"{where} stopped the query at its own time limit and sent a partial answer; nothing shown")


def parse_answer(content_type: str, body: bytes, where: str) -> Solutions:
    """A server's answer as Solutions, literals canonical as the store writes them."""
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in _RESULT_FORMATS:
            result = _parse_results(body, _RESULT_FORMATS[media])
            if isinstance(result, bool):
                return Solutions("ask", [], boolean=result)
            variables, solutions = result
            rows = [{name: _canonical(term) for name, term in zip(variables, solution) if term is not None}
                    for solution in solutions]
            return Solutions("select", variables, rows=iter(rows))
        if media in _GRAPH_FORMATS:
            triples = [ox.Triple(_canonical(q.subject), q.predicate, _canonical(q.object))
                       for q in ox.parse(body, format=_GRAPH_FORMATS[media])]
            return Solutions("graph", [], triples=iter(triples))
    except (SyntaxError, ValueError) as exc:
        raise InputError(f"{where} sent an answer that is cut off or malformed ({media}: {exc}); "
                         "a server-side timeout can do this") from None
    raise InputError(f"{where} answered in {media or 'no declared format'}, which kg does not read")


def _parse_results(body: bytes, fmt: ox.QueryResultsFormat):
    """An ASK's boolean, or a SELECT's variable names and solutions (read whole: the parser is lazy)."""
    try:
        return _read_results(body, fmt)
    except SyntaxError as exc:
        if fmt != ox.QueryResultsFormat.JSON or "bnode" not in str(exc):
            raise
    document = json.loads(body)
    for binding in document.get("results", {}).get("bindings", []):
        for value in binding.values():
            if value.get("type") == "bnode":
                value["value"] = blank_label(value["value"])
    return _read_results(json.dumps(document).encode(), fmt)


def blank_label(server_label: str) -> str:
    """A blank node label for the server's own: Virtuoso writes "nodeID://b10001", which is not one.

    The same for the same node in every answer, and different for different nodes: kg joins the answers of
    several queries (`dataset_quads` reads graph by graph), where numbering each answer's blank nodes from
    b0 merged the derivations of different graphs into one node."""
    local = server_label.removeprefix("nodeID://")
    if local != server_label and re.fullmatch(r"[A-Za-z0-9_]+", local):
        return "v" + local
    return "h" + server_label.encode().hex()


def _read_results(body: bytes, fmt: ox.QueryResultsFormat):
    result = ox.parse_query_results(body, format=fmt)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return [v.value for v in result.variables], list(result)


def _canonical(term):
    return like_store(term) if isinstance(term, ox.Literal) else term
