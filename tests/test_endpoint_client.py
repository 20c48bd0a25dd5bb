"""The endpoint engine and kg publish without a server: httpx's MockTransport plays the server, so that
retries, authentication, truncation markers, Virtuoso's answer forms and the refusals are checked exactly."""

import json
import re

import httpx
import pyoxigraph as ox
import pytest

from conftest import invoke
from kg.errors import InputError, LimitError
from kg.sparql.endpoint_engine import (
    EndpointEngine,
    EndpointSpec,
    bound_query,
    declared_prefixes,
    is_graph_query,
    parse_answer,
)
from kg.sparql.endpoint_spec import checked_url
from kg.sparql.http import ChallengeAuth, retry_after
from kg.sparql.ordering import order_clause, sorted_like_store

URL = "http://127.0.0.1:9/sparql"
GRAPHS = ("http://example.org/g1", "http://example.org/g2")
XSD = "http://www.w3.org/2001/XMLSchema#"


def results(rows, variables=("x",), headers=None, status=200):
    body = {"head": {"vars": list(variables)}, "results": {"bindings": rows}}
    return httpx.Response(status, json=body, headers={"Content-Type": "application/sparql-results+json",
                                                      **(headers or {})})


def engine_answering(handler, graphs=GRAPHS, timeout=5.0):
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return EndpointEngine(EndpointSpec(URL, graphs, timeout), client=client)


def test_the_query_is_a_form_post_with_kgs_graphs_prefixes_and_bound_values():
    seen = []

    def handler(request):
        seen.append(request)
        return results([])

    engine = engine_answering(handler)
    engine.select("SELECT ?actor WHERE { ?actor kgo:endorses ?x }", {"x": ox.NamedNode("https://w3id.org/argentina2023/id/javier-milei")})
    (request,) = seen
    assert request.method == "POST" and request.headers["content-type"] == "application/x-www-form-urlencoded"
    form = httpx.QueryParams(request.content.decode())
    assert form.get_list("default-graph-uri") == list(GRAPHS) == form.get_list("named-graph-uri")
    query = form["query"]
    assert query.startswith("PREFIX kgo: <https://w3id.org/argentina2023/ontology#>\n")
    assert "VALUES ?x { <https://w3id.org/argentina2023/id/javier-milei> }" in query
    assert request.headers["accept"].startswith("application/sparql-results+json")


def test_a_hostile_literal_is_bound_as_one_escaped_term():
    hostile = ox.Literal('x" } ; DROP ALL ; SELECT * { "', language="es")
    text = bound_query("SELECT ?name WHERE { ?a rdfs:label ?name }", {"name": hostile})
    assert 'VALUES ?name { "x\\" } ; DROP ALL ; SELECT * { \\""@es }' in text
    parsed = ox.Store().query(declared_prefixes(text) + text)
    assert [solution["name"] for solution in parsed] == []  # it parses: the literal did not break out


def test_a_blank_node_cannot_be_sent():
    with pytest.raises(InputError, match="only IRIs and literals"):
        bound_query("SELECT ?a WHERE { ?a ?p ?o }", {"a": ox.BlankNode("b0")})


def test_construct_asks_for_rdf_and_select_for_results():
    assert is_graph_query("# CONSTRUCT in a comment\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert not is_graph_query('SELECT ("CONSTRUCT" AS ?x) WHERE {}')


def test_virtuoso_typed_literals_and_blank_node_labels_are_normalised():
    body = json.dumps({"head": {"vars": ["n", "b"]}, "results": {"bindings": [{
        "n": {"type": "typed-literal", "datatype": XSD + "integer", "value": "01"},
        "b": {"type": "bnode", "value": "nodeID://b10001"}}]}}).encode()
    (row,) = list(parse_answer("application/sparql-results+json; charset=UTF-8", body, "it").rows)
    assert row["n"] == ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))
    assert isinstance(row["b"], ox.BlankNode)


def test_a_virtuoso_blank_node_keeps_its_label_across_answers():
    """dataset_quads joins one answer per graph: b10001 in two answers is one node, b10002 another."""
    def answer(*labels):
        body = json.dumps({"head": {"vars": ["b"]}, "results": {"bindings": [
            {"b": {"type": "bnode", "value": f"nodeID://{label}"}} for label in labels]}}).encode()
        return [row["b"] for row in parse_answer("application/sparql-results+json", body, "it").rows]

    first, second = answer("b10001"), answer("b10002", "b10001")
    assert second[1] == first[0]
    assert second[0] != first[0]


