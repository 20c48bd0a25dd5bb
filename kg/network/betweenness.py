"""Betweenness centrality of the undirected actor network, computed per connected component with sparse
matrices: Brandes's algorithm run from a batch of source actors at once, each breadth-first step a sparse
matrix product (scipy), so that a component of 50,000 actors takes seconds rather than minutes in pure Python.

The values are networkx's betweenness_centrality over the whole graph (normalised, unweighted), up to float
rounding: per component, from every actor, or above BETWEENNESS_EXACT_UP_TO actors from BETWEENNESS_PIVOTS
source actors drawn as networkx draws them (random.Random(seed).sample of the component's actors) and scaled
as networkx scales such an estimate.
"""

from __future__ import annotations

import random

import networkx as nx
import numpy as np

BETWEENNESS_EXACT_UP_TO = 5_000  # actors in a component; above, betweenness is estimated from pivots
BETWEENNESS_PIVOTS = 300  # source actors drawn (seeded) to estimate a larger component's betweenness
CELLS = 4_000_000  # actors x sources of one batch: about 32 MB for each of the batch's matrices


def betweenness(simple: nx.Graph, seed: int) -> tuple[dict[str, float], list[str]]:
    """Normalised betweenness of every actor of `simple`, computed per connected component, and notes on
    the components whose betweenness was estimated from BETWEENNESS_PIVOTS sources (seeded) rather than exact.

    Exact values equal networkx's betweenness_centrality over the whole graph: the unnormalised counts of a
    component are those of the whole graph, then scaled by the number of pairs of the whole graph."""
    n = simple.number_of_nodes()
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    scores = dict.fromkeys(simple, 0.0)
    notes = []
    for component in sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c))):
        if len(component) < 3:
            continue  # no actor lies between two others
        nodes = list(simple.subgraph(component))
        sampled = len(nodes) > BETWEENNESS_EXACT_UP_TO
        sources = random.Random(seed).sample(nodes, BETWEENNESS_PIVOTS) if sampled else nodes
        index = {node: i for i, node in enumerate(nodes)}
        counts = dependencies(nx.to_scipy_sparse_array(simple, nodelist=nodes, weight=None, format="csr"),
                              [index[s] for s in sources])
        # networkx's scaling of the counts over ordered pairs (an estimate from k sources is scaled up by
        # N / k, N / (k - 1) for the sources themselves, N the other actors), then normalised for the graph
        pairs = len(nodes) - 1
        factor = np.full(len(nodes), pairs / len(sources) if sampled else 1.0)
        if sampled:
            factor[[index[s] for s in sources]] = pairs / (len(sources) - 1)
        for node, value in zip(nodes, (counts * factor * scale).tolist()):
            scores[node] = value
        if sampled:
            notes.append(f"betweenness estimated from {len(sources)} of the {len(nodes)} actors of a connected "
                         f"component (seed {seed}); exact up to {BETWEENNESS_EXACT_UP_TO} actors per component")
    return scores, notes


def dependencies(adjacency, sources: list[int]) -> np.ndarray:
    """Each node's summed dependency over the shortest paths from `sources` (Brandes), the node's own
    source excluded: sum over s of delta_s(v). `adjacency` is the symmetric 0/1 CSR matrix of a graph."""
    size = adjacency.shape[0]
    total = np.zeros(size)
    batch = max(1, CELLS // size)
    for start in range(0, len(sources), batch):
        total += _batch_dependencies(adjacency, np.asarray(sources[start:start + batch]))
    return total


def _batch_dependencies(adjacency, sources: np.ndarray) -> np.ndarray:
    size, width = adjacency.shape[0], len(sources)
    columns = np.arange(width)
    sigma = np.zeros((size, width))
    sigma[sources, columns] = 1.0
    distance = np.full((size, width), -1, dtype=np.int32)
    distance[sources, columns] = 0
    frontier, depth = sigma.copy(), 0
    while True:  # breadth first, all sources at once: path counts of the next level
        reach = adjacency @ frontier
        new = (reach > 0) & (distance < 0)
        if not new.any():
            break
        depth += 1
        distance[new] = depth
        frontier = np.where(new, reach, 0.0)
        sigma += frontier
    delta = np.zeros((size, width))
    safe = np.where(sigma > 0, sigma, 1.0)
    for level in range(depth, 0, -1):  # dependencies flow back one level at a time
        share = np.where(distance == level, (1.0 + delta) / safe, 0.0)
        delta += np.where(distance == level - 1, sigma * (adjacency @ share), 0.0)
    delta[sources, columns] = 0.0
    return delta.sum(axis=1)
