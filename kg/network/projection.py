"""The graph of actors as a networkx MultiDiGraph: what `kg analyze` measures and `kg export` writes.

Nodes are actor IRIs; each edge is one statement (its key is the statement IRI), directed from subject to
object. Every attribute is a string, so that GraphML, GEXF and CSV hold it as is: lists (aliases, sources,
quotes) are joined with LIST_SEPARATOR in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.network.graphdata import NetworkData, network_data, resolve_relations
from kg.rdf.namespaces import local_name
from kg.store.engines import as_engine

if TYPE_CHECKING:
    import networkx as nx

LIST_SEPARATOR = " | "

# Edge attribute names of the statement qualifiers. GEXF reserves "start" and "end" (dynamic graphs) and
# "type" (edge direction) on edges, so dates of a span are start_date and end_date and the class is "kind".
QUALIFIER_ATTRIBUTES = {
    "date": "date",
    "dateText": "date_text",
    "start": "start_date",
    "end": "end_date",
    "role": "role",
    "context": "context",
    "inferred": "inferred",
}

NODE_ATTRIBUTES = ("label", "label_es", "type", "type_label", "aliases")
EDGE_ATTRIBUTES = ("relation", "label", "kind", "predicate", *QUALIFIER_ATTRIBUTES.values(),
                   "sources", "source_titles", "quotes")


def _present(attributes: dict) -> dict:
    return {k: v for k, v in attributes.items() if v}


def to_networkx(data: NetworkData) -> nx.MultiDiGraph:
    """A MultiDiGraph of `data`: actors by IRI, one edge per statement keyed by the statement's IRI.

    Node attributes: label, label_es, type, type_label, aliases. Edge attributes: relation (predicate
    local name), label (its English label), kind (statement class), predicate (IRI), the qualifiers
    (date, date_text, start_date, end_date, role, context, inferred), sources (file names), source_titles
    and quotes (one per source, in source order). Empty attributes are left out.
    """
    import networkx as nx  # imported here so that `kg export` and `kg --help` load it only when they need it

    graph = nx.MultiDiGraph(name="Actors of Argentina's 2023 presidential election")
    for iri in sorted(data.nodes):
        node = data.nodes[iri]
        graph.add_node(iri, **_present({
            "label": node.label,
            "label_es": node.label_es,
            "type": node.type,
            "type_label": node.type_label,
            "aliases": LIST_SEPARATOR.join(sorted(node.aliases)),
        }))
    for edge in sorted(data.edges, key=lambda e: e.statement):
        evidence = sorted(edge.evidence, key=lambda e: e.source)
        attributes = {
            "relation": edge.relation,
            "label": edge.relation_label,
            "kind": edge.kind,
            "predicate": edge.predicate,
            **{QUALIFIER_ATTRIBUTES[k]: v for k, v in edge.qualifiers.items() if k in QUALIFIER_ATTRIBUTES},
            "sources": LIST_SEPARATOR.join(e.file_name or local_name(e.source) for e in evidence),
            "source_titles": LIST_SEPARATOR.join(e.source_label for e in evidence if e.source_label),
            "quotes": LIST_SEPARATOR.join(e.quote for e in evidence),
        }
        graph.add_edge(edge.source, edge.target, key=edge.statement, **_present(attributes))
    return graph


def actor_graph(engine=None, relations: Iterable[str] = (), sources: Iterable[str] = (),
                provenance: bool = True) -> nx.MultiDiGraph:
    """The actor network, keeping only the statements of the named relationships and sources when given.

    relations: local names ("memberOf"), English labels ("member of"), prefixed names or IRIs (see
    kg.network.graphdata.resolve_relations); sources: titles, aliases ("op-ed"), file names or IRIs (see
    kg.lookups.sources.resolve_sources). `engine` is an engine or its name, "store" (default) or "rdflib".
    provenance: False leaves out aliases, sources and quotes (kg.network.graphdata.network_data).
    """
    engine = as_engine(engine)
    relations = resolve_relations(engine, relations)
    if not sources:
        return to_networkx(network_data(engine, relations, provenance=provenance))
    from kg.lookups.sources import resolve_sources

    return to_networkx(network_data(engine, relations, resolve_sources(engine, sources), provenance=provenance))


def node_label(graph, actor: str) -> str:
    """An actor's English label in a graph of to_networkx, else its IRI."""
    return graph.nodes[actor].get("label", actor)


def node_type(graph, actor: str) -> str:
    """An actor's type (class local name) in a graph of to_networkx."""
    return graph.nodes[actor].get("type", "")


def node_order(graph, actor: str) -> tuple[str, str]:
    """The sort key that lists actors by label, then IRI."""
    return node_label(graph, actor).casefold(), actor