def test_the_name_index_reads_every_name_in_pages_of_the_servers_row_limit():
    """As Virtuoso does at its ResultSetMaxRows (3 here): the first rows with X-SPARQL-MaxRows, also for a
    page of exactly that many rows."""
    from kg.names.stored import _tsv

    names = [{"x": {"type": "literal", "value": f"name {i}"}} for i in range(5)]

    def handler(request):
        page = re.search(r"LIMIT\+(\d+)\+OFFSET\+(\d+)", request.content.decode())
        size, offset = (int(page.group(1)), int(page.group(2))) if page else (len(names), 0)
        rows = names[offset:offset + size]
        return results(rows[:3], headers={"X-SPARQL-MaxRows": "3"} if len(rows) >= 3 else {})

    engine = engine_answering(handler)
    assert [row["x"].value for row in engine.query_all("SELECT ?x WHERE { ?a rdfs:label ?x }").rows] == \
        [f"name {i}" for i in range(5)]
    assert _tsv(engine, "SELECT ?x WHERE { ?a rdfs:label ?x }") == [[f'"name {i}"'] for i in range(5)]


def test_a_body_cut_short_is_an_error_not_fewer_rows():
    whole = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "a"}}]}})
    with pytest.raises(InputError, match="cut off or malformed"):
        parse_answer("application/sparql-results+json", whole[:-9].encode(), "the endpoint X")


@pytest.mark.parametrize("headers, message", [
    ({"X-SPARQL-MaxRows": "10000"}, "cut the answer at its row limit (X-SPARQL-MaxRows: 10000)"),
    ({"X-SQL-State": "S1TAT"}, "stopped the query at its own time limit and sent a partial answer"),
])
def test_a_server_that_says_it_cut_the_answer_gives_a_limit_error(headers, message):
    engine = engine_answering(lambda request: results([{"x": {"type": "literal", "value": "a"}}], headers=headers))
    with pytest.raises(LimitError, match=message.replace("(", r"\(").replace(")", r"\)")):
        engine.select("SELECT ?x WHERE { ?x ?p ?o }")


def test_503_is_retried_after_retry_after_then_answered():
    answers = iter([httpx.Response(503, headers={"Retry-After": "0"}),
                    httpx.Response(429, headers={"Retry-After": "0"}),
                    results([{"x": {"type": "literal", "value": "late"}}])])
    engine = engine_answering(lambda request: next(answers))
    assert engine.select("SELECT ?x WHERE { ?x ?p ?o }") == [{"x": ox.Literal("late")}]


def test_503_past_the_retries_is_an_error_with_the_servers_words():
    engine = engine_answering(lambda request: httpx.Response(503, text="Service busy", headers={"Retry-After": "0"}))
    with pytest.raises(InputError, match="answered HTTP 503: Service busy"):
        engine.select("SELECT ?x WHERE { ?x ?p ?o }")


def test_retry_after_takes_seconds_or_an_http_date():
    assert retry_after("3", 1.0) == 3.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0  # in the past
    assert retry_after("soon", 1.5) == 1.5 and retry_after(None, 0.5) == 0.5


@pytest.mark.parametrize("challenge, scheme", [('Digest realm="SPARQL", nonce="abc", qop="auth", algorithm="MD5"', "Digest"),
                                               ('Basic realm="kg"', "Basic")])
def test_the_servers_challenge_chooses_digest_or_basic(challenge, scheme):
    sent = []

    def handler(request):
        sent.append(request.headers.get("authorization", ""))
        if not sent[-1]:
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        return httpx.Response(204)

    with httpx.Client(transport=httpx.MockTransport(handler), auth=ChallengeAuth("dba", "s3cret")) as client:
        assert client.put("http://127.0.0.1:9/store", content=b"").status_code == 204
    assert sent[-1].startswith(scheme + " ")
    assert "s3cret" not in sent[-1]


