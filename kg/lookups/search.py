"""Searching actors by name, best match first, with their types."""

from __future__ import annotations

from dataclasses import dataclass

from kg.lookups.common import types_by_actor
from kg.names.index import Actor
from kg.names.resolve import search as search_names


@dataclass
class Match:
    """An actor whose names match a search, with its score and its types."""

    actor: Actor
    score: float
    type: str


def search(engine, text: str, limit: int = 10) -> list[Match]:
    """Actors whose names match `text`, best first (see kg.names.resolve for the scores)."""
    found = search_names(text, engine, limit)
    types = types_by_actor(engine, [actor.iri for actor, _ in found])
    return [Match(actor, round(score, 3), ", ".join(types[actor.iri])) for actor, score in found]
