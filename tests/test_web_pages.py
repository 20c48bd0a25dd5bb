"""The web app's HTML pages through Starlette's TestClient: the facts each page shows, its links, its
escaping and its error pages."""

import base64
import hashlib
import html
import re
import warnings

import pytest
from conftest import HOSTILE_LABEL

with warnings.catch_warnings():  # starlette's TestClient prefers httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from webapp import get, items, section, the_item, web_app

from kg.web.render import CSP


@pytest.fixture(scope="module")
def client():
    return TestClient(web_app())


def test_actor_page_lists_bullrichs_endorsement_with_date_quote_and_source_link(client):
    page = get(client, "/actor/javier-milei").text
    fact = the_item(section(page, "endorsements-received"), 'href="/actor/patricia-bullrich"')
    assert "<dt>date</dt><dd>2023-10-26</dd>" in fact
    assert "<dt>date as given</dt><dd>four days after the election</dd>" in fact
    assert "<blockquote>Bullrich wasn’t just making a statement of support for Milei</blockquote>" in fact
    assert '<a href="/source/op-ed">Op-ed on Javier Milei&#39;s victory</a>' in fact
    assert "<blockquote>Bullrich endorsed Milei four days after the election.</blockquote>" in fact
    assert 'href="/statement/endorsement-bullrich-milei"' in fact


def test_actor_page_has_both_labels_aliases_claims_network_and_chains(client):
    page = get(client, "/actor/union-por-la-patria").text
    assert '<dt>English</dt><dd lang="en">Union for the Homeland</dd>' in page
    assert '<dt>Spanish</dt><dd lang="es">Unión por la Patria</dd>' in page
    assert "<dt>Also known as</dt><dd>Peronist coalition; UxP</dd>" in page or \
           "<dt>Also known as</dt><dd>UxP; Peronist coalition</dd>" in page
    milei = get(client, "/actor/javier-milei").text
    claim = the_item(section(milei, "claims"), "first libertarian president", kind="claim")
    assert "<strong>Op-ed on Javier Milei&#39;s victory</strong> claims" in claim
    assert 'href="/statement/claim-milei-first-libertarian-president"' in claim
    assert '<iframe class="network" src="/actor/javier-milei/network" sandbox="allow-scripts"' in milei
    chains = section(milei, "chains")
    assert '<a href="/path?from=kg%3Ajavier-milei&amp;to=kg%3Asergio-massa">Sergio Massa</a>' in chains
    assert '<a href="/path?from=kg%3Ajavier-milei&amp;to=kg%3Apatricia-bullrich">Patricia Bullrich</a>' in chains
    assert "to=kg%3Ajavier-milei" not in chains


def test_actor_page_links_actors_and_posts_but_not_policies(client):
    page = get(client, "/actor/sergio-massa").text
    office = the_item(section(page, "offices-and-roles"), "Minister of Economy of Argentina")
    assert '<a href="/actor/post-economy-minister">Minister of Economy of Argentina</a>' in office
    stance = the_item(section(page, "stances"), "Price and currency controls")
    assert re.search(r'<span class="relation">[^<]+</span> Price and currency controls\s', stance)


def test_the_network_frame_is_the_viz_page_allowed_by_the_hashes_of_its_inline_code(client):
    response = get(client, "/actor/javier-milei/network")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'self'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(scripts) == 2  # vis-network and the page's own script; the data block is not run
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy.split("script-src")[1].split(";")[0]
    assert '"id":"https://w3id.org/argentina2023/id/patricia-bullrich"' in response.text


def test_every_page_has_the_strict_policy(client):
    for url in ["/", "/actor/javier-milei", "/source/op-ed", "/compare", "/path", "/actor/nobody"]:
        response = client.get(url)
        assert response.headers["content-security-policy"] == CSP, url
        assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP
        assert "<script>" not in response.text, url  # no inline script at all
    first, second = client.get("/query"), client.get("/query")
    policy = first.headers["content-security-policy"]
    nonce = re.search(r"style-src 'self' 'nonce-([\w-]+)';", policy).group(1)
    assert policy == CSP.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
    assert f'"style_nonce":"{nonce}"' in first.text  # handed to CodeMirror for its <style> elements
    assert nonce not in second.headers["content-security-policy"]  # a new one for every response


