"""kg.to_pyvis: the `kg viz` network as a pyvis Network for notebooks, offline and safe with hostile labels;
and the vendored vis-network that both pages inline."""

import re

import pytest
from conftest import HOSTILE_IRI, HOSTILE_LABEL, invoke
from headless import CHROMIUM, chromium

import kg
from kg.errors import KgError
from kg.network import visnetwork
from kg.network.page import TYPE_STYLES, build_page
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"
BULLRICH, MILEI = KG + "patricia-bullrich", KG + "javier-milei"


@pytest.fixture(scope="module")
def bullrich():
    return kg.to_pyvis(focus="Bullrich", depth=1)


def test_the_network_has_the_actors_and_statements_kg_viz_draws(bullrich):
    page = build_page(open_engine(), focus="Bullrich", depth=1)
    assert sorted(node["id"] for node in bullrich.nodes) == sorted(node["id"] for node in page["nodes"])
    assert sorted(edge["statement"] for edge in bullrich.edges) == sorted(edge["statement"] for edge in page["edges"])
    assert bullrich.directed


def test_nodes_keep_kg_shapes_and_colours_and_edges_their_relation(bullrich):
    nodes = {node["id"]: node for node in bullrich.nodes}
    assert (nodes[BULLRICH]["shape"], nodes[BULLRICH]["color"]) == TYPE_STYLES["Person"]
    assert (nodes[KG + "juntos-por-el-cambio"]["shape"], nodes[KG + "juntos-por-el-cambio"]["color"]) == TYPE_STYLES["Coalition"]
    endorsement = next(e for e in bullrich.edges if e["statement"].endswith("endorsement-bullrich-milei"))
    assert (endorsement["from"], endorsement["to"], endorsement["relation"]) == (BULLRICH, MILEI, "endorses")
    assert endorsement["color"] == "#2e7d32" and endorsement["arrows"] == "to"


def test_tooltips_are_plain_text_with_the_quotes(bullrich):
    endorsement = next(e for e in bullrich.edges if e["statement"].endswith("endorsement-bullrich-milei"))
    lines = endorsement["title"].split("\n")
    assert lines[0] == "Patricia Bullrich endorses Javier Milei"
    assert "date: 2023-10-26" in lines
    assert any(line.startswith("Americas Society/Council of the Americas") or "000_9c4870c4c3406898.txt" in line
               for line in lines)
    node = next(n for n in bullrich.nodes if n["id"] == BULLRICH)
    assert node["title"].split("\n")[0] == "Patricia Bullrich" and node["title"].endswith(BULLRICH)


def test_the_written_page_fetches_nothing(bullrich, tmp_path):
    html = bullrich.generate_html()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_filters_are_those_of_kg_viz():
    endorsements = kg.to_pyvis(relations=["endorses"])
    assert {edge["relation"] for edge in endorsements.edges} == {"endorses"}
    with pytest.raises(KgError, match="no actor matches 'Nobody Atall'"):
        kg.to_pyvis(focus="Nobody Atall")


def test_a_missing_or_altered_vis_network_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(visnetwork, "FOLDER", tmp_path)
    result = invoke(["viz", "-o", tmp_path / "graph.html"], expect=2)
    assert result.output.startswith("Error: vis-network 9.1.2 is missing from ") and result.output.count("\n") == 1
    for name in visnetwork.SHA256:
        (tmp_path / name).write_text("alert('not vis-network')")
    with pytest.raises(KgError, match="is not the vis-network 9.1.2 file kg was tested with"):
        visnetwork.vis_network_files()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed")
def test_a_hostile_label_shows_as_text_in_the_pyvis_page(hostile_actor, tmp_path):
    out = tmp_path / "hostile.html"
    kg.to_pyvis(focus=hostile_actor).write_html(str(out))
    with chromium() as browser:
        page = browser.new_page()
        requests, dialogs, errors = [], [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(out.resolve().as_uri())
        page.wait_for_function("() => network && Object.keys(network.getPositions()).length > 0")
        x, y = page.evaluate("""id => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                                        const r = document.getElementById('mynetwork').getBoundingClientRect();
                                        return [r.left + p.x, r.top + p.y]; }""", HOSTILE_IRI)
        page.evaluate("network.setOptions({physics: false})")
        page.mouse.move(x - 2, y)
        page.mouse.move(x, y)
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
        tooltip = page.inner_text("div.vis-tooltip")
        assert tooltip.split("\n")[0] == HOSTILE_LABEL
        assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert dialogs == [] and errors == []
    assert requests == [out.resolve().as_uri()]
