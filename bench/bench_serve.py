"""A bounded load test of `kg serve` on loopback, with `oxigraph serve-read-only` on the same data as the
yardstick, in the same run.

Scenarios, each CLIENTS concurrent clients (threads, one keep-alive httpx client each) for DURATION s:

1. kg /sparql: the endorsement lookup (the named query endorsements_received for Javier Milei, as text);
2. oxigraph /query: the same query text, same data (all graphs loaded, --union-default-graph);
3. kg actor page: /actor/javier-milei as HTML (the whole page: facts, quotes, claims; the network frame
   is another request);
4. kg /sparql while one more client keeps sending a cross join that runs into the deadline (--timeout):
   the lookup clients' latencies, and how many deadline answers (503) the extra client got;
5. kg /sparql, scenario 1 again on a second server: the same app under uvicorn on asyncio and h11 (its
   pure-Python event loop and HTTP parser) instead of uvloop and httptools, which `kg serve` uses.

An answer counts as an error unless it has status 200 and the expected content (the lookup's endorsers,
the page's "Patricia Bullrich"). Prints a Markdown table (throughput, p50/p95/p99 latency, errors) and the
load average before and after.

    python bench/bench_serve.py [--clients 16] [--duration 20] [--timeout 2] [--only N ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from servers import kg_server, oxigraph_server  # noqa: E402  (test helpers: free ports, start and stop)

from kg.rdf.export import export  # noqa: E402
from kg.sparql.catalogue import get_query  # noqa: E402

MILEI = "https://w3id.org/argentina2023/id/javier-milei"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
JSON = "application/sparql-results+json"


def lookup_query() -> str:
    """endorsements_received with its parameter written in as a VALUES block, for any SPARQL server."""
    return get_query("endorsements_received").text.replace("WHERE {", f"WHERE {{ VALUES ?actor {{ <{MILEI}> }}", 1)


def load(url: str, request: dict, expected: str, clients: int, duration: float) -> dict:
    """`clients` threads sending `request` to `url` for `duration` s; latencies (ms) and errors."""
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + duration

    def client():
        with httpx.Client(timeout=60) as session:
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                try:
                    response = session.request(url=url, **request)
                    good = response.status_code == 200 and expected in response.text
                except httpx.HTTPError:
                    good = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    errors[0] += not good

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"requests": len(latencies), "errors": errors[0], "throughput": len(latencies) / duration,
            **{f"p{q}": percentile(latencies, q) for q in (50, 95, 99)}}


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else float("nan")


def deadline_client(url: str, stop: threading.Event, answers: list) -> None:
    with httpx.Client(timeout=120) as session:
        while not stop.is_set():
            answers.append(session.post(url, data={"query": CROSS_JOIN}, headers={"Accept": JSON}).status_code)


def lookup_request() -> dict:
    return {"method": "POST", "data": {"query": lookup_query()}, "headers": {"Accept": JSON}}


def kg_lookup(kg, ox, args) -> tuple[str, dict]:
    return "kg /sparql, endorsement lookup", load(kg.query_url, lookup_request(), "Bullrich", args.clients,
                                                  args.duration)


def oxigraph_lookup(kg, ox, args) -> tuple[str, dict]:
    return "oxigraph /query, same lookup", load(ox.query_url, lookup_request(), "Bullrich", args.clients,
                                                args.duration)


def actor_page(kg, ox, args) -> tuple[str, dict]:
    page = f"{kg.base_url}/actor/javier-milei"
    return "kg /actor/javier-milei (HTML)", load(page, {"method": "GET", "headers": {"Accept": "text/html"}},
                                                  "Patricia Bullrich", args.clients, args.duration)


def lookup_beside_deadline(kg, ox, args) -> tuple[str, dict]:
    stop, answers = threading.Event(), []
    runaway = threading.Thread(target=deadline_client, args=(kg.query_url, stop, answers))
    runaway.start()
    measured = load(kg.query_url, lookup_request(), "Bullrich", args.clients - 1, args.duration)
    stop.set()
    runaway.join()
    return (f"kg /sparql, lookup beside a query hitting the {args.timeout:g} s deadline "
            f"({answers.count(503)}x 503 of {len(answers)})", measured)


def kg_lookup_on_asyncio_h11(kg, ox, args) -> tuple[str, dict]:
    with tempfile.TemporaryDirectory() as folder, kg_server(Path(folder), *kg_options(args),
                                                             loop_and_http=("asyncio", "h11")) as plain:
        return "kg /sparql, same lookup, on asyncio and h11", load(plain.query_url, lookup_request(), "Bullrich",
                                                                   args.clients, args.duration)


SCENARIOS = [kg_lookup, oxigraph_lookup, actor_page, lookup_beside_deadline, kg_lookup_on_asyncio_h11]


def kg_options(args) -> list[str]:
    return ["--timeout", f"{args.timeout:g}", "--workers", str(args.workers)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=2.0, help="kg serve --timeout (s)")
    parser.add_argument("--workers", type=int, default=4, help="kg serve --workers")
    parser.add_argument("--only", type=int, action="append", choices=range(1, len(SCENARIOS) + 1),
                        metavar="N", help="run scenario N only (1-5; repeat for several)")
    args = parser.parse_args()
    chosen = [SCENARIOS[n - 1] for n in sorted(set(args.only or range(1, len(SCENARIOS) + 1)))]
    rows, load_before = [], os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        dataset = folder / "dataset.nq"
        dataset.write_bytes(export("nquads"))
        with kg_server(folder, *kg_options(args)) as kg, \
                oxigraph_server(folder, read_only=True, union_default_graph=True, load=[(dataset, None)]) as ox:
            rows = [scenario(kg, ox, args) for scenario in chosen]
    print_table(rows, args, load_before, os.getloadavg())


def print_table(rows, args, load_before, load_after) -> None:
    print(f"{args.clients} concurrent clients, {args.duration:g} s per scenario, kg serve --workers {args.workers}, "
          f"{os.cpu_count()} cores; "
          f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}\n")
    print("| scenario | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in rows:
        print(f"| {name} | {r['throughput']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | "
              f"{r['errors']} of {r['requests']} |")


if __name__ == "__main__":
    main()
