"""The rdflib in-memory engine, selectable with --engine rdflib; same interface as kg.sparql.oxigraph_engine.StoreEngine."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.sparql import SPARQLError

from kg.errors import InputError
from kg.rdf.dataset import load_dataset, to_oxigraph, to_rdflib
from kg.rdf.namespaces import PREFIXES
from kg.sparql.portability import check_portable
from kg.sparql.canonical import like_store
from kg.sparql.rdflib_compat import describe_without_reifications, spec_aggregates
from kg.sparql.results import QueryResult, Row, Solutions, Term
from kg.sparql.safety import check_query

spec_aggregates()


class RdflibEngine:
    """SPARQL over kg.load_dataset() with rdflib's engine."""

    name = "rdflib"

    def __init__(self, dataset=None):
        self.dataset = load_dataset() if dataset is None else dataset
        describe_without_reifications(self.dataset)

    def dataset_quads(self) -> list[ox.Quad]:
        """Every quad of the dataset, as pyoxigraph quads (each input file's triples in its named graph)."""
        return [ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(getattr(g, "identifier", g)))
                for s, p, o, g in self.dataset.quads((None, None, None, None))]

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run `sparql` with `bindings` bound; refuses SERVICE, updates and FROM (kg.sparql.safety)."""
        return self.execute(sparql, bindings).collect()

    def execute(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Solutions:
        """Start `sparql` with `bindings` bound; its rows or triples are computed as they are read."""
        check_query(sparql)
        check_portable(sparql)
        init = {k: to_rdflib(v) for k, v in (bindings or {}).items()}
        try:
            result = self.dataset.query(sparql, initNs=PREFIXES, initBindings=init)
        except ParseException as exc:
            raise InputError(f"malformed SPARQL: line {exc.lineno}, column {exc.col}: {exc.msg}") from None
        except Exception as exc:  # rdflib raises bare Exceptions (an unknown prefix) and SPARQLErrors
            raise InputError(f"cannot run the query: {exc}") from None
        if result.type == "SELECT":
            return Solutions("select", [str(v) for v in result.vars], rows=_reported(_rows(result)))
        if result.type == "ASK":
            return Solutions("ask", [], boolean=bool(result.askAnswer))
        return Solutions("graph", [], triples=_reported(
            ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in result.graph))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of a SELECT query."""
        return self.query(sparql, bindings).rows


def _rows(result) -> Iterator[Row]:
    # The bindings as rdflib computes them: iterating over the result itself would drop a solution that
    # binds no variable (SELECT * WHERE {} has one), and keep every row in memory.
    bindings = result._genbindings if result._genbindings is not None else result.bindings
    variables = list(result.vars)
    for binding in bindings:
        yield {str(v): _term(binding[v]) for v in variables if binding.get(v) is not None}


def _term(term) -> Term:
    converted = to_oxigraph(term)
    return like_store(converted) if isinstance(converted, ox.Literal) else converted


def _reported(items: Iterator) -> Iterator:
    """`items`, with an evaluation error raised while reading them as an InputError."""
    try:
        yield from items
    except SPARQLError as exc:
        raise InputError(f"cannot run the query: {exc}") from None
