"""The `kg viz` page in headless Chromium: offline, complete, interactive, and safe with hostile labels."""

from dataclasses import dataclass, field

import pytest
from conftest import HOSTILE_LABEL, invoke
from headless import CHROMIUM, chromium, wait_until_laid_out

from kg.network.graphdata import network_data
from kg.store.engines import open_engine

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]

KG = "https://w3id.org/argentina2023/id/"
MILEI, MASSA, BULLRICH, LULA = (KG + n for n in ("javier-milei", "sergio-massa", "patricia-bullrich", "lula"))


@dataclass
class Visit:
    page: object
    url: str
    requests: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    with chromium() as context:
        yield context


@pytest.fixture
def visit(browser, tmp_path):
    """Write the page with `kg viz` and open it from the file, recording requests, errors and dialogs."""
    pages = []

    def open_graph(*args):
        out = tmp_path / "graph.html"
        invoke(["viz", "-o", str(out), *args])
        page = browser.new_page()
        pages.append(page)
        seen = Visit(page, out.resolve().as_uri())
        page.on("request", lambda request: seen.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and seen.errors.append(message.text))
        page.on("pageerror", lambda error: seen.errors.append(str(error)))
        page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(seen.url)
        wait_until_laid_out(page)
        return seen

    yield open_graph
    for page in pages:
        page.close()


def screen_point(page, node_id):
    """Where a node is drawn, in page coordinates."""
    box = page.locator("#kg-network").bounding_box()
    point = page.evaluate("id => kg.network.canvasToDOM(kg.network.getPositions([id])[id])", node_id)
    return box["x"] + point["x"], box["y"] + point["y"]


def hidden(page, dataset, item_id):
    return page.evaluate(f"id => kg.{dataset}.get(id).hidden === true", item_id)


def test_page_loads_from_the_file_with_no_error_and_no_request(visit):
    seen = visit()
    assert seen.requests == [seen.url]
    assert seen.errors == [] and seen.dialogs == []
    assert seen.page.evaluate("kg.network.physics.options.enabled") is False  # settled, then frozen


def test_drawn_nodes_and_edges_are_the_graphs(visit):
    page = visit().page
    data = network_data(open_engine())
    assert sorted(page.evaluate("Object.keys(kg.network.getPositions())")) == sorted(data.nodes)
    drawn = page.evaluate("Object.values(kg.network.body.edges).map(e => [e.fromId, e.options.label, e.toId])")
    assert sorted(map(tuple, drawn)) == sorted((e.source, e.relation_label, e.target) for e in data.edges)
    assert sorted(map(tuple, page.evaluate("kg.edges.get().map(e => [e.from, e.relation, e.to])"))) == sorted(
        (e.source, e.relation, e.target) for e in data.edges)


def test_relationship_toggle_hides_the_edges_of_its_type(visit):
    page = visit().page
    data = network_data(open_engine())
    page.uncheck('input[data-relation="endorses"]')
    shown = page.evaluate("kg.edges.get().map(e => [e.relation, !e.hidden])")
    assert {relation for relation, visible in shown if visible} == {e.relation for e in data.edges} - {"endorses"}
    only_endorsements = {n for n in data.nodes if {e.relation for e in data.edges if n in (e.source, e.target)}
                         == {"endorses"}}
    unlinked = set(data.nodes) - {e.source for e in data.edges} - {e.target for e in data.edges}
    assert set(page.evaluate("kg.nodes.getIds({filter: n => n.hidden})")) == only_endorsements | unlinked
    endorsement = page.evaluate(
        "([a, b]) => kg.edges.get({filter: e => e.from === a && e.to === b && e.relation === 'endorses'})[0].id",
        [BULLRICH, MILEI])
    assert hidden(page, "edges", endorsement)
    assert not hidden(page, "nodes", BULLRICH) and not hidden(page, "nodes", MILEI)  # both have other ties
    page.check('input[data-relation="endorses"]')
    assert page.evaluate("kg.edges.get().every(e => !e.hidden) && kg.nodes.get().every(n => !n.hidden)")


