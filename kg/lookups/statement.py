"""One fact or claim node: what it states (subject, relation, object), its qualifiers and its sources."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.lookups.common import Evidence, evidence_of, select, value_of
from kg.rdf.namespaces import PREFIXES, compact_iri, local_name, shorten

RDF, KGO = PREFIXES["rdf"], PREFIXES["kgo"]
# Properties shown as the statement's shape rather than among its qualifiers.
SHAPE = {RDF + "type": "kinds", RDF + "subject": "subject", RDF + "predicate": "predicate",
         RDF + "object": "object", KGO + "claimant": "claimant", KGO + "claimText": "text"}


@dataclass
class Value:
    """A property's value: an IRI with its label, or a literal (iri is then "")."""

    iri: str
    label: str


@dataclass
class StatementRecord:
    """A statement or claim with its parts, qualifiers and sources."""

    statement: str
    kinds: list[str]  # local names of its classes: Endorsement, Claim, ...
    subject: Value | None = None
    predicate: Value | None = None
    object: Value | None = None
    claimant: Value | None = None
    text: str = ""  # a claim's text
    qualifiers: list[tuple[str, Value]] = field(default_factory=list)  # (property label, value)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_claim(self) -> bool:
        return "Claim" in self.kinds


def _value(row: dict) -> Value:
    term = row["value"]
    if isinstance(term, ox.Literal):
        return Value("", term.value)
    return Value(term.value, value_of(row, "valueLabel") or compact_iri(term.value))


def statement(engine, iri: str) -> StatementRecord:
    """The fact or claim node `iri`; NotFoundError when the graph has no statement or claim by that IRI."""
    rows = select(engine, "statement_properties", statement=iri)
    if not rows:
        raise NotFoundError(f"no fact or claim has the IRI <{shorten(iri)}>")
    record = StatementRecord(iri, [])
    for row in rows:
        prop, value = row["property"].value, _value(row)
        role = SHAPE.get(prop)
        if role == "kinds":
            record.kinds.append(local_name(value.iri))
        elif role == "text":
            record.text = value.label
        elif role:
            setattr(record, role, value)
        else:
            record.qualifiers.append((value_of(row, "propertyLabel") or compact_iri(prop), value))
    record.evidence = [evidence_of(row) for row in select(engine, "statement_sources", statement=iri)]
    return record
