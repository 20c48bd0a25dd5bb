"""How long the `kg viz` page takes to lay out in headless Chromium: the full graph, and a synthetic graph.

Times are from navigation start to the end of the layout (when physics stops and the graph stays still), so
they include parsing the page and vis-network. Targets: the full graph under 2 s, 2,000 actors under 10 s.

Run from the checkout: .venv/bin/python bench/bench_viz.py [--runs 5] [--nodes 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from headless import chromium, wait_until_laid_out

from kg.lookups.common import Evidence
from kg.network.graphdata import Edge, NetworkData, Node
from kg.network.page import TYPE_STYLES, build_page, page_data, render_html
from kg.store.engines import open_engine

ID = "https://w3id.org/argentina2023/id/"
RELATIONS = ("endorses", "memberOf", "holds", "signed", "opposes", "alignedWith", "criticised", "runningMate")


def synthetic_graph(size: int, seed: int = 2023) -> NetworkData:
    """`size` actors of every type, about two edges each, attached preferentially (a few hubs, many leaves)."""
    rng = random.Random(seed)
    types = sorted(TYPE_STYLES)
    nodes = {}
    for i in range(size):
        kind = rng.choice(types)
        nodes[f"{ID}actor-{i}"] = Node(f"{ID}actor-{i}", kind, kind, f"Actor {i}", f"Actor {i}", [f"A{i}"])
    ids = list(nodes)
    targets = [ids[0]]
    edges = []
    for i, iri in enumerate(ids[1:], start=1):
        for _ in range(1 + (i % 3 == 0) + (i % 7 == 0)):
            target = rng.choice(targets)
            relation = rng.choice(RELATIONS)
            source = f"{ID}source/{rng.choice(('comparison', 'open-letter', 'op-ed'))}"
            edges.append(Edge(f"{ID}statement/s{len(edges)}", "Tie", iri, target, ID + relation, relation, relation,
                              {"context": "synthetic"}, [Evidence(source, source, "", "A quote of one sentence.")]))
            targets.append(target)
        targets.append(iri)
    return NetworkData(nodes, edges)


def time_layout(browser, html: Path, runs: int) -> tuple[list[float], int]:
    """Seconds from navigation to a still layout, once per run, each in a fresh page; and the layout's steps."""
    seconds = []
    for _ in range(runs):
        page = browser.new_page()
        page.goto(html.as_uri())
        seconds.append(wait_until_laid_out(page, timeout_ms=120_000) / 1000)
        steps = page.evaluate("kg.layoutSteps")
        page.close()
    return seconds, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()

    started = time.perf_counter()
    full = build_page(open_engine())
    full_html = render_html(full)
    build_seconds = time.perf_counter() - started
    synthetic = synthetic_graph(args.nodes)

    rows = []
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        for name, page, target in (
            ("full graph", full, 2.0),
            (f"synthetic, {args.nodes} actors", page_data(synthetic), 10.0),
        ):
            html = Path(folder) / "graph.html"
            html.write_text(full_html if page is full else render_html(page), encoding="utf-8")
            times, steps = time_layout(browser, html, args.runs)
            rows.append((name, len(page["nodes"]), len(page["edges"]), steps, times, target))

    print(f"Building and rendering the full page in Python: {build_seconds:.2f} s\n")
    print(f"| graph | actors | relationships | layout steps | settled, median (min–max) of {args.runs} | target |")
    print("|---|---:|---:|---:|---|---|")
    for name, nodes, edges, steps, times, target in rows:
        verdict = "met" if statistics.median(times) < target else "MISSED"
        print(f"| {name} | {nodes} | {edges} | {steps} | {statistics.median(times):.2f} s "
              f"({min(times):.2f}–{max(times):.2f}) | < {target:.0f} s, {verdict} |")


if __name__ == "__main__":
    main()
