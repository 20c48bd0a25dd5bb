"""Typed literals in pyoxigraph's canonical form, whichever engine or server produced them."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from kg.rdf.namespaces import XSD_STRING

_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_CANONICAL = ox.Store()  # an empty in-memory store, only to read literals back in pyoxigraph's canonical form
_VALUE = ox.Variable("value")


@lru_cache(maxsize=65536)
def like_store(term: ox.Literal) -> ox.Literal:
    """A typed literal as the store gives it back (its canonical form, for the datatypes pyoxigraph knows)."""
    if term.language or term.datatype.value in (XSD_STRING, _LANG_STRING):
        return term
    (solution,) = _CANONICAL.query("SELECT ?value WHERE {}", substitutions={_VALUE: term})
    return solution[0]
