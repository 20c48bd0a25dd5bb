"""The graph of actors as plain nodes and edges: what the network analysis and the visualisation draw.

Statement nodes collapse into the direct edge they describe (subject -> object, labelled by predicate),
keeping their qualifiers and evidence as edge attributes. Everything here is plain Python data built from
four named queries, so networkx and pyvis stay off this path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import NotFoundError
from kg.lookups.common import Evidence, value_of
from kg.names.normalise import normalise
from kg.rdf.namespaces import expand_iri, local_name, shorten
from kg.sparql.catalogue import get_query


@dataclass
class Node:
    id: str  # the actor's IRI
    type: str  # local name of its most specific actor class, e.g. "Person", "Coalition"
    type_label: str
    label: str
    label_es: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Edge:
    statement: str  # the statement node's IRI
    kind: str  # local name of the statement class, e.g. "Endorsement"
    source: str  # subject actor IRI
    target: str  # object actor IRI
    predicate: str  # predicate IRI
    relation: str  # predicate local name, e.g. "endorses", "memberOf"
    relation_label: str  # predicate's English label, e.g. "endorses", "member of"
    qualifiers: dict[str, str] = field(default_factory=dict)  # date, dateText, start, end, role, context, inferred
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def source_ids(self) -> list[str]:
        return sorted({e.source for e in self.evidence})


@dataclass
class NetworkData:
    nodes: dict[str, Node]
    edges: list[Edge]


QUALIFIERS = ("date", "dateText", "start", "end", "role", "context", "inferred")


def network_data(
    engine,
    relations: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    include_documents: bool = True,
) -> NetworkData:
    """Actors and the facts between them, optionally filtered.

    relations: predicate local names or IRIs to keep (e.g. "endorses", "memberOf");
    sources: source IRIs to keep an edge for (an edge stays if any of its sources is kept);
    types: actor type local names to keep (e.g. "Person"); edges need both ends kept.
    Nodes without edges are kept unless a filter is given.
    """
    nodes = {}
    for row in engine.select(get_query("network_nodes").text):
        iri = row["actor"].value
        type_name = local_name(row["type"].value)
        if not include_documents and type_name in {"SourceDocument", "Document"}:
            continue
        nodes[iri] = Node(iri, type_name, value_of(row, "typeLabel", type_name), value_of(row, "label", local_name(iri)),
                          value_of(row, "labelEs"))
    for row in engine.select(get_query("actor_names").text):
        node = nodes.get(row["actor"].value)
        if node is not None and row["kind"].value == "alias" and row["name"].value not in node.aliases:
            node.aliases.append(row["name"].value)
    if types:
        wanted = set(types)
        nodes = {iri: n for iri, n in nodes.items() if n.type in wanted}

    evidence: dict[str, list[Evidence]] = {}
    for row in engine.select(get_query("network_evidence").text):
        evidence.setdefault(row["statement"].value, []).append(
            Evidence(row["source"].value, value_of(row, "sourceLabel"), value_of(row, "fileName"), row["quote"].value)
        )

    wanted_relations = set(relations or ())
    wanted_sources = set(sources or ())
    edges = []
    for row in engine.select(get_query("network_edges").text):
        subject, obj = row["subject"].value, row["object"].value
        if subject not in nodes or obj not in nodes:
            continue
        predicate = row["predicate"].value
        relation = local_name(predicate)
        if wanted_relations and relation not in wanted_relations and predicate not in wanted_relations:
            continue
        statement = row["statement"].value
        found = evidence.get(statement, [])
        if wanted_sources and not wanted_sources & {e.source for e in found}:
            continue
        qualifiers = {k: row[k].value for k in QUALIFIERS if k in row}
        edges.append(Edge(statement, local_name(row["kind"].value), subject, obj, predicate, relation,
                          value_of(row, "relation", relation), qualifiers, found))
    if relations or sources or types:
        linked = {e.source for e in edges} | {e.target for e in edges}
        nodes = {iri: n for iri, n in nodes.items() if iri in linked}
    return NetworkData(nodes, edges)


def resolve_relations(data: NetworkData, names: Iterable[str]) -> list[str]:
    """Predicate local names for relationships given by local name ("runningMate"), English label ("running
    mate"), prefixed name ("kgo:runningMate") or IRI. NotFoundError lists the relationships of `data` otherwise;
    a malformed IRI is an InputError."""
    known = {}
    for edge in data.edges:
        for name in (edge.relation, edge.predicate, edge.relation_label):
            known[normalise(name)] = edge.relation
    choices = {e.relation for e in data.edges}
    return [_pick(known, expand_iri(name) or name, "relationship", choices, name) for name in names]


def resolve_types(data: NetworkData, names: Iterable[str]) -> list[str]:
    """Actor type local names given by local name, English label ('political party'), prefixed name or IRI."""
    known = {}
    for node in data.nodes.values():
        for name in (node.type, node.type_label):
            known[normalise(name)] = node.type
    choices = {n.type for n in data.nodes.values()}
    return [_pick(known, local_name(iri) if (iri := expand_iri(name)) else name, "actor type", choices, name)
            for name in names]


def _pick(known: dict[str, str], name: str, what: str, choices: set[str], given: str | None = None) -> str:
    if normalise(name) not in known:
        raise NotFoundError(f"no {what} {shorten(given or name)!r} in the graph; known: {', '.join(sorted(choices))}")
    return known[normalise(name)]
