"""The networkx projection: actors as nodes, statements as keyed, attributed, directed edges; filters."""

import pytest

from kg.errors import NotFoundError
from kg.network.projection import LIST_SEPARATOR, actor_graph
from kg.store.engines import open_engine

KG = "https://w3id.org/argentina2023/id/"
ST = KG + "statement/"
COMPARISON = "000_9c4870c4c3406898.txt"
OP_ED = "002_0f267a4a9a1e3df1.txt"


@pytest.fixture(scope="module")
def engine():
    return open_engine("store")


@pytest.fixture(scope="module")
def graph(engine):
    return actor_graph(engine)


def test_actors_are_nodes_with_type_and_labels(graph):
    amlo = graph.nodes[KG + "andres-manuel-lopez-obrador"]
    assert amlo["label"] == "Andrés Manuel López Obrador"
    assert amlo["type"] == "Person"
    assert "AMLO" in amlo["aliases"].split(LIST_SEPARATOR)
    assert graph.nodes[KG + "la-libertad-avanza"]["label_es"] == "La Libertad Avanza"
    assert graph.nodes[KG + "la-libertad-avanza"]["type"] == "Coalition"


def test_statement_is_a_directed_edge_keyed_by_its_iri_with_qualifiers_and_evidence(graph):
    edge = graph.edges[KG + "patricia-bullrich", KG + "javier-milei", ST + "endorsement-bullrich-milei"]
    assert edge["relation"] == "endorses"
    assert edge["kind"] == "Endorsement"
    assert edge["date"] == "2023-10-26"
    assert edge["date_text"] == "four days after the election"
    assert edge["sources"].split(LIST_SEPARATOR) == [COMPARISON, OP_ED]
    assert "Bullrich endorsed Milei four days after the election." in edge["quotes"].split(LIST_SEPARATOR)
    assert not graph.has_edge(KG + "javier-milei", KG + "patricia-bullrich", ST + "endorsement-bullrich-milei")


def test_every_attribute_is_a_string(graph):
    values = [v for _, data in graph.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in graph.edges(data=True) for v in data.values()]
    assert values and all(isinstance(v, str) and v for v in values)


def test_without_provenance_the_network_keeps_its_edges_and_drops_aliases_sources_and_quotes(engine, graph):
    lean = actor_graph(engine, provenance=False)
    assert set(lean.edges(keys=True)) == set(graph.edges(keys=True))
    edge = lean.edges[KG + "patricia-bullrich", KG + "javier-milei", ST + "endorsement-bullrich-milei"]
    assert (edge["relation"], edge["date"]) == ("endorses", "2023-10-26")
    assert "sources" not in edge and "quotes" not in edge
    assert "aliases" not in lean.nodes[KG + "andres-manuel-lopez-obrador"]


def test_without_provenance_a_source_filter_still_reads_the_sources(engine):
    lean = actor_graph(engine, sources=["open-letter"], provenance=False)
    assert set(lean.edges(keys=True)) == set(actor_graph(engine, sources=["open-letter"]).edges(keys=True))
    assert lean.number_of_edges() > 0


def test_relation_filter_keeps_only_that_relation_and_linked_actors(engine):
    graph = actor_graph(engine, relations=["withheldEndorsement"])
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {"withheldEndorsement"}
    assert set(graph) == {KG + "jxc-leaders-not-endorsing-milei", KG + "ucr", KG + "javier-milei"}


def test_relation_accepts_labels_prefixed_names_and_iris(engine):
    by_name = set(actor_graph(engine, relations=["runningMate"]).edges(keys=True))
    assert by_name == set(actor_graph(engine, relations=["running mate"]).edges(keys=True))
    assert by_name == set(actor_graph(engine, relations=["kgo:runningMate"]).edges(keys=True))
    iri = "https://w3id.org/argentina2023/ontology#runningMate"
    assert by_name == set(actor_graph(engine, relations=[iri]).edges(keys=True))


def test_source_filter_keeps_statements_from_that_source(engine):
    graph = actor_graph(engine, relations=["endorses"], sources=["op-ed"])
    endorsers = {graph.nodes[u]["label"] for u, _ in graph.edges()}
    assert {"Pedro Sánchez", "Gustavo Petro", "Patricia Bullrich"} <= endorsers
    assert "Mauricio Macri" not in endorsers  # only the comparison reports his endorsement
    assert all(OP_ED in d["sources"] for _, _, d in graph.edges(data=True))


def test_source_accepts_file_names(engine):
    by_file = actor_graph(engine, sources=[COMPARISON])
    assert set(by_file.edges(keys=True)) == set(actor_graph(engine, sources=["comparison"]).edges(keys=True))


def test_unknown_relation_lists_the_known_ones(engine):
    with pytest.raises(NotFoundError, match=r"no relationship 'endorse' in the graph; known: .*endorses"):
        actor_graph(engine, relations=["endorse"])


def test_unknown_source_is_not_found(engine):
    with pytest.raises(NotFoundError, match="blog"):
        actor_graph(engine, sources=["blog"])
