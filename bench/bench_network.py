"""How long the network projection, `kg analyze` and the network exports take: on the full graph, and on a
synthetic scale-free graph of --nodes actors (about two statements each).

Prints the median of --runs runs of each step, in milliseconds.

Run from the checkout: .venv/bin/python bench/bench_network.py [--runs 5] [--nodes 2000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.network.analysis import analyze
from kg.network.camps import runoff_candidates
from kg.network.exports import NETWORK_FORMATS, write_network
from kg.network.projection import actor_graph
from kg.store.engines import open_engine

ID = "https://w3id.org/argentina2023/id/"


def median_ms(step, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic(size: int, seed: int = 2023) -> nx.MultiDiGraph:
    """A Barabási–Albert graph of `size` actors as the projection would give it: labelled, typed, keyed edges."""
    shape = nx.barabasi_albert_graph(size, 2, seed=seed)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((f"{ID}actor-{n}", {"label": f"Actor {n}", "type": "Person"}) for n in sorted(shape))
    for i, (u, v) in enumerate(sorted(shape.edges())):
        relation = ("endorses", "memberOf", "signed", "opposes")[i % 4]
        graph.add_edge(f"{ID}actor-{u}", f"{ID}actor-{v}", key=f"{ID}statement/s{i}", relation=relation,
                       label=relation, sources="synthetic.txt")
    return graph


def bench(name: str, graph: nx.MultiDiGraph, candidates: list[str], runs: int) -> None:
    print(f"{name}: {graph.number_of_nodes()} actors, {graph.number_of_edges()} statements")
    print(f"  analyze          {median_ms(lambda: analyze(graph, candidates), runs):8.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in NETWORK_FORMATS:
            path = Path(folder) / f"graph.{fmt}"
            print(f"  export {fmt:<9} {median_ms(lambda: write_network(graph, fmt, path), runs):8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()

    for engine_name in ("store", "rdflib"):
        engine = open_engine(engine_name)
        print(f"projection ({engine_name} engine) {median_ms(lambda: actor_graph(engine), args.runs):8.1f} ms")
    engine = open_engine("store")
    bench("full graph", actor_graph(engine), runoff_candidates(engine), args.runs)
    bench("synthetic", synthetic(args.nodes), [f"{ID}actor-0", f"{ID}actor-1"], args.runs)


if __name__ == "__main__":
    main()
