"""RDF terms as plain values: for Python callers, and for people reading a row."""

from __future__ import annotations

import pyoxigraph as ox

from kg.rdf.namespaces import XSD, compact_iri

INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
                                   "unsignedShort", "unsignedByte")}
FLOAT_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def python_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str | int | float | bool:
    """A query result term as plain Python: IRIs as strings, numbers and booleans as such, other literals as text."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    datatype = term.datatype.value
    try:
        if datatype in INTEGER_TYPES:
            return int(term.value)
        if datatype in FLOAT_TYPES:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


def display_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """A term for reading: a literal's value, an IRI in prefixed form, a blank node as _:id."""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return compact_iri(term.value)