def test_home_links_the_headline_questions_and_counts_the_graph(client):
    page = get(client, "/").text
    assert '<a href="/actor/javier-milei#endorsements-received">Who endorsed Javier Milei?</a>' in page
    assert '<a href="/actor/sergio-massa#endorsements-received">Who endorsed Sergio Massa?</a>' in page
    for name in ["tickets", "first_round_results", "runoff_results", "signatories_by_country"]:
        assert f'href="/query?name={name}"' in page
    assert '<a href="/source/open-letter#claims">What does “Open letter against Javier Milei” claim?</a>' in page
    assert "<strong>143</strong> actors (25 people)" in page
    assert "<strong>255</strong> facts" in page and "<strong>52</strong> claims" in page
    assert "<strong>3</strong> sources, with <strong>359</strong> verbatim quotes" in page


@pytest.mark.parametrize("typed, actor", [
    ("Union por la Patria", "union-por-la-patria"), ("Union for the Homeland", "union-por-la-patria"),
    ("Bulrich", "patricia-bullrich"), ("kg:lula", "lula"), ("op-ed", None),
])
def test_search_goes_to_the_one_actor_a_name_designates(client, typed, actor):
    response = get(client, f"/?q={typed}", status=303)
    assert response.headers["location"] == (f"/actor/{actor}" if actor else "/source/op-ed")


def test_search_lists_suggestions_and_candidates(client):
    typo = get(client, "/?q=Mliei").text
    assert "no actor matches &#39;Mliei&#39;; did you mean: Javier Milei?" in typo
    assert '<li><a href="/actor/javier-milei">Javier Milei</a>' in typo
    both = get(client, "/?q=Bolsonaro").text
    assert "&#39;Bolsonaro&#39; matches several actors" in both
    assert '<a href="/actor/eduardo-bolsonaro">Eduardo Bolsonaro</a>' in both
    assert '<a href="/actor/jair-bolsonaro">Jair Bolsonaro</a>' in both


def test_source_page_shows_metadata_stance_facts_single_source_facts_and_claims(client):
    page = get(client, "/source/op-ed").text
    assert "<h1>Op-ed on Javier Milei&#39;s victory</h1>" in page
    assert "2023-11" in page and "002_0f267a4a9a1e3df1.txt" in page
    assert re.search(r"<dt>[^<]*stance[^<]*</dt><dd>[^<]*for", page, re.IGNORECASE)
    single = section(page, "single-source")
    bri = the_item(single, "Argentina <span class=\"relation\">partner in</span> Belt and Road Initiative")
    assert "recent partner in China’s Belt and Road Initiative.</blockquote>" in bri
    facts = section(page, "facts")
    assert len(items(facts)) == 83  # each fact once, as `kg sources` counts the op-ed's
    the_item(facts, "Bullrich wasn’t just making a statement of support for Milei")
    claim = the_item(section(page, "claims"), "first libertarian president", kind="claim")
    assert ("<blockquote>A true free-market reformer, Javier Milei is the first libertarian president in the world"
            in claim)
    assert "Belt and Road Initiative" not in section(get(client, "/source/open-letter").text, "single-source")


def test_statement_pages_show_a_fact_and_a_claim_with_their_sources(client):
    fact = get(client, "/statement/endorsement-bullrich-milei").text
    assert re.search(r'<a href="/actor/patricia-bullrich">Patricia Bullrich</a> <span class="relation">'
                     r'endorses</span> <a href="/actor/javier-milei">Javier Milei</a>', fact)
    assert "<dd>2023-10-26</dd>" in fact and "Endorsement" in fact
    claim = get(client, "/statement/claim-milei-fraud").text
    assert '<strong><a href="/actor/javier-milei">Javier Milei</a></strong> claims:' in claim
    assert "<q>There was widespread electoral fraud against Milei in the first round.</q>" in claim
    assert "<blockquote>Milei deployed their playbook to claim widespread electoral fraud against him</blockquote>" in claim
    assert '<a href="/source/open-letter">' in claim


def test_compare_page_sets_stances_side_by_side(client):
    page = get(client, "/compare?a=Milei&b=Massa&issue=economía").text
    row = page[page.index('<th scope="row">economy</th>'):]
    row = row[:row.index("</tr>")]
    left, right = row.split("<td>")[1:3]
    assert "Dollarization" in left and "Dollarization" not in right
    assert "Price and currency controls" in right and "Price and currency controls" not in left


