"""`kg viz` and kg.network.page: what the page contains, the filters, name resolution, determinism, safe writing."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from conftest import invoke

from kg.errors import NotFoundError
from kg.lookups.sources import resolve_sources
from kg.network.page import actor_facts, json_for_script, resolve_actor
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"
SRC = KG + "source/"


def page_json(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def write_page(tmp_path, *args) -> tuple[str, dict]:
    out = tmp_path / "graph.html"
    invoke(["viz", "-o", str(out), *args])
    html = out.read_text(encoding="utf-8")
    return html, page_json(html)


def labels(page) -> set[str]:
    return {n["label"] for n in page["nodes"]}


def edge_names(page) -> set[tuple[str, str, str]]:
    by_id = {n["id"]: n["label"] for n in page["nodes"]}
    return {(by_id[e["source"]], e["relation"], by_id[e["target"]]) for e in page["edges"]}


class Links(HTMLParser):
    """Every element and every src/href attribute of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.urls = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls.extend(value for name, value in attrs if name in {"src", "href"})


def test_page_is_self_contained(tmp_path):
    html, _ = write_page(tmp_path)
    parser = Links()
    parser.feed(html)
    assert parser.urls == []
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert "default-src 'none'" in html
    assert "vis-network" in html and "@version 9.1.2" in html


def test_page_draws_every_actor_and_fact(tmp_path):
    _, page = write_page(tmp_path)
    assert {"Javier Milei", "Sergio Massa", "Patricia Bullrich", "Union for the Homeland"} <= labels(page)
    assert ("Patricia Bullrich", "endorses", "Javier Milei") in edge_names(page)
    bullrich = next(e for e in page["edges"] if e["statement"].endswith("endorsement-bullrich-milei"))
    assert bullrich["qualifiers"]["date"] == "2023-10-26"
    assert {ev["file_name"] for ev in bullrich["evidence"]} == {"000_9c4870c4c3406898.txt", "002_0f267a4a9a1e3df1.txt"}
    assert "Bullrich endorsed Milei four days after the election." in {ev["quote"] for ev in bullrich["evidence"]}
    milei = next(n for n in page["nodes"] if n["label"] == "Javier Milei")
    assert milei["degree"] >= 4 and milei["size"] > next(n for n in page["nodes"] if n["degree"] == 0)["size"]
    relations = {r["relation"]: r for r in page["relations"]}
    assert relations["endorses"]["label"] == "endorses" and relations["withheldEndorsement"]["dashed"]


def test_focus_draws_the_neighbourhood(tmp_path):
    _, page = write_page(tmp_path, "--focus", "milei", "--depth", "1")
    assert page["focus"] == KG + "javier-milei"
    assert {"Javier Milei", "Patricia Bullrich", "Mauricio Macri", "Leading figures in PRO"} <= labels(page)
    assert "Sergio Massa" not in labels(page)
    assert "around Javier Milei" in page["caption"]


def test_focus_depth_zero_is_the_actor_alone(tmp_path):
    _, page = write_page(tmp_path, "--focus", "Javier Milei", "--depth", "0")
    assert labels(page) == {"Javier Milei"} and page["edges"] == []


@pytest.mark.parametrize("name", ["op-ed", "OPED", "002_0f267a4a9a1e3df1.txt", SRC + "op-ed", "columna"])
def test_source_filter_keeps_only_that_sources_facts(tmp_path, name):
    _, page = write_page(tmp_path, "--source", name)
    assert ("Pedro Sánchez", "endorses", "Sergio Massa") in edge_names(page)
    assert ("Luiz Inácio Lula da Silva", "endorses", "Sergio Massa") not in edge_names(page)
    assert all(SRC + "op-ed" in e["sources"] for e in page["edges"])


def test_relation_filter_takes_label_or_local_name(tmp_path):
    _, by_label = write_page(tmp_path, "--relation", "withheld endorsement from")
    _, by_name = write_page(tmp_path, "--relation", "withheldEndorsement")
    assert edge_names(by_label) == edge_names(by_name)
    assert {r for _, r, _ in edge_names(by_label)} == {"withheldEndorsement"}


def test_type_filter_keeps_actors_of_that_type(tmp_path):
    _, page = write_page(tmp_path, "--type", "person")
    assert {n["type"] for n in page["nodes"]} == {"Person"}
    assert ("Patricia Bullrich", "endorses", "Javier Milei") in edge_names(page)


def test_type_filter_takes_an_iri(tmp_path):
    _, by_name = write_page(tmp_path, "--type", "Person")
    _, by_iri = write_page(tmp_path, "--type", "<https://w3id.org/argentina2023/ontology#Person>")
    _, by_prefixed_name = write_page(tmp_path, "--type", "kgo:Person")
    assert by_iri == by_prefixed_name == by_name
    assert ("Patricia Bullrich", "endorses", "Javier Milei") in edge_names(by_iri)


