"""Running a SPARQL query with parameters as users give them: names, prefixed IRIs, numbers."""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import InputError
from kg.lookups.common import labels_by_language
from kg.names.index import preferred_label
from kg.names.resolve import parameter_term
from kg.rdf.namespaces import shorten
from kg.rdf.terms import python_value
from kg.sparql.catalogue import get_query, select_for
from kg.sparql.results import QueryResult
from kg.store.engines import as_engine

_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.DOTALL)


def parse_params(params, declared: tuple[str, ...] | None, engine) -> dict:
    """Bindings from `name=value` texts (kg query --param); `declared` are a named query's parameters."""
    bindings = {}
    for param in params:
        match = _PARAM.match(param)
        if not match:
            raise InputError(f"--param {shorten(param)!r}: write it as name=value, e.g. --param actor=Milei")
        name, value = match.groups()
        if declared is not None and name not in declared:
            known = ", ".join(declared) if declared else "none"
            raise InputError(f"this named query has no parameter {name!r}; its parameters: {known}")
        bindings[name] = parameter_term(value, engine, actor_expected=declared is not None)
    return bindings


def run_query(name: str, engine=None, **params) -> list[dict]:
    """The rows of the named query `name` as dicts of plain Python values, one key per selected variable.

    Each keyword binds the query parameter of that name (its `#+ param:` lines) as `kg query --param` does
    (kg.names.resolve.parameter_term): an IRI, full or prefixed ("kg:javier-milei"), is itself, a number or
    true/false a typed literal, other text an actor's name ("Milei"); Python numbers and booleans, and RDF
    terms, bind as they are. A parameter left out matches everything. Values come back as by python_value,
    None where a variable is unbound.
    `engine` is an engine from kg.store.engines.open_engine or its name, "store" (default) or "rdflib".
    """
    query = get_query(name)
    unknown = sorted(set(params) - set(query.params))
    if unknown:
        known = ", ".join(query.params) or "none"
        raise InputError(f"named query {name!r} has no parameter {unknown[0]!r}; its parameters: {known}")
    engine = as_engine(engine)
    bindings = {}
    for key, value in params.items():
        if isinstance(value, (bool, int, float)):
            value = ox.Literal(value)
        bindings[key] = value if isinstance(value, (ox.NamedNode, ox.Literal)) else parameter_term(value, engine, True)
    result = engine.query(query.text, bindings)
    return [{v: python_value(row[v]) if v in row else None for v in result.variables} for row in result.rows]


def labels_of(engine, iris) -> dict[str, str]:
    """The preferred label (kg.names.index.preferred_label) of each IRI, from one query for them all."""
    rows_by_iri: dict[str, list[dict]] = {iri: [] for iri in sorted(set(iris))}
    for row in select_for(engine, "labels", "resource", rows_by_iri):
        rows_by_iri[row["resource"].value].append(row)
    return {iri: preferred_label(labels_by_language(rows, "label"), iri) for iri, rows in rows_by_iri.items()}


def result_iris(result: QueryResult) -> set[str]:
    """The IRIs that a SELECT result's rows hold."""
    return {term.value for row in result.rows for term in row.values() if isinstance(term, ox.NamedNode)}