def test_a_refused_password_names_the_variables_but_not_the_password(monkeypatch):
    monkeypatch.setenv("KG_ENDPOINT_USER", "dba")
    monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
    engine = engine_answering(lambda request: httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="x"'}))
    with pytest.raises(InputError) as raised:
        engine.select("SELECT ?x WHERE { ?x ?p ?o }")
    assert "refused the request (HTTP 401): check the user and password" in str(raised.value)
    assert "s3cret" not in str(raised.value)


def test_a_url_with_credentials_is_refused():
    with pytest.raises(InputError, match="the URL holds credentials: give them in KG_ENDPOINT_USER"):
        checked_url("http://dba:s3cret@127.0.0.1:8890/sparql")
    result = invoke(["who-endorsed", "Milei", "--endpoint", "http://dba:s3cret@127.0.0.1:8890/sparql"], expect=2)
    assert "s3cret" not in result.output


@pytest.mark.parametrize("args, env, message", [
    (["--engine", "endpoint"], {"KG_ENDPOINT": ""}, "--engine endpoint needs --endpoint URL or KG_ENDPOINT"),
    (["--engine", "rdflib", "--endpoint", URL], {}, "--engine rdflib and --endpoint contradict each other"),
    (["--endpoint", "ftp://example.org/sparql"], {}, "not an http(s) URL: 'ftp://example.org/sparql'"),
    (["--endpoint", URL, "--graph", "not an iri"], {}, "--graph 'not an iri' is not an IRI"),
    ([], {"KG_ENDPOINT": URL, "KG_ENDPOINT_TIMEOUT": "-1"}, "KG_ENDPOINT_TIMEOUT must be a positive number"),
])
def test_contradictory_or_malformed_engine_options_are_usage_errors(args, env, message):
    result = invoke(["who-endorsed", "Milei", *args], expect=2, env=env)
    assert message in result.output


def test_an_explicit_store_engine_wins_over_kg_endpoint():
    down = "http://127.0.0.1:9/query"
    expected = invoke(["who-endorsed", "Milei"]).output
    assert invoke(["who-endorsed", "Milei", "--engine", "store"], env={"KG_ENDPOINT": down}).output == expected
    invoke(["who-endorsed", "Milei"], env={"KG_ENDPOINT": down}, expect=2)


def test_rows_are_sorted_again_as_the_store_sorts_them():
    en, es = ox.Literal("military dictatorship", language="en"), ox.Literal("dictadura", language="es")
    actor = ox.NamedNode("https://w3id.org/argentina2023/id/argentine-military-junta")
    rows = [{"actor": actor, "name": en}, {"actor": actor, "name": es}]  # Virtuoso's order
    clause = order_clause("SELECT ?actor ?name WHERE { ?actor rdfs:label ?name } ORDER BY ?actor ?name", ["actor", "name"])
    assert clause == "?actor ?name"
    assert [row["name"] for row in sorted_like_store(rows, ["actor", "name"], clause, {})] == [es, en]


@pytest.mark.parametrize("query", [
    "SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 5",  # the server chose the rows by its own order
    "SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?o",  # ?o is not projected
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a } }",  # not at the top level
])
def test_rows_are_left_in_the_servers_order_when_sorting_again_would_change_the_answer(query):
    assert order_clause(query, ["a"]) is None


def test_publish_puts_each_graph_then_the_manifest_and_deletes_stale_graphs():
    from kg.store import publish

    calls = []
    old_manifest = (f"<{publish.MANIFEST_GRAPH}> <http://purl.org/dc/terms/hasPart> <file:///old.ttl> .\n").encode()

    def handler(request):
        calls.append((request.method, request.url.params["graph"]))
        if request.method == "GET":
            return httpx.Response(200, content=old_manifest, headers={"Content-Type": "application/n-triples"})
        return httpx.Response(201 if request.method == "PUT" else 204)

    uploads = [publish.GraphUpload("http://example.org/g1", b"<http://a> <http://b> <http://c> .\n", 1)]
    transport = httpx.MockTransport(handler)
    original = publish.new_client
    publish.new_client = lambda: httpx.Client(transport=transport)
    try:
        deleted = publish.publish("http://127.0.0.1:9/store", uploads)
    finally:
        publish.new_client = original
    assert calls == [("GET", publish.MANIFEST_GRAPH), ("PUT", "http://example.org/g1"),
                     ("PUT", publish.MANIFEST_GRAPH), ("DELETE", "file:///old.ttl")]
    assert deleted == ["file:///old.ttl"]


def test_publish_sends_a_graph_again_after_a_deadlock_and_stops_at_other_errors(monkeypatch):
    from kg.store import publish

    answers = {"http://example.org/deadlocked": [500, 201], "http://example.org/broken": [500]}
    calls = []

    def handler(request):
        graph = request.url.params["graph"]
        calls.append((request.method, graph))
        if request.method == "GET":
            return httpx.Response(404)
        status = answers.get(graph, [201]).pop(0)
        body = b"<h3>Error 40001</h3> <xmp>SR172" if graph == "http://example.org/deadlocked" else b"out of disk"
        return httpx.Response(status, content=body if status == 500 else b"")

    transport = httpx.MockTransport(handler)
    monkeypatch.setattr(publish, "new_client", lambda: httpx.Client(transport=transport))
    monkeypatch.setattr(publish, "DEADLOCK_BACKOFF", 0.01)
    deadlocked = publish.GraphUpload("http://example.org/deadlocked", b"<http://a> <http://b> <http://c> .\n", 1)
    assert publish.publish("http://127.0.0.1:9/store", [deadlocked]) == []
    assert calls[1:] == [("PUT", "http://example.org/deadlocked")] * 2 + [("PUT", publish.MANIFEST_GRAPH)]
    broken = publish.GraphUpload("http://example.org/broken", b"<http://a> <http://b> <http://c> .\n", 1)
    with pytest.raises(InputError, match="HTTP 500: out of disk .while sending <http://example.org/broken>."):
        publish.publish("http://127.0.0.1:9/store", [broken])


def test_the_manifest_version_depends_on_the_content_only():
    from kg.store.publish import GraphUpload, manifest

    def version(body):
        text = manifest([GraphUpload("http://example.org/g", body, 1)]).body.decode()
        return next(line for line in text.splitlines() if "versionInfo" in line)

    assert version(b"<http://a> <http://b> <http://c> .\n") == version(b"<http://a> <http://b> <http://c> .\n")
    assert version(b"<http://a> <http://b> <http://c> .\n") != version(b"<http://a> <http://b> <http://d> .\n")
