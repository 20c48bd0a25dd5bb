"""The analysis at scale: betweenness per connected component on sparse matrices (networkx's values, exact or
estimated from the same seeded pivots), sampling said, and only the sections asked for computed."""

import json

import networkx as nx
import pytest

from kg.network import analysis
from kg.network import betweenness as pivots
from kg.network.analysis import SEED, analyze, undirected
from kg.network.betweenness import betweenness
from kg.network.projection import actor_graph
from kg.store.engines import open_engine
from conftest import invoke


def _multi_component_graph() -> nx.Graph:
    """Four components: a path, a star with a tail, a cycle with a chord, and a lone edge."""
    graph = nx.Graph()
    graph.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a3", "a4"), ("a4", "a5")])
    graph.add_edges_from([("b0", "b1"), ("b0", "b2"), ("b0", "b3"), ("b3", "b4")])
    graph.add_edges_from([("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c4", "c1"), ("c1", "c3"), ("c4", "c5")])
    graph.add_edge("d1", "d2")
    return graph


def _close(found: dict, expected: dict) -> bool:
    return found.keys() == expected.keys() and all(found[k] == pytest.approx(expected[k], rel=1e-9, abs=1e-15)
                                                   for k in expected)


def test_betweenness_per_component_equals_networkx_on_the_whole_graph():
    graph = _multi_component_graph()
    scores, notes = betweenness(graph, SEED)
    assert _close(scores, nx.betweenness_centrality(graph))
    assert notes == []
    assert scores["b0"] > scores["b3"] > 0 and scores["d1"] == 0.0
    pairs = 16 * 15 / 2  # of the 17 actors, the other 16 make 120 pairs
    assert scores["b0"] == pytest.approx(5 / pairs)  # b1-b2, b1-b3, b2-b3, b1-b4, b2-b4
    assert scores["a3"] == pytest.approx(4 / pairs)  # a1-a4, a1-a5, a2-a4, a2-a5


def test_betweenness_of_the_shipped_network_equals_networkx():
    simple = undirected(actor_graph(open_engine()))
    assert nx.number_connected_components(simple) > 1
    assert _close(betweenness(simple, SEED)[0], nx.betweenness_centrality(simple))


def test_betweenness_of_a_scale_free_graph_in_batches_equals_networkx(monkeypatch):
    monkeypatch.setattr(pivots, "CELLS", 300 * 7)  # batches of 7 sources
    graph = nx.barabasi_albert_graph(300, 2, seed=3)
    assert _close(betweenness(graph, SEED)[0], nx.betweenness_centrality(graph))


def test_a_sampled_estimate_is_networkx_estimate_from_the_same_pivots(monkeypatch):
    monkeypatch.setattr(pivots, "BETWEENNESS_EXACT_UP_TO", 100)
    monkeypatch.setattr(pivots, "BETWEENNESS_PIVOTS", 20)
    graph = nx.barabasi_albert_graph(300, 2, seed=3)
    scores, notes = betweenness(graph, SEED)
    counts = nx.betweenness_centrality(graph, k=20, normalized=False, seed=SEED)
    assert _close(scores, {node: count * 2 / (299 * 298) for node, count in counts.items()})
    assert notes == ["betweenness estimated from 20 of the 300 actors of a connected component (seed 2023); "
                     "exact up to 100 actors per component"]


def test_a_large_component_is_sampled_with_the_seed_and_said(monkeypatch):
    monkeypatch.setattr(pivots, "BETWEENNESS_EXACT_UP_TO", 4)
    monkeypatch.setattr(pivots, "BETWEENNESS_PIVOTS", 2)
    graph = _multi_component_graph()
    first, notes = betweenness(graph, SEED)
    assert betweenness(graph, SEED) == (first, notes)
    assert notes == [
        "betweenness estimated from 2 of the 5 actors of a connected component (seed 2023); exact up to 4 actors "
        "per component"] * 3
    exact = nx.betweenness_centrality(graph)
    assert first["d1"] == exact["d1"] == 0.0
    assert first != exact


def test_only_the_sections_asked_for_are_computed(monkeypatch):
    graph = actor_graph(open_engine())

    def refuse(*args, **kwargs):
        raise AssertionError("computed a section that was not asked for")

    monkeypatch.setattr(analysis, "communities", refuse)
    monkeypatch.setattr(analysis, "camps", refuse)
    result = analyze(graph, ["https://w3id.org/argentina2023/id/javier-milei"], top=1, sections=["centrality"])
    assert [c.label for c in result.centrality] == ["Javier Milei"]
    assert result.communities == [] and result.camps == [] and result.brokers == []


def test_camps_alone_computes_no_centrality(monkeypatch):
    monkeypatch.setattr(analysis, "centrality", lambda *a, **k: pytest.fail("centrality computed"))
    monkeypatch.setattr(analysis, "communities", lambda *a, **k: pytest.fail("communities computed"))
    result = invoke(["analyze", "--section", "camps", "--format", "json"])
    data = json.loads(result.output)
    assert list(data) == ["actors", "statements", "camps"]
    assert ("Javier Milei", "against", "Podemos") in {(m["candidate_label"], m["stance"], m["label"])
                                                      for m in data["camps"]}


def test_sampling_is_said_in_the_table_and_json(monkeypatch):
    monkeypatch.setattr(pivots, "BETWEENNESS_EXACT_UP_TO", 10)
    monkeypatch.setattr(pivots, "BETWEENNESS_PIVOTS", 5)
    table = invoke(["analyze", "--section", "centrality", "--top", "1"]).output
    assert "Note: betweenness estimated from 5 of the " in table
    data = json.loads(invoke(["analyze", "--section", "brokers", "--format", "json"]).output)
    assert data["notes"][0].startswith("betweenness estimated from 5 of the ")


def test_no_note_when_betweenness_is_exact():
    data = json.loads(invoke(["analyze", "--section", "centrality", "--format", "json", "--top", "1"]).output)
    assert "notes" not in data
    assert data["centrality"][0]["label"] == "Javier Milei"
