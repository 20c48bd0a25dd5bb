"""The web app in headless Chromium, `kg serve`'s app (kg.web.app) served by uvicorn on a loopback port: no
console error, no request off the server, the search, the actor page and its network, a source page, the query
page's editor and results (posted to the server's /sparql; without scripts, its form goes to /query/results),
and hostile labels shown as text."""

from dataclasses import dataclass, field

import pytest
from conftest import HOSTILE_LABEL
from headless import CHROMIUM, chromium
from webapp import live_server

from kg.web.app import ServeConfig, create_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]
TIMEOUT_MS = 60_000


@dataclass
class Visit:
    page: object
    base: str
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)

    def off_server(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.base + "/", "blob:", "data:"))]


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


def _open(browser, base):
    page = browser.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    seen = Visit(page, base)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    return seen


@pytest.fixture(scope="module")
def site():
    with live_server(create_app(ServeConfig(workers=1))) as base:
        yield base


@pytest.fixture
def visit(browser, site):
    """Open a path of the live site in a new page that records requests, console errors and dialogs."""
    pages = []

    def go(path):
        seen = _open(browser, site)
        pages.append(seen.page)
        seen.page.goto(site + path)
        return seen

    yield go
    for page in pages:
        page.close()


def assert_clean(seen):
    assert seen.errors == [] and seen.dialogs == []
    assert seen.off_server() == []


def test_two_clicks_from_home_to_milei_endorsers_and_their_quotes(visit):
    seen = visit("/")
    page = seen.page
    page.get_by_role("link", name="Who endorsed Javier Milei?").click()
    page.wait_for_url("**/actor/javier-milei#endorsements-received")
    endorsements = page.locator("#endorsements-received")
    bullrich = endorsements.locator("li.fact", has_text="Patricia Bullrich")
    assert bullrich.locator("blockquote").all_inner_texts() == [
        "Bullrich endorsed Milei four days after the election.",
        "Bullrich wasn’t just making a statement of support for Milei"]
    assert bullrich.locator("a", has_text="Op-ed on Javier Milei's victory").get_attribute("href") == "/source/op-ed"
    assert_clean(seen)


def test_search_resolves_typos_and_lists_suggestions(visit):
    seen = visit("/")
    page = seen.page
    page.fill("#q", "Bulrich")
    page.press("#q", "Enter")
    page.wait_for_url("**/actor/patricia-bullrich")
    assert page.locator("h1").inner_text() == "Patricia Bullrich"
    page.fill("#site-search", "Mliei")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/?q=Mliei")
    assert page.locator(".search-results .error").inner_text() == (
        "no actor matches 'Mliei'; did you mean: Javier Milei?")
    page.locator(".search-results").get_by_role("link", name="Javier Milei", exact=True).click()
    page.wait_for_url("**/actor/javier-milei")
    assert_clean(seen)


def test_actor_page_draws_the_neighbourhood_network(visit):
    seen = visit("/actor/javier-milei")
    frame = seen.page.frame_locator("iframe.network")
    assert frame.locator("#kg-caption").inner_text() == "around Javier Milei, 1 step"
    network = next(f for f in seen.page.frames if f.url.endswith("/actor/javier-milei/network"))
    network.wait_for_function("() => window.kg && window.kg.ready", timeout=TIMEOUT_MS)
    drawn = network.evaluate("Object.keys(kg.network.getPositions())")
    assert "https://w3id.org/argentina2023/id/patricia-bullrich" in drawn
    assert "https://w3id.org/argentina2023/id/lula" not in drawn  # two steps away
    assert_clean(seen)


def test_source_page_shows_its_claims(visit):
    seen = visit("/source/open-letter")
    claims = seen.page.locator("#claims li.claim")
    texts = claims.locator("q").all_inner_texts()
    assert ("After losing the first round, Milei followed Trump's and Bolsonaro's playbook and claimed widespread "
            "electoral fraud without providing any evidence.") in texts
    assert_clean(seen)


def test_query_page_highlights_runs_and_links_results(visit):
    seen = visit("/query?name=first_round_results")
    page = seen.page
    page.wait_for_function("() => window.kgQuery && window.kgQuery.ready")
    assert page.locator("#query-editor .cm-editor").count() == 1
    assert page.locator("#query-editor .cm-content span").count() > 10  # highlighted tokens
    milei = page.locator("table.results").get_by_role("link", name="Javier Milei", exact=True).first
    assert milei.get_attribute("href") == "/actor/javier-milei"
    assert page.locator('[data-view="chart"]').is_visible()
    page.click('[data-view="chart"]')
    chart = page.locator("#view-chart")
    assert chart.locator("p").inner_text() == "voteShare by candidateLabel"
    bars = dict(zip(chart.locator(".bar-label").all_inner_texts(), chart.locator(".bar").all_inner_texts()))
    assert bars == {"Javier Milei": "30", "Patricia Bullrich": "23"}  # Massa has a rank but no share
    assert page.locator("#download-csv").get_attribute("href").startswith("blob:")
    assert "/query?q=" in page.url and "first_round_results" not in page.url
    assert_clean(seen)


