"""Lookups over the graph: who endorsed whom, everything about an actor, search, paths, comparisons, sources.

Each function takes an engine (kg.engine.open_engine) and names as the user typed them, resolves the names
with kg.resolve, runs named queries with the resolved IRIs bound as RDF terms, and returns plain data
(dataclasses); kg.commands.lookup prints it. Every fact comes with its evidence: source, file and quote.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.graphdata import Evidence, local_name
from kg.queries import get_query
from kg.resolve import Actor, NameIndex, choose, name_index, resolve, search as search_names
from kg.resources import compact_iri


def _value(row: dict, key: str, default: str = "") -> str:
    term = row.get(key)
    return term.value if term is not None else default


def _select(engine, query: str, **bindings: str) -> list[dict]:
    return engine.select(get_query(query).text, {k: ox.NamedNode(v) for k, v in bindings.items()})


def _evidence(row: dict) -> Evidence:
    return Evidence(_value(row, "source"), _value(row, "sourceLabel"), _value(row, "fileName"), _value(row, "quote"))


def _add_evidence(evidence: list[Evidence], row: dict) -> None:
    item = _evidence(row)
    if item not in evidence:
        evidence.append(item)


def label_of(engine, iri: str) -> str:
    """The English label of a resource, else its Spanish or any label, else its prefixed IRI."""
    labels = {}
    for row in _select(engine, "labels", resource=iri):
        labels.setdefault(getattr(row["label"], "language", None) or "", row["label"].value)
    for language in ("en", "es", ""):
        if language in labels:
            return labels[language]
    return next(iter(labels.values()), compact_iri(iri))


def _types(engine, iri: str) -> list[str]:
    """The labels of the actor's most specific types, e.g. ["coalition"]."""
    return [_value(row, "typeLabel") or local_name(row["type"].value)
            for row in _select(engine, "network_nodes", actor=iri)]


# Endorsements


@dataclass
class Endorsement:
    statement: str
    endorser: Actor
    endorsed: Actor
    date: str = ""
    date_text: str = ""
    evidence: list[Evidence] = field(default_factory=list)


def _endorsements(engine, query: str, actor: Actor, other_key: str, actor_is_endorser: bool) -> list[Endorsement]:
    found: dict[str, Endorsement] = {}
    for row in _select(engine, query, actor=actor.iri):
        statement = row["statement"].value
        if statement not in found:
            other = Actor(row[other_key].value, _value(row, other_key + "Label", compact_iri(row[other_key].value)))
            endorser, endorsed = (actor, other) if actor_is_endorser else (other, actor)
            found[statement] = Endorsement(statement, endorser, endorsed, _value(row, "date"), _value(row, "dateText"))
        _add_evidence(found[statement].evidence, row)
    return list(found.values())


def who_endorsed(engine, name: str) -> tuple[Actor, list[Endorsement]]:
    """The actor `name` designates and the endorsements it received, each with date and sources."""
    actor = resolve(name, engine)
    return actor, _endorsements(engine, "endorsements_received", actor, "endorser", actor_is_endorser=False)


def endorsements_by(engine, name: str) -> tuple[Actor, list[Endorsement]]:
    """The actor `name` designates and the endorsements it gave."""
    actor = resolve(name, engine)
    return actor, _endorsements(engine, "endorsements_given", actor, "endorsed", actor_is_endorser=True)


# Everything about an actor


@dataclass
class Fact:
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
    claim: str
    role: str  # "about": the claim is about the actor; "claimant": the actor makes it
    claimant: str
    text: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Profile:
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
    labels: dict[str, str] = {}
    aliases: list[str] = []
    for row in _select(engine, "actor_names", actor=actor.iri):
        if row["kind"].value == "label":
            labels.setdefault(getattr(row["name"], "language", None) or "", row["name"].value)
        elif row["name"].value not in aliases:
            aliases.append(row["name"].value)
    types = _types(engine, actor.iri)

    qualifiers: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(engine, "actor_fact_qualifiers", actor=actor.iri):
        label = _value(row, "qualifierLabel", compact_iri(row["qualifier"].value))
        value = _value(row, "valueLabel") or compact_iri(row["value"].value)
        current = qualifiers[row["statement"].value].get(label)
        qualifiers[row["statement"].value][label] = f"{current}; {value}" if current else value

    facts: dict[tuple[str, str], Fact] = {}
    for row in _select(engine, "actor_facts", actor=actor.iri):
        key = (row["statement"].value, row["direction"].value)
        if key not in facts:
            other = row["other"]
            other_label = _value(row, "otherLabel") or (
                other.value if isinstance(other, ox.Literal) else compact_iri(other.value))
            facts[key] = Fact(key[0], row["kind"].value.rsplit("#", 1)[-1], key[1],
                              _value(row, "relation", compact_iri(row["predicate"].value)), other.value, other_label,
                              qualifiers.get(key[0], {}))
        _add_evidence(facts[key].evidence, row)
    sections: dict[str, list[Fact]] = {}
    for title in [title for title, _ in SECTIONS] + [OTHER_SECTION]:
        chosen = [f for f in facts.values() if _section(f.kind, f.direction) == title]
        if chosen:
            sections[title] = sorted(chosen, key=lambda f: (_start(f), f.relation, f.other_label, f.statement))

    claims: dict[tuple[str, str], Claim] = {}
    for row in _select(engine, "claims_about", actor=actor.iri):
        key = (row["claim"].value, row["role"].value)
        if key not in claims:
            claimant = _value(row, "claimantLabel") or compact_iri(_value(row, "claimant"))
            claims[key] = Claim(key[0], key[1], claimant, _value(row, "claimText"))
        _add_evidence(claims[key].evidence, row)
    return Profile(actor, types, labels, aliases, sections, list(claims.values()))