@pytest.mark.parametrize("args, code, message", [
    (["--focus", "Nobody At All"], 1, "no actor matches 'Nobody At All'"),
    (["--source", "the times"], 1, "no source matches 'the times'"),
    (["--relation", "endorse"], 1, "no relationship 'endorse' in the graph; known: "),
    (["--type", "Martian"], 1, "no actor type 'Martian'"),
    (["--type", "kgo:Martian"], 1, "no actor type 'kgo:Martian' in the graph; known: "),
    (["--focus", "<a b>"], 2, "not a valid IRI: <a b>"),
    (["--source", "https://x/a%zz"], 2, "not a valid IRI: <https://x/a%zz>"),
    (["--relation", "<Milei>"], 2, "not a valid IRI: <Milei>"),
    (["--type", "<a b>"], 2, "not a valid IRI: <a b>"),
    (["--depth", "2"], 2, "--depth needs --focus"),
    (["--focus", "Lula", "--source", "open letter"], 1,
     "Luiz Inácio Lula da Silva has no relationship that the filters keep"),
    (["--max-actors", "100"], 3, "the page would draw 143 actors, more than a browser can lay out (--max-actors "
                                 "100): draw part of the graph with --focus NAME, --relation, --source or --type"),
    (["--focus", "Milei", "--max-actors", "29"], 3, "the page would draw 30 actors"),
    (["--relation", "endorses", "--max-actors", "10"], 3, "the page would draw 11 actors"),
    (["--max-actors", "0"], 2, "Invalid value for '--max-actors'"),
])
def test_bad_options_give_one_line_errors(tmp_path, args, code, message):
    result = invoke(["viz", "-o", str(tmp_path / "g.html"), *args], expect=code)
    assert message in result.output
    assert not (tmp_path / "g.html").exists()


def test_a_page_of_as_many_actors_as_the_limit_is_written(tmp_path):
    _, page = write_page(tmp_path, "--focus", "Milei", "--max-actors", "30")
    assert len(page["nodes"]) == 30 and "Victoria Villarruel" in labels(page)


def test_unwritable_output_is_a_one_line_error(tmp_path):
    result = invoke(["viz", "-o", str(tmp_path / "missing" / "g.html")], expect=2)
    assert result.output.startswith("Error: cannot write")


def test_resolve_actor_ignores_accents_and_case():
    engine = open_engine()
    assert resolve_actor(engine, "union por la patria") == KG + "union-por-la-patria"
    assert resolve_actor(engine, "UNIÓN POR LA PATRIA") == KG + "union-por-la-patria"
    assert resolve_actor(engine, "Bullri") == KG + "patricia-bullrich"
    with pytest.raises(NotFoundError, match="did you mean: Javier Milei"):
        resolve_actor(engine, "Mliei")


def test_resolve_sources_by_short_name_file_and_iri():
    engine = open_engine()
    assert resolve_sources(engine, ["comparison", "001_a0d888796c0492e9.txt", SRC + "op-ed", "Carta Abierta"]) == [
        SRC + "comparison", SRC + "open-letter", SRC + "op-ed", SRC + "open-letter"]


def test_hostile_names_cannot_end_the_data_block(tmp_path, hostile_actor):
    html, page = write_page(tmp_path)
    hostile = next(n for n in page["nodes"] if n["id"] == hostile_actor)
    assert hostile["label"] == "<img src=x onerror=alert(1)>"
    assert hostile["label_es"] == "</script><script>alert(2)</script>"
    data_block = re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1)
    assert not re.search(r"[<>&\u2028\u2029]", data_block)
    assert html.lower().count("</script") == 3  # closing the data, vis-network and the page's own script


def test_json_for_script_escapes_what_could_end_a_script():
    text = json_for_script({"a": "</script><!-- & \u2028\u2029"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029"}


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"graph-{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "viz", "-o", str(out)],
                       check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_open_flag_opens_the_file_in_a_browser(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    out = tmp_path / "graph.html"
    invoke(["viz", "-o", str(out), "--open"])
    assert opened == [out.resolve().as_uri()]


def test_facts_that_point_at_no_actor_go_to_the_actors_tooltip():
    facts = actor_facts(open_engine())
    assert ("ideology", "left") in {(f.relation, f.value) for f in facts[KG + "andres-manuel-lopez-obrador"]}
    assert ("candidate in", "2023 Argentine presidential election") in {
        (f.relation, f.value) for f in facts[KG + "agustin-rossi"]}