def test_path_page_shows_each_step_with_its_sources(client):
    page = get(client, "/path?from=Villarruel&to=Lula").text
    assert "3 facts" in page
    steps = items(page[page.index('<ol class="facts chain">'):])
    assert '<span class="relation">running mate</span> <a href="/actor/victoria-villarruel">' in steps[0]
    assert '<span class="relation">sent political advisers to</span>' in steps[2]
    assert '<a href="/source/op-ed">' in steps[2]


def test_query_page_has_the_gallery_and_the_chosen_query(client):
    page = get(client, "/query?name=first_round_results").text
    assert '<a href="/query?name=tickets">tickets</a>' in page
    assert "First-round results: each candidate&#39;s rank, vote share" in page
    assert "check_derivations" not in page
    textarea = page[page.index('<textarea id="query-text"'):page.index("</textarea>")]
    assert "SELECT" in textarea and "&lt;http://www.w3.org/" in textarea  # the query, escaped
    shared = get(client, "/query?q=SELECT%20%3Fx%20WHERE%20%7B%20%3Fx%20%3Cp%3E%20%22%3C%2Ftextarea%3E%22%20%7D").text
    assert "SELECT ?x WHERE { ?x &lt;p&gt; &#34;&lt;/textarea&gt;&#34; }</textarea>" in shared
    assert '<script type="module" src="/static/query.js"></script>' in page
    assert get(client, "/static/vendor/editor.js").headers["content-type"].startswith("text/javascript")


@pytest.mark.parametrize("url, status, message", [
    ("/actor/nobody", 404, "no actor has the IRI"),
    ("/statement/nothing-here", 404, "no fact or claim has the IRI"),
    ("/statement/%22x%3E", 404, "no page /statement/&#34;x&gt;: an address names an IRI&#39;s local name"),
    ("/actor/a%20b", 404, "no page /actor/a b"),
    ("/source/javier-milei", 404, "no source has the IRI &lt;https://w3id.org/argentina2023/id/source/javier-milei&gt;"),
    ("/query?name=nope", 404, "no named query &#39;nope&#39;"),
    ("/compare?a=Milei&b=Nobodyxyz", 404, "no actor matches &#39;Nobodyxyz&#39;"),
    ("/path?from=Milei&to=Bolsonaro", 404, "matches several actors"),
    ("/?q=" + "x" * 600, 400, "q is longer than 500 characters"),
])
def test_bad_input_gives_a_one_line_error_page(client, url, status, message):
    page = get(client, url, status).text
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.DOTALL).group(1)
    assert error.startswith("Error: ") and message in error and "\n" not in error
    assert "x" * 81 not in error  # at most ~80 characters of the input are echoed


def test_unknown_network_and_static_files_are_404(client):
    assert get(client, "/actor/nobody/network", 404).text.startswith("Error: no actor has the IRI")
    assert get(client, "/actor/%3Cx%3E/network", 404).text.startswith("Error: no page /actor/<x>")
    get(client, "/static/vis/vis-network.exe", 404)
    get(client, "/static/../pages.py", 404)


def test_hostile_labels_are_text_on_every_page(hostile_actor):
    client = TestClient(web_app())
    for url in ["/actor/hostile", "/actor/javier-milei", "/source/op-ed", "/statement/hostile-endorses-milei",
                "/query?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"]:
        page = get(client, url).text
        assert "<img" not in page and "<b " not in page and "<script>" not in page, url
    assert f"<h1>{html.escape(HOSTILE_LABEL, quote=True).replace('&#x27;', '&#39;')}</h1>" in get(
        client, "/actor/hostile").text


def test_pages_are_made_once_per_address_but_the_query_page_each_time(monkeypatch):
    import kg.web.pages

    client, profiles = TestClient(web_app()), []
    real_show = kg.web.pages.show
    monkeypatch.setattr(kg.web.pages, "show", lambda *args: profiles.append(args[1]) or real_show(*args))
    first, second = get(client, "/actor/javier-milei"), get(client, "/actor/javier-milei")
    assert second.text == first.text and "Patricia Bullrich" in second.text
    assert second.headers["content-security-policy"] == CSP
    get(client, "/actor/sergio-massa")
    get(client, "/actor/nobody", 404)
    get(client, "/actor/nobody", 404)
    assert [iri.rsplit("/", 1)[1] for iri in profiles] == ["javier-milei", "sergio-massa", "nobody", "nobody"]
    policies = {get(client, "/query").headers["content-security-policy"] for _ in range(2)}
    assert len(policies) == 2  # a fresh style nonce in each response
