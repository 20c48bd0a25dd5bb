"""`kg path`: the shortest chain of facts between two actors, each hop named and sourced."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.errors import NotFoundError
from kg.lookups.common import Evidence, evidence_of, label_of, select
from kg.names.index import Actor
from kg.names.resolve import name_index, resolve


@dataclass
class Hop:
    """One fact of a chain between two actors, with its sources."""

    statement: str
    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    evidence: list[Evidence] = field(default_factory=list)


def _links(engine, node: str) -> list[tuple[str, str, str, str, str]]:
    """(neighbour, statement, subject, predicate, object) for each fact linking `node` to a resource."""
    return [(row["neighbour"].value, row["statement"].value, row["subject"].value, row["predicate"].value,
             row["object"].value) for row in select(engine, "statement_links", node=node)]


def _shortest_chain(engine, start: str, goal: str, max_hops: int) -> list[tuple] | None:
    """The links of a shortest chain of facts from start to goal, searching from both ends at once.

    Facts are walked in either direction. Ties between equally short chains are broken by IRI order,
    so the answer is the same on every run.
    """
    if start == goal:
        return []
    # on each side: node -> (distance from that side's end, previous node, link)
    reached = ({start: (0, None, None)}, {goal: (0, None, None)})
    frontiers = ([start], [goal])
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = reached[side], reached[1 - side]
        next_frontier = []
        for node in frontiers[side]:
            for link in sorted(_links(engine, node)):
                neighbour = link[0]
                if neighbour not in mine:
                    mine[neighbour] = (mine[node][0] + 1, node, link)
                    next_frontier.append(neighbour)
        meetings = [n for n in next_frontier if n in theirs]
        if meetings:
            meeting = min(meetings, key=lambda n: (theirs[n][0], n))
            return _walk_back(reached[0], meeting)[::-1] + _walk_back(reached[1], meeting)
        if not next_frontier:
            return None
        frontiers = (next_frontier, frontiers[1]) if side == 0 else (frontiers[0], next_frontier)
    return None


def _walk_back(reached: dict, node: str) -> list[tuple]:
    """The links from `node` back to the end the search started from."""
    links = []
    while reached[node][1] is not None:
        _, previous, link = reached[node]
        links.append(link)
        node = previous
    return links


def path(engine, name_a: str, name_b: str, max_hops: int = 8) -> tuple[Actor, Actor, list[Hop]]:
    """A shortest chain of facts between two actors, each hop named and sourced.

    NotFoundError when no chain of at most `max_hops` facts links them.
    """
    index = name_index(engine)
    a, b = resolve(name_a, engine, index), resolve(name_b, engine, index)
    chain = _shortest_chain(engine, a.iri, b.iri, max_hops)
    if chain is None:
        raise NotFoundError(f"no chain of at most {max_hops} facts links {a.label} and {b.label}")
    labels: dict[str, str] = {}

    def label(iri):
        if iri not in labels:
            labels[iri] = label_of(engine, iri)
        return labels[iri]

    hops = []
    for _, statement, subject, predicate, obj in chain:
        evidence = [evidence_of(row) for row in select(engine, "statement_sources", statement=statement)]
        hops.append(Hop(statement, subject, label(subject), label(predicate), obj, label(obj), evidence))
    return a, b, hops
