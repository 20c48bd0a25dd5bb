"""Lookups over the graph: who endorsed whom, and actor search; the helpers every lookup module shares.

Each lookup takes an engine (kg.engine.open_engine) and names as the user typed them, resolves the names
with kg.resolve, runs named queries with the resolved IRIs bound as RDF terms, and returns plain data
(dataclasses) that kg.commands prints. Every fact comes with its evidence: source, file and quote.
The other lookups live beside this module: kg.profile (show), kg.paths (path), kg.stances (compare) and
kg.sources (sources, claims, single-source facts), so that each command imports only what it needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graphdata import Evidence, local_name, value_of
from kg.queries import get_query
from kg.resolve import Actor, preferred_label, resolve, search as search_names
from kg.resources import compact_iri


def select(engine, query: str, **bindings: str) -> list[dict]:
    """The rows of the named query `query`, with the given variables bound to IRIs."""
    return engine.select(get_query(query).text, {k: ox.NamedNode(v) for k, v in bindings.items()})


def evidence_of(row: dict) -> Evidence:
    """The source, file name and quote of a row (variables ?source ?sourceLabel ?fileName ?quote)."""
    return Evidence(value_of(row, "source"), value_of(row, "sourceLabel"), value_of(row, "fileName"),
                    value_of(row, "quote"))


def add_evidence(evidence: list[Evidence], row: dict) -> None:
    """Append the row's evidence unless the list has it already (rows repeat per qualifier or label)."""
    item = evidence_of(row)
    if item not in evidence:
        evidence.append(item)


def labels_by_language(rows: list[dict], key: str) -> dict[str, str]:
    """The first label in each language (untagged: "") among the rows' `key` terms."""
    labels: dict[str, str] = {}
    for row in rows:
        labels.setdefault(getattr(row[key], "language", None) or "", row[key].value)
    return labels


def label_of(engine, iri: str) -> str:
    """The English label of a resource, else its Spanish or any label, else its prefixed IRI."""
    return preferred_label(labels_by_language(select(engine, "labels", resource=iri), "label"), iri)


def types_of(engine, iri: str) -> list[str]:
    """The labels of the actor's most specific types, e.g. ["coalition"]."""
    return [value_of(row, "typeLabel") or local_name(row["type"].value)
            for row in select(engine, "network_nodes", actor=iri)]


# Endorsements


@dataclass
class Endorsement:
    statement: str
    endorser: Actor
    endorsed: Actor
    date: str = ""
    date_text: str = ""
    evidence: list[Evidence] = field(default_factory=list)


def _endorsements(engine, query: str, actor: Actor, other_key: str, actor_is_endorser: bool) -> list[Endorsement]:
    found: dict[str, Endorsement] = {}
    for row in select(engine, query, actor=actor.iri):
        statement = row["statement"].value
        if statement not in found:
            iri = row[other_key].value
            other = Actor(iri, value_of(row, other_key + "Label", compact_iri(iri)))
            endorser, endorsed = (actor, other) if actor_is_endorser else (other, actor)
            found[statement] = Endorsement(statement, endorser, endorsed, value_of(row, "date"),
                                           value_of(row, "dateText"))
        add_evidence(found[statement].evidence, row)
    return list(found.values())


def who_endorsed(engine, name: str) -> tuple[Actor, list[Endorsement]]:
    """The actor `name` designates and the endorsements it received, each with date and sources."""
    actor = resolve(name, engine)
    return actor, _endorsements(engine, "endorsements_received", actor, "endorser", actor_is_endorser=False)


def endorsements_by(engine, name: str) -> tuple[Actor, list[Endorsement]]:
    """The actor `name` designates and the endorsements it gave."""
    actor = resolve(name, engine)
    return actor, _endorsements(engine, "endorsements_given", actor, "endorsed", actor_is_endorser=True)


# Search


@dataclass
class Match:
    actor: Actor
    score: float
    type: str


def search(engine, text: str, limit: int = 10) -> list[Match]:
    """Actors whose names match `text`, best first (see kg.resolve for the scores)."""
    matches = []
    for actor, score in search_names(text, engine, limit):
        matches.append(Match(actor, round(score, 3), ", ".join(types_of(engine, actor.iri))))
    return matches
