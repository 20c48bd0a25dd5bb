"""The focused network (kg.network.focus): walked out from the actor, it is the very picture that cutting the
whole network gives (the way `kg viz --focus` worked before), byte for byte, on the shipped data and on a
small fixture with the awkward cases: a self-loop, a statement with two dates, an actor of two types, an
isolated actor, a fact about a non-actor, edges between two actors of the last step."""

import os

import pytest
from conftest import invoke

from kg.errors import NotFoundError
from kg.network import focus, page
from kg.network.focus import focus_data
from kg.network.graphdata import NetworkData, network_data
from kg.network.page import actor_facts, build_page, page_data, render_html, resolve_actor
from kg.rdf.namespaces import PREFIXES
from kg.sparql.catalogue import get_query
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"

FIXTURE = """
kg:fx-a a foaf:Person ; rdfs:label "Fixture Alpha"@en .
kg:fx-b a kgo:PoliticalParty, org:Organization ; rdfs:label "Fixture Beta"@en, "Fixture Beta ES"@es ;
    skos:altLabel "FB"@en, "Efe Be"@es .
kg:fx-c a foaf:Person ; rdfs:label "Fixture Gamma"@en .
kg:fx-d a kgo:Coalition ; rdfs:label "Fixture Delta"@en .
kg:fx-e a foaf:Person ; rdfs:label "Fixture Epsilon"@en .
kg:fx-f a foaf:Person ; rdfs:label "Fixture Phi"@en .
kg:fx-thing rdfs:label "Fixture thing, no actor"@en .

st:fx-ab a kgo:Endorsement ; rdf:subject kg:fx-a ; rdf:predicate kgo:endorses ; rdf:object kg:fx-b ;
    kgo:date "2023-01-01"^^xsd:date, "2023-02-02"^^xsd:date ;
    prov:wasDerivedFrom src:op-ed ; prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "A backs B." ] .
st:fx-cb a kgo:Membership ; rdf:subject kg:fx-c ; rdf:predicate org:memberOf ; rdf:object kg:fx-b ; kgo:role "founder"@en ;
    prov:wasDerivedFrom src:op-ed ; prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "C founded B." ] .
st:fx-bd a kgo:Membership ; rdf:subject kg:fx-b ; rdf:predicate org:memberOf ; rdf:object kg:fx-d ;
    prov:wasDerivedFrom src:comparison ;
    prov:qualifiedDerivation [ prov:entity src:comparison ; kgo:quote "B is in D." ] .
st:fx-cc a kgo:Tie ; rdf:subject kg:fx-c ; rdf:predicate kgo:friendlyWith ; rdf:object kg:fx-c ;
    prov:wasDerivedFrom src:op-ed ; prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "C likes C." ] .
st:fx-ca a kgo:Tie ; rdf:subject kg:fx-c ; rdf:predicate kgo:criticised ; rdf:object kg:fx-a ;
    prov:wasDerivedFrom src:open-letter, src:op-ed ;
    prov:qualifiedDerivation [ prov:entity src:open-letter ; kgo:quote "C criticised A." ] ,
                             [ prov:entity src:op-ed ; kgo:quote "C was critical of A." ] .
st:fx-df a kgo:Endorsement ; rdf:subject kg:fx-d ; rdf:predicate kgo:endorses ; rdf:object kg:fx-f ;
    prov:wasDerivedFrom src:comparison ;
    prov:qualifiedDerivation [ prov:entity src:comparison ; kgo:quote "D endorsed F." ] .
st:fx-a-thing a kgo:Tie ; rdf:subject kg:fx-a ; rdf:predicate kgo:calledFor ; rdf:object kg:fx-thing ;
    prov:wasDerivedFrom src:op-ed ; prov:qualifiedDerivation [ prov:entity src:op-ed ; kgo:quote "A called." ] .
"""


def cut(engine, centre, depth, relations=(), sources=(), types=(), data=None) -> NetworkData:
    """The neighbourhood as `kg viz --focus` used to find it: the whole (filtered) network, then cut."""
    centre = resolve_actor(engine, centre)
    data = data or network_data(engine, relations, sources, types)
    if centre not in data.nodes:
        full = network_data(engine)
        raise NotFoundError(f"{full.nodes[centre].label if centre in full.nodes else centre} has no relationship "
                            "that the filters keep")
    adjacent = {}
    for edge in data.edges:
        adjacent.setdefault(edge.source, set()).add(edge.target)
        adjacent.setdefault(edge.target, set()).add(edge.source)
    reached, frontier = {centre}, {centre}
    for _ in range(depth):
        frontier = {n for f in frontier for n in adjacent.get(f, ())} - reached
        reached |= frontier
    return NetworkData({iri: data.nodes[iri] for iri in sorted(reached)},
                       [e for e in data.edges if e.source in reached and e.target in reached])


def assert_same_page(engine, centre, depth, relations=(), sources=(), types=()):
    """build_page (the walk) writes the same bytes as the whole network cut around `centre`, or the same error."""
    try:
        expected = cut(engine, centre, depth, relations, sources, types)
    except NotFoundError as error:
        with pytest.raises(NotFoundError) as raised:
            build_page(engine, centre, depth, relations, sources, types)
        assert str(raised.value) == str(error)
        return None
    page = build_page(engine, centre, depth, relations, sources, types)
    reference = page_data(expected, actor_facts(engine), centre, page["caption"])
    assert render_html(page) == render_html(reference)
    return page