def test_query_page_draws_a_network_and_shares_its_url(visit):
    query = "SELECT ?endorser ?endorsed WHERE { ?endorser kgo:endorses ?endorsed } ORDER BY ?endorser ?endorsed"
    seen = visit("/query")
    page = seen.page
    page.wait_for_function("() => window.kgQuery && window.kgQuery.ready")
    page.evaluate("text => kgQuery.editor.dispatch({changes: {from: 0, to: kgQuery.editor.state.doc.length,"
                  " insert: text}})", query)
    page.click("#query-run")
    page.wait_for_function("() => kgQuery.ready && kgQuery.result")
    page.click('[data-view="network"]')
    page.wait_for_function("() => document.querySelector('#view-network canvas')")
    shared = page.url
    again = visit(shared[len(seen.base):])
    again.page.wait_for_function("() => window.kgQuery && kgQuery.ready && kgQuery.result")
    assert again.page.evaluate("kgQuery.editor.state.doc.toString()") == query
    assert again.page.locator("table.results tbody tr").count() == len(
        seen.page.evaluate("kgQuery.result.results.bindings"))
    assert_clean(seen)
    assert_clean(again)


def test_query_errors_are_shown_as_one_line(visit):
    seen = visit("/query?q=SELECT%20*%20WHERE%20%7B%20SERVICE%20%3Chttp%3A%2F%2Fx%3E%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%7D")
    page = seen.page
    page.wait_for_function("() => window.kgQuery && kgQuery.ready")
    assert page.locator("#query-status").inner_text().startswith("Error 400: Error: ")
    assert "SERVICE" in page.locator("#query-status").inner_text()
    assert seen.dialogs == [] and seen.off_server() == []


def test_hostile_labels_are_text_and_open_no_dialog(browser, hostile_actor):
    with live_server(create_app(ServeConfig(workers=1))) as base:
        seen = _open(browser, base)
        try:
            page = seen.page
            page.goto(base + "/actor/hostile")
            assert page.locator("h1").inner_text() == HOSTILE_LABEL
            network = page.frame_locator("iframe.network")
            assert network.locator("#kg-caption").inner_text() == f"around {HOSTILE_LABEL}, 1 step"
            page.goto(base + "/query?q=" + "SELECT%20%3Fa%20%3FaLabel%20WHERE%20%7B%20%3Fa%20rdfs%3Alabel%20%3FaLabel"
                      "%20FILTER(%3Fa%20%3D%20kg%3Ahostile)%20%7D")
            page.wait_for_function("() => window.kgQuery && kgQuery.ready && kgQuery.result")
            assert HOSTILE_LABEL in page.locator("table.results").inner_text()
            page.goto(base + "/actor/javier-milei")
            assert page.locator("#endorsements-received a", has_text=HOSTILE_LABEL).count() == 1
            page.wait_for_timeout(500)  # any injected handler would have run by now
            assert seen.dialogs == [] and seen.errors == [] and seen.off_server() == []
        finally:
            seen.page.close()


def test_the_query_form_works_without_javascript(browser):
    """Under the real server (kg.web.app), no script loaded (the pages have no inline script): the form's Run
    gives the server's results page."""
    query = ("SELECT ?endorser ?endorserLabel WHERE { ?endorser kgo:endorses kg:javier-milei ; rdfs:label "
             "?endorserLabel FILTER(LANG(?endorserLabel) = 'en') } ORDER BY ?endorserLabel")
    with live_server(create_app(ServeConfig(workers=1))) as base:
        seen = _open(browser, base)
        seen.page.route("**/*.js", lambda route: route.abort())
        seen.page.goto(base + "/query")
        seen.page.fill("#query-text", query)
        seen.page.click("#query-run")
        seen.page.wait_for_url("**/query/results?query=*")
        link = seen.page.locator("#server-results table a", has_text="Patricia Bullrich")
        assert link.get_attribute("href") == "/actor/patricia-bullrich"
        assert seen.page.input_value("#query-text") == query
        seen.page.goto(base + seen.page.locator("#query-share").get_attribute("href"))  # the link runs it again
        assert seen.page.input_value("#query-text") == query
        assert link.get_attribute("href") == "/actor/patricia-bullrich"
        assert not seen.off_server() and not seen.dialogs
        seen.page.close()
