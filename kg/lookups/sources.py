"""What each source document asserts: counts of facts and claims, its claims, the facts only it supports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.lookups.common import Evidence, evidence_of, label_or_term, select, value_of
from kg.names.index import Actor
from kg.names.resolve import name_index, resolve
from kg.rdf.namespaces import compact_iri, local_name
from kg.sparql.catalogue import get_query


@dataclass
class SourceSummary:
    """A source document and how many facts and claims it supports."""

    source: str
    label: str
    file_name: str
    facts: int
    single_source_facts: int
    claims: int


def sources(engine) -> list[SourceSummary]:
    """Each source document with the number of facts it supports, of those only it supports, and of claims."""
    return [
        SourceSummary(row["source"].value, value_of(row, "sourceLabel"), value_of(row, "fileName"),
                      int(value_of(row, "facts", "0")), int(value_of(row, "singleSourceFacts", "0")),
                      int(value_of(row, "claims", "0")))
        for row in engine.select(get_query("facts_per_source").text)
    ]


def resolve_source(engine, name: str) -> Actor:
    """The source document `name` designates: its title, an alias, its file name (or its start) or IRI."""
    iris = {s.source for s in sources(engine)}
    index = name_index(engine).restricted(iris)
    actor = resolve(name, engine, index, what="source")
    if actor.iri not in iris:
        raise NotFoundError(f"{actor.label} ({actor.short}) is not a source document; see `kg sources`")
    return actor


def resolve_sources(engine, names: Iterable[str]) -> list[str]:
    """The IRIs of the source documents named by title, alias ('op-ed'), file name ('000_...txt') or IRI."""
    return [resolve_source(engine, name).iri for name in names]


def _rows_of(engine, query: str, source: str | None) -> list[dict]:
    """The rows of a query over all sources, or over the one `source` names."""
    bindings = {"source": resolve_source(engine, source).iri} if source else {}
    return select(engine, query, **bindings)


@dataclass
class SourcedClaim:
    """A claim with one source's evidence for it."""

    claim: str
    claimant: str
    text: str
    evidence: Evidence


def claims(engine, source: str | None = None) -> list[SourcedClaim]:
    """The claims each source reports (or only `source`), with claimant, text and quote."""
    return [
        SourcedClaim(row["claim"].value, value_of(row, "claimantLabel") or compact_iri(value_of(row, "claimant")),
                     value_of(row, "claimText"), evidence_of(row))
        for row in _rows_of(engine, "claims_per_source", source)
    ]


@dataclass
class SourcedFact:
    """A fact with one source's evidence for it."""

    statement: str
    kind: str
    subject: str
    relation: str
    object: str
    evidence: Evidence


def _sourced_fact(row: dict) -> SourcedFact:
    return SourcedFact(row["statement"].value, local_name(row["kind"].value), label_or_term(row, "subject"),
                       value_of(row, "relation"), label_or_term(row, "object"), evidence_of(row))


def single_source_facts(engine, source: str | None = None) -> list[SourcedFact]:
    """Facts that only one source supports (only those of `source` if given)."""
    return [_sourced_fact(row) for row in _rows_of(engine, "single_source_facts", source)]


def source_facts(engine, source: str) -> list[SourcedFact]:
    """Every fact the source `source` supports, each with its quote from that source."""
    return [_sourced_fact(row) for row in _rows_of(engine, "source_facts", source)]


@dataclass
class SourceMetadata:
    """A source document with its described properties."""

    source: Actor
    properties: list[tuple[str, str, str]]  # (property label, value label, value IRI or "" for a literal)


def source_metadata(engine, name: str) -> SourceMetadata:
    """The source document `name` designates, with its title, date, authors, genre, stance and so on."""
    source = resolve_source(engine, name)
    properties = []
    for row in select(engine, "source_metadata", source=source.iri):
        value = row["value"]
        iri = "" if isinstance(value, ox.Literal) else value.value
        properties.append((value_of(row, "propertyLabel") or local_name(row["property"].value),
                           value_of(row, "valueLabel") or (compact_iri(iri) if iri else value.value), iri))
    return SourceMetadata(source, properties)