# Search


@dataclass
class Match:
    actor: Actor
    score: float
    type: str


def search(engine, text: str, limit: int = 10) -> list[Match]:
    """Actors whose names match `text`, best first (see kg.resolve for the scores)."""
    matches = []
    for actor, score in search_names(text, engine, limit):
        matches.append(Match(actor, round(score, 3), ", ".join(_types(engine, actor.iri))))
    return matches


# Paths


@dataclass
class Hop:
    statement: str
    subject: str
    subject_label: str
    relation: str
    object: str
    object_label: str
    evidence: list[Evidence] = field(default_factory=list)


def _links(engine, node: str) -> list[tuple[str, str, str, str, str]]:
    """(neighbour, statement, subject, predicate, object) for each fact linking `node` to a resource."""
    return [(row["neighbour"].value, row["statement"].value, row["subject"].value, row["predicate"].value,
             row["object"].value) for row in _select(engine, "statement_links", node=node)]


def _shortest_chain(engine, start: str, goal: str, max_hops: int) -> list[tuple] | None:
    """The links of a shortest chain of facts from start to goal, searching from both ends at once.

    Facts are walked in either direction. Ties between equally short chains are broken by IRI order,
    so the answer is the same on every run.
    """
    if start == goal:
        return []
    # on each side: node -> (distance from that side's end, previous node, link)
    reached = ({start: (0, None, None)}, {goal: (0, None, None)})
    frontiers = ([start], [goal])
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = reached[side], reached[1 - side]
        next_frontier = []
        for node in frontiers[side]:
            for link in sorted(_links(engine, node)):
                neighbour = link[0]
                if neighbour not in mine:
                    mine[neighbour] = (mine[node][0] + 1, node, link)
                    next_frontier.append(neighbour)
        meetings = [n for n in next_frontier if n in theirs]
        if meetings:
            meeting = min(meetings, key=lambda n: (theirs[n][0], n))
            return _walk_back(reached[0], meeting)[::-1] + _walk_back(reached[1], meeting)
        if not next_frontier:
            return None
        frontiers = (next_frontier, frontiers[1]) if side == 0 else (frontiers[0], next_frontier)
    return None


def _walk_back(reached: dict, node: str) -> list[tuple]:
    """The links from `node` back to the end the search started from."""
    links = []
    while reached[node][1] is not None:
        _, previous, link = reached[node]
        links.append(link)
        node = previous
    return links


def path(engine, name_a: str, name_b: str, max_hops: int = 8) -> tuple[Actor, Actor, list[Hop]]:
    """A shortest chain of facts between two actors, each hop named and sourced.

    NotFoundError when no chain of at most `max_hops` facts links them.
    """
    index = name_index(engine)
    a, b = resolve(name_a, engine, index), resolve(name_b, engine, index)
    chain = _shortest_chain(engine, a.iri, b.iri, max_hops)
    if chain is None:
        raise NotFoundError(f"no chain of at most {max_hops} facts links {a.label} and {b.label}")
    labels: dict[str, str] = {}

    def label(iri):
        if iri not in labels:
            labels[iri] = label_of(engine, iri)
        return labels[iri]

    hops = []
    for _, statement, subject, predicate, obj in chain:
        evidence = [_evidence(row) for row in _select(engine, "statement_sources", statement=statement)]
        hops.append(Hop(statement, subject, label(subject), label(predicate), obj, label(obj), evidence))
    return a, b, hops


