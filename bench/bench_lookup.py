"""Time a cold `kg who-endorsed Milei` against a plain-rdflib script doing the same lookup, and `python -c pass`.

Each command runs as a fresh process, N times (interleaved, after one warm-up round); the medians of wall
time and of CPU time (user + system, steadier on a busy machine) are compared. The plain-rdflib script
parses every file of the dataset into one rdflib Graph and runs one SPARQL query for Milei's endorsers,
which is what a lookup without kg's store would cost. The floor is what any cold lookup pays before kg's own
code runs: the interpreter, importing click, and RocksDB opening the built store. kg runs as users install it: the benchmark first
installs this checkout with `pip install .` into a new venv (bench/installed.py), whose `kg` script,
Python and store (KG_CACHE in the work folder) every command uses; --venv reuses one made before.

    python bench/bench_lookup.py [--runs N] [--workdir DIR] [--venv DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import installed  # noqa: E402

PLAIN_RDFLIB = """
import rdflib
from kg.rdf.inputs import input_files
graph = rdflib.Graph()
for path in input_files():
    graph.parse(path, format="turtle")
rows = graph.query('''
    PREFIX kgo: <https://w3id.org/argentina2023/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?name WHERE {
      ?milei rdfs:label "Javier Milei"@en .
      ?endorser kgo:endorses ?milei ; rdfs:label ?name FILTER(LANG(?name) = "en")
    } ORDER BY ?name''')
print("\\n".join(str(row.name) for row in rows))
"""


# What every cold lookup pays before kg's own code: the interpreter, click, and RocksDB opening the built store
# (the one kg's "current" pointer names in KG_CACHE).
FLOOR = """
import os, pathlib, click, pyoxigraph
cache = pathlib.Path(os.environ["KG_CACHE"])
pyoxigraph.Store.read_only(str(cache / (cache / "current").read_text().split()[1]))
"""


def commands(bin_dir: Path) -> dict[str, list[str]]:
    python = str(bin_dir / "python")
    return {
        "kg who-endorsed Milei": [str(bin_dir / "kg"), "who-endorsed", "Milei"],
        "plain rdflib (parse + 1 query)": [python, "-c", PLAIN_RDFLIB],
        "python -c pass": [python, "-c", "pass"],
        "floor: python, import click, open the store": [python, "-c", FLOOR],
    }


def run_once(command: list[str], env: dict) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0 or "who-endorsed" in command and "Bullrich" not in done.stdout:
        raise SystemExit(f"{command[:2]} failed:\n{done.stdout}{done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each command (default 21)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-lookup")
    parser.add_argument("--venv", type=Path, help="a venv with kg installed (default: install into a new one)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    todo = commands(installed.scripts(args.venv, args.workdir))
    env = dict(installed.ENV, KG_CACHE=str(args.workdir / "cache"))
    env.pop("KG_DATA", None)
    walls: dict[str, list[float]] = {name: [] for name in todo}
    cpus: dict[str, list[float]] = {name: [] for name in todo}
    load_before = os.getloadavg()
    for command in todo.values():
        run_once(command, env)  # warm-up: file system cache, the store built if missing
    for _ in range(args.runs):
        for name, command in todo.items():
            wall, cpu = run_once(command, env)
            walls[name].append(wall * 1000)
            cpus[name].append(cpu * 1000)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    lookup, plain, bare, floor = todo
    load = " ".join(f"{x:.2f}" for x in load_before)
    print(f"{args.runs} cold runs of each, interleaved; {os.cpu_count()} CPUs; load average (1, 5, 15 min) "
          f"{load} before, {' '.join(f'{x:.2f}' for x in os.getloadavg())} after.\n")
    print("| command | wall median (ms) | wall min (ms) | CPU median (ms) |")
    print("|---|---:|---:|---:|")
    for name in todo:
        print(f"| {name} | {wall[name]:.0f} | {min(walls[name]):.0f} | {cpu[name]:.0f} |")
    print(f"\nplain rdflib / kg who-endorsed: {wall[plain] / wall[lookup]:.1f}x wall, "
          f"{cpu[plain] / cpu[lookup]:.1f}x CPU")
    print(f"kg who-endorsed beyond python -c pass: {wall[lookup] - wall[bare]:.0f} ms wall; beyond the floor "
          f"(python, click, opening the store): {wall[lookup] - wall[floor]:.0f} ms wall")
    met = wall[lookup] <= 100 and wall[plain] / wall[lookup] >= 4
    print(f"target (median <= 100 ms, >= 4x faster than plain rdflib): {'met' if met else 'not met'}")


if __name__ == "__main__":
    main()
