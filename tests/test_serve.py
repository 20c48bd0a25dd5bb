"""`kg serve` against real clients: SPARQLWrapper, rdflib's SPARQLStore and httpx, on a loopback port.

One server for the module (started and stopped by the fixture), with a short deadline and a row limit so
that the tests can reach both.
"""

import contextlib
import json
import socket
import threading

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from conftest import invoke
from servers import HOST, kg_server, listening_addresses

pytestmark = pytest.mark.servers

TIMEOUT = 2  # the server's --timeout, seconds
MAX_ROWS = 1000  # the server's --max-rows
KG = "https://w3id.org/argentina2023/id/"
MILEI = KG + "javier-milei"
ENDORSERS = """PREFIX kgo: <https://w3id.org/argentina2023/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?endorser ?label WHERE {
  ?endorser kgo:endorses <https://w3id.org/argentina2023/id/javier-milei> ; rdfs:label ?label FILTER(LANG(?label) = "en")
} ORDER BY ?endorser"""
BULLRICH_DATE = """PREFIX kgo: <https://w3id.org/argentina2023/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?statement ?date ?context WHERE {
  ?statement rdf:subject <https://w3id.org/argentina2023/id/patricia-bullrich> ; rdf:predicate kgo:endorses ;
             kgo:date ?date ; kgo:context ?context
}"""
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with kg_server(tmp_path_factory.mktemp("serve"), "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS),
                   "--workers", "2") as running:
        yield running


def get(server, query, **kwargs):
    return httpx.get(server.query_url, params={"query": query}, timeout=30, **kwargs)


def post(server, query, **kwargs):
    return httpx.post(server.query_url, data={"query": query}, timeout=30, **kwargs)


@contextlib.contextmanager
def loopback_listener():
    """A listening socket on a free loopback port; `contacted(sock)` says whether anything connected."""
    sock = socket.socket()
    sock.bind((HOST, 0))
    sock.listen(8)
    sock.setblocking(False)
    try:
        yield sock
    finally:
        sock.close()


def contacted(sock) -> bool:
    """True when a connection reached the listener (the kernel completes it even before accept())."""
    try:
        sock.accept()[0].close()
        return True
    except BlockingIOError:
        return False


def kg_query_bindings(query):
    return json.loads(invoke(["query", "-e", query, "--format", "json"]).output)["results"]["bindings"]


def test_sparqlwrapper_gets_the_rows_kg_query_gives(server):
    expected = kg_query_bindings(ENDORSERS)
    assert {"endorser": {"type": "uri", "value": KG + "mauricio-macri"},
            "label": {"type": "literal", "value": "Mauricio Macri", "xml:lang": "en"}} in expected
    for method in ("GET", POST):
        client = SPARQLWrapper(server.query_url)
        client.setQuery(ENDORSERS)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        assert client.queryAndConvert()["results"]["bindings"] == expected