# Comparing stances


@dataclass
class Stance:
    statement: str
    position: str  # supports, opposes, proposes
    policy: str
    policy_label: str
    proposal: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class IssueComparison:
    issue: str
    issue_label: str
    stances: dict[str, list[Stance]]  # actor IRI -> stances


def _stances(engine, actor: Actor) -> dict[tuple[str, str], list[Stance]]:
    by_issue: dict[tuple[str, str], dict[str, Stance]] = defaultdict(dict)
    for row in _select(engine, "stances", actor=actor.iri):
        issue = (_value(row, "issue"), _value(row, "issueLabel", "other"))
        statement = row["statement"].value
        if statement not in by_issue[issue]:
            by_issue[issue][statement] = Stance(statement, _value(row, "position"), row["policy"].value,
                                                _value(row, "policyLabel", compact_iri(row["policy"].value)),
                                                _value(row, "proposal"))
        _add_evidence(by_issue[issue][statement].evidence, row)
    return {issue: list(stances.values()) for issue, stances in by_issue.items()}


def resolve_issue(engine, name: str) -> Actor:
    """The policy issue `name` designates (e.g. "economy", "economía", "foreign policy")."""
    return choose(name, NameIndex(engine.select(get_query("issues").text), key="issue"), what="issue")


def compare(engine, name_a: str, name_b: str, issue: str | None = None) -> tuple[Actor, Actor, list[IssueComparison]]:
    """Two actors' stances side by side, issue by issue (only `issue` if given)."""
    index = name_index(engine)
    a, b = resolve(name_a, engine, index), resolve(name_b, engine, index)
    wanted = resolve_issue(engine, issue).iri if issue else None
    stances_a, stances_b = _stances(engine, a), _stances(engine, b)
    comparisons = []
    for key in sorted(set(stances_a) | set(stances_b), key=lambda k: (k[1] == "other", k[1])):
        if wanted and key[0] != wanted:
            continue
        comparisons.append(IssueComparison(key[0], key[1], {a.iri: stances_a.get(key, []),
                                                            b.iri: stances_b.get(key, [])}))
    return a, b, comparisons


# Sources and claims


@dataclass
class SourceSummary:
    source: str
    label: str
    file_name: str
    facts: int
    single_source_facts: int
    claims: int


def sources(engine) -> list[SourceSummary]:
    """Each source document with the number of facts it supports, of those only it supports, and of claims."""
    return [
        SourceSummary(row["source"].value, _value(row, "sourceLabel"), _value(row, "fileName"),
                      int(_value(row, "facts", "0")), int(_value(row, "singleSourceFacts", "0")),
                      int(_value(row, "claims", "0")))
        for row in engine.select(get_query("facts_per_source").text)
    ]


def resolve_source(engine, name: str) -> Actor:
    """The source document `name` designates: its title, an alias, its file name (or its start) or IRI."""
    iris = {s.source for s in sources(engine)}
    index = name_index(engine).restricted(iris)
    actor = resolve(name, engine, index)
    if actor.iri not in iris:
        raise NotFoundError(f"{actor.label} ({actor.short}) is not a source document; see `kg sources`")
    return actor


@dataclass
class SourcedClaim:
    claim: str
    claimant: str
    text: str
    evidence: Evidence


def claims(engine, source: str | None = None) -> list[SourcedClaim]:
    """The claims each source reports (or only `source`), with claimant, text and quote."""
    bindings = {"source": resolve_source(engine, source).iri} if source else {}
    return [
        SourcedClaim(row["claim"].value, _value(row, "claimantLabel") or compact_iri(_value(row, "claimant")),
                     _value(row, "claimText"), _evidence(row))
        for row in _select(engine, "claims_per_source", **bindings)
    ]


@dataclass
class SingleSourceFact:
    statement: str
    kind: str
    subject: str
    relation: str
    object: str
    evidence: Evidence


def single_source_facts(engine, source: str | None = None) -> list[SingleSourceFact]:
    """Facts that only one source supports (only those of `source` if given)."""
    bindings = {"source": resolve_source(engine, source).iri} if source else {}
    return [
        SingleSourceFact(row["statement"].value, row["kind"].value.rsplit("#", 1)[-1],
                         _value(row, "subjectLabel") or compact_iri(row["subject"].value),
                         _value(row, "relation"),
                         _value(row, "objectLabel") or (row["object"].value if isinstance(row["object"], ox.Literal)
                                                        else compact_iri(row["object"].value)),
                         _evidence(row))
        for row in _select(engine, "single_source_facts", **bindings)
    ]
