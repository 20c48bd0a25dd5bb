"""YASGUI, the SPARQL editor most endpoints offer, pointed at `kg serve --cors` from a page of another origin,
in headless Chromium: it gets the rows `kg query` gives, and shows a refused query's one-line reason.

YASGUI's bundle is vendored in tests/yasgui/ (see its README); nothing is fetched. The page's origin (a
second loopback server) differs from the endpoint's, so the requests are cross-origin as in real use.
"""

import hashlib
import json
from pathlib import Path

import pytest
from headless import CHROMIUM, chromium
from servers import kg_server
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from webapp import live_server

from conftest import invoke

pytestmark = [
    pytest.mark.browser,
    pytest.mark.servers,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]
YASGUI = Path(__file__).parent / "yasgui"
BUNDLE_SHA256 = "8ac1354b751281f554e58e4370f0da3939d5e6e2a4accd1ebaf49bba04c412ea"  # @triply/yasgui 4.2.28
TIMEOUT_MS = 60_000
ENDORSERS = """PREFIX kgo: <https://w3id.org/argentina2023/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?endorser ?label WHERE {
  ?endorser kgo:endorses <https://w3id.org/argentina2023/id/javier-milei> ; rdfs:label ?label FILTER(LANG(?label) = "en")
} ORDER BY ?endorser"""
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>YASGUI</title>
<link rel="stylesheet" href="/yasgui/yasgui.min.css"></head>
<body><div id="yasgui"></div><script src="/yasgui/yasgui.min.js"></script>
<script>window.yasgui = new Yasgui(document.getElementById("yasgui"),
  {requestConfig: {endpoint: ENDPOINT}, persistenceId: null, copyEndpointOnNewTab: false});</script>
</body></html>"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    with kg_server(tmp_path_factory.mktemp("yasgui"), "--cors", "--workers", "1") as running:
        yield running


@pytest.fixture(scope="module")
def yasgui_page(endpoint):
    """The base URL of a page of its own origin that runs YASGUI against the kg endpoint."""
    assert hashlib.sha256((YASGUI / "yasgui.min.js").read_bytes()).hexdigest() == BUNDLE_SHA256
    html = PAGE.replace("ENDPOINT", json.dumps(endpoint.query_url))
    app = Starlette(routes=[Route("/", lambda request: HTMLResponse(html)),
                            Mount("/yasgui", StaticFiles(directory=YASGUI))])
    with live_server(app) as base:
        yield base


def run_in_yasgui(page_base, endpoint_base, query):
    """Open YASGUI, run `query` there; returns (YASGUI's response, the URLs the page asked for)."""
    with chromium() as browser:
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        asked = []
        page.on("request", lambda request: asked.append((request.method, request.url)))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
            (page_base + "/", endpoint_base + "/")) else route.abort())  # YASGUI's prefix.cc lookup
        page.goto(page_base + "/")
        page.wait_for_function("() => window.yasgui && yasgui.getTab()")
        response = page.evaluate("""async query => {
            const tab = yasgui.getTab();
            tab.setQuery(query);
            await tab.query();
            const response = tab.getYasr().results;
            return {status: response.getStatus(), error: response.getError(), body: response.getOriginalResponse()};
        }""", query)
        page.close()
    to_endpoint = [(method, url) for method, url in asked if url.startswith(endpoint_base + "/")]
    return response, to_endpoint


def test_yasgui_gets_the_rows_kg_query_gives(yasgui_page, endpoint):
    expected = json.loads(invoke(["query", "-e", ENDORSERS, "--format", "json"]).output)["results"]["bindings"]
    assert {"endorser": {"type": "uri", "value": "https://w3id.org/argentina2023/id/patricia-bullrich"},
            "label": {"type": "literal", "value": "Patricia Bullrich", "xml:lang": "en"}} in expected
    response, to_endpoint = run_in_yasgui(yasgui_page, endpoint.base_url, ENDORSERS)
    assert response["status"] == 200 and not response["error"]
    body = response["body"] if isinstance(response["body"], dict) else json.loads(response["body"])
    assert body["results"]["bindings"] == expected
    assert to_endpoint == [("POST", endpoint.query_url)]


def test_yasgui_sees_a_refused_query_as_an_error(yasgui_page, endpoint):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
    response, _ = run_in_yasgui(yasgui_page, endpoint.base_url, query)
    assert response["error"] == {
        "status": 400, "statusText": "Bad Request",
        "text": "Error: SERVICE is refused (line 1, column 18): kg never queries remote endpoints\n"}