@pytest.fixture(scope="module")
def shipped():
    return open_engine("store")


@pytest.fixture(scope="module")
def fixture_engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("focus") / "fixture.ttl"
    path.write_text("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + FIXTURE, encoding="utf-8")
    previous = os.environ.get("KG_DATA")
    os.environ["KG_DATA"] = str(path)
    try:
        yield open_engine("store")
    finally:
        if previous is None:
            os.environ.pop("KG_DATA", None)
        else:
            os.environ["KG_DATA"] = previous


def test_every_actor_of_the_shipped_graph_has_the_cut_neighbourhood(shipped):
    whole = network_data(shipped)
    for index, centre in enumerate(whole.nodes):
        for depth in (1, 2) if index % 4 == 0 else (1,):
            assert focus_data(shipped, centre, depth) == cut(shipped, centre, depth, data=whole), (centre, depth)


@pytest.mark.parametrize("name, depth, relations, sources, types", [
    ("javier-milei", 1, (), (), ()),
    ("javier-milei", 2, (), (), ()),
    ("sergio-massa", 0, (), (), ()),
    ("patricia-bullrich", 3, (), (), ()),
    ("javier-milei", 2, ("endorses",), (), ()),
    ("javier-milei", 1, (), (KG + "source/op-ed",), ()),
    ("javier-milei", 2, (), (), ("Person",)),
    ("javier-milei", 1, (), (), ("PoliticalParty",)),
    ("lula", 2, (), (KG + "source/comparison",), ()),
    ("victoria-villarruel", 4, ("endorses", "runningMate"), (), ("Person",)),
])
def test_the_shipped_pages_are_the_cut_pages(shipped, name, depth, relations, sources, types):
    assert_same_page(shipped, KG + name, depth, relations, sources, types)


@pytest.mark.parametrize("name, depth, relations, sources, types", [
    ("fx-a", 0, (), (), ()),
    ("fx-a", 1, (), (), ()),
    ("fx-a", 2, (), (), ()),
    ("fx-a", 3, (), (), ()),
    ("fx-c", 0, (), (), ()),
    ("fx-c", 0, ("friendlyWith",), (), ()),
    ("fx-e", 1, (), (), ()),
    ("fx-e", 1, ("endorses",), (), ()),
    ("fx-b", 2, (), (), ("Person",)),
    ("fx-a", 2, (), (), ("Person",)),
    ("fx-a", 3, ("endorses", "memberOf"), (), ()),
    ("fx-a", 2, (), (KG + "source/op-ed",), ()),
    ("fx-d", 1, (), (KG + "source/open-letter",), ()),
    ("fx-thing", 1, (), (), ()),
])
def test_the_fixture_pages_are_the_cut_pages(fixture_engine, name, depth, relations, sources, types):
    assert_same_page(fixture_engine, KG + name, depth, relations, sources, types)


def test_the_fixture_walk_keeps_both_rows_of_a_two_dated_statement_and_the_last_steps_edges(fixture_engine):
    data = focus_data(fixture_engine, KG + "fx-a", 1)
    assert sorted(n.label for n in data.nodes.values()) == ["Fixture Alpha", "Fixture Beta", "Fixture Gamma"]
    assert [(e.statement.rsplit("/", 1)[1], e.qualifiers.get("date")) for e in data.edges] == [
        ("fx-ab", "2023-01-01"), ("fx-ab", "2023-02-02"), ("fx-ca", None), ("fx-cb", None), ("fx-cc", None)]
    beta = data.nodes[KG + "fx-b"]
    assert beta.type in {"PoliticalParty", "Organization"} and sorted(beta.aliases) == ["Efe Be", "FB"]


def test_the_walk_reads_only_the_neighbourhood(shipped, monkeypatch):
    asked = []
    real = focus.select_for

    def counting(engine, query, variable, iris):
        asked.append((query, len(set(iris))))
        return real(engine, query, variable, iris)

    monkeypatch.setattr(focus, "select_for", counting)
    data = focus_data(shipped, KG + "javier-milei", 1)
    assert len(data.nodes) == 30
    total = len(shipped.select(get_query("network_nodes").text))
    assert {query for query, _ in asked} == {"network_nodes", "actor_names", "network_edges_of", "statement_sources"}
    assert all(count < total / 2 for query, count in asked if query != "statement_sources")


def test_viz_focus_of_an_ambiguous_name_fails_before_reading_the_network(monkeypatch):
    monkeypatch.setattr(page, "focus_data", lambda *a, **k: pytest.fail("walked an ambiguous name"))
    monkeypatch.setattr(page, "network_data", lambda *a, **k: pytest.fail("read the whole network"))
    result = invoke(["viz", "--focus", "Bolsonaro", "-o", "-"], expect=1)
    assert "'Bolsonaro' matches several actors: Eduardo Bolsonaro" in result.output
