"""Where rdflib's SPARQL engine answers differently from pyoxigraph, the adjustments that make the rdflib
engine (kg.sparql.rdflib_engine) give the store engine's answers.

* Literals: pyoxigraph stores typed literals by value and writes them in canonical form (`30.0` as
  xsd:decimal reads back `30`, `"1"^^xsd:boolean` as `true`); rdflib keeps the lexical form of the file.
  `like_store` (kg.sparql.canonical) writes an rdflib answer's typed literal as pyoxigraph would.
* Aggregates: in SPARQL 1.1 (section 18.5.1) an error in an aggregate's expression, such as SUM over a
  string, makes the aggregate an error, so its variable is left unbound, as pyoxigraph does; rdflib raises
  for SUM and skips the value for AVG. `spec_aggregates` installs SUM and AVG that follow the standard.
* DESCRIBE: both engines give the concise bounded description without reifications (the triples whose
  subject is the resource, and recursively those of the blank nodes they reach); rdflib adds the CBDs of
  the rdf:Statement nodes that reify them. `describe_without_reifications` removes that rule.
"""

from __future__ import annotations

from functools import partial

from rdflib.plugins.sparql import aggregates
from rdflib.plugins.sparql.evalutils import _eval
from rdflib.plugins.sparql.operators import numeric
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLTypeError




class _ErrorMakesUnbound:
    """An accumulator mixin: after a type error in any row, the aggregate's variable stays unbound."""

    failed = False

    def set_value(self, bindings) -> None:
        if not self.failed:
            super().set_value(bindings)


class SpecSum(_ErrorMakesUnbound, aggregates.Sum):
    def update(self, row, aggregator) -> None:
        try:
            super().update(row, aggregator)
        except SPARQLTypeError:
            self.failed = True


class SpecAverage(_ErrorMakesUnbound, aggregates.Average):
    def update(self, row, aggregator) -> None:
        try:
            numeric(_eval(self.expr, row))
        except NotBoundError:
            return
        except SPARQLTypeError:
            self.failed = True
            return
        super().update(row, aggregator)


def spec_aggregates() -> None:
    """Make rdflib's SUM and AVG follow SPARQL 1.1 on type errors (for every rdflib query in this process:
    the change only affects queries that rdflib would otherwise fail or answer against the standard)."""
    aggregates.Aggregator.accumulator_classes.update({"Aggregate_Sum": SpecSum, "Aggregate_Avg": SpecAverage})


def describe_without_reifications(dataset) -> None:
    """Make DESCRIBE over `dataset` give the CBD without reified statements, as pyoxigraph's DESCRIBE."""
    dataset.cbd = partial(type(dataset).cbd, dataset, include_reifications=False)
