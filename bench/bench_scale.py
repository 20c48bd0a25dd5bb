"""The scale benchmark: the embedded store on two workloads, against pyoxigraph's own bulk load.

Workloads, each put in KG_DATA beside the shipped data and a 1k-triple Turtle file of one's own edits:

* synthetic: bench/synthetic.py's N-Triples (people, parties, statements with sources and quotes);
* replica: bench/replica.py's N-Quads, the shipped graph replicated with renamed actors (kg's own shape:
  hundreds of look-alike names, a blank-node derivation per quote, blank nodes far from their statements).

At each size, in fresh processes on the same machine in the same run:

* yardstick: one raw pyoxigraph `bulk_load` call per input file into the same named graphs, one after the
  other (what the engine alone costs), beside `kg build --force` (parallel load, compaction, name index);
* rebuild: `kg build` after touching the 1k-triple edits file (an incremental rebuild of its graph);
* cold lookups: whole `kg who-endorsed "Javier Milei"`, `kg show "Javier Milei"`, `kg search fernandez`
  processes, median of --runs, with the peak memory (maximum resident set) of each kind of process;
* warm lookups: the same three and `kg path`, plus a three-pattern join with a FILTER, in one process
  after a first call, median of --runs;
* the commands that read much of the graph, once each, with their peak memory: `kg validate`, `kg analyze
  --section centrality`, `kg viz --focus "Javier Milei"` and `kg viz` of the whole graph (which refuses a
  page of more than 5,000 actors with exit 3).

The first row is the shipped graph alone (with the edits file); a cold `python -c pass` and
`python -c 'import kg.cli'` (starting Python, then also click and kg's command line) give the scale of the
machine's speed in the same run. kg runs as users install it: this checkout installed with `pip install .`
into a new venv in the work folder (bench/installed.py; --venv reuses one), whose Python also runs the
yardstick and the warm lookups. The load average before and after the run is printed beside the figures.
Prints markdown tables:

    python bench/bench_scale.py [--workloads synthetic,replica] [--sizes 100k,1m] [--runs 5] [--workdir DIR]
                                [--venv DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import installed  # noqa: E402
import replica  # noqa: E402
import synthetic  # noqa: E402

WORKLOADS = {"synthetic": synthetic.dataset, "replica": replica.dataset}
LOOKUPS = {
    "who-endorsed": ["who-endorsed", "Javier Milei"],
    "show": ["show", "Javier Milei"],
    "search": ["search", "fernandez"],
}
# the commands that read much of the graph, timed once each: (name, arguments, exit codes that are answers)
HEAVY = [
    ("validate", ["validate"], (0, 1)),  # 1: violations found (the replica's suffixed quotes are in no source)
    ("analyze centrality", ["analyze", "--section", "centrality"], (0,)),
    ("viz --focus", ["viz", "--focus", "Javier Milei", "-o", "{out}/focus.html"], (0,)),
    ("viz (whole graph)", ["viz", "-o", "{out}/whole.html"], (0, 3)),  # 3: too many actors to draw
]
JOIN = """SELECT ?person ?party ?date WHERE {
  ?endorsement rdf:subject ?person .
  ?endorsement kgo:date ?date .
  ?person org:memberOf ?party .
  FILTER(DATATYPE(?date) = xsd:date && ?date >= "2023-11-01"^^xsd:date)
}"""
YARDSTICK = """
import sys, pyoxigraph as ox
from kg.rdf.inputs import graph_name, input_files
from kg.rdf.parsing import rdf_format
store = ox.Store(sys.argv[1])
for path in input_files():
    store.bulk_load(path=path, format=rdf_format(path), base_iri=path.resolve().as_uri(),
                    to_graph=ox.NamedNode(graph_name(path)))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str
    code: int = 0


