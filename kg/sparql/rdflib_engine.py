"""The rdflib in-memory engine, selectable with --engine rdflib; same interface as kg.sparql.oxigraph_engine.StoreEngine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.sparql import SPARQLError

from kg.errors import InputError
from kg.rdf.dataset import load_dataset, to_oxigraph, to_rdflib
from kg.rdf.namespaces import PREFIXES
from kg.sparql.results import QueryResult, Row, Solutions, Term
from kg.sparql.safety import check_query


class RdflibEngine:
    """SPARQL over kg.load_dataset() with rdflib's engine."""

    name = "rdflib"

    def __init__(self, dataset=None):
        self.dataset = load_dataset() if dataset is None else dataset

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run `sparql` with `bindings` bound; refuses SERVICE, updates and FROM (kg.sparql.safety)."""
        return self.execute(sparql, bindings).collect()

    def execute(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Solutions:
        """Start `sparql` with `bindings` bound; its rows or triples are computed as they are read."""
        check_query(sparql)
        init = {k: to_rdflib(v) for k, v in (bindings or {}).items()}
        try:
            result = self.dataset.query(sparql, initNs=PREFIXES, initBindings=init)
        except ParseException as exc:
            raise InputError(f"malformed SPARQL: line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        except Exception as exc:  # rdflib raises bare Exceptions (an unknown prefix) and SPARQLErrors
            raise InputError(f"cannot run the query: {exc}") from None
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            return Solutions("select", variables, rows=_reported(_rows(result, variables)))
        if result.type == "ASK":
            return Solutions("ask", [], boolean=bool(result.askAnswer))
        return Solutions("graph", [], triples=_reported(
            ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in result.graph))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of a SELECT query."""
        return self.query(sparql, bindings).rows


def _rows(result, variables: list[str]) -> Iterator[Row]:
    for row in result:
        yield {name: to_oxigraph(row[i]) for i, name in enumerate(variables) if row[i] is not None}


def _reported(items: Iterator) -> Iterator:
    """`items`, with an evaluation error raised while reading them as an InputError."""
    try:
        yield from items
    except SPARQLError as exc:
        raise InputError(f"cannot run the query: {exc}") from None
