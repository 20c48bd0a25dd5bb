"""The network around one actor, found by walking out from it: what `kg viz --focus` draws.

The same nodes and edges as cutting the whole network (kg.network.graphdata.network_data, with the same
filters) down to the actors within `depth` relationships of the centre, and the edges among them; but
only the neighbourhood is read. Each step asks for the facts of the actors reached so far (network_edges_of,
their IRIs bound), then for what the other ends are (network_nodes, actor_names) and for the facts' sources
(statement_sources): a handful of bound-IRI queries per step, whatever the size of the graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.network.graphdata import (Edge, NetworkData, Node, actor_nodes, add_aliases, edge_of, evidence_by_statement,
                                  kept, row_key)
from kg.sparql.catalogue import select_for


class _Walk:
    """The actors and facts read so far, and the filters that decide which of them the picture keeps."""

    def __init__(self, engine, relations: Iterable[str], sources: Iterable[str], types: Iterable[str]):
        self.engine = engine
        self.filters = (list(relations), list(sources), list(types))
        self.actors: dict[str, Node] = {}  # every actor whose node was read, kept or not
        self.asked: set[str] = set()  # IRIs already looked up as actors

    def read_actors(self, iris: Iterable[str]) -> None:
        new = set(iris) - self.asked
        self.asked |= new
        nodes = actor_nodes(select_for(self.engine, "network_nodes", "actor", new))
        add_aliases(nodes, select_for(self.engine, "actor_names", "actor", nodes))
        self.actors.update(nodes)

    def edges_of(self, actors: Iterable[str], within: set[str] | None = None) -> dict[tuple, Edge]:
        """The edges the filters keep that touch `actors` (and, given `within`, have both ends in it), by
        their place in network_data's order (kg.network.graphdata.row_key)."""
        rows = {}
        for row in select_for(self.engine, "network_edges_of", "actor", actors):
            del row["actor"]
            rows[row_key(row)] = row
        ends = {term.value for row in rows.values() for term in (row["subject"], row["object"])
                if isinstance(term, ox.NamedNode)}
        self.read_actors(ends if within is None else ends & within)
        candidates = {key: row for key, row in rows.items()
                      if row["subject"].value in self.actors and row["object"].value in self.actors
                      and (within is None or {row["subject"].value, row["object"].value} <= within)}
        statements = {row["statement"].value for row in candidates.values()}
        evidence = evidence_by_statement(select_for(self.engine, "statement_sources", "statement", statements))
        edges = {key: edge_of(row, evidence) for key, row in candidates.items()}
        keep = {id(edge) for edge in kept(self.actors, list(edges.values()), *self.filters).edges}
        return {key: edge for key, edge in edges.items() if id(edge) in keep}


def focus_data(engine, centre: str, depth: int, relations: Iterable[str] = (), sources: Iterable[str] = (),
               types: Iterable[str] = ()) -> NetworkData:
    """The actors within `depth` relationships of `centre` (either direction) and the edges among them, of the
    network that network_data(engine, relations, sources, types) gives; NotFoundError when the centre is not
    in it (no actor, or no relationship that the filters keep)."""
    walk = _Walk(engine, relations, sources, types)
    walk.read_actors([centre])
    filtered = bool(relations or sources or types)
    first = walk.edges_of([centre]) if filtered or depth else {}
    if centre not in kept(walk.actors, list(first.values()), relations, sources, types).nodes:
        name = walk.actors[centre].label if centre in walk.actors else centre
        raise NotFoundError(f"{name} has no relationship that the filters keep")
    reached, frontier, found = {centre}, {centre}, {}
    for step in range(depth):
        edges = first if step == 0 else walk.edges_of(frontier)
        found.update(edges)
        frontier = {end for e in edges.values() for end in (e.source, e.target)} - reached
        reached |= frontier
        if not frontier:
            break
    else:  # the edges between two actors of the last step were not read yet
        found.update(walk.edges_of(frontier, within=reached))
    edges = [found[key] for key in sorted(found) if {found[key].source, found[key].target} <= reached]
    return NetworkData({iri: walk.actors[iri] for iri in sorted(reached)}, edges)

