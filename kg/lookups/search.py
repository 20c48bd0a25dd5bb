"""Searching actors by name, best match first, with their types."""

from __future__ import annotations

from dataclasses import dataclass

from kg.lookups.common import types_of
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
    matches = []
    for actor, score in search_names(text, engine, limit):
        matches.append(Match(actor, round(score, 3), ", ".join(types_of(engine, actor.iri))))
    return matches