def run(command: list[str], env: dict, answers: tuple[int, ...] = (0,)) -> Run:
    """Run a command to its end, with its wall time and its own peak memory (from wait4); exit if its exit
    code is not one of `answers`."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read()
    code = os.waitstatus_to_exitcode(status)
    if code not in answers:
        raise SystemExit(f"{' '.join(command)} failed (exit {code}):\n{output}")
    return Run(seconds, usage.ru_maxrss / 1024, output, code)


def warm(runs: int) -> None:
    """In this process: open the store, then time each lookup and the join after a first call (JSON, ms)."""
    from kg.lookups.endorsements import who_endorsed
    from kg.lookups.path import path
    from kg.lookups.search import search
    from kg.lookups.show import show
    from kg.store.engines import open_engine

    engine = open_engine("store")
    calls = {
        "who-endorsed": lambda: who_endorsed(engine, "Javier Milei"),
        "show": lambda: show(engine, "Javier Milei"),
        "search": lambda: search(engine, "fernandez"),
        "path": lambda: path(engine, "Victoria Villarruel", "Lula"),
        "join": lambda: engine.select(JOIN),
    }
    figures = {}
    for name, call in calls.items():
        call()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        figures[f"warm {name}"] = statistics.median(samples)
    figures["join rows"] = len(engine.select(JOIN))
    print(json.dumps(figures))


def measure(workload: str, size: str, workdir: Path, runs: int, bin_dir: Path) -> dict:
    """One row of figures: the shipped graph alone when `size` is empty, else a workload at a size."""
    edits = workdir / "edits.ttl"
    if not edits.exists():
        synthetic.generate(1000, edits, seed=7)
    data = [WORKLOADS[workload](size, workdir)] if size else []
    kg, python = str(bin_dir / "kg"), str(bin_dir / "python")
    env = dict(installed.ENV, KG_DATA=os.pathsep.join(map(str, [*data, edits])),
               KG_CACHE=str(workdir / f"cache-{workload}-{size}"), COLUMNS="200")
    row = {"workload": workload if size else "shipped graph", "size": size}
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        yardstick = run([python, "-c", YARDSTICK, folder + "/store"], env)
    build = run([kg, "build", "--force"], env)
    manifest = json.loads((Path(build.output.split("Store: ")[1].strip()) / "kg-store.json").read_text())
    row.update(triples=manifest["triples"], yardstick=yardstick.seconds, build=build.seconds,
               load=manifest["load_seconds"], **{"yardstick peak": yardstick.peak_mb, "build peak": build.peak_mb})
    stat = edits.stat()
    os.utime(edits, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    rebuild = run([kg, "build"], env)
    if "incrementally" not in rebuild.output:
        raise SystemExit(f"the rebuild was not incremental:\n{rebuild.output}")
    row.update(rebuild=rebuild.seconds, **{"rebuild peak": rebuild.peak_mb})
    for name, arguments in LOOKUPS.items():
        results = [run([kg, *arguments], env) for _ in range(runs)]
        row[f"cold {name}"] = statistics.median(r.seconds for r in results) * 1000
        row[f"{name} peak"] = max(r.peak_mb for r in results)
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        for name, arguments, answers in HEAVY:
            done = run([kg, *(a.format(out=folder) for a in arguments)], env, answers)
            row[name] = (done.seconds, done.peak_mb, done.code)
    warm_run = run([python, __file__, "--warm", "--runs", str(runs)], env)
    row.update(json.loads(warm_run.output.strip().splitlines()[-1]))
    row["warm peak"] = warm_run.peak_mb
    return row


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def tables(rows: list[dict]) -> str:
    """The figures as markdown tables: builds and memory, then lookups."""
    out = ["| workload | quads | raw pyoxigraph bulk_load | kg build --force (of which load) | kg / raw | "
           "rebuild after touching 1k triples | peak memory raw / build / rebuild |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append(f"| {r['workload']} | {r['triples']:,} | {r['yardstick']:.2f} s | {r['build']:.2f} s "
                   f"({r['load']:.2f} s) | {r['build'] / r['yardstick']:.2f} | {r['rebuild']:.2f} s | "
                   f"{r['yardstick peak']:,.0f} / {r['build peak']:,.0f} / {r['rebuild peak']:,.0f} MB |")
    out += ["", "| workload | quads | cold who-endorsed | cold show | cold search | peak memory cold | "
            "warm who-endorsed | warm show | warm search | warm path | warm join + FILTER (rows) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        cold = " | ".join(_ms(r[f"cold {name}"]) for name in LOOKUPS)
        peak = max(r[f"{name} peak"] for name in LOOKUPS)
        warm_cells = " | ".join(_ms(r[f"warm {name}"]) for name in (*LOOKUPS, "path"))
        out.append(f"| {r['workload']} | {r['triples']:,} | {cold} | {peak:,.0f} MB | {warm_cells} | "
                   f"{_ms(r['warm join'])} ({r['join rows']:,}) |")
    out += ["", "| workload | quads | " + " | ".join(name for name, _, _ in HEAVY) + " |",
            "|---|---:|" + "---:|" * len(HEAVY)]
    for r in rows:
        cells = [f"{r[name][0]:.2f} s, {r[name][1]:,.0f} MB" + (f" (exit {r[name][2]})" if r[name][2] else "")
                 for name, _, _ in HEAVY]
        out.append(f"| {r['workload']} | {r['triples']:,} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Lookups: times in ms, medians of --runs. The last table: one run of each command, wall time and "
               "peak memory (the maximum resident set of the process).")
    return "\n".join(out)


def machine_note(load_before: tuple[float, ...]) -> str:
    """The machine's cores and its load average before the run (os.getloadavg() then) and now."""
    def loads(values):
        return " ".join(f"{x:.2f}" for x in values)
    return (f"\nMachine: {os.cpu_count()} cores; load average (1, 5, 15 min) {loads(load_before)} before, "
            f"{loads(os.getloadavg())} after.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", default="synthetic,replica")
    parser.add_argument("--sizes", default="100k,1m", help="of each workload: 100k, 1m (both), 3m (replica)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--venv", type=Path, help="a venv with kg installed (default: install into a new one)")
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warm:
        warm(args.runs)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    bin_dir = installed.scripts(args.venv, args.workdir)
    load_before = os.getloadavg()
    rows = [measure("synthetic", "", args.workdir, args.runs, bin_dir)]
    for size in args.sizes.lower().split(","):
        for workload in args.workloads.split(","):
            rows.append(measure(workload, size, args.workdir, args.runs, bin_dir))
            rows[-1]["workload"] = f"{workload} {size}"
            print(f"{workload} {size}: done", file=sys.stderr)
    print(tables(rows))
    env = dict(installed.ENV, KG_CACHE=str(args.workdir / "cache-synthetic-"))
    starts = {name: statistics.median(run(command, env).seconds for _ in range(args.runs)) * 1000
              for name, command in (("python -c pass", [str(bin_dir / "python"), "-c", "pass"]),
                                    ("python -c 'import kg.cli'", [str(bin_dir / "python"), "-c", "import kg.cli"]))}
    print("\nFor scale, cold in the same run: " + ", ".join(f"`{n}` {ms:.0f} ms" for n, ms in starts.items()) + ".")
    print(machine_note(load_before))
    return 0


if __name__ == "__main__":
    sys.exit(main())