def test_sparqlstore_gets_the_rows_kg_query_gives(server):
    expected = [(b["endorser"]["value"], b["label"]["value"]) for b in kg_query_bindings(ENDORSERS)]
    graph = Graph(store=SPARQLStore(server.query_url))  # asks for SPARQL XML results
    rows = [(str(row.endorser), str(row.label)) for row in graph.query(ENDORSERS)]
    assert rows == expected
    assert (KG + "patricia-bullrich", "Patricia Bullrich") in rows
    dated = list(graph.query(BULLRICH_DATE))
    assert [(row.date, row.context.language) for row in dated] == [(Literal("2023-10-26", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date")), "en")]


@pytest.mark.parametrize("requested", [{"format": "json"}, {"format": "xml"}, {"format": "csv"}, {"format": "tsv"},
                                       {"accept": "application/sparql-results+xml"}, {"accept": "text/csv"},
                                       {"accept": "text/tab-separated-values"}, {}])
def test_every_select_format_parses_back_to_the_same_rows(server, requested):
    fmt = requested.get("format")
    headers = {"Accept": requested["accept"]} if "accept" in requested else {}
    response = httpx.get(server.query_url, params={"query": BULLRICH_DATE, **({"format": fmt} if fmt else {})},
                         headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    media = response.headers["content-type"].split(";")[0]
    parser = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
              "application/sparql-results+xml": ox.QueryResultsFormat.XML,
              "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}[media]
    context = "After finishing third in the first round, Bullrich backed Milei and joined his coalition for the runoff."
    if parser == ox.QueryResultsFormat.CSV:  # plain values, CRLF line ends (pyoxigraph does not parse CSV)
        assert response.text == ("statement,date,context\r\n"
                                 f'{KG}statement/endorsement-bullrich-milei,2023-10-26,"{context}"\r\n')
    else:
        solutions = ox.parse_query_results(response.content, format=parser)
        rows = [{v.value: s[v] for v in solutions.variables if s[v] is not None} for s in solutions]
        assert [v.value for v in solutions.variables] == ["statement", "date", "context"]
        assert rows == [{"statement": ox.NamedNode(KG + "statement/endorsement-bullrich-milei"),
                         "date": ox.Literal("2023-10-26", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
                         "context": ox.Literal(context, language="en")}]


@pytest.mark.parametrize("media, parser", [("text/turtle", ox.RdfFormat.TURTLE),
                                           ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                           ("application/ld+json", ox.RdfFormat.JSON_LD),
                                           ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_construct_in_every_graph_format(server, media, parser):
    query = f"CONSTRUCT {{ <{MILEI}> ?p ?o }} WHERE {{ <{MILEI}> ?p ?o FILTER(?p = rdfs:label) }}"
    response = post(server, query, headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=parser)}
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    assert triples == {(ox.NamedNode(MILEI), label, ox.Literal("Javier Milei", language="en")),
                       (ox.NamedNode(MILEI), label, ox.Literal("Javier Milei", language="es"))}


def test_ask_and_a_sparql_query_body(server):
    response = httpx.post(server.query_url, content=f"ASK {{ <{KG}mauricio-macri> kgo:endorses <{MILEI}> }}",
                          headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert (response.status_code, response.json()) == (200, {"head": {}, "boolean": True})
    response = get(server, "ASK { kg:javier-milei kgo:endorses kg:javier-milei }", headers={"Accept": "application/xml"})
    assert response.status_code == 200
    assert "<boolean>false</boolean>" in response.text


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }",
])
def test_remote_queries_are_refused_without_contacting_the_network(server, query):
    with loopback_listener() as listener:
        response = post(server, query.replace("{port}", str(listener.getsockname()[1])))
        assert response.status_code == 400
        assert response.text.startswith(("Error: SERVICE is refused", "Error: FROM / FROM NAMED is refused"))
        assert not contacted(listener)


def test_updates_are_refused(server):
    with loopback_listener() as listener:
        load = f"LOAD <http://127.0.0.1:{listener.getsockname()[1]}/data.ttl>"
        responses = [httpx.post(server.query_url, data={"update": load}, timeout=30),
                     httpx.post(server.query_url, content=load, timeout=30,
                                headers={"Content-Type": "application/sparql-update"}),
                     post(server, "INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }"),
                     post(server, load)]
        assert not contacted(listener)
    assert [r.status_code for r in responses] == [400, 400, 400, 400]
    assert [r.text for r in responses[:2]] == ["Error: updates are refused: this endpoint is read-only\n"] * 2
    assert responses[2].text.startswith("Error: INSERT is refused (line 1, column 1)")
    assert responses[3].text.startswith("Error: LOAD is refused (line 1, column 1)")
    assert get(server, "ASK { <http://a/b> ?p ?o }").json()["boolean"] is False


def test_dataset_parameters_are_refused_with_the_reason(server):
    response = httpx.get(server.query_url, params={"query": "ASK {}", "default-graph-uri": KG + "graph/people"},
                         timeout=30)
    assert response.status_code == 400
    assert response.text.startswith("Error: default-graph-uri is refused: the default graph is always the union")


def test_a_query_past_the_deadline_is_stopped_while_others_are_answered(server):
    slow = {}
    thread = threading.Thread(target=lambda: slow.update(response=post(server, CROSS_JOIN)))
    thread.start()
    answered = []
    while thread.is_alive() and len(answered) < 5:
        answered.append(get(server, ENDORSERS))
    running_meanwhile = thread.is_alive()
    thread.join(30)
    assert running_meanwhile
    assert all(r.status_code == 200 and len(r.json()["results"]["bindings"]) == 4 for r in answered)
    assert slow["response"].status_code == 503
    assert slow["response"].text == f"Error: stopped at the {TIMEOUT} s deadline; raise --timeout, or narrow the query\n"
    assert get(server, ENDORSERS).status_code == 200


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_results_over_max_rows_are_refused_not_cut(server, fmt):
    response = httpx.get(server.query_url, params={"query": "SELECT * WHERE { ?s ?p ?o }", "format": fmt}, timeout=30)
    assert response.status_code == 400
    assert response.text.startswith(f"Error: more than {MAX_ROWS} rows: stopped, nothing shown")
    exact = get(server, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}")
    assert len(exact.json()["results"]["bindings"]) == MAX_ROWS


def test_malformed_queries_and_formats(server):
    response = get(server, "SELECT ?x WHERE { ?x")
    assert response.status_code == 400 and response.text.startswith("Error: malformed SPARQL")
    client = SPARQLWrapper(server.query_url)
    client.setQuery("SELECT ?x WHERE { ?x")
    with pytest.raises(QueryBadFormed):
        client.query()
    assert get(server, "ASK {}", headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(server.query_url, params={"query": "ASK {}", "format": "pdf"}, timeout=30).status_code == 406


def test_request_bodies_and_queries_are_capped(server):
    long_query = "ASK {} #" + "x" * 60_000
    assert post(server, long_query).status_code == 413
    huge = httpx.post(server.query_url, content=b"q" * 300_000, headers={"Content-Type": "application/sparql-query"},
                      timeout=30)
    assert huge.status_code == 413
    assert huge.text == "Error: the request body is over 262144 bytes\n"


def test_service_description(server):
    response = httpx.get(server.query_url, headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = {(q.predicate.value, q.object.value) for q in ox.parse(response.content, format=ox.RdfFormat.TURTLE)}
    assert (sd + "endpoint", server.query_url) in triples
    assert (sd + "feature", sd + "UnionDefaultGraph") in triples
    assert (sd + "name", "https://w3id.org/argentina2023/graph/endorsements") in triples
    assert (sd + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_XML") in triples


def test_security_headers_no_cors_and_loopback_only(server):
    response = get(server, "ASK {}", headers={"Origin": "http://evil.example"})
    assert response.headers["content-security-policy"].startswith("default-src 'none';")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers
    assert listening_addresses(server.pid) == {(HOST, server.port)}


@pytest.mark.parametrize("path, page", [("javier-milei", "/actor/javier-milei"),
                                        ("statement/claim-milei-fraud", "/statement/claim-milei-fraud"),
                                        ("source/op-ed", "/source/op-ed")])
def test_linked_data_iris_send_browsers_to_the_html_page(server, path, page):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = httpx.get(f"{server.base_url}/id/{path}", headers={"Accept": browser}, timeout=30)
    assert (response.status_code, response.headers["location"]) == (303, page)


def test_linked_data_iris_give_rdf_clients_the_triples_and_their_provenance(server):
    response = httpx.get(f"{server.base_url}/id/javier-milei", headers={"Accept": "text/turtle"}, timeout=30)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    rdfs_label, quote = URIRef("http://www.w3.org/2000/01/rdf-schema#label"), URIRef(
        "https://w3id.org/argentina2023/ontology#quote")
    assert (URIRef(MILEI), rdfs_label, Literal("Javier Milei", lang="en")) in graph
    macri = URIRef(KG + "statement/endorsement-macri-milei")
    quotes = {str(q) for d in graph.objects(macri, URIRef("http://www.w3.org/ns/prov#qualifiedDerivation"))
              for q in graph.objects(d, quote)}
    assert quotes == {"Former President Mauricio Macri also endorsed Milei, despite a history of strife between the leaders."}
    claim = httpx.get(f"{server.base_url}/id/statement/claim-milei-fraud", headers={"Accept": "application/ld+json"},
                      timeout=30)
    claims = {(q.predicate.value, q.object.value) for q in ox.parse(claim.content, format=ox.RdfFormat.JSON_LD)}
    assert ("https://w3id.org/argentina2023/ontology#claimText",
            "There was widespread electoral fraud against Milei in the first round.") in claims


def test_unknown_linked_data_iris_are_404(server):
    for path in ("nobody-at-all", "statement/none", "a%20b"):
        response = httpx.get(f"{server.base_url}/id/{path}", headers={"Accept": "text/turtle"}, timeout=30)
        assert response.status_code == 404
        assert response.text.startswith("Error: no resource <https://w3id.org/argentina2023/id/")
