"""`kg compare`: two actors' stances side by side, issue by issue."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.lookups.common import Evidence, add_evidence, select, value_of
from kg.names.index import Actor, NameIndex
from kg.names.resolve import choose, name_index, resolve
from kg.rdf.namespaces import compact_iri
from kg.sparql.catalogue import get_query


@dataclass
class Stance:
    """One actor's position on a policy, with the sources that report it."""

    statement: str
    position: str  # supports, opposes, proposes
    policy: str
    policy_label: str
    proposal: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class IssueComparison:
    """The stances of two actors on one issue."""

    issue: str
    issue_label: str
    stances: dict[str, list[Stance]]  # actor IRI -> stances


def _stances(engine, actor: Actor) -> dict[tuple[str, str], list[Stance]]:
    by_issue: dict[tuple[str, str], dict[str, Stance]] = defaultdict(dict)
    for row in select(engine, "stances", actor=actor.iri):
        issue = (value_of(row, "issue"), value_of(row, "issueLabel", "other"))
        statement = row["statement"].value
        if statement not in by_issue[issue]:
            by_issue[issue][statement] = Stance(statement, value_of(row, "position"), row["policy"].value,
                                                value_of(row, "policyLabel", compact_iri(row["policy"].value)),
                                                value_of(row, "proposal"))
        add_evidence(by_issue[issue][statement].evidence, row)
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
