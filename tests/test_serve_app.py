"""The app of `kg serve` in process (Starlette's TestClient): CORS, internal errors, negotiation, the
command's own errors. tests/test_serve.py runs it as a real server against real clients."""

import socket

import pytest
from starlette.testclient import TestClient

from conftest import invoke
from kg.errors import InputError, KgError, LimitError, NotFoundError, RowLimitError
from kg.names.resolve import AmbiguousNameError
from kg.sparql.endpoint_engine import TruncatedError
from kg.sparql.oxigraph_engine import StoreEngine
from kg.web.app import ServeConfig, create_app
from kg.web.formats import GRAPH_FORMATS, HTML, RESULT_FORMATS, NotAcceptable, negotiate
from kg.web.render import status_of
from kg.web.sparql import BodyTooLarge


class BrokenEngine(StoreEngine):
    """An engine with a bug: every query crashes."""

    def execute(self, sparql, bindings=None):
        raise RuntimeError("boom <script>")


def broken_engine():
    import pyoxigraph as ox

    return BrokenEngine(ox.Store())


def test_cors_only_when_asked_and_without_credentials():
    with TestClient(create_app(ServeConfig(cors=True, workers=1))) as client:
        response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://notebook.example"})
        assert response.status_code == 200 and response.json() == {"head": {}, "boolean": True}
        assert response.headers["access-control-allow-origin"] == "*"
        assert "access-control-allow-credentials" not in response.headers
        preflight = client.options("/sparql", headers={"Origin": "http://notebook.example",
                                                       "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "Content-Type"})
        assert preflight.status_code == 200
        assert "POST" in preflight.headers["access-control-allow-methods"]
    with TestClient(create_app(ServeConfig(workers=1))) as client:
        response = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://notebook.example"})
        assert "access-control-allow-origin" not in response.headers


def test_a_bug_is_a_one_line_500_with_the_security_headers():
    with TestClient(create_app(ServeConfig(workers=1, engine=broken_engine)), raise_server_exceptions=False) as client:
        response = client.get("/sparql", params={"query": "ASK {}"})
    assert response.status_code == 500
    assert response.text == "Error: internal error; the server log has the details\n"
    assert response.headers["content-security-policy"].startswith("default-src 'none';")


@pytest.mark.parametrize("accept, requested, offered, expected", [
    ("text/turtle;q=0.5, application/ld+json", None, GRAPH_FORMATS, "jsonld"),
    ("application/json", None, GRAPH_FORMATS, "jsonld"),
    ("application/json", None, RESULT_FORMATS, "json"),
    ("text/*", None, RESULT_FORMATS, "csv"),
    (None, None, RESULT_FORMATS, "json"),
    ("*/*", None, [*GRAPH_FORMATS, HTML], "turtle"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", None, [*GRAPH_FORMATS, HTML], "html"),
    ("text/html", "nt", [*GRAPH_FORMATS, HTML], "ntriples"),
    (None, "XML", GRAPH_FORMATS, "rdfxml"),
    (None, "text/csv", RESULT_FORMATS, "csv"),
])
def test_negotiation(accept, requested, offered, expected):
    assert negotiate(offered, accept, requested).name == expected


def test_negotiation_refuses_what_it_cannot_give():
    with pytest.raises(NotAcceptable, match="none of the accepted types"):
        negotiate(RESULT_FORMATS, "text/turtle, image/*;q=0.5", None)
    with pytest.raises(NotAcceptable, match="unknown format 'pdf'"):
        negotiate(RESULT_FORMATS, None, "pdf")
    with pytest.raises(NotAcceptable):
        negotiate(RESULT_FORMATS, "application/json;q=0", None)


def test_serve_refuses_a_taken_port_in_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = invoke(["serve", "--port", port], expect=2)
    assert result.output == f"Error: cannot listen on 127.0.0.1 port {port}: Address already in use\n"


def test_serve_options_are_checked():
    assert "--timeout" in invoke(["serve", "--timeout", "0"], expect=2).output
    assert "--max-rows" in invoke(["serve", "--max-rows", "-1"], expect=2).output


def test_pages_keep_their_own_policies_under_the_server(monkeypatch):
    """The server's default headers never replace a page's own: the query page's style nonce and the network
    frame's script hashes and same-origin framing must reach the browser, or the editor and the frame break."""
    import warnings

    from starlette.testclient import TestClient

    from kg.web.app import ServeConfig, create_app

    warnings.simplefilter("ignore")
    with TestClient(create_app(ServeConfig(workers=1))) as client:
        query = client.get("/query")
        assert query.status_code == 200 and "'nonce-" in query.headers["content-security-policy"]
        assert query.headers["x-frame-options"] == "DENY"
        frame = client.get("/actor/javier-milei/network")
        assert frame.status_code == 200 and "'sha256-" in frame.headers["content-security-policy"]
        assert frame.headers["x-frame-options"] == "SAMEORIGIN"
        assert frame.headers.get_list("content-security-policy") == [frame.headers["content-security-policy"]]


def test_the_query_form_without_javascript_gets_an_html_table_of_results():
    import warnings

    warnings.simplefilter("ignore")
    endorsers = ("SELECT ?endorser ?endorserLabel ?note WHERE { ?endorser kgo:endorses kg:javier-milei ; "
                 "rdfs:label ?endorserLabel FILTER(LANG(?endorserLabel) = 'en') BIND('<b>bold</b>' AS ?note) } "
                 "ORDER BY ?endorserLabel")
    with TestClient(create_app(ServeConfig(workers=1))) as client:
        assert 'action="/query/results" method="get"' in client.get("/query").text
        page = client.get("/query/results", params={"query": endorsers})
        assert page.status_code == 200
        table = page.text[page.text.index('<table class="results">'):page.text.index("</table>")]
        assert "<th>endorser</th><th>endorserLabel</th><th>note</th>" in table
        assert '<td><a href="/actor/patricia-bullrich">Patricia Bullrich</a></td>' in table
        assert "<td>&lt;b&gt;bold&lt;/b&gt;</td>" in table and "<b>" not in table
        assert "Download all as CSV" in page.text
        assert "<strong>yes</strong>" in client.get("/query/results", params={"query": "ASK {}"}).text
        refused = client.get("/query/results", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
        assert refused.status_code == 400 and '<p class="error" role="alert">Error: ' in refused.text
        assert "SERVICE &lt;http://127.0.0.1:9/&gt;" in refused.text  # the query stays in the box, escaped


@pytest.mark.parametrize(("error", "status"), [
    (RowLimitError("more than 5 rows"), 400), (LimitError("stopped at the 2 s deadline"), 503),
    (TruncatedError("the endpoint cut the answer at 10000 rows", 10000), 503), (NotAcceptable("no such format"), 406),
    (BodyTooLarge("body over 256 KiB"), 413), (AmbiguousNameError("two actors"), 404),
    (NotFoundError("no actor"), 404), (InputError("SERVICE is refused"), 400), (KgError("store damaged"), 500)])
def test_one_status_for_each_kind_of_error_on_pages_and_endpoint(error, status):
    assert status_of(error) == status


def test_a_result_over_the_row_limit_is_a_400_on_the_results_page_too():
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    with TestClient(create_app(ServeConfig(max_rows=3, workers=1))) as client:
        endpoint = client.get("/sparql", params={"query": query})
        page = client.get("/query/results", params={"query": query})
    assert endpoint.status_code == page.status_code == 400
    assert endpoint.text.startswith("Error: more than 3 rows: stopped, nothing shown")
    assert "more than 3 rows: stopped, nothing shown" in page.text
