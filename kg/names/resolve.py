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

An engine whose store was built by kg.store has a name index beside it (kg.names.stored), so that large
stores need not send every name to Python on each call; otherwise the index is built from actor_name_index.
Matching asks the index for the part that can match the query (`NameIndex.for_query`): a stored index reads
just those actors.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.names.index import ALIAS, LABEL, PARTIAL, Actor, NameIndex, ranked, score_actors
from kg.names.normalise import normalise
from kg.names.stored import FILE, StoredNameIndex
from kg.rdf.namespaces import XSD, expand_iri, shorten
from kg.sparql.catalogue import get_query

# A typo resolves on its own only when it is this close and no other actor comes near it.
SURE_TYPO, TYPO_MARGIN = 0.85, 0.1

# Query parameters written as numbers or booleans become typed literals.
_TYPED_LITERALS = [(r"[+-]?\d+", "integer"), (r"[+-]?\d*\.\d+", "decimal"), (r"true|false", "boolean")]


def name_index(engine) -> NameIndex:
    """The index stored beside the engine's store if there is one, else one built from actor_name_index."""
    folder = getattr(engine, "folder", None)
    if folder is not None and (folder / FILE).is_file():
        return StoredNameIndex(folder / FILE)
    return NameIndex.from_engine(engine)


class AmbiguousNameError(NotFoundError):
    """A name that matches several actors equally well (exit 1, like any name that designates no one actor)."""


def resolve(name: str, engine, index: NameIndex | None = None, what: str = "actor") -> Actor:
    """The one actor that `name` designates; NotFoundError if it designates none or several."""
    iri = expand_iri(name)
    if iri is not None:
        rows = engine.select(get_query("actor_names").text, {"actor": ox.NamedNode(iri)})
        if not rows:
            raise NotFoundError(f"no {what} has the IRI <{shorten(iri)}>")
        return NameIndex(rows).actors[iri].actor()
    return choose(name, index or name_index(engine), what)


def choose(name: str, index: NameIndex, what: str = "actor") -> Actor:
    """The one entry of `index` that `name` designates, by the tiers above; NotFoundError otherwise."""
    query = normalise(name)
    if not query:
        raise NotFoundError(f"no {what} matches {shorten(name)!r}: give a name, alias or IRI")
    index = index.for_name(query)
    matches = ranked(score_actors(query, index), index)
    if not matches:
        raise NotFoundError(f"no {what} matches {shorten(name)!r}")
    best_actor, best = matches[0]
    if best >= PARTIAL:
        floor = LABEL if best >= LABEL else ALIAS if best >= ALIAS else PARTIAL
        tier = [actor for actor, score in matches if score >= floor]
        if len(tier) == 1:
            return best_actor
        listed = "; ".join(actor.describe() for actor in tier[:10])
        more = f" and {len(tier) - 10} more" if len(tier) > 10 else ""
        raise AmbiguousNameError(f"{shorten(name)!r} matches several {what}s: {listed}{more}; give the full name or the IRI")
    runner_up = matches[1][1] if len(matches) > 1 else 0.0
    if best >= SURE_TYPO and best - runner_up >= TYPO_MARGIN:
        return best_actor
    suggestions = ", ".join(actor.label for actor, score in matches[:3] if score >= best - TYPO_MARGIN / 2)
    raise NotFoundError(f"no {what} matches {shorten(name)!r}; did you mean: {suggestions}?")


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
    return name_index(engine).search(query, limit)