def test_source_toggle_shows_only_what_the_other_sources_say(visit):
    page = visit().page
    comparison = KG + "source/comparison"
    page.uncheck(f'input[data-source="{comparison}"]')
    shown = page.evaluate("kg.edges.get({filter: e => !e.hidden}).map(e => e.id)")
    data = network_data(open_engine())
    assert len(shown) == sum(1 for e in data.edges if set(e.source_ids) - {comparison})
    pairs = {tuple(e) for e in page.evaluate("kg.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to])")}
    assert (KG + "pedro-sanchez", MASSA) in pairs  # said by the op-ed
    assert (BULLRICH, MILEI) in pairs  # said by both
    assert (LULA, MASSA) not in pairs  # said by the comparison only
    assert f"{len(shown)} of {len(data.edges)} relationships shown" in page.text_content("#kg-status")


@pytest.mark.parametrize("query, expected", [
    ("union por la patria", KG + "union-por-la-patria"),
    ("UxP", KG + "union-por-la-patria"),
    ("lopez obrador", KG + "andres-manuel-lopez-obrador"),
])
def test_search_finds_and_focuses_the_actor(visit, query, expected):
    page = visit().page
    page.fill("#kg-search", query)
    assert page.locator("#kg-results li").first.text_content().startswith(
        page.evaluate("id => kg.nodes.get(id).label", expected))
    page.press("#kg-search", "Enter")
    assert page.evaluate("kg.network.getSelectedNodes()") == [expected]
    page.wait_for_function("""id => {
        const at = kg.network.getPositions([id])[id], view = kg.network.getViewPosition();
        return Math.hypot(at.x - view.x, at.y - view.y) < 1; }""", arg=expected)
    assert page.text_content("#kg-selected-body").startswith(page.evaluate("id => kg.nodes.get(id).label", expected))


def test_focused_page_opens_with_the_actor_selected(visit):
    page = visit("--focus", "Patricia Bullrich").page
    assert page.evaluate("kg.network.getSelectedNodes()") == [BULLRICH]
    assert page.evaluate("kg.highlighted") == BULLRICH
    assert "around Patricia Bullrich" in page.text_content("#kg-caption")


def test_clicking_an_actor_highlights_its_neighbourhood(visit):
    page = visit().page
    page.mouse.click(*screen_point(page, MILEI))
    assert page.evaluate("kg.highlighted") == MILEI
    colour = "id => kg.nodes.get(id).color.background"
    assert page.evaluate(colour, BULLRICH) == page.evaluate("kg.data.types.find(t => t.type === 'Person').colour")
    assert page.evaluate(colour, MASSA) == "#ececec"  # not a neighbour: faded
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)
    assert page.evaluate("kg.highlighted") is None and page.evaluate(colour, MASSA) != "#ececec"


def test_clicking_a_relationship_shows_its_sources(visit):
    page = visit().page
    (x1, y1), (x2, y2) = screen_point(page, LULA), screen_point(page, MASSA)
    page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    details = page.text_content("#kg-selected-body")
    assert details.startswith("Luiz Inácio Lula da Silva endorses Sergio Massa")
    assert "backing of global leaders on the left" in details and "000_9c4870c4c3406898.txt" in details


def test_hostile_label_is_shown_as_text_and_runs_nothing(visit, hostile_actor):
    seen = visit()
    page = seen.page
    x, y = screen_point(page, hostile_actor)
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator(".kg-tip-title").text_content() == HOSTILE_LABEL
    assert "</script><script>alert(2)</script>" in tooltip.text_content()
    page.fill("#kg-search", "<img")
    assert page.locator("#kg-results li").first.text_content().startswith(HOSTILE_LABEL)
    edge_tip = page.evaluate("""id => {
        const tip = kg.edges.get({filter: e => e.from === id})[0].title;
        return [tip.textContent, tip.querySelectorAll('*').length,
                tip.querySelectorAll('div, blockquote').length]; }""",
        hostile_actor)
    assert "<b onmouseover=alert(3)>bold</b>" in edge_tip[0] and "“<img src=y onerror=alert(4)>”" in edge_tip[0]
    assert edge_tip[1] == edge_tip[2]  # only the tooltip's own elements, none made from the data
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert seen.dialogs == [] and seen.errors == []
    assert seen.requests == [seen.url]  # no request for an image 'x' or 'y'
