"""The graph of actors as a networkx MultiDiGraph: what `kg analyze` measures and `kg export` writes.

Nodes are actor IRIs; each edge is one statement (its key is the statement IRI), directed from subject to
object. Every attribute is a string, so that GraphML, GEXF and CSV hold it as is: lists (aliases, sources,
quotes) are joined with LIST_SEPARATOR in a fixed order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.engine import as_engine
from kg.errors import InputError
from kg.graphdata import NetworkData, local_name, network_data
from kg.queries import get_query
from kg.resources import PREFIXES

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


def _expand(name: str) -> str:
    prefix, colon, rest = name.partition(":")
    if colon and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return name


def resolve_relations(engine, names: Iterable[str]) -> list[str]:
    """The predicate IRIs that `names` mean: local names ("memberOf"), prefixed names or IRIs.

    Raises InputError listing the known relations when a name matches none.
    """
    known = {row["predicate"].value for row in engine.select(get_query("statement_predicates").text)}
    resolved = []
    for name in names:
        wanted = _expand(name.strip())
        matches = sorted(p for p in known if wanted in (p, local_name(p)) or wanted.lower() == local_name(p).lower())
        if not matches:
            listing = ", ".join(sorted({local_name(p) for p in known}, key=str.lower))
            raise InputError(f"unknown relation {name!r}; known: {listing}")
        resolved.extend(m for m in matches if m not in resolved)
    return resolved


def resolve_sources(engine, names: Iterable[str]) -> list[str]:
    """The source IRIs that `names` mean: a source's local name ("op-ed"), prefixed name, IRI or file name.

    Raises InputError listing the sources when a name matches none.
    """
    rows = engine.select(get_query("source_documents").text)
    resolved = []
    for name in names:
        wanted = _expand(name.strip())
        matches = [row["source"].value for row in rows
                   if wanted in (row["source"].value, local_name(row["source"].value))
                   or ("fileName" in row and wanted == row["fileName"].value)]
        if not matches:
            listing = ", ".join(local_name(row["source"].value) for row in rows)
            raise InputError(f"unknown source {name!r}; known: {listing}")
        resolved.extend(m for m in matches if m not in resolved)
    return resolved


def actor_graph(engine=None, relations: Iterable[str] = (), sources: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The actor network, keeping only the named relations and sources when given (see resolve_relations
    and resolve_sources). `engine` is an engine or its name, "store" (default) or "rdflib"."""
    engine = as_engine(engine)
    relations = resolve_relations(engine, relations) if relations else None
    sources = resolve_sources(engine, sources) if sources else None
    return to_networkx(network_data(engine, relations=relations, sources=sources))
