"""Network analysis of the actor graph: centrality, communities, brokers and the candidates' camps.

Every function takes the MultiDiGraph of kg.network.to_networkx and returns plain dataclasses in a fixed
order (ties broken by label, then IRI), so the same graph always gives the same answer. Actors without
any statement are left out.

Which graph each measure uses:
- degree, betweenness, communities and articulation points use the undirected simple projection: two
  actors are linked when any statement joins them, in either direction, weighted by how many do;
- PageRank uses the directed graph (subject -> object, parallel statements merged and counted as weight),
  so rank flows to the actors that are endorsed, joined, signed or opposed.

Betweenness (kg.network.betweenness) is computed per connected component (no shortest path crosses two), with
networkx's values over the whole graph, on sparse matrices. A component of more than BETWEENNESS_EXACT_UP_TO
actors gets an estimate from BETWEENNESS_PIVOTS source actors drawn with the fixed seed (networkx's `k`
sampling), and the analysis says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

import networkx as nx

from kg.network import SECTIONS
from kg.network.betweenness import betweenness
from kg.network.camps import CampMember, camps
from kg.network.projection import node_label as _label
from kg.network.projection import node_order as _order
from kg.network.projection import node_type as _type

SEED = 2023  # the random seed of Louvain and of betweenness pivots: fixed, so every run gives the same answer
DIGITS = 6  # scores are rounded so that float noise never reorders or changes the output
MEASURES = ("degree", "betweenness", "pagerank")


@dataclass
class Centrality:
    actor: str
    label: str
    type: str
    degree: int  # how many actors it shares a statement with, in either direction
    betweenness: float  # normalised share of shortest paths through it (undirected simple graph)
    pagerank: float  # directed graph, statements counted as weight


@dataclass
class Member:
    actor: str
    label: str
    type: str


@dataclass
class Community:
    number: int  # 1 is the largest
    name: str  # the label of its member with most links
    members: list[Member]  # most linked first


@dataclass
class Broker:
    actor: str
    label: str
    type: str
    betweenness: float
    articulation_point: bool  # removing it splits the network
    community: int  # its own community's number
    communities: list[int]  # the communities of itself and its neighbours


@dataclass
class Analysis:
    actors: int  # actors with at least one statement
    statements: int
    centrality: list[Centrality] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    brokers: list[Broker] = field(default_factory=list)
    camps: list[CampMember] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how a measure was estimated (sampled betweenness)

    def to_dict(self) -> dict:
        return asdict(self)


def _relationships(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """The (subject, object) pairs of the statements that relate two actors. kgo:Attribute statements
    (an actor's country or location) describe one actor rather than relate two, and would otherwise pull
    actors into geographic communities; they stay in the graph and its exports, but not in the structure."""
    return ((u, v) for u, v, kind in graph.edges(data="kind") if u != v and kind != "Attribute")


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple projection of `graph`'s relationships, without loops or isolated actors, nodes
    in IRI order. Edge attribute `weight` counts the statements between the two actors, in either direction.
    """
    weights = Counter(tuple(sorted(pair)) for pair in _relationships(graph))
    simple = nx.Graph()
    simple.add_nodes_from(sorted({n for pair in weights for n in pair}))
    simple.add_edges_from((u, v, {"weight": w}) for (u, v), w in sorted(weights.items()))
    return simple


def _directed(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    weights = Counter(_relationships(graph))
    directed = nx.DiGraph()
    directed.add_nodes_from(nodes)
    directed.add_edges_from((u, v, {"weight": w}) for (u, v), w in sorted(weights.items()))
    return directed


def centrality(graph: nx.MultiDiGraph, by: str = "degree", notes: list[str] | None = None) -> list[Centrality]:
    """Degree, betweenness and PageRank of every linked actor, highest first by `by` (then the others).

    `notes`, when given, receives what was estimated rather than computed exactly."""
    if by not in MEASURES:
        raise ValueError(f"unknown measure {by!r}; choose one of: {', '.join(MEASURES)}")
    simple = undirected(graph)
    if not simple:
        return []
    between, estimated = betweenness(simple, SEED)
    if notes is not None:
        notes.extend(estimated)
    pagerank = nx.pagerank(_directed(graph, simple), weight="weight")
    rows = [
        Centrality(n, _label(graph, n), _type(graph, n), simple.degree(n), round(between[n], DIGITS),
                   round(pagerank[n], DIGITS))
        for n in simple
    ]
    order = (by, *(m for m in MEASURES if m != by))
    rows.sort(key=lambda c: (*(-getattr(c, m) for m in order), *_order(graph, c.actor)))
    return rows


def communities(graph: nx.MultiDiGraph, seed: int = SEED) -> list[Community]:
    """Louvain communities of the undirected projection (fixed seed), largest first, members named."""
    simple = undirected(graph)
    if not simple:
        return []
    nodes = list(simple)
    # Louvain works on sets of nodes; integer nodes make their order independent of Python's hash seed.
    numbered = nx.convert_node_labels_to_integers(simple)
    parts = nx.community.louvain_communities(numbered, weight="weight", seed=seed)
    ranked = []
    for part in parts:
        members = sorted((nodes[i] for i in part), key=lambda n: (-simple.degree(n), *_order(graph, n)))
        ranked.append([Member(n, _label(graph, n), _type(graph, n)) for n in members])
    ranked.sort(key=lambda ms: (-len(ms), ms[0].label.casefold(), ms[0].actor))
    return [Community(i, ms[0].label, ms) for i, ms in enumerate(ranked, start=1)]


def brokers(graph: nx.MultiDiGraph, groups: list[Community] | None = None,
            centralities: list[Centrality] | None = None) -> list[Broker]:
    """Actors that hold the network together: articulation points, and actors on shortest paths
    (betweenness above zero) whose neighbours lie in more than one community. Highest betweenness first.

    `groups` and `centralities` (all of them), when given, save computing them again."""
    simple = undirected(graph)
    if not simple:
        return []
    groups = communities(graph) if groups is None else groups
    community_of = {m.actor: g.number for g in groups for m in g.members}
    if centralities is None:
        between = {n: round(b, DIGITS) for n, b in betweenness(simple, SEED)[0].items()}
    else:
        between = {c.actor: c.betweenness for c in centralities}
    cut = set(nx.articulation_points(simple))
    found = []
    for n in simple:
        touched = sorted({community_of[n]} | {community_of[m] for m in simple[n]})
        if n in cut or (len(touched) > 1 and between[n] > 0):
            found.append(Broker(n, _label(graph, n), _type(graph, n), between[n], n in cut, community_of[n],
                                touched))
    found.sort(key=lambda b: (-b.betweenness, *_order(graph, b.actor)))
    return found


def analyze(graph: nx.MultiDiGraph, candidates: Iterable[str] = (), top: int | None = None,
            by: str = "degree", sections: Iterable[str] = SECTIONS) -> Analysis:
    """The chosen `sections` (kg.network.SECTIONS) of the analysis of `graph`: centrality (ranked `by` a
    measure), communities, brokers and the camps of `candidates`; `top` keeps the first N centralities and
    brokers. Only what the chosen sections need is computed."""
    wanted = set(sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown section {sorted(unknown)[0]!r}; choose from: {', '.join(SECTIONS)}")
    result = Analysis(actors=undirected(graph).number_of_nodes(), statements=graph.number_of_edges())
    ranked = centrality(graph, by, result.notes) if wanted & {"centrality", "brokers"} else []
    groups = communities(graph) if wanted & {"communities", "brokers"} else []
    if "centrality" in wanted:
        result.centrality = ranked[:top]
    if "communities" in wanted:
        result.communities = groups
    if "brokers" in wanted:
        result.brokers = brokers(graph, groups, ranked)[:top]
    if "camps" in wanted:
        result.camps = camps(graph, candidates)
    return result
