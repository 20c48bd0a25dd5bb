"""Endorsements: who endorsed an actor, and whom an actor endorsed, each with its date and sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.lookups.common import Evidence, add_evidence, select, value_of
from kg.names.index import Actor
from kg.names.resolve import resolve
from kg.rdf.namespaces import compact_iri


@dataclass
class Endorsement:
    """One endorsement: who endorsed whom, when, and the sources that say so."""

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
