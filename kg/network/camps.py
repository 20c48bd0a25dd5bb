"""The candidates' camps: who is for, against, or withholding support from each runoff candidate, and why."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.network.projection import LIST_SEPARATOR, node_label, node_order, node_type
from kg.sparql.catalogue import get_query

STANCES = ("for", "against", "withheld")
MEMBERSHIP = ("memberOf", "joined")  # relations that put an actor inside an organisation
DOCUMENT_TYPES = ("Document", "SourceDocument")
# relation -> (stance, reason): statements that put their subject straight into the object's camp
DIRECT = (("endorses", "for", "endorses {}"), ("opposes", "against", "opposes {}"),
          ("withheldEndorsement", "withheld", "withheld endorsement from {}"))


@dataclass
class CampMember:
    candidate: str
    candidate_label: str
    stance: str  # "for", "against" or "withheld" (an endorsement withheld is not "for")
    actor: str
    label: str
    type: str
    reasons: list[str] = field(default_factory=list)  # e.g. "endorses Javier Milei"
    statements: list[str] = field(default_factory=list)  # IRIs of the statements the reasons rest on
    sources: list[str] = field(default_factory=list)  # file names of those statements' sources


def _edges_in(graph, actor, relations):
    return sorted(((u, key, data) for u, _, key, data in graph.in_edges(actor, keys=True, data=True)
                   if data.get("relation") in relations), key=lambda e: e[1])


def _edges_out(graph, actor, relations):
    return sorted(((v, key, data) for _, v, key, data in graph.out_edges(actor, keys=True, data=True)
                   if data.get("relation") in relations), key=lambda e: e[1])


def _sources(data: dict) -> list[str]:
    return [s for s in data.get("sources", "").split(LIST_SEPARATOR) if s]


class _Camps:
    """The camp members found so far, each with its reasons, statements and sources."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self.found: dict[tuple[str, str, str], CampMember] = {}

    def add(self, candidate, stance, actor, reason, path):
        """Put `actor` in `candidate`'s `stance` camp for `reason`, resting on the (key, data) edges of `path`."""
        self.add_cited(candidate, stance, actor, reason, [key for key, _ in path],
                       [s for _, data in path for s in _sources(data)])

    def add_cited(self, candidate, stance, actor, reason, statements, sources):
        if actor == candidate:
            return
        key = (candidate, stance, actor)
        if key not in self.found:
            self.found[key] = CampMember(candidate, node_label(self.graph, candidate), stance, actor,
                                         node_label(self.graph, actor), node_type(self.graph, actor))
        member = self.found[key]
        for values, more in ((member.reasons, [reason]), (member.statements, statements), (member.sources, sources)):
            values.extend(v for v in more if v not in values)

    def direct(self, candidate: str) -> None:
        """Endorsers, opponents, those who withheld an endorsement, and the running mate."""
        name = node_label(self.graph, candidate)
        for relation, stance, reason in DIRECT:
            for actor, key, data in _edges_in(self.graph, candidate, (relation,)):
                self.add(candidate, stance, actor, reason.format(name), [(key, data)])
        for mate, key, data in _edges_out(self.graph, candidate, ("runningMate",)):
            self.add(candidate, "for", mate, f"running mate of {name}", [(key, data)])

    def organisations(self, candidate: str) -> None:
        """The candidate's current organisations, their opponents, and their members (members of members too)."""
        graph, name = self.graph, node_label(self.graph, candidate)
        queue = []
        for org, key, data in _edges_out(graph, candidate, ("candidateOf", *MEMBERSHIP)):
            if data.get("end_date"):
                continue
            kind = graph.nodes[org].get("type_label", "organisation").lower()
            self.add(candidate, "for", org, f"{name}'s {kind}", [(key, data)])
            for actor, opp_key, opp_data in _edges_in(graph, org, ("opposes",)):
                self.add(candidate, "against", actor, f"opposes {node_label(graph, org)}, {name}'s {kind}",
                         [(key, data), (opp_key, opp_data)])
            queue.append((org, [(key, data)]))
        seen = {candidate}
        while queue:
            org, path = queue.pop(0)
            if org in seen:
                continue
            seen.add(org)
            for member, key, data in _edges_in(graph, org, MEMBERSHIP):
                if not data.get("end_date") and member not in seen:
                    self.add(candidate, "for", member, f"member of {node_label(graph, org)}", [*path, (key, data)])
                    queue.append((member, [*path, (key, data)]))

    def signatories(self) -> None:
        """Whoever signed a document in a camp joins that camp."""
        for (candidate, stance, document), member in sorted(self.found.items()):
            if member.type in DOCUMENT_TYPES:
                for signer, key, data in _edges_in(self.graph, document, ("signed",)):
                    for reason in list(member.reasons):
                        self.add_cited(candidate, stance, signer, f"signed {member.label}, which {reason}",
                                       [key, *member.statements], [*_sources(data), *member.sources])

    def members(self) -> list[CampMember]:
        result = sorted(self.found.values(), key=lambda m: (m.candidate_label.casefold(), m.candidate,
                                                            STANCES.index(m.stance), *node_order(self.graph, m.actor)))
        for member in result:
            member.statements.sort()
            member.sources.sort()
        return result


def camps(graph: nx.MultiDiGraph, candidates: Iterable[str]) -> list[CampMember]:
    """Who is for, against, or withholding support from each candidate, and why.

    For: actors that endorse the candidate; the candidate's running mate; the organisations the candidate
    stands for (candidateOf) or belongs to (memberOf, joined), and their current members, members of
    members included. Against: actors that oppose the candidate or one of the candidate's organisations.
    Withheld: actors that withheld their endorsement (not "for"). Whoever signed a document in a camp
    joins that camp. Nothing else is inferred: endorsing the rival does not make an actor "against".
    """
    found = _Camps(graph)
    for candidate in candidates:
        if candidate in graph:
            found.direct(candidate)
            found.organisations(candidate)
    found.signatories()
    return found.members()


def runoff_candidates(engine) -> list[str]:
    """The IRIs of the candidates in the runoff, from the graph (named query runoff_results)."""
    rows = engine.select(get_query("runoff_results").text)
    return sorted({row["candidate"].value for row in rows})
