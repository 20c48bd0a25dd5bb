"""What every lookup shares: running a named query with IRIs bound, evidence (source, file, quote), labels.

Each lookup (kg.lookups.endorsements, show, path, compare, sources, search) takes an engine
(kg.store.engines.open_engine) and names as the user typed them, resolves the names with kg.names, runs named
queries with the resolved IRIs bound as RDF terms, and returns plain data (dataclasses) that kg.commands and
kg.web render. Every fact comes with its evidence: source, file and quote.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.names.index import preferred_label
from kg.rdf.namespaces import local_name
from kg.rdf.terms import display_term
from kg.sparql.catalogue import get_query, select_for
from kg.sparql.ordering import sorted_by, without_plain_order


@dataclass
class Evidence:
    """One source's support for a fact: the source and its verbatim quote."""

    source: str  # the source's IRI
    source_label: str
    file_name: str
    quote: str


def value_of(row: dict, key: str, default: str = "") -> str:
    """The value of a row's term, or `default` when the variable is unbound."""
    term = row.get(key)
    return term.value if term is not None else default


def label_or_term(row: dict, key: str) -> str:
    """The row's label of `key` (variable `keyLabel`), else the term itself for reading (kg.rdf.terms.display_term)."""
    return value_of(row, key + "Label") or display_term(row[key])


def select(engine, query: str, **bindings: str) -> list[dict]:
    """The rows of the named query `query`, with the given variables bound to IRIs, in the query's order
    (sorted here when it is by plain variables: kg.sparql.ordering)."""
    text, order = without_plain_order(get_query(query).text)
    rows = engine.select(text, {k: ox.NamedNode(v) for k, v in bindings.items()})
    return sorted_by(rows, order) if order else rows


def evidence_of(row: dict) -> Evidence:
    """The source, file name and quote of a row (variables ?source ?sourceLabel ?fileName ?quote)."""
    return Evidence(value_of(row, "source"), value_of(row, "sourceLabel"), value_of(row, "fileName"),
                    value_of(row, "quote"))


def add_evidence(evidence: list[Evidence], row: dict) -> None:
    """Append the row's evidence unless the list has it already (rows repeat per qualifier or label)."""
    item = evidence_of(row)
    if item not in evidence:
        evidence.append(item)


def labels_by_language(rows: list[dict], key: str) -> dict[str, str]:
    """The first label in each language (untagged: "") among the rows' `key` terms."""
    labels: dict[str, str] = {}
    for row in rows:
        labels.setdefault(getattr(row[key], "language", None) or "", row[key].value)
    return labels


def label_of(engine, iri: str) -> str:
    """The English label of a resource, else its Spanish or any label, else its prefixed IRI."""
    return preferred_label(labels_by_language(select(engine, "labels", resource=iri), "label"), iri)


def types_of(engine, iri: str) -> list[str]:
    """The labels of the actor's most specific types, e.g. ["coalition"]."""
    return [_type_label(row) for row in select(engine, "network_nodes", actor=iri)]


def types_by_actor(engine, iris: list[str]) -> dict[str, list[str]]:
    """types_of for several actors in one query: IRI -> the labels of its most specific types."""
    types: dict[str, list[str]] = {iri: [] for iri in iris}
    for row in select_for(engine, "network_nodes", "actor", iris):
        types[row["actor"].value].append(_type_label(row))
    return types


def _type_label(row: dict) -> str:
    return value_of(row, "typeLabel") or local_name(row["type"].value)


# Endorsements
