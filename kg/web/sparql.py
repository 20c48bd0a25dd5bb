"""The SPARQL 1.1 Protocol endpoint at /sparql: read-only, offline, with a deadline and a row limit.

Queries come by GET `?query=`, by POST `application/x-www-form-urlencoded` or by POST
`application/sparql-query`. Every query goes through the app's QueryRouter (kg.sparql.routing): a query not
known to be cheap runs in the QueryPool (kg.sparql.limits), worker processes that are killed at the
deadline, so a runaway query costs one worker, never the server. Refusals are
HTTP 400 with a one-line text body; a query past its deadline gets 503, a result over the row limit 400;
no partial result is ever sent with 200.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kg.errors import InputError, KgError
from kg.rdf.namespaces import shorten
from kg.sparql.results import QueryResult, graph_text, results_csv, results_json, results_tsv, results_xml
from kg.sparql.safety import check_query
from kg.web.formats import GRAPH_FORMATS, RESULT_FORMATS, Format, NotAcceptable, negotiate
from kg.web.render import status_of

MAX_BODY_BYTES = 256 * 1024  # a form-encoded POST may triple a query's size
MAX_QUERY_CHARS = 50_000
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
               "rdfxml": "RDF_XML"}
NAMED_GRAPHS = "SELECT DISTINCT ?graph WHERE { GRAPH ?graph { } } ORDER BY ?graph"


class BodyTooLarge(InputError):
    """A request body or query over the caps (HTTP 413)."""

    http_status = 413


def error_response(error: Exception | str, status: int) -> Response:
    """A one-line plain-text error body, as every refusal and failure of the server gets."""
    return Response(f"Error: {error}\n", status_code=status, media_type="text/plain; charset=utf-8")


async def read_body(request: Request) -> bytes:
    """The request body, refused (BodyTooLarge) as soon as it passes MAX_BODY_BYTES."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyTooLarge(f"the request body is over {MAX_BODY_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BodyTooLarge(f"the request body is over {MAX_BODY_BYTES} bytes")
    return bytes(body)


async def protocol_params(request: Request) -> list[tuple[str, str]]:
    """The protocol parameters of the request: its URL's, and a POST's form or `application/sparql-query` body."""
    params = list(request.query_params.multi_items())
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the request body is not UTF-8") from None
    if media == FORM:
        return params + parse_qsl(text, keep_blank_values=True)
    if media == SPARQL_QUERY:
        return params + [("query", text)]
    if media == SPARQL_UPDATE:
        return params + [("update", text)]
    raise InputError(f"a POST must be {FORM} or {SPARQL_QUERY}, not {shorten(media) or 'without a type'!r}")


def query_of(params: list[tuple[str, str]]) -> str | None:
    """The one query of the request; refuses updates, several queries, dataset parameters and long text."""
    names = {name for name, _ in params}
    if "update" in names:
        raise InputError("updates are refused: this endpoint is read-only")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in names:
            raise InputError(f"{name} is refused: the default graph is always the union of all named graphs; "
                             "restrict a pattern to one of them with GRAPH <name> { ... }")
    queries = [value for name, value in params if name == "query"]
    if len(queries) > 1:
        raise InputError("give one query parameter, not several")
    if queries and len(queries[0]) > MAX_QUERY_CHARS:
        raise BodyTooLarge(f"the query is over {MAX_QUERY_CHARS} characters")
    return queries[0] if queries else None


def requested_format(params: list[tuple[str, str]]) -> str | None:
    """The `format` (or `output`) parameter's value, if any."""
    for wanted in ("format", "output"):
        for name, value in params:
            if name == wanted and value:
                return value
    return None


def render_result(result: QueryResult, fmt: Format) -> str:
    """The result serialised in `fmt`, chosen among RESULT_FORMATS or GRAPH_FORMATS by its kind."""
    if result.kind == "graph":
        return graph_text(result.triples, fmt.name)
    if fmt.name == "json":
        return json.dumps(results_json(result), ensure_ascii=False)
    if fmt.name == "xml":
        return results_xml(result)
    if result.kind == "ask":
        raise NotAcceptable(f"an ASK result has no {fmt.name.upper()} form; ask for JSON or XML")
    return results_csv(result) if fmt.name == "csv" else results_tsv(result)


async def run_query(request: Request, sparql: str, bindings=None) -> QueryResult:
    """`sparql` run by the app's QueryRouter (in process when known to be cheap, else in a worker) within the
    configured limits (raises LimitError, InputError)."""
    state = request.app.state
    return await run_in_threadpool(state.router.run, sparql, bindings, state.limits)


async def sparql_endpoint(request: Request) -> Response:
    """GET or POST /sparql: answer a query, or describe the service when there is none."""
    try:
        params = await protocol_params(request)
        sparql = query_of(params)
        if sparql is None:
            if request.method == "POST":
                raise InputError("no query: give it as the query parameter or an application/sparql-query body")
            return await service_description(request, params)
        check_query(sparql)
        result = await run_query(request, sparql)
        offered = GRAPH_FORMATS if result.kind == "graph" else RESULT_FORMATS
        fmt = negotiate(offered, request.headers.get("accept"), requested_format(params))
        return Response(render_result(result, fmt), media_type=fmt.media_type, headers={"Vary": "Accept"})
    except KgError as error:
        return error_response(error, status_of(error))


async def service_description(request: Request, params) -> Response:
    """The SPARQL 1.1 Service Description of the endpoint, in a negotiated RDF format (Turtle by default)."""
    fmt = negotiate(GRAPH_FORMATS, request.headers.get("accept"), requested_format(params))
    graphs = await run_query(request, NAMED_GRAPHS)
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    endpoint = ox.NamedNode(str(request.url.replace(query="")))

    def sd(name):
        return ox.NamedNode(SD + name)

    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    triples = [ox.Triple(service, rdf_type, sd("Service")), ox.Triple(service, sd("endpoint"), endpoint),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(service, sd("defaultDataset"), dataset), ox.Triple(dataset, rdf_type, sd("Dataset")),
               ox.Triple(dataset, sd("defaultGraph"), default), ox.Triple(default, rdf_type, sd("Graph"))]
    triples += [ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + iri)) for iri in FORMAT_IRIS.values()]
    for index, row in enumerate(graphs.rows):
        named = ox.BlankNode(f"graph{index}")
        triples += [ox.Triple(dataset, sd("namedGraph"), named), ox.Triple(named, sd("name"), row["graph"])]
    return Response(graph_text(triples, fmt.name), media_type=fmt.media_type, headers={"Vary": "Accept"})
