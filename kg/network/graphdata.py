"""The graph of actors as plain nodes and edges: what the network analysis and the visualisation draw.

Statement nodes collapse into the direct edge they describe (subject -> object, labelled by predicate),
keeping their qualifiers and evidence as edge attributes. Everything here is plain Python data built from
named queries, so networkx and pyvis stay off this path. kg.network.focus walks the same network out
from one actor instead of reading it whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.errors import LimitError, NotFoundError
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
    max_actors: int | None = None,
    provenance: bool = True,
) -> NetworkData:
    """Actors and the facts between them, optionally filtered.

    relations: predicate local names or IRIs to keep (e.g. "endorses", "memberOf");
    sources: source IRIs to keep an edge for (an edge stays if any of its sources is kept);
    types: actor type local names to keep (e.g. "Person"); edges need both ends kept.
    Nodes without edges are kept unless a filter is given.
    max_actors: raise LimitError (check_drawable) if more actors are kept; without filters, as soon as the
    actors are counted.
    provenance: False leaves out the actors' aliases and the edges' evidence (sources and quotes) unless the
    `sources` filter needs it, as the analysis of centrality, communities and brokers may (24 of 40 s at a
    million quads).
    """
    nodes = actor_nodes(engine.select(get_query("network_nodes").text))
    if not (relations or sources or types):
        check_drawable(len(nodes), max_actors)
    if provenance:
        add_aliases(nodes, engine.select(get_query("actor_names").text))
    evidence = (evidence_by_statement(engine.select(get_query("network_evidence").text))
                if provenance or sources else {})
    rows = engine.select(get_query("network_edges").text)
    data = kept(nodes, [edge_of(row, evidence) for row in ordered(rows)], relations, sources, types)
    check_drawable(len(data.nodes), max_actors)
    return data


def check_drawable(actors: int, max_actors: int | None) -> None:
    """LimitError if a page would draw more than `max_actors` actors (None: no limit), which no browser lays out."""
    if max_actors is not None and actors > max_actors:
        raise LimitError(f"the page would draw {actors:,} actors, more than a browser can lay out "
                         f"(--max-actors {max_actors:,}): draw part of the graph with --focus NAME, --relation, "
                         "--source or --type, or raise --max-actors")


def actor_nodes(rows: Iterable[dict]) -> dict[str, Node]:
    """The nodes of network_nodes' rows, by IRI."""
    nodes = {}
    for row in rows:
        iri = row["actor"].value
        type_name = local_name(row["type"].value)
        nodes[iri] = Node(iri, type_name, value_of(row, "typeLabel", type_name), value_of(row, "label", local_name(iri)),
                          value_of(row, "labelEs"))
    return nodes


def add_aliases(nodes: dict[str, Node], rows: Iterable[dict]) -> None:
    """Give the nodes the aliases among actor_names' rows."""
    for row in rows:
        node = nodes.get(row["actor"].value)
        if node is not None and row["kind"].value == "alias" and row["name"].value not in node.aliases:
            node.aliases.append(row["name"].value)


def evidence_by_statement(rows: Iterable[dict]) -> dict[str, list[Evidence]]:
    """Each statement's evidence, from rows of network_evidence or statement_sources, in their order."""
    evidence: dict[str, list[Evidence]] = {}
    for row in rows:
        evidence.setdefault(row["statement"].value, []).append(
            Evidence(row["source"].value, value_of(row, "sourceLabel"), value_of(row, "fileName"), row["quote"].value)
        )
    return evidence


def ordered(rows: Iterable[dict]) -> list[dict]:
    """Edge rows by statement, then by their values (a statement with two labels or dates gives two rows),
    so that the whole network and a walk through it list the same edges in the same order."""
    return sorted(rows, key=row_key)


def row_key(row: dict) -> tuple:
    """An edge row's place in `ordered`: its statement, then its values."""
    return row["statement"].value, tuple(sorted((k, str(v)) for k, v in row.items()))


def edge_of(row: dict, evidence: dict[str, list[Evidence]]) -> Edge:
    """The edge of a row of network_edges (or network_edges_of) with its statement's evidence."""
    predicate = row["predicate"].value
    relation = local_name(predicate)
    statement = row["statement"].value
    return Edge(statement, local_name(row["kind"].value), row["subject"].value, row["object"].value, predicate,
                relation, value_of(row, "relation", relation), {k: row[k].value for k in QUALIFIERS if k in row},
                evidence.get(statement, []))


def kept(nodes: dict[str, Node], edges: list[Edge], relations: Iterable[str] | None = None,
         sources: Iterable[str] | None = None, types: Iterable[str] | None = None) -> NetworkData:
    """The nodes and edges that the filters keep (as network_data takes them): edges need both ends among the
    nodes of the wanted types; with any filter, only nodes that a kept edge links stay."""
    if types:
        wanted = set(types)
        nodes = {iri: n for iri, n in nodes.items() if n.type in wanted}
    wanted_relations = set(relations or ())
    wanted_sources = set(sources or ())
    edges = [e for e in edges if e.source in nodes and e.target in nodes
             and (not wanted_relations or e.relation in wanted_relations or e.predicate in wanted_relations)
             and (not wanted_sources or wanted_sources & {x.source for x in e.evidence})]
    if relations or sources or types:
        linked = {e.source for e in edges} | {e.target for e in edges}
        nodes = {iri: n for iri, n in nodes.items() if iri in linked}
    return NetworkData(nodes, edges)


def resolve_relations(engine, names: Iterable[str]) -> list[str]:
    """Predicate local names for relationships given by local name ("runningMate"), English label ("running
    mate"), prefixed name ("kgo:runningMate") or IRI. NotFoundError lists the network's relationships
    (network_relations) otherwise; a malformed IRI is an InputError."""
    names = list(names)
    if not names:
        return []
    known = {}
    for row in engine.select(get_query("network_relations").text):
        predicate = row["predicate"].value
        relation = local_name(predicate)
        for name in (relation, predicate, value_of(row, "relation", relation)):
            known[normalise(name)] = relation
    return [_pick(known, expand_iri(name) or name, "relationship", set(known.values()), name) for name in names]


def resolve_types(engine, names: Iterable[str]) -> list[str]:
    """Actor type local names given by local name, English label ('political party'), prefixed name or IRI;
    NotFoundError lists the network's types (network_types) otherwise."""
    names = list(names)
    if not names:
        return []
    known = {}
    for row in engine.select(get_query("network_types").text):
        type_name = local_name(row["type"].value)
        for name in (type_name, value_of(row, "typeLabel", type_name)):
            known[normalise(name)] = type_name
    return [_pick(known, local_name(iri) if (iri := expand_iri(name)) else name, "actor type", set(known.values()),
                  name) for name in names]


def _pick(known: dict[str, str], name: str, what: str, choices: set[str], given: str | None = None) -> str:
    if normalise(name) not in known:
        raise NotFoundError(f"no {what} {shorten(given or name)!r} in the graph; known: {', '.join(sorted(choices))}")
    return known[normalise(name)]
