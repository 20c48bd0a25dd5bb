"""An index of actors' names, normalised, and how well a typed name matches each (the resolver's tiers).

Names come from the named query actor_name_index (labels in English and Spanish, and aliases), or from a
stored index beside the store (kg.names.stored), which hands out the part of the index a query can match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.names.normalise import normalise
from kg.rdf.namespaces import compact_iri
from kg.sparql.catalogue import get_query

# Scores of the resolver's tiers (kg.names.resolve): a label, an alias, part of a name; fuzzy matches score their similarity ratio (0..1) below PARTIAL.
LABEL, ALIAS, PARTIAL = 3.0, 2.0, 1.0
# Typos scoring below this are not even suggested.
SUGGESTION = 0.7
# "Luiz Inácio Lula da Silva" is a name; "Author of the op-ed (head of ...)" is a description.
PERSON_NAME_WORDS = 5


def preferred_label(labels: dict[str, str], iri: str) -> str:
    """Of labels by language tag, the English one, else the Spanish, untagged or any; else the prefixed IRI."""
    for language in ("en", "es", ""):
        if language in labels:
            return labels[language]
    return next(iter(labels.values()), compact_iri(iri))


@dataclass(frozen=True)
class Actor:
    """An actor of the graph: its IRI and its preferred label."""

    iri: str
    label: str

    @property
    def short(self) -> str:
        """The IRI in prefixed form, e.g. kg:javier-milei."""
        return compact_iri(self.iri)

    def describe(self) -> str:
        return f"{self.label} ({self.short})"


@dataclass
class ActorNames:
    """Every name of one actor, normalised."""

    iri: str
    person: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    names: list[tuple[str, str]] = field(default_factory=list)  # (kind, normalised name)

    @property
    def label(self) -> str:
        return preferred_label(self.labels, self.iri)

    def actor(self) -> Actor:
        return Actor(self.iri, self.label)


class NameIndex:
    """Normalised names of all actors (or of other named things: `key` is the variable holding the IRI),
    with an exact-match dictionary."""

    def __init__(self, rows: Iterable[dict], key: str = "actor"):
        self.actors: dict[str, ActorNames] = {}
        self.exact: dict[str, set[str]] = {}
        for row in rows:
            iri = row[key].value
            entry = self.actors.setdefault(iri, ActorNames(iri))
            name, kind = row["name"], row["kind"].value
            if "person" in row and row["person"].value == "true":
                entry.person = True
            if kind == "label":
                entry.labels.setdefault(getattr(name, "language", None) or "", name.value)
            norm = normalise(name.value)
            if norm and (kind, norm) not in entry.names:
                entry.names.append((kind, norm))
                self.exact.setdefault(norm, set()).add(iri)

    def for_query(self, query: str) -> NameIndex:
        """The part of the index that can match the normalised `query`: here, all of it."""
        return self

    def for_name(self, query: str) -> NameIndex:
        """The part of the index that can decide which actor the normalised `query` names: here, all of it."""
        return self.for_query(query)

    def search(self, query: str, limit: int) -> list[tuple[Actor, float]]:
        """The best `limit` actors for the normalised `query`, best first, with their scores."""
        index = self.for_query(query)
        return ranked(score_actors(query, index), index)[:limit]

    def restricted(self, iris: Iterable[str]) -> NameIndex:
        """The same index with only the entries in `iris`."""
        keep = set(iris)
        index = NameIndex([])
        index.actors = {iri: names for iri, names in self.actors.items() if iri in keep}
        index.exact = {norm: found & keep for norm, found in self.exact.items() if found & keep}
        return index

    @classmethod
    def from_engine(cls, engine) -> NameIndex:
        return cls(engine.select(get_query("actor_name_index").text))


def _run_score(query: list[str], words: list[str], person: bool) -> float:
    """How well the query words match consecutive words of a name, the last one possibly cut short.

    A person's later names ("Fernández", "de Kirchner") count as an alias, in a name short enough to be a
    name rather than a description ("Author of the op-ed"). Any other match counts as part of a name:
    PARTIAL plus up to 0.9 for the share of the name it covers (half as much for a cut-short word).
    """
    best = 0.0
    size = len(query)
    for start in range(len(words) - size + 1):
        window = words[start:start + size]
        if window[:-1] != query[:-1] or not window[-1].startswith(query[-1]):
            continue
        whole = window[-1] == query[-1]
        if whole and person and start > 0 and len(words) <= PERSON_NAME_WORDS:
            return ALIAS
        best = max(best, PARTIAL + 0.9 * size / len(words) * (1 if whole else 0.5))
    return best


def _fuzzy_score(query: str, name: str, matcher) -> float:
    """The similarity of the query to the whole name, or (a little less) to as many consecutive words of it."""
    words = name.split()
    size = len(query.split())
    candidates = [(name, 1.0)] + [
        (" ".join(words[i:i + size]), 0.9 + 0.1 * size / len(words)) for i in range(len(words) - size + 1)
    ]
    best = 0.0
    for candidate, weight in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() * weight > best and matcher.quick_ratio() * weight > best:
            best = max(best, matcher.ratio() * weight)
    return best


def score_actors(query: str, index: NameIndex, fuzzy: bool = True) -> dict[str, float]:
    """Every actor matching the normalised query, with the score of its best name (see the tiers above)."""
    scores: dict[str, float] = {}
    for iri in index.exact.get(query, ()):
        entry = index.actors[iri]
        scores[iri] = LABEL if ("label", query) in entry.names else ALIAS
    words = query.split()
    for iri, entry in index.actors.items():
        if scores.get(iri, 0) >= ALIAS:
            continue
        best = max((_run_score(words, name.split(), entry.person) for _, name in entry.names), default=0.0)
        if best:
            scores[iri] = best
    if scores or not fuzzy:
        return scores
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, "", query, autojunk=False)
    for iri, entry in index.actors.items():
        best = max(_fuzzy_score(query, name, matcher) for _, name in entry.names)
        if best >= SUGGESTION:
            scores[iri] = best
    return scores


def rank_key(match: tuple[Actor, float]) -> tuple:
    """Best score first; equal scores by normalised label, then IRI."""
    actor, score = match
    return -score, normalise(actor.label), actor.iri


def ranked(scores: dict[str, float], index: NameIndex) -> list[tuple[Actor, float]]:
    """The scored actors, best first (rank_key)."""
    return sorted(((index.actors[iri].actor(), score) for iri, score in scores.items()), key=rank_key)


