"""The pyoxigraph engine: SPARQL over a pyoxigraph store, the embedded one (kg.store) or any other.

Every engine (this one, kg.sparql.rdflib_engine) has the same interface.

Both engines see the union of all named graphs as the default graph, take user values only as bound
RDF terms (SPARQL substitutions / initBindings, never string formatting) and return pyoxigraph terms,
so callers do not care which engine answered. Both refuse what could reach the network or change data
(SERVICE, updates, FROM) before running anything. A bound variable must appear in the query's SELECT
projection: pyoxigraph's substitution (SEP-0007) requires it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.rdf.namespaces import PREFIXES
from kg.sparql.results import QueryResult, Row, Solutions, Term
from kg.sparql.portability import check_portable
from kg.sparql.safety import check_query, decode_codepoints, tokenize


class StoreEngine:
    """SPARQL over a pyoxigraph store; `folder`, for a store kept by kg.store, holds its name index."""

    name = "store"

    def __init__(self, store: ox.Store, folder: Path | None = None):
        self.store = store
        self.folder = folder

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run `sparql` with `bindings` bound; refuses SERVICE, updates and FROM (kg.sparql.safety)."""
        return self.execute(sparql, bindings).collect()

    def dataset_quads(self) -> list[ox.Quad]:
        """Every quad of the store (each input file's triples in its named graph)."""
        return list(self.store.quads_for_pattern(None, None, None, None))

    def execute(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> Solutions:
        """Start `sparql` with `bindings` bound; its rows or triples are computed as they are read."""
        check_query(sparql)
        check_portable(sparql)
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        try:
            try:
                result = self.store.query(
                    _with_values(sparql, bindings or {}), prefixes=PREFIXES, use_default_graph_as_union=True,
                    substitutions=substitutions
                )
            except SyntaxError:  # report the error at its place in the query as written
                result = self.store.query(
                    sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
                )
        except SyntaxError as exc:
            raise InputError(f"malformed SPARQL: {exc}") from None
        except (RuntimeError, OSError) as exc:
            raise InputError(f"cannot run the query: {exc}") from None
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            return Solutions("select", variables, rows=_reported(_rows(result, variables)))
        if isinstance(result, ox.QueryBoolean):
            return Solutions("ask", [], boolean=bool(result))
        return Solutions("graph", [], triples=_reported(iter(result)))

    def select(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of a SELECT query."""
        return self.query(sparql, bindings).rows


def _rows(solutions: ox.QuerySolutions, variables: list[str]) -> Iterator[Row]:
    # a solution iterates over its values in variable order; lookups by name are many times slower
    for solution in solutions:
        yield {name: term for name, term in zip(variables, solution) if term is not None}


def _reported(items: Iterator) -> Iterator:
    """`items`, with an evaluation error raised while reading them as an InputError."""
    try:
        yield from items
    except (RuntimeError, OSError) as exc:
        raise InputError(f"cannot run the query: {exc}") from None


def _with_values(sparql: str, bindings: Mapping[str, Term]) -> str:
    return with_values(sparql, {k: [v] for k, v in bindings.items() if isinstance(v, ox.NamedNode)})


def with_values(sparql: str, iris: Mapping[str, Sequence[ox.NamedNode]]) -> str:
    """The query with a VALUES block for each variable's IRIs at the start of its WHERE clause.

    The store engine adds one for each IRI binding: the bindings still go in as substitutions, so the
    answer is the same, but the VALUES block tells pyoxigraph's planner that the variable is bound, so that
    it starts from that IRI rather than scanning a whole class (at a million triples, 1 ms instead of 400 ms
    for endorsements_received). Only IRIs are written into the text, and pyoxigraph has validated them:
    they hold no '>', quote, brace or space.
    """
    return _at_where(sparql, " ".join(f"VALUES ?{name} {{ {' '.join(map(str, terms))} }}"
                                      for name, terms in iris.items()) if iris else "")


def with_iri_filter(sparql: str, iris: Mapping[str, Sequence[ox.NamedNode]]) -> str:
    """The query with FILTER(?v IN (...)) for each variable's IRIs at the start of its WHERE clause: the same
    rows as with_values where the variable is bound in that clause (IRIs compare as terms). For Virtuoso,
    which answers some VALUES blocks wrongly (kg.sparql.endpoint_engine)."""
    return _at_where(sparql, " ".join(f"FILTER(?{name} IN ({', '.join(map(str, terms))}))"
                                      for name, terms in iris.items()) if iris else "")


def _at_where(sparql: str, block: str) -> str:
    """`block` inserted after the opening brace of the query's WHERE clause (or its first group: WHERE is
    optional), or the query unchanged if there is no block or no such place."""
    if not block or decode_codepoints(sparql) != [sparql]:
        return sparql
    line_starts = [0] + [i + 1 for i, ch in enumerate(sparql) if ch == "\n"]
    depth, after_where, first, target = 0, False, None, None
    for token in tokenize(sparql):
        if token.kind == "word" and depth == 0 and token.text.upper() == "WHERE":
            after_where = True
        elif token.kind == "punct" and token.text == "{":
            if depth == 0:
                offset = line_starts[token.line - 1] + token.column
                first = first if first is not None else offset
                if after_where:
                    target = offset
                    break
            depth += 1
        elif token.kind == "punct" and token.text == "}":
            depth -= 1
    if target is None and not sparql.lstrip().upper().startswith("CONSTRUCT"):
        target = first
    if target is None:
        return sparql
    return f"{sparql[:target]} {block} {sparql[target:]}"
