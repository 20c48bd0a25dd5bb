"""Where the time and CPU of a `kg build` go, against the raw pyoxigraph bulk load (the yardstick) and the
CPU a build at a target rate may use.

A build at 250,000 triples/s has triples / 250,000 seconds; on this machine's cores that is a CPU budget.
This script times, in one process and with the CPU time of every thread (os.times):

* the yardstick: one raw pyoxigraph `bulk_load` call per input file into the same named graphs;
* the bulk load as `kg build` does it (kg.store.bulkload.load: each file in its own named graph);
* the compaction RocksDB runs by itself once the load's SST files are in, until it settles;
* counting the quads, and the compaction `kg build` asks for (Store.optimize);
* the name index (kg.names.stored) on the compacted store;
* for comparison, the same parts bulk-loaded into the default graph (three indexes instead of six).

    python bench/build_budget.py [--workload synthetic|replica] [--size 1m] [--workdir /tmp/kg-bench]
                                 [--target 250000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import replica  # noqa: E402
import synthetic  # noqa: E402

from kg.store import bulkload  # noqa: E402
from kg.names.stored import write_name_index  # noqa: E402
from kg.rdf.inputs import graph_name, input_files  # noqa: E402
from kg.rdf.parsing import rdf_format  # noqa: E402

WORKLOADS = {"synthetic": synthetic.dataset, "replica": replica.dataset}


def cpu() -> float:
    times = os.times()
    return times.user + times.system


def timed(step):
    """Run step(); return its wall and CPU seconds."""
    wall, used = time.perf_counter(), cpu()
    step()
    return time.perf_counter() - wall, cpu() - used


def settle(quiet: float = 1.0) -> tuple[float, float]:
    """Wait until the process uses no CPU for `quiet` seconds (RocksDB's background compaction has ended);
    return the wall and CPU seconds until then."""
    wall, used = time.perf_counter(), cpu()
    last, last_change = used, time.perf_counter()
    while time.perf_counter() - last_change < quiet:
        time.sleep(0.1)
        now = cpu()
        if now - last > 0.02:
            last, last_change = now, time.perf_counter()
    return last_change - wall, last - used


def load_raw(store: ox.Store, files: list[Path]) -> None:
    """The yardstick: one pyoxigraph bulk_load call per file into its graph, one after the other."""
    for path in files:
        store.bulk_load(path=path, format=rdf_format(path), base_iri=path.resolve().as_uri(),
                        to_graph=ox.NamedNode(graph_name(path)))


def load_default_graph(store: ox.Store, files: list[Path]) -> None:
    """kg.store.bulkload's parts, each loaded into the default graph."""
    def run(job):
        for part in job.parts:
            store.bulk_load(input=part.read(), format=part.fmt, base_iri=part.path.resolve().as_uri())

    with ThreadPoolExecutor(bulkload.workers()) as pool:
        list(pool.map(run, sorted(bulkload.plan(files), key=lambda job: -job.size)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", default="synthetic", choices=WORKLOADS)
    parser.add_argument("--size", default="1m", choices=sorted({*synthetic.SIZES, *replica.SIZES}))
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--target", type=float, default=250_000, help="the target build rate, triples/s")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    os.environ["KG_DATA"] = str(WORKLOADS[args.workload](args.size, args.workdir))
    files = input_files()

    rows = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=args.workdir) as folder:
        raw = ox.Store(str(Path(folder, "raw")))
        rows.append(("yardstick: raw bulk_load, one call per file", *timed(lambda: load_raw(raw, files))))
        raw = None
        named = Path(folder, "named")
        store = ox.Store(str(named))
        rows.append(("bulk load, a named graph per file (as kg build)", *timed(lambda: bulkload.load(store, files))))
        rows.append(("RocksDB's compaction after the load, until it settles", *settle()))
        counted = []
        rows.append(("counting the quads (len)", *timed(lambda: counted.append(len(store)))))
        triples = counted[0]
        rows.append(("compaction to one level (Store.optimize)", *timed(store.optimize)))
        rows.append(("name index, on the compacted store", *timed(lambda: write_name_index(store, named))))
        store = None
        default = ox.Store(str(Path(folder, "default")))
        rows.append(("for comparison: bulk load into the default graph",
                     *timed(lambda: load_default_graph(default, files))))
        default = None

    cores = os.cpu_count() or 1
    seconds = triples / args.target
    print(f"{triples:,} triples. At {args.target:,.0f} triples/s a whole build has {seconds:.2f} s, "
          f"that is {seconds * cores:.2f} CPU s on {cores} cores.\n")
    print("| step | wall | CPU |\n|---|---:|---:|")
    for name, wall, used in rows:
        print(f"| {name} | {wall:.2f} s | {used:.2f} s |")
    print(f"\nLoad average (1, 5, 15 min) {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} after.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
