"""The scale benchmark: the embedded store against rdflib in memory at 10k, 100k and 1M triples.

At each size, the synthetic data of bench/synthetic.py goes into KG_DATA (beside the shipped data), and
each engine is timed in fresh processes:

* build / load: `kg build --force` for the store (bulk load plus its name index); for rdflib, loading the
  dataset as every `--engine rdflib` command does (kg.load_dataset);
* cold lookups: whole `kg who-endorsed`, `kg show` and `kg path` processes, median of --runs;
* warm lookups: the same three lookups and a three-pattern join with a FILTER, in one process after a
  first call, median of --runs;
* peak memory (maximum resident set) of the build / load process and of a lookup process.

A step that exceeds --limit seconds is stopped and shown as "stopped". Prints markdown tables:

    python bench/bench_scale.py [--sizes 10k,100k,1m] [--runs 5] [--limit 300] [--workdir /tmp/kg-bench]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import dataset  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
LOOKUPS = {
    "who-endorsed": ["who-endorsed", "Javier Milei"],
    "show": ["show", "Javier Milei"],
    "path": ["path", "Victoria Villarruel", "Lula"],
}
STOPPED = "stopped"
JOIN = """SELECT ?person ?party ?date WHERE {
  ?endorsement rdf:subject ?person .
  ?endorsement kgo:date ?date .
  ?person org:memberOf ?party .
  FILTER(DATATYPE(?date) = xsd:date && ?date >= "2023-11-01"^^xsd:date)
}"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str
    ok: bool
    timed_out: bool


