"""`kg show`: everything the graph says about one actor, grouped in sections, each fact with its sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.lookups.common import Evidence, add_evidence, label_or_term, labels_by_language, select, types_of, value_of
from kg.names.index import Actor
from kg.names.resolve import resolve
from kg.rdf.namespaces import compact_iri, local_name


@dataclass
class Fact:
    """One fact about the shown actor, in its direction, with its qualifiers and sources."""

    statement: str
    kind: str  # local name of the statement class: Endorsement, Membership, OfficeHolding, ...
    direction: str  # "out": the actor is the subject; "in": it is the object
    relation: str  # the predicate's English label, e.g. "endorses", "member of"
    other: str  # IRI of the other end, or a literal's value
    other_label: str
    qualifiers: dict[str, str] = field(default_factory=dict)  # qualifier label -> value (labels for IRIs)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    """A claim about the shown actor or made by it, with its sources."""

    claim: str
    role: str  # "about": the claim is about the actor; "claimant": the actor makes it
    claimant: str
    text: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Profile:
    """Everything `kg show` prints about one actor."""

    actor: Actor
    types: list[str]
    labels: dict[str, str]  # language -> label
    aliases: list[str]
    sections: dict[str, list[Fact]]  # section title -> facts, in SECTIONS order
    claims: list[Claim]


# Section of `kg show` for each kind of fact and direction, in the order they are shown.
SECTIONS = [
    ("attributes", {("Attribute", "out")}),
    ("offices and roles", {("OfficeHolding", "out"), ("Leadership", "out")}),
    ("memberships", {("Membership", "out")}),
    ("members", {("Membership", "in")}),
    ("held by", {("OfficeHolding", "in"), ("Leadership", "in")}),
    ("ticket", {("Ticket", "out"), ("Ticket", "in")}),
    ("candidacies and results", {("Candidacy", "out"), ("RegionalResult", "out")}),
    ("candidates and results", {("Candidacy", "in"), ("RegionalResult", "in")}),
    ("endorsements received", {("Endorsement", "in")}),
    ("endorsements given", {("Endorsement", "out")}),
    ("stances", {("Stance", "out")}),
    ("signatures", {("Signature", "out")}),
    ("signed by", {("Signature", "in")}),
]
OTHER_SECTION = "ties"


def _section(kind: str, direction: str) -> str:
    for title, keys in SECTIONS:
        if (kind, direction) in keys:
            return title
    return OTHER_SECTION


def _start(fact: Fact) -> str:
    return fact.qualifiers.get("start date") or fact.qualifiers.get("date") or "~"


def show(engine, name: str) -> Profile:
    """Everything the graph says about the actor `name` designates, each fact with its sources."""
    actor = resolve(name, engine)
    names = select(engine, "actor_names", actor=actor.iri)
    labels = labels_by_language([r for r in names if r["kind"].value == "label"], "name")
    aliases = list(dict.fromkeys(r["name"].value for r in names if r["kind"].value == "alias"))
    facts = _facts(engine, actor)
    sections: dict[str, list[Fact]] = {}
    for title in [title for title, _ in SECTIONS] + [OTHER_SECTION]:
        chosen = [f for f in facts if _section(f.kind, f.direction) == title]
        if chosen:
            sections[title] = sorted(chosen, key=lambda f: (_start(f), f.relation, f.other_label, f.statement))
    return Profile(actor, types_of(engine, actor.iri), labels, aliases, sections, _claims(engine, actor))


def _qualifiers(engine, actor: Actor) -> dict[str, dict[str, str]]:
    """Statement IRI -> qualifier label -> value (labels for IRIs; several values joined by '; ')."""
    qualifiers: dict[str, dict[str, str]] = defaultdict(dict)
    for row in select(engine, "actor_fact_qualifiers", actor=actor.iri):
        label = value_of(row, "qualifierLabel", compact_iri(row["qualifier"].value))
        value = value_of(row, "valueLabel") or compact_iri(row["value"].value)
        current = qualifiers[row["statement"].value].get(label)
        qualifiers[row["statement"].value][label] = f"{current}; {value}" if current else value
    return qualifiers


def _facts(engine, actor: Actor) -> list[Fact]:
    qualifiers = _qualifiers(engine, actor)
    facts: dict[tuple[str, str], Fact] = {}
    for row in select(engine, "actor_facts", actor=actor.iri):
        key = (row["statement"].value, row["direction"].value)
        if key not in facts:
            other = row["other"]
            other_label = label_or_term(row, "other")
            relation = value_of(row, "relation", compact_iri(row["predicate"].value))
            facts[key] = Fact(key[0], local_name(row["kind"].value), key[1], relation, other.value, other_label,
                              qualifiers.get(key[0], {}))
        add_evidence(facts[key].evidence, row)
    return list(facts.values())


def _claims(engine, actor: Actor) -> list[Claim]:
    claims: dict[tuple[str, str], Claim] = {}
    for row in select(engine, "claims_about", actor=actor.iri):
        key = (row["claim"].value, row["role"].value)
        if key not in claims:
            claimant = value_of(row, "claimantLabel") or compact_iri(value_of(row, "claimant"))
            claims[key] = Claim(key[0], key[1], claimant, value_of(row, "claimText"))
        add_evidence(claims[key].evidence, row)
    return list(claims.values())
