"""Time each HTML page of the web app against the library call it renders, in the same process and run.

Each page is fetched through Starlette's TestClient (routing, the lookups, Jinja2 rendering, headers), N
times after one warm-up, each time made anew (the page cache emptied first), on the store on disk (as the
CLI queries it) and on its copy in memory (as `kg serve` does), then once more from the page cache; the
yardstick is the library function alone on the copy in memory (kg.lookups.show.show for the actor page,
and so on), so that the difference is what the web layer costs. Medians of wall time, in ms.

    python bench/bench_web.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

from starlette.applications import Starlette

from kg.lookups.compare import compare
from kg.lookups.path import path
from kg.lookups.show import show
from kg.lookups.sources import claims, single_source_facts, source_facts, source_metadata
from kg.network.page import build_page
from kg.store.engines import open_engine, open_server_engine
from kg.web.pages import ROUTES

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def median_ms(action, runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    clients = {}
    for name, opened in (("disk", open_engine()), ("memory", open_server_engine())):
        app = Starlette(routes=ROUTES)
        app.state.engine = opened
        clients[name] = (app, TestClient(app))
    engine = clients["memory"][0].state.engine
    milei = "https://w3id.org/argentina2023/id/javier-milei"
    op_ed = "https://w3id.org/argentina2023/id/source/op-ed"

    def source_page_lookups():
        source_metadata(engine, op_ed), source_facts(engine, op_ed), single_source_facts(engine, op_ed)
        claims(engine, op_ed)

    def made_anew(name, url):
        app, client = clients[name]

        def fetch():
            app.state.pages = None  # an empty page cache: kg.web.cache.app_cache makes a new one
            client.get(url).raise_for_status()
        return fetch

    cases = [
        ("/actor/javier-milei", lambda: show(engine, milei)),
        ("/actor/javier-milei/network", lambda: build_page(engine, milei, 1)),
        ("/source/op-ed", source_page_lookups),
        ("/compare?a=Milei&b=Massa", lambda: compare(engine, "Milei", "Massa")),
        ("/path?from=Villarruel&to=Lula", lambda: path(engine, "Villarruel", "Lula")),
        ("/", None),
        ("/query?name=first_round_results", None),
    ]
    print("| page | made anew, store on disk | made anew, store in memory | from the page cache | library call alone |")
    print("|---|---:|---:|---:|---:|")
    for url, library in cases:
        disk, memory = (median_ms(made_anew(name, url), runs) for name in ("disk", "memory"))
        cached = median_ms(lambda: clients["memory"][1].get(url).raise_for_status(), runs)
        yardstick = f"{median_ms(library, runs):.1f}" if library else "-"
        print(f"| `{url}` | {disk:.1f} | {memory:.1f} | {cached:.1f} | {yardstick} |")


if __name__ == "__main__":
    main()
