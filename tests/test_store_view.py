"""StoreView: the union of a store's named graphs read as an rdflib Graph, a triple in two graphs once."""

import pyoxigraph as ox
from rdflib import RDF, RDFS, Literal, URIRef

from kg.rdf.store_view import StoreView

EX = "http://example.org/"


def view():
    store = ox.Store()
    node = ox.NamedNode
    for graph in ("g1", "g2"):  # the same label in two files' graphs
        store.add(ox.Quad(node(EX + "ana"), node(str(RDFS.label)), ox.Literal("Ana", language="es"), node(EX + graph)))
    store.add(ox.Quad(node(EX + "ana"), node(str(RDF.type)), node(EX + "Mayor"), node(EX + "g1")))
    store.add(ox.Quad(node(EX + "Mayor"), node(str(RDFS.subClassOf)), node(EX + "Officer"), node(EX + "g1")))
    store.add(ox.Quad(node(EX + "Officer"), node(str(RDFS.subClassOf)), node(EX + "Person"), node(EX + "g2")))
    return StoreView(store)


def test_a_triple_in_two_graphs_counts_once():
    graph = view()
    assert len(graph) == 4
    assert list(graph.subject_objects(RDFS.label)) == [(URIRef(EX + "ana"), Literal("Ana", lang="es"))]


def test_patterns_answer_rdflib_terms():
    graph = view()
    assert graph.value(URIRef(EX + "ana"), RDF.type) == URIRef(EX + "Mayor")
    assert graph.value(URIRef(EX + "nobody"), RDF.type) is None
    assert (URIRef(EX + "ana"), RDF.type, URIRef(EX + "Mayor")) in graph
    assert (URIRef(EX + "ana"), RDF.type, URIRef(EX + "Person")) not in graph
    assert set(graph.subject_predicates(URIRef(EX + "Mayor"))) == {(URIRef(EX + "ana"), RDF.type)}


def test_transitive_subjects_walk_the_subclasses_across_graphs():
    graph = view()
    assert list(graph.transitive_subjects(RDFS.subClassOf, URIRef(EX + "Person"))) == [
        URIRef(EX + "Person"), URIRef(EX + "Officer"), URIRef(EX + "Mayor")]


def test_select_answers_rows_of_rdflib_terms_with_unbound_as_none():
    rows = set(view().select("SELECT ?s ?type WHERE { ?s rdfs:label ?l OPTIONAL { ?s a ?type } }"))
    assert rows == {(URIRef(EX + "ana"), URIRef(EX + "Mayor"))}
    assert list(view().select("SELECT ?s ?t WHERE { ?s rdfs:subClassOf ?o OPTIONAL { ?s a ?t } } ORDER BY ?s")) == [
        (URIRef(EX + "Mayor"), None), (URIRef(EX + "Officer"), None)]
