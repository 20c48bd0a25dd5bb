"""The name resolver every lookup shares: from what a user types to one actor's IRI.

Names come from the named query actor_name_index (labels in English and Spanish, and aliases). Matching
is case-, accent- and punctuation-insensitive, and goes through tiers; the first tier with a match decides:

1. an IRI (`<https://...>`, `https://...` or prefixed, `kg:javier-milei`) chooses exactly;
2. the query equals an actor's label (its full name);
3. it equals an alias, or a person's surname part ("Fernández" in "Cristina Fernández de Kirchner");
4. it is part of a name: consecutive words, the last one possibly cut short ("Agustín", "Bullri");
5. it is a near-certain typo of a name or of words in it ("Bulrich").

Several actors in the deciding tier make the name ambiguous; nothing close makes it unknown. Both raise
NotFoundError listing the candidates (full names and IRIs) or suggestions ("did you mean: Javier Milei?").

An engine may provide a prebuilt `name_index()` (a NameIndex) so that large stores need not send every name
to Python on each call; otherwise the index is built from actor_name_index. Matching asks the index for the
part that can match the query (`NameIndex.for_query`): a prebuilt index (kg.nameindex) reads just those actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.queries import get_query
from kg.resources import PREFIXES, compact_iri

# Scores of the tiers above; fuzzy matches score their similarity ratio (0..1) below PARTIAL.
LABEL, ALIAS, PARTIAL = 3.0, 2.0, 1.0
# A typo resolves on its own only when it is this close and no other actor comes near it.
SURE_TYPO, SUGGESTION, TYPO_MARGIN = 0.85, 0.7, 0.1
# "Luiz Inácio Lula da Silva" is a name; "Author of the op-ed (head of ...)" is a description.
PERSON_NAME_WORDS = 5

# Query parameters written as numbers or booleans become typed literals.
XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPED_LITERALS = [(r"[+-]?\d+", "integer"), (r"[+-]?\d*\.\d+", "decimal"), (r"true|false", "boolean")]

# Dropped inside words ("Argentina's" -> "argentinas", "U.S." -> "us"); other non-alphanumerics separate words.
# (A regex with a Unicode class here would cost more to compile than a lookup takes.)
_DROPPED = frozenset("'’‘`´.")


class _Folded(dict):
    """A str.translate table of what normalise keeps of each character, filled as characters come: its
    decomposition (NFKD) without combining marks and dropped characters, other non-alphanumerics as spaces.
    Character by character gives what the whole string gives, as decomposition only reorders combining
    marks, which go."""

    def __missing__(self, code: int) -> str:
        self[code] = "".join(ch if ch.isalnum() else " " for ch in unicodedata.normalize("NFKD", chr(code))
                             if not unicodedata.combining(ch) and ch not in _DROPPED)
        return self[code]


_FOLDED = _Folded()


def normalise(text: str) -> str:
    """Lower case, without accents and punctuation, single spaces: 'Unión por la Patria' -> 'union por la patria'."""
    return " ".join(text.translate(_FOLDED).casefold().split())


def preferred_label(labels: dict[str, str], iri: str) -> str:
    """Of labels by language tag, the English one, else the Spanish, untagged or any; else the prefixed IRI."""
    for language in ("en", "es", ""):
        if language in labels:
            return labels[language]
    return next(iter(labels.values()), compact_iri(iri))


@dataclass(frozen=True)
class Actor:
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


def name_index(engine) -> NameIndex:
    """The engine's prebuilt index if it has one, else one built from actor_name_index."""
    prebuilt = getattr(engine, "name_index", None)
    return prebuilt() if callable(prebuilt) else NameIndex.from_engine(engine)


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


class AmbiguousNameError(NotFoundError):
    """A name that matches several actors equally well (exit 1, like any name that designates no one actor)."""


def _ranked(scores: dict[str, float], index: NameIndex) -> list[tuple[Actor, float]]:
    actors = [(index.actors[iri].actor(), score) for iri, score in scores.items()]
    return sorted(actors, key=lambda pair: (-pair[1], normalise(pair[0].label), pair[0].iri))


def expand_iri(text: str) -> str | None:
    """The IRI that `text` writes (`<iri>`, an absolute http(s) IRI or prefix:name), else None."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return text[1:-1]
    if re.match(r"^https?://\S+$", text):
        return text
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and re.match(r"^[\w.\-%]+$", local):
        return PREFIXES[prefix] + local
    return None


def resolve(name: str, engine, index: NameIndex | None = None, what: str = "actor") -> Actor:
    """The one actor that `name` designates; NotFoundError if it designates none or several."""
    iri = expand_iri(name)
    if iri is not None:
        rows = engine.select(get_query("actor_names").text, {"actor": ox.NamedNode(iri)})
        if not rows:
            raise NotFoundError(f"no {what} has the IRI <{iri}>")
        return NameIndex(rows).actors[iri].actor()
    return choose(name, index or name_index(engine), what)


def choose(name: str, index: NameIndex, what: str = "actor") -> Actor:
    """The one entry of `index` that `name` designates, by the tiers above; NotFoundError otherwise."""
    query = normalise(name)
    if not query:
        raise NotFoundError(f"no {what} matches {name!r}: give a name, alias or IRI")
    index = index.for_query(query)
    ranked = _ranked(score_actors(query, index), index)
    if not ranked:
        raise NotFoundError(f"no {what} matches {name!r}")
    best_actor, best = ranked[0]
    if best >= PARTIAL:
        floor = LABEL if best >= LABEL else ALIAS if best >= ALIAS else PARTIAL
        tier = [actor for actor, score in ranked if score >= floor]
        if len(tier) == 1:
            return best_actor
        listed = "; ".join(actor.describe() for actor in tier[:10])
        more = f" and {len(tier) - 10} more" if len(tier) > 10 else ""
        raise AmbiguousNameError(f"{name!r} matches several {what}s: {listed}{more}; give the full name or the IRI")
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best >= SURE_TYPO and best - runner_up >= TYPO_MARGIN:
        return best_actor
    suggestions = ", ".join(actor.label for actor, score in ranked[:3] if score >= best - TYPO_MARGIN / 2)
    raise NotFoundError(f"no {what} matches {name!r}; did you mean: {suggestions}?")


def parameter_term(value: str, engine, actor_expected: bool = False) -> ox.NamedNode | ox.Literal:
    """The RDF term a query parameter's value stands for.

    An IRI (`<...>`, http(s) or prefixed) is itself; an integer, decimal or true/false is a typed literal;
    an actor's name is that actor's IRI; any other text is a plain literal, unless `actor_expected`, when
    the resolver's error (unknown or ambiguous, with suggestions) is raised instead. A name matching
    several actors is an error either way.
    """
    iri = expand_iri(value)
    if iri is not None:
        return ox.NamedNode(iri)
    for pattern, datatype in _TYPED_LITERALS:
        if re.fullmatch(pattern, value.strip()):
            return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + datatype))
    try:
        return ox.NamedNode(resolve(value, engine).iri)
    except AmbiguousNameError:
        raise
    except NotFoundError:
        if actor_expected:
            raise
        return ox.Literal(value)



def search(text: str, engine, limit: int = 10) -> list[tuple[Actor, float]]:
    """Actors matching `text`, best first, with their scores (3 = a label, 2 = an alias, 1-2 = part of a
    name, below 1 = similarity of a likely typo)."""
    query = normalise(text)
    if not query:
        return []
    index = name_index(engine).for_query(query)
    return _ranked(score_actors(query, index), index)[:limit]