def run(command: list[str], env: dict, limit: float) -> Run:
    """Run a command, with its wall time and its own peak memory (from wait4), stopped after `limit` s."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, text=True)
        timer = threading.Timer(limit, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timed_out = not timer.is_alive()
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, out.read(), process.returncode == 0, timed_out)


def median_ms(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs) * 1000


def warm(engine_name: str, runs: int) -> None:
    """In this process: open the engine, then time each lookup and the join after a first call.

    Prints one JSON object per figure (ms) as soon as it is known, so a stopped run still reports the rest.
    """
    from kg import lookups, paths, profile
    from kg.store.engines import open_engine

    engine = open_engine(engine_name)
    calls = {
        "who-endorsed": lambda: lookups.who_endorsed(engine, "Javier Milei"),
        "show": lambda: profile.show(engine, "Javier Milei"),
        "path": lambda: paths.path(engine, "Victoria Villarruel", "Lula"),
        "join": lambda: engine.select(JOIN),
    }
    for name, call in calls.items():
        call()
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        print(json.dumps({f"warm {name}": statistics.median(samples)}), flush=True)
    print(json.dumps({"join rows": len(engine.select(JOIN))}), flush=True)


def measure(size: str, workdir: Path, runs: int, limit: float) -> list[dict]:
    """Both engines at one size: a row of figures for each."""
    data = dataset(size, workdir)
    env = dict(os.environ, KG_DATA=str(data), KG_CACHE=str(workdir / f"cache-{size}"), COLUMNS="200")
    rows = []

    build = run([KG, "build", "--force"], env, limit * 4)
    if not build.ok:
        raise SystemExit(f"kg build failed:\n{build.output}")
    store_folder = Path(build.output.split("Store: ")[1].strip())
    manifest = json.loads((store_folder / "kg-store.json").read_text())
    store = {"engine": "store", "triples": manifest["triples"], "build": build.seconds,
             "load": manifest["load_seconds"], "build peak": build.peak_mb}
    store.update(_cold(env, [], runs, limit))
    store.update(_warm(env, "store", runs, limit))
    rows.append(store)

    load = run([sys.executable, "-c", "import kg; print(len(kg.load_dataset()))"], env, limit)
    rdflib = {"engine": "rdflib", "triples": manifest["triples"], "build peak": load.peak_mb}
    if load.timed_out or not load.ok:
        rdflib["build"] = None
        rows.append(rdflib)
        return rows
    rdflib["build"] = rdflib["load"] = load.seconds
    # Each rdflib lookup process parses everything again: fewer runs once that takes long.
    rdflib_runs = min(runs, 3) if load.seconds < 10 else 1
    rdflib.update(_cold(env, ["--engine", "rdflib"], rdflib_runs, limit))
    rdflib.update(_warm(env, "rdflib", rdflib_runs, limit))
    rows.append(rdflib)
    return rows


def _cold(env: dict, engine: list[str], runs: int, limit: float) -> dict:
    figures = {}
    for name, arguments in LOOKUPS.items():
        results = []
        for _ in range(runs):
            result = run([KG, *arguments, *engine], env, limit)
            if result.timed_out:
                break
            if not result.ok:
                raise SystemExit(f"kg {' '.join(arguments)} failed:\n{result.output}")
            results.append(result)
        figures[f"cold {name}"] = median_ms(results) if results else STOPPED
        if name == "who-endorsed" and results:
            figures["lookup peak"] = max(r.peak_mb for r in results)
            figures["endorsers"] = results[0].output
    return figures


def _warm(env: dict, engine: str, runs: int, limit: float) -> dict:
    result = run([sys.executable, __file__, "--warm", engine, "--runs", str(runs)], env, limit)
    if not result.ok and not result.timed_out:
        raise SystemExit(f"warm {engine} failed:\n{result.output}")
    figures = {f"warm {name}": STOPPED for name in (*LOOKUPS, "join")}
    for line in result.output.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    return figures


def _ms(value) -> str:
    if value is STOPPED:
        return "stopped"
    return "—" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _s(value, limit) -> str:
    return f"stopped after {limit:.0f} s" if value is None else f"{value:.2f} s"


def tables(rows: list[dict], limit: float) -> str:
    """The figures as two markdown tables: build and memory, then lookups."""
    out = ["| triples | engine | build / load | triples/s | of which bulk load | peak memory build / lookup |",
           "|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        rate = f"{r['triples'] / r['build']:,.0f}" if r.get("build") else "—"
        bulk = f"{r['load']:.2f} s ({r['triples'] / r['load']:,.0f}/s)" if r["engine"] == "store" else "—"
        lookup = f"{r['lookup peak']:,.0f} MB" if r.get("lookup peak") else "—"
        out.append(f"| {r['triples']:,} | {r['engine']} | {_s(r.get('build'), limit)} | {rate} | {bulk} | "
                   f"{r['build peak']:,.0f} MB / {lookup} |")
    out += ["", "| triples | engine | cold who-endorsed | cold show | cold path | warm who-endorsed | warm show | "
            "warm path | warm join + FILTER (rows) |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        join = f"{_ms(r.get('warm join'))} ({r['join rows']:,})" if "join rows" in r else _ms(r.get("warm join"))
        cells = [_ms(r.get(k)) for k in ("cold who-endorsed", "cold show", "cold path", "warm who-endorsed",
                                          "warm show", "warm path")]
        out.append(f"| {r['triples']:,} | {r['engine']} | " + " | ".join(cells) + f" | {join} |")
    out.append("")
    out.append("Times in ms, medians (rdflib: one run where its load takes over 10 s). stopped: the process was "
               f"stopped after {limit:.0f} s (it includes loading, for rdflib). —: not measured.")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=300, help="seconds allowed to each rdflib step")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench")
    parser.add_argument("--warm", choices=("store", "rdflib"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.warm:
        warm(args.warm, args.runs)
        return 0
    args.workdir.mkdir(parents=True, exist_ok=True)
    baseline = median_ms([run([sys.executable, "-c", "pass"], dict(os.environ), 60) for _ in range(args.runs)])
    rows = []
    for size in args.sizes.lower().split(","):
        rows.extend(measure(size, args.workdir, args.runs, args.limit))
        print(f"{size}: done", file=sys.stderr)
    print(tables(rows, args.limit))
    print(f"\n`python -c pass` takes {baseline:.0f} ms. Machine: {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
